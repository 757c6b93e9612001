"""Many reports: ingest into the store (analyse one file, load many), compliance scores, regional
statistics and peer comparison. The regional report itself is written by output/regional.py."""
