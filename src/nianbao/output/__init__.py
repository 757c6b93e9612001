"""Every output of nianbao for people and machines, in one place: the checker's findings (text, JSON,
SARIF, HTML), a parsed report (outline text, JSON), indicator values (JSON, CSV, XLSX), the regional
report (HTML pages, XLSX) and case collections (DOCX). Writers only read what other packages made."""
