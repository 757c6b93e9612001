"""A synthetic corpus: reports of fictitious schools (both levels, varied figures, tables, cases,
formats txt/md/docx/pdf) with a manifest of the true values and of the defects injected, and short
reports in the forms of other years, levels and kinds with their truth (forms.py). Used by the batch
tests, the benchmark and the demo. ``corpus.generate`` writes one."""

FORMATS = ("txt", "md", "docx", "pdf")
MANIFEST = "manifest.json"
STANDARD = "standard"  # the long 2025 school report; the other forms are in forms.FORMS
