#!/usr/bin/env bash
# The demo: parse the bundled sample report of a fictitious school and show what nianbao sees.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
echo "== nianbao parse examples/sample-report.txt =="
$BIN/nianbao parse examples/sample-report.txt
