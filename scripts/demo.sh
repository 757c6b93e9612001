#!/usr/bin/env bash
# The demo: read and check the bundled sample report of a fictitious school, then check a copy with
# two deliberate mistakes and show what the checker finds.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=out/demo
mkdir -p "$OUT"

echo "== 1. 读取示例年报：nianbao parse examples/sample-report.txt =="
$BIN/nianbao parse examples/sample-report.txt
echo
echo "== 2. 合规性检查：nianbao check examples/sample-report.txt =="
$BIN/nianbao check examples/sample-report.txt
echo
echo "== 3. 检查一份故意改错的副本（合计改为 32，删去一个数字） =="
sed -e 's/^合计\t7\t10\t14\t31$/合计\t7\t10\t14\t32/' -e 's/竞赛 42 项/竞赛 项/' examples/sample-report.txt > "$OUT/样例-有误.txt"
$BIN/nianbao check "$OUT/样例-有误.txt"
$BIN/nianbao check "$OUT/样例-有误.txt" --format html --output "$OUT/样例-有误.html" || true
echo
echo "检查报告（HTML）：$OUT/样例-有误.html"
