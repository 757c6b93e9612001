"""Rule patterns rewritten to search faster match exactly as the forms they replaced, over many
generated texts made of the characters they look for."""

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
