"""Text normalisation shared by the parser and the rules."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_LEADER = re.compile(r"[\s.．…·•‥⋯。_\-—]{2,}$")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")  # full-width ASCII forms and the ideographic space
_FULL_WIDTH_FOLDED = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in (*range(0xFF01, 0xFF5F), 0x3000)}
_PUNCT_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "《": "<", "》": ">", "—": "-", "–": "-", "－": "-"})


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width (（一） stays distinguishable only by the numeral, which is what we want):
    the text's NFKC form. Checking a text is normalised costs a hundredth of normalising it, and Chinese
    prose is mostly out of the form only by its full-width punctuation: folded first, the rest is checked
    (each of those characters becomes what NFKC decomposes it into, so the forms are the same)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    folded = _FULL_WIDTH.sub(lambda match: _FULL_WIDTH_FOLDED[match.group()], text)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Remove all whitespace."""
    return _SPACE.sub("", text)


def title_key(text: str) -> str:
    """Key for comparing titles written in different places: width folded, no spaces, quotes
    and dashes unified, trailing dot leaders and sentence punctuation dropped."""
    key = squash(fold_width(text)).translate(_PUNCT_FOLD)
    return key.rstrip(".。;；:：,，")


def strip_leaders(text: str) -> str:
    return _LEADER.sub("", text.rstrip()).rstrip()
