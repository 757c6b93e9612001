"""Page furniture in text extracted from PDFs: running headers/footers and page-number lines.

Found statistically, never by known text: a header is a short line that recurs all through the
document at page-like intervals and is not attached to a table or caption (a repeated 数据来源
line is); a page-number line is a bare number that counts up by one from page to page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..conventions import PAGE_NUMBER, SENTENCE_END, SOURCE
from ..model import Line
from .headings import numbered_shape
from .normalize import fold_width, squash
from .patterns import CAPTION, REFERENCE_GROUP

MIN_REPEATS = 4
MAX_HEADER_CHARS = 80
MIN_COVERAGE = 0.3  # share of the document between first and last occurrence
_DIGITS = re.compile(r"\d+")


@dataclass
class Furniture:
    lines: set[int] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)  # first line number of each new page
    page_numbers: dict[int, int] = field(default_factory=dict)  # line number -> printed page


def _is_attached(lines: list[Line], index: int) -> bool:
    """True when the previous non-blank line is a table row or a caption: the line belongs to it."""
    for j in range(index - 1, max(-1, index - 4), -1):
        text = lines[j].text.strip()
        if text:
            return lines[j].cells is not None or bool(CAPTION.match(text))
    return False


def _running_lines(lines: list[Line]) -> tuple[set[int], list[str]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not text or len(text) > MAX_HEADER_CHARS or PAGE_NUMBER.match(text) or line.cells is not None:
            continue
        groups[_DIGITS.sub("#", squash(fold_width(text)))].append(i)
    found: set[int] = set()
    texts: list[str] = []
    total = max(len(lines), 1)
    for indexes in groups.values():
        if len(indexes) < MIN_REPEATS or (indexes[-1] - indexes[0]) / total < MIN_COVERAGE:
            continue
        sample = lines[indexes[0]].text.strip()
        # Captions, sources, headings and sentences repeat for their own reasons.
        if SOURCE.match(sample) or CAPTION.match(sample) or numbered_shape(sample) or sample[-1] in SENTENCE_END \
                or REFERENCE_GROUP.search(sample):
            continue
        attached = sum(_is_attached(lines, i) for i in indexes)
        if attached * 2 > len(indexes):
            continue
        found.update(lines[i].number for i in indexes)
        texts.append(sample)
    return found, texts


def _page_number_lines(lines: list[Line], skip: set[int]) -> dict[int, int]:
    """Bare numbers that form a run counting up by one (allowing a few misses)."""
    candidates = []
    for line in lines:
        if line.number in skip:
            continue
        match = PAGE_NUMBER.match(line.text)
        if match and line.text.strip():
            candidates.append((line.number, int(match.group("page"))))
    if len(candidates) < 3:
        return {}
    # Longest chain where each next page is previous+1..+2 and lines move forward by a page's worth.
    best: list[tuple[int, int]] = []
    for start in range(len(candidates)):
        chain = [candidates[start]]
        for number, page in candidates[start + 1 :]:
            last_number, last_page = chain[-1]
            if 1 <= page - last_page <= 2 and number - last_number >= 5:
                chain.append((number, page))
        if len(chain) > len(best):
            best = chain
        if len(best) > len(candidates) // 2:
            break
    return dict(best) if len(best) >= 3 else {}


def detect(lines: list[Line]) -> Furniture:
    headers, texts = _running_lines(lines)
    numbers = _page_number_lines(lines, headers)
    furniture = Furniture(lines=headers | set(numbers), texts=texts, page_numbers=numbers)
    if numbers:
        furniture.page_breaks = [number + 1 for number in sorted(numbers)]
    elif headers:
        # A running header opens each page; consecutive header lines (header + footer) count once.
        ordered = sorted(headers)
        furniture.page_breaks = [n for k, n in enumerate(ordered) if k == 0 or n - ordered[k - 1] > 3]
    return furniture

