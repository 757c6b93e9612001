"""Parse time against file size: the sample report pasted together 8, 32 and 128 times (up to
about 3.7 MB), measured in one run. Prints seconds per MB at each size and the ratio of the largest
to the smallest (about 1 when parsing is linear)."""

from __future__ import annotations

import time
from pathlib import Path

from nianbao.model import Document, Line
from nianbao.parse import parse

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-report.txt"


def main() -> None:
    text = SAMPLE.read_text(encoding="utf-8").rstrip("\n")
    per_mb = []
    for count in (8, 32, 128):
        whole = "\n".join([text] * count)
        document = Document("long.txt", "txt", [Line(i, t) for i, t in enumerate(whole.split("\n"), start=1)])
        start = time.perf_counter()
        parse(document)
        size = len(whole.encode()) / 1e6
        per_mb.append((time.perf_counter() - start) / size)
        print(f"{count:4d} copies, {size:5.1f} MB: {per_mb[-1]:.2f} s/MB")
    print(f"s/MB at the largest size ÷ at the smallest: {per_mb[-1] / per_mb[0]:.2f}")


if __name__ == "__main__":
    main()
