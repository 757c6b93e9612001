#!/usr/bin/env bash
# The compile demo: build the bundled sample project (a fictitious school) to DOCX/PDF/HTML with the
# pre-publish gate, then build a deliberately flawed copy and show what the gate finds.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=${NIANBAO_DEMO_OUT:-out/demo}

echo "== nianbao build examples/qinglan --out $OUT/qinglan =="
$BIN/nianbao build examples/qinglan --out "$OUT/qinglan"

FLAWED="$OUT/qinglan-有错误的副本"
rm -rf "$FLAWED" && mkdir -p "$OUT" && cp -r examples/qinglan "$FLAWED"
rm -rf "$FLAWED/build"
chapter="$FLAWED/chapters/10-人才培养.md"
# Three flaws a reviewer would catch: a table total that does not add up, a breakdown in the prose
# that does not sum to its total, and a hand-typed reference to a figure that does not exist.
sed -i 's/| 合计 | 7 | 10 | 14 | 31 |/| 合计 | 7 | 10 | 14 | 33 |/' "$chapter"
sed -i 's/三等奖 14 项（见@tbl:t1_1）/三等奖 16 项（见@tbl:t1_1）/' "$chapter"
sed -i 's/（见@fig:f1_3）/（见图 1-9）/' "$chapter"

echo
echo "== nianbao build $FLAWED --out $OUT/flawed --force =="
status=0
$BIN/nianbao build "$FLAWED" --out "$OUT/flawed" --force || status=$?
echo "（退出码 $status：1 表示发布前检查发现错误；--force 仍写出了文件）"
echo
echo "生成的文件在 $OUT/qinglan/ （示例学校）和 $OUT/flawed/ （有错误的副本）"
