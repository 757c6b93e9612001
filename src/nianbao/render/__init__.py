"""Renderers: the compiled draft to DOCX / PDF / HTML, charts drawn from their specs."""
