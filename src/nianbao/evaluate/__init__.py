"""Many reports: batch ingest into the store, compliance scores, regional statistics and the
regional report with one feedback page per school."""
