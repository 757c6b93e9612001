"""Renderers: a compiled report (or findings) to DOCX / PDF / HTML, and the charts inside them."""
