#!/usr/bin/env bash
# The compile demo: build the bundled sample project (a fictitious school) to DOCX/PDF/HTML with the
# pre-publish gate; build a deliberately flawed copy (the gate points at the chapter lines and only a
# draft PDF is written); start a new project and build it as a draft with 【待填】 placeholders.
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
echo "== nianbao build $FLAWED --out $OUT/flawed =="
status=0
$BIN/nianbao build "$FLAWED" --out "$OUT/flawed" || status=$?
echo "（退出码 $status：1 表示发布前检查发现错误；问题指向章节文件的行，只写出了标有“草稿”的 PDF）"

NEW="$OUT/新建项目"
rm -rf "$NEW"
echo
echo "== nianbao init $NEW，未填数据直接 build：一次列出全部待填项 =="
$BIN/nianbao init "$NEW" --school 示例职业技术学院 --level 高职 --year 2025
status=0
$BIN/nianbao build "$NEW" --out "$OUT/新建项目-输出" || status=$?
echo "（退出码 $status）"
echo
echo "== nianbao build $NEW --draft：待填的数据印作【待填】，生成草稿 PDF =="
status=0
$BIN/nianbao build "$NEW" --out "$OUT/新建项目-输出" --draft | tail -6 || status=$?
echo
echo "生成的文件在 $OUT/qinglan/ （示例学校）、$OUT/flawed/ （有错误的副本，草稿）和 $OUT/新建项目-输出/ （草稿）"
