"""fold_width folds full-width punctuation itself and normalises fully only what is still out of NFKC:
it must give exactly ``unicodedata.normalize("NFKC", …)``, on every line of the seeds and the variety
corpus and on generated text mixing full-width forms with combining marks, jamo and compatibility
characters (where folding alone is not the whole story)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.parse.normalize import fold_width

from .conftest import SEED_STEMS, seed_path

VARIETY = Path(__file__).parent / "fixtures" / "variety"


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_fold_width_is_nfkc_on_every_seed_line(stem):
    lines = seed_path(stem).read_text(encoding="utf-8").splitlines()
    assert [fold_width(line) for line in lines] == [_nfkc(line) for line in lines]


def test_fold_width_is_nfkc_on_every_variety_line():
    lines = [line for path in sorted(VARIETY.iterdir()) if path.suffix in (".txt", ".md") for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    assert [fold_width(line) for line in lines] == [_nfkc(line) for line in lines]


# Full-width forms and the ideographic space (folded), what follows them in NFKC (combining marks that
# compose with a folded letter, half-width katakana and their voiced marks, Hangul jamo), compatibility
# characters, and plain text.
_ALPHABET = "ＡＢａ０１（），：；！？＂＇　\u0301\u0308\u0327\u3099ｶﾞﾟ\u1100\u1161\u11a8㈠①ﬁ㎡…™½AaB0 ,(中文年度报告“”"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_fold_width_is_nfkc_on_generated_text(text):
    assert fold_width(text) == _nfkc(text)
