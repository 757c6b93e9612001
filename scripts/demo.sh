#!/usr/bin/env bash
# The demo, on the bundled fictitious school (青岚职业技术学院):
#   1. read its published text report;  2. check it;  3. check a copy with two mistakes;
#   4. build its report project to DOCX/PDF/HTML with the pre-publish gate (and a flawed copy);
#   5. a small region: generate reports of fictitious schools, ingest, evaluate, search cases;
#   6. the web review service on a demo region (skipped with NIANBAO_DEMO_SERVE=0 or without a terminal;
#      NIANBAO_DEMO_SERVE=1 starts it anyway; NIANBAO_DEMO_PORT chooses the port).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=out/demo
rm -rf "$OUT" && mkdir -p "$OUT"

echo "== 1. 读取示例年报：nianbao parse examples/sample-report.txt =="
$BIN/nianbao parse examples/sample-report.txt | head -25
echo "…"
$BIN/nianbao parse examples/sample-report.txt | tail -3
echo
echo "== 2. 合规性检查：nianbao check examples/sample-report.txt =="
$BIN/nianbao check examples/sample-report.txt
echo
echo "== 3. 检查一份故意改错的副本（表1-1合计改为 32，删去一个数字） =="
sed -e 's/^合计\t7\t10\t14\t31$/合计\t7\t10\t14\t32/' -e 's/竞赛 42 项/竞赛 项/' examples/sample-report.txt > "$OUT/样例-有误.txt"
$BIN/nianbao check "$OUT/样例-有误.txt" || true
$BIN/nianbao check "$OUT/样例-有误.txt" --format html --output "$OUT/样例-有误.html" || true
echo "（退出码 1 表示发现错误；HTML 检查报告：$OUT/样例-有误.html）"
echo
echo "== 4. 编制示例学校的年报并做发布前检查 =="
NIANBAO_DEMO_OUT="$OUT" bash scripts/demo-compile.sh
echo
echo "== 5. 区域汇总：生成 12 份虚构学校的年报，批量入库、评价、检索案例 =="
$BIN/nianbao sample "$OUT/样本" --count 12 --seed 7 --formats txt,docx
$BIN/nianbao ingest "$OUT/样本" --db "sqlite:///$OUT/region.db" --create -j 2
$BIN/nianbao evaluate --db "sqlite:///$OUT/region.db" --out "$OUT/区域评价"
$BIN/nianbao cases search 思政 --db "sqlite:///$OUT/region.db" -n 3
echo
echo "全部输出在 $OUT/ 目录下。"
echo
echo "== 6. 网上审核平台：nianbao serve --demo（演示地区、虚构学校、各角色演示账号） =="
SERVE="$BIN/nianbao serve --demo --db sqlite:///$OUT/serve.db --port ${NIANBAO_DEMO_PORT:-8000}"
if [ "${NIANBAO_DEMO_SERVE:-}" = "0" ] || { [ -z "${NIANBAO_DEMO_SERVE:-}" ] && [ ! -t 0 ]; }; then
  echo "（已跳过。手动启动：$SERVE）"
else
  rm -rf "$OUT/serve.db" "$OUT/serve-files"
  exec $SERVE
fi
