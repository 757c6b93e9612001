"""``generate``: a corpus of synthetic reports written to a folder, with its manifest."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Callable

from . import FORMATS, MANIFEST, STANDARD
from .content import build
from .forms import write_form
from .writers import write, write_broken


def generate(out: Path, count: int, seed: int = 0, defect_rate: float = 0.2, formats: tuple[str, ...] = FORMATS,
             year: int = 2025, forms: tuple[str, ...] = (STANDARD,),
             progress: Callable[[str], None] | None = None) -> dict:
    """Write ``count`` reports into ``out`` and the manifest; returns the manifest. ``forms`` take
    turns: STANDARD is a long 2025 school report in ``formats``; the others (forms.FORMS) are short
    text reports of other years, levels and kinds, with their truth in the manifest.
    ``progress(file name)`` hears each report written (PDF and DOCX take seconds each)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    entries = []
    taken: set[str] = set()
    for k in range(count):
        form = forms[k % len(forms)]
        if form != STANDARD:
            truth = write_form(form, out / f"{k + 1:04d}.txt", rng)
            entries.append({"file": truth["file"], "form": form, "school": truth["school"] or truth["region"],
                            "level": truth["level"], "year": truth["year"], "format": "txt", "values": {}, "lines": {},
                            "defects": [{"kind": "breakdown", "line": d["line"], "detail": "分项之和与总数不符"}
                                        for d in truth["defects"]], "truth": truth})
            if progress:
                progress(truth["file"])
            continue
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
        entries.append({"file": path.name, "form": STANDARD, "school": content.school, "level": level, "year": year, "format": fmt,
                        "values": content.values, "lines": lines, "defects": defects})
        if progress:
            progress(path.name)
    manifest = {"seed": seed, "count": count, "defect_rate": defect_rate, "reports": entries}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest
