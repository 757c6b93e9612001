"""Check speed on the seed reports: parse + all rules, measured in one run, against parsing alone.
Prints reports/s for the whole check and the share of time the rules take."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from nianbao.check import check_path, select_rules
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
    rules = select_rules()
    check_path(SEEDS[0], rules)  # warm up imports and compiled patterns
    parse_only = timed(parse_file)
    whole = timed(lambda path: check_path(path, rules))
    reports = ROUNDS * len(SEEDS)
    print(f"check (parse + {len(rules)} rules): {reports / whole:.1f} reports/s over {len(SEEDS)} files × {ROUNDS} rounds; "
          f"{whole / reports * 1000:.1f} ms per report; rules take {(whole - parse_only) / whole:.0%} of it")


if __name__ == "__main__":
    main()
