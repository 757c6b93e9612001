"""A synthetic corpus: reports of fictitious schools (both levels, varied figures, tables, cases,
formats txt/md/docx/pdf) with a manifest of the true values and of the defects injected. Used by
the batch tests, the benchmark and the demo. ``corpus.generate`` writes one."""

FORMATS = ("txt", "md", "docx", "pdf")
MANIFEST = "manifest.json"
