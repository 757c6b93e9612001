"""Nothing in src/ may be copied from the seed reports: no sentence, name or number run."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import ROOT, SEED_STEMS, seed_path

WINDOW = 16  # a run this long shared with a seed is a copied phrase, not a domain term
TEXT_FILES = {".py", ".yaml", ".html", ".j2", ".css", ".md", ".txt"}
# Official names every report uses: the national framework's dimensions and programme titles.
DOMAIN_TERMS = ("弘扬劳模精神、劳动精神、工匠精神", "前言、人才培养、产教融合、服务贡献、国际合作、文化传承、发展保障、面临挑战", "“十四五”职业教育国家规划教材")


def test_src_shares_no_long_phrase_with_the_seeds():
    seeds = "".join(re.sub(r"\s+", "", seed_path(stem).read_text(encoding="utf-8")) for stem in SEED_STEMS)
    windows = {seeds[i : i + WINDOW] for i in range(len(seeds) - WINDOW)}
    copied = []
    for path in sorted((ROOT / "src").rglob("*")):
        if path.suffix not in TEXT_FILES:
            continue
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        for term in DOMAIN_TERMS:
            text = text.replace(term, "")
        for i in range(len(text) - WINDOW):
            if text[i : i + WINDOW] in windows and re.search(r"[\u4e00-\u9fa5]", text[i : i + WINDOW]):
                copied.append(f"{path.relative_to(ROOT)}: {text[i : i + WINDOW]}")
                break
    assert not copied, "\n".join(copied)


def test_seed_school_names_absent():
    names = ("天津市职业大学", "天津职业大学", "机电工业学校")
    hits = [str(p) for p in Path(ROOT / "src").rglob("*") if p.is_file() and p.suffix in TEXT_FILES
            and any(name in p.read_text(encoding="utf-8") for name in names)]
    assert not hits


def _distinctive_numbers(text: str) -> set[str]:
    """Figures specific enough to be copied: two or more decimals, or four-plus digits that are not
    a year or a round number."""
    found = set(re.findall(r"\d+\.\d{2,}", text))
    found |= {n for n in re.findall(r"(?<![\d.])\d{4,}(?![\d.])", text)
              if not re.fullmatch(r"(19|20)\d\d", n) and not n.endswith("00")}
    return found


def test_src_quotes_no_figure_of_the_seeds():
    seeds = set().union(*(_distinctive_numbers(seed_path(stem).read_text(encoding="utf-8")) for stem in SEED_STEMS))
    copied = []
    for path in sorted((ROOT / "src").rglob("*")):
        if path.suffix in TEXT_FILES:
            for number in sorted(_distinctive_numbers(path.read_text(encoding="utf-8")) & seeds):
                copied.append(f"{path.relative_to(ROOT)}: {number}")
    assert not copied, "\n".join(copied)
