"""facts._last finds the last of a word list in one regex scan: it must give what a search per word
gives (the word written last; of those starting there, the longest), for each of the word lists
the facts use, on every clause of the seeds and on generated text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.parse import facts
from nianbao.parse.facts import words

from .conftest import SEED_STEMS, seed_path


def _last_by_search(text: str, choices) -> tuple[int, str]:
    best = (-1, "")
    for word in choices:
        at = text.rfind(word)
        if at > best[0] or (at == best[0] >= 0 and len(word) > len(best[1])):
            best = (at, word)
    return best


def _lists() -> list[tuple[str, ...]]:
    w = words()
    return [w.multi_year + w.periods, w.levels, tuple(w.level_words), w.lead, w.share]


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_last_word_as_by_search_on_every_seed_clause(stem):
    text = seed_path(stem).read_text(encoding="utf-8")
    clauses = [c for c in text.replace("，", "\n").replace("。", "\n").splitlines() if c.strip()]
    found = 0
    for choices in _lists():
        for clause in clauses:
            assert facts._last(clause, choices) == _last_by_search(clause, choices), (clause, choices)
            found += facts._last(clause, choices)[0] >= 0
    assert found > 100


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="近五年来累计国家级省级市级校级以来历年全年本年度", max_size=24),
       st.lists(st.text(alphabet="近五年来累计国家级省级", min_size=1, max_size=4), min_size=1, max_size=6))
def test_last_word_as_by_search_on_generated_text(text, choices):
    """Overlapping words, words inside others, repeats."""
    assert facts._last(text, tuple(choices)) == _last_by_search(text, tuple(choices))
