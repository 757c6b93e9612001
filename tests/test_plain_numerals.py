"""parse.numbers.plain_cn reads the common forms of Chinese numerals without cn2an (whose import costs a
third of a second per process): on every form it accepts it must agree with cn2an's "smart" reading."""

import itertools
import random
import sys

import cn2an

from nianbao.parse.numbers import cn_or_arabic, plain_cn


def _smart(text: str):
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return int(value) if float(value).is_integer() else value


def _forms() -> set[str]:
    rng = random.Random(2025)
    numbers = [*range(10000), *(rng.randrange(10000, 10**8) for _ in range(3000))]
    forms = set()
    for n in numbers:
        written = cn2an.an2cn(n)
        forms |= {written, written.replace("二", "两"), written[1:] if written.startswith("一十") else written}
    alphabet = "零〇一二两三五九十百千万"
    forms |= {"".join(c) for k in range(1, 4) for c in itertools.product(alphabet, repeat=k)}
    forms |= {"".join(rng.choice(alphabet) for _ in range(rng.randrange(4, 7))) for _ in range(5000)}
    return forms - {""}


def test_plain_numerals_agree_with_cn2an_wherever_they_answer():
    forms = _forms()
    answered = {form: plain_cn(form) for form in forms if plain_cn(form) is not None}
    wrong = {form: (value, _smart(form)) for form, value in answered.items() if value != _smart(form)}
    assert not wrong
    assert len(answered) > len(forms) // 3  # it answers the common forms, not a handful


def _decimals() -> set[str]:
    rng = random.Random(11)
    return {f"{rng.choice(['', '0', '00'])}{rng.randrange(10 ** rng.randrange(1, 5))}."
            f"{rng.choice(['', '0', '00'])}{rng.randrange(10 ** rng.randrange(1, 4))}{rng.choice(['', '0', '00'])}"
            for _ in range(3000)} | {"1.1", "2.10", "3.0", "01.00", "12.5"}


def test_the_fast_path_agrees_with_cn2an_wherever_it_answers(monkeypatch):
    """cn_or_arabic without cn2an (its import fails): every answer it still gives, a value or None
    (a bare place first: "百万"; an Arabic decimal: "1.1"), is cn2an's."""
    alphabet = "零一二两五十百千万亿"
    forms = _forms() | _decimals() | {"".join(c) for k in range(1, 5) for c in itertools.product(alphabet, repeat=k)}
    forms -= {"百", "千", "万"}  # a bare 百/千/万 ("近百人") is the project's own reading, cn2an reads none
    expected = {form: value if isinstance(value := _smart(form), int) else None for form in forms}  # whole numbers only
    monkeypatch.setitem(sys.modules, "cn2an", None)
    answered = {}
    for form in forms:
        try:
            answered[form] = cn_or_arabic.__wrapped__(form)
        except ImportError:
            continue
    wrong = {form: (value, expected[form]) for form, value in answered.items() if value != expected[form]}
    assert not wrong
    assert {"百万", "千亿", "1.1", "3.0"} <= set(answered) and answered["3.0"] == 3 and answered["百万"] is None


def test_the_common_forms_are_read_without_cn2an():
    assert [plain_cn(t) for t in ("二十四", "十二", "两百", "一千零五", "三万零五百", "二〇二五", "零")] == \
        [24, 12, 200, 1005, 30500, 2025, 0]
    assert plain_cn("一百五") is None  # 150 or 105: cn2an decides
    assert cn_or_arabic("一百五") == _smart("一百五")


def test_numerals_side_by_side_are_no_quantity_except_a_year():
    from nianbao.parse.numbers import find_quantities

    def read(text):
        return [(f.value, f.unit) for f in find_quantities(text)]

    assert read("学校作为唯一一所高职院校获批") == []
    assert read("新建三四个实训室") == []  # three or four: a range, not 34
    assert read("于二〇二五年完成") == [(2025.0, "年")]
    assert read("新增二十四个专业，共十二所学校") == [(24.0, "个"), (12.0, "所")]
