"""A school's report as a project: scaffold (init), department workbooks, chapter Markdown,
numbering and resolution into a Draft (draft.py) that render/ turns into DOCX, PDF and HTML."""
