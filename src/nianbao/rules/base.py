"""What every rule is: a small class with a stable code, a severity, a Chinese name and message,
and a docstring holding a bad and a good example (shown by ``nianbao rules`` / ``nianbao explain``).

A rule reads the Report (and the check context) and yields Findings that point at a line.
Rules register themselves by subclassing ``Rule``; families live one per module in this package.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from ..conventions import SEVERITIES, Severity
from ..frameworks import Framework
from ..model import Finding, Report, Span

if TYPE_CHECKING:
    from ..indicators.changes import YearValue


@dataclass
class CheckContext:
    """What a rule may need besides the report: the level, kind and year checked against, the
    framework of exactly that year, level and kind (None when there is none: rules that need one
    then stay silent, S110 says so once), the school's prior-year values when its prior report was
    given (V110) and per-rule settings ("change_ratio": V110's limit)."""

    level: str | None = None
    year: int | None = None
    kind: str | None = None
    framework: Framework | None = None
    prior: dict[str, YearValue] | None = None
    settings: dict = field(default_factory=dict)


REGISTRY: dict[str, type["Rule"]] = {}
# A rule family by the letter its codes start with (P: notes of the parser).
FAMILIES = {"S": "结构", "C": "目录与列表", "N": "编号", "R": "交叉引用", "M": "缺数、占位与乱码", "A": "计算",
            "K": "前后一致", "D": "日期", "V": "数值合理性", "P": "解析提示"}


def family_of(code: str) -> str:
    return FAMILIES.get(code[:1], "其他")


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""  # short Chinese name
    severity: ClassVar[Severity] = "warning"
    dimension: ClassVar[str] = "规范性"  # what the score counts it against
    # How a check shares the rules between two processes (check.py, lanes.py): the rules of one module
    # run together, and so do rules that name the same costly derived data in ``shares`` (it is then
    # worked out once); the pieces with the highest ``cost`` go first so the two processes end together.
    # cost: 1 a few lines or headings, 2 every sentence or figure, 3 every word of the text.
    shares: ClassVar[str] = ""
    cost: ClassVar[int] = 1

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.code:
            if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
                raise ValueError(f"duplicate rule code {cls.code}")
            REGISTRY[cls.code] = cls

    def check(self, report: Report, context: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, message: str, span: Span, evidence: str = "", severity: Severity | None = None) -> Finding:
        return Finding(self.code, severity or self.severity, message, span, evidence[:200], self.dimension)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def severities(cls) -> dict[str, str]:
        """Every severity the rule can report, most severe first, with when (guide.yaml)."""
        given = _guide().get(cls.code, {}).get("severities", {})
        return {severity: given[severity] for severity in SEVERITIES if severity in given}

    @classmethod
    def fix(cls) -> str:
        """How to fix what the rule finds (guide.yaml)."""
        return _guide().get(cls.code, {}).get("fix", "")


@cache
def _guide() -> dict:
    from ..data import package_yaml

    return package_yaml(__package__, "guide.yaml")


def all_rules() -> Iterator[type[Rule]]:
    from . import load_families

    load_families()
    yield from (REGISTRY[code] for code in sorted(REGISTRY))
