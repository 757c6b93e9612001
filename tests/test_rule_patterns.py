"""Patterns of the rules and of parse/numbers rewritten to search faster match exactly as the forms
they replaced, over many generated texts made of the characters they look for (and over the seeds)."""

import random
import re

from nianbao.conventions import PLACEHOLDER


def _texts(alphabet: str, count: int = 20000, longest: int = 12, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(longest + 1))) for _ in range(count)]


def _same_matches(old: re.Pattern, new: re.Pattern, texts: list[str]) -> None:
    wrong = [t for t in texts if [m.span() for m in old.finditer(t)] != [m.span() for m in new.finditer(t)]]
    assert not wrong[:5]


def test_placeholders():
    from nianbao.rules.missing import _PLACEHOLDER

    old = re.compile(re.escape(PLACEHOLDER) + r"|X{2,}|x{2,}(?![a-z])|×{2,}|＊{2,}|\*{3,}|待补充|待填写|待定|待更新|"
                     r"【\s*】|\[\s*\]|（\s{2,}）|\(\s{2,}\)|□{1,}|○{2,}")
    _same_matches(old, _PLACEHOLDER, _texts("Xx×＊*待补充填写定更新【】[]（）() \u3000□○ay年" + PLACEHOLDER))


def test_chinese_characters_told_by_a_compare_as_by_the_class():
    from nianbao.rules.common import is_cjk, leading_hanzi

    texts = _texts("\u4dff\u4e00\u4e01学\u9ffe\u9fff\ua000a1，。 ", count=5000, longest=8)
    assert all(leading_hanzi(t, 4) == re.match(r"[\u4e00-\u9fff]{0,4}", t).group(0) for t in texts)
    assert all(is_cjk(c) == bool(re.match(r"[\u4e00-\u9fff]", c)) for c in "\u4dff\u4e00学\u9fff\ua000a1，")


def test_medals():
    from nianbao.parse.numbers import MEDAL

    old = re.compile(r"(?<![\d.])(?P<num>\d+)(?P<kind>金|银|铜)(?=[、，,。；;和及]|$)")
    texts = _texts("12.金银铜、，和获a\n", count=20000)
    assert all([(m.span(), m.groupdict()) for m in old.finditer(t)] == [(m.span(), m.groupdict()) for m in MEDAL.finditer(t)]
               for t in texts)


def test_quantities_are_tried_only_where_one_can_start():
    from nianbao.parse.numbers import QUANTITY, _quantity_matches

    from .conftest import SEED_STEMS, seed_path

    texts = _texts("近约超过逾达到共计累合12.,３两十百万亿余多 人次元名个%左右以上a年周分钟", count=20000, longest=16)
    texts += [line for stem in SEED_STEMS for line in seed_path(stem).read_text(encoding="utf-8").splitlines()]
    assert all([m.span() for m in QUANTITY.finditer(t)] == [m.span() for m in _quantity_matches(t)] for t in texts)
