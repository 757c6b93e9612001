"""Check speed on the seed reports: parse + all rules, measured in one run, against parsing alone.
Prints reports/s for the whole check and the share of time the rules take."""

from __future__ import annotations

import sys

from bench_parse import ROUNDS, SEEDS, timed  # same files, rounds and timer as the parse benchmark

from nianbao.check import check_path, select_rules
from nianbao.parse import parse_file


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
