"""Text normalisation shared by the parser and the rules."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_LEADER = re.compile(r"[\s.．…·•‥⋯。_\-—]{2,}$")
_PUNCT_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "《": "<", "》": ">", "—": "-", "–": "-", "－": "-"})


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width (（一） stays distinguishable only by the numeral, which is what we want)."""
    # Most text is normalised already: checking that costs a hundredth of normalising it.
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


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
