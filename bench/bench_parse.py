"""Parse speed on the seed reports: our text → Report against reading and splitting the same file,
measured in one run. Prints reports/s and the ratio."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from nianbao.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")) + [ROOT / "examples" / "sample-report.txt"]
ROUNDS = 10


def timed(function) -> float:
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for path in SEEDS:
            function(path)
    return time.perf_counter() - start


def main() -> None:
    if not SEEDS:
        sys.exit("no seed reports found beside the project")
    raw = timed(lambda path: path.read_text(encoding="utf-8").split("\n"))
    ours = timed(parse_file)
    reports = ROUNDS * len(SEEDS)
    print(f"parse: {reports / ours:.1f} reports/s over {len(SEEDS)} files × {ROUNDS} rounds; "
          f"{ours / reports * 1000:.1f} ms per report; ratio to read+split: {ours / raw:.0f}×")


if __name__ == "__main__":
    main()
