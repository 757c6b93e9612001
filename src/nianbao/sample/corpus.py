"""``generate``: a corpus of synthetic reports written to a folder, with its manifest."""

from __future__ import annotations

import json
import random
from pathlib import Path

from . import FORMATS, MANIFEST
from .content import build
from .writers import write, write_broken


def generate(out: Path, count: int, seed: int = 0, defect_rate: float = 0.2, formats: tuple[str, ...] = FORMATS,
             year: int = 2025) -> dict:
    """Write ``count`` reports into ``out`` and the manifest; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    entries = []
    taken: set[str] = set()
    for k in range(count):
        level = "高职" if rng.random() < 0.5 else "中职"
        content = build(rng, level, year, defect_rate, taken=taken)
        fmt = formats[k % len(formats)]
        path = out / f"{k + 1:04d}.{fmt}"
        defects, starts = [], {}
        if any(d.kind == "bad_file" for d in content.defects):
            detail = write_broken(path, rng)
            defects.append({"kind": "bad_file", "detail": detail})
        else:
            starts = write(content, path)
            for defect in content.defects:
                defects.append({"kind": defect.kind, "indicator": defect.indicator, "detail": defect.detail,
                                "line": starts.get(defect.indicator) or starts.get(defect.block)})
        lines = {key: line for key, line in starts.items() if isinstance(key, str)}
        entries.append({"file": path.name, "school": content.school, "level": level, "year": year, "format": fmt,
                        "values": content.values, "lines": lines, "defects": defects})
    manifest = {"seed": seed, "count": count, "defect_rate": defect_rate, "reports": entries}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest
