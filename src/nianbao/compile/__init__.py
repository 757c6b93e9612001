"""A school's report as a project: scaffold (init), department workbooks, chapter Markdown,
numbering and resolution into a CompiledReport that render/ turns into DOCX, PDF and HTML."""
