"""Build the producer corpus and print what was made and how long each producer took.
``NIANBAO_PRODUCER_CACHE=$(mktemp -d) python -m tests.producers`` measures a cold build."""

from __future__ import annotations

import time

from . import CACHE, corpus


def main() -> None:
    timings: dict[str, float] = {}
    start = time.perf_counter()
    produced = corpus(timings)
    total = time.perf_counter() - start
    for item in produced:
        pages = f"{item.truth['pages']:4d} pages" if item.truth else ""
        where = item.path.name if item.path else f"FAILED: {item.error}"
        print(f"{item.source:7s} {item.variant.name:26s} {pages:10s} {where}")
    print(f"cache {CACHE}")
    print("build " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()) + f"; total {total:.1f} s")


if __name__ == "__main__":
    main()
