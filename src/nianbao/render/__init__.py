"""Renderers: compiled reports to DOCX / PDF / HTML (with charts), check results to text, SARIF and HTML."""
