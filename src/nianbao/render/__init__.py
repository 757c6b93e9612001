"""Renderers: check results and reports turned into text, JSON, SARIF and HTML."""
