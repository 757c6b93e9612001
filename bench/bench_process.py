"""Whole processes, as a user runs them, on every PDF of the producer corpus (tests/producers):
``nianbao check x.pdf --format json`` against ``python -c "import pymupdf; …get_text()…"`` on the
same file, and ``nianbao --help``. Prints the ratio per variant, measured in one run (best of a few
rounds, the two commands interleaved so a busy machine slows both alike). Goal: ≤ 3× (stretch
2×); ``--help`` under 0.5 s. As on a user's machine after the first run: Python may keep its bytecode
(PYTHONDONTWRITEBYTECODE is dropped for the commands), and one check before timing builds the
segmenter's dictionary store that every later process reads. ``check`` shares its work over two
processes where the machine has two cores (nianbao/lanes.py); ``NIANBAO_LANES=1 python
bench/bench_process.py`` measures it in one.

Run as ``python bench/bench_process.py`` (``--rounds N``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.producers import corpus  # noqa: E402

NIANBAO = Path(sys.executable).with_name("nianbao")
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
RAW = "import sys, pymupdf\nwith pymupdf.open(sys.argv[1]) as d:\n    n = sum(len(p.get_text()) for p in d)"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: findings; anything else is a failure, not a time
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = [item for item in corpus() if item.path is not None and item.path.suffix == ".pdf"]
    if files:
        timed([str(NIANBAO), "check", str(files[0].path), "--format", "json"])  # warm-up, not timed
    helps = min(timed([str(NIANBAO), "--help"]) for _ in range(args.rounds))
    print(f"bench_process: whole processes, best of {args.rounds}, interleaved; nianbao --help {helps:.2f} s")
    print(f"  {'file':34s} {'pages':>5s} {'get_text':>9s} {'check':>8s} {'ratio':>6s}")
    ratios = []
    for item in files:
        raw = check = float("inf")
        for _ in range(args.rounds):
            raw = min(raw, timed([sys.executable, "-c", RAW, str(item.path)]))
            check = min(check, timed([str(NIANBAO), "check", str(item.path), "--format", "json"]))
        with pymupdf.open(item.path) as document:
            pages = document.page_count
        ratios.append(check / raw)
        print(f"  {item.source + ' ' + item.variant.name:34s} {pages:5d} {raw:8.2f}s {check:7.2f}s {check / raw:5.1f}×")
    if ratios:
        print(f"  ratio: median {sorted(ratios)[len(ratios) // 2]:.1f}×, worst {max(ratios):.1f}× (goal ≤ 3×, stretch 2×)")


if __name__ == "__main__":
    main()
