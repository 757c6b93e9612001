"""The body's pair index (rules/wording.Corpus) answers as a plain scan of the text would: every place of
a phrase, how often it stands, what fills a gap of one character, which units hold a phrase and where a
pair begins in each unit — over many phrases taken from real reports and their neighbours."""

from __future__ import annotations

import random
import re

from nianbao.parse import parse_file
from nianbao.rules.wording import all_cjk, corpus, holding, pair_starts, units
from tests.conftest import SAMPLE, SEED_STEMS, seed_path


def _phrases(text: str, rng: random.Random, count: int) -> list[str]:
    found = []
    for _ in range(count):
        at = rng.randrange(len(text) - 8)
        phrase = text[at : at + rng.randrange(2, 8)]
        if rng.random() < 0.3:  # one character changed: often nowhere in the text
            k = rng.randrange(len(phrase))
            phrase = phrase[:k] + rng.choice(text) + phrase[k + 1 :]
        found.append(phrase)
    return found


def _overlapping(text: str, phrase: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(phrase)})", text)]


def test_the_pair_index_answers_as_a_scan_of_the_text():
    rng = random.Random(3)
    for path in [SAMPLE, *map(seed_path, SEED_STEMS)]:
        report = parse_file(path)
        body = corpus(report)
        text = body.text
        for phrase in _phrases(text, rng, 400):
            assert body.positions(phrase) == _overlapping(text, phrase)
            assert body.count(phrase) == len(_overlapping(text, phrase))
            left, right = phrase[: len(phrase) // 2], phrase[len(phrase) // 2 + 1 :]
            if len(left) >= 2 or len(right) >= 2:
                scanned: dict[str, int] = {}
                for start in _overlapping(text, left):
                    at = start + len(left)
                    if at < len(text) and "\u4e00" <= text[at] <= "\u9fff" and text.startswith(right, at + 1):
                        scanned[text[at]] = scanned.get(text[at], 0) + 1
                assert body.fill(left, right) == scanned  # the same characters, counted, in the same order
        texts = [unit.text for unit in units(report)]
        for phrase in _phrases(text, rng, 100):
            assert holding(report, [phrase]) == {k for k, unit_text in enumerate(texts) if phrase in unit_text}
        pairs = {phrase[:2] for phrase in _phrases(text, rng, 50)}
        expected = {}
        for k, unit_text in enumerate(texts):
            places = sorted(i for pair in pairs for i in _overlapping(unit_text, pair))
            if places:
                expected[k] = places
        assert pair_starts(report, pairs) == expected


def test_all_cjk_is_every_character_chinese():
    rng = random.Random(5)
    alphabet = "学校产教融合ab1，。\u4e00\u9fff\u3400\ua000 "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6)))
        assert all_cjk(text) == all("\u4e00" <= ch <= "\u9fff" for ch in text)
