"""Reading a report in traditional characters against reading the same report in simplified ones,
measured in one run: the seeds converted with OpenCC s2t are parsed (detection, the simplified copy,
the parse) and compared with parsing the seeds themselves. Prints the ratio and the share of time the
detection takes on simplified reports (every report pays it)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_parse import ROUNDS, SEEDS

from nianbao.parse import parse_file
from nianbao.parse.script import is_traditional, to_traditional
from nianbao.readers import read


def _timed(function, paths) -> float:
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for path in paths:
            function(path)
    return time.perf_counter() - start


def main() -> None:
    if not SEEDS:
        sys.exit("no seed reports found beside the project")
    with tempfile.TemporaryDirectory() as folder:
        converted = []
        for path in SEEDS:
            target = Path(folder) / path.name
            target.write_text(to_traditional(path.read_text(encoding="utf-8")), encoding="utf-8")
            converted.append(target)
        parse_file(converted[0])  # warm up OpenCC and the patterns
        simplified = _timed(parse_file, SEEDS)
        traditional = _timed(parse_file, converted)
        documents = {path: read(path).lines for path in SEEDS}
        detection = _timed(lambda path: is_traditional(documents[path]), SEEDS)
    reports = ROUNDS * len(SEEDS)
    print(f"traditional: {traditional / reports * 1000:.1f} ms per report against {simplified / reports * 1000:.1f} ms "
          f"simplified ({traditional / simplified:.2f}×); detection is {detection / simplified:.1%} of a simplified parse")


if __name__ == "__main__":
    main()
