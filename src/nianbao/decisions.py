"""Findings that keep their identity, and the decisions taken on them (问题清单 / 整改台账).

A finding's fingerprint is a hash of its rule code, its evidence (normalised: width, whitespace and the
numbers of 第…行/第…页 do not count) and the titles of the sections it stands under — never its line
number. So the decision a school and its reviewer took on a finding survives a corrected re-upload
(lines shift) and carries into next year's report of the same school; it changes when the evidence does.

The decisions file is the offline form of the ledger (like a linter's baseline): the web service
exports it, ``nianbao check --decisions FILE`` reads it, and so does the JSON ``nianbao check`` writes
(every finding in it then counts as known, 基线).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .model import Finding, Report

FORMAT = "nianbao-decisions"
VERSION = 1
HEADING_SEPARATOR = " > "
_LOCATOR = re.compile(r"第\s*\d+\s*([行页])")
_SPACE = re.compile(r"\s+")

ANSWERS = {"fixed": "已整改", "explained": "说明理由", "baseline": "基线（已知问题）"}
REVIEWS = {"accepted": "已接受", "rejected": "已驳回"}


def normalise(text: str) -> str:
    """Evidence as compared: full/half width folded, whitespace dropped, line and page numbers blanked."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub("", _LOCATOR.sub(r"第#\1", text))


def _section_index(report: Report) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Every section as (first line, last line, path of titles), sorted by first line."""
    spans: list[tuple[int, int, str]] = []

    def walk(sections, path: list[str]) -> None:
        for section in sections:
            here = path + [section.heading.title or section.heading.text]
            spans.append((section.heading.span.line, section.end_line, HEADING_SEPARATOR.join(here)))
            walk(section.children, here)

    walk(report.sections, [])
    spans.sort()
    return [s[0] for s in spans], spans


def heading_of(starts: list[int], spans: list[tuple[int, int, str]], line: int) -> str:
    """Path of the innermost section holding ``line`` ("" before the first heading)."""
    k = bisect_right(starts, line) - 1
    while k >= 0:
        first, last, path = spans[k]
        if first <= line <= last:
            return path
        k -= 1
    return ""


def fingerprint(code: str, evidence: str, heading: str, message: str = "", occurrence: int = 0) -> str:
    """The identity of a finding. Without evidence the message (its line numbers blanked) stands in;
    ``occurrence`` tells apart the same finding repeated under one heading."""
    key = "\x1f".join([code, normalise(evidence) if evidence else "msg:" + normalise(message),
                       normalise(heading), str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def stamp(report: Report, findings: list[Finding]) -> None:
    """Give each finding its heading path and fingerprint (in the order the checker sorted them)."""
    starts, spans = _section_index(report)
    seen: dict[str, int] = {}
    for finding in findings:
        finding.heading = heading_of(starts, spans, finding.span.line)
        base = fingerprint(finding.code, finding.evidence, finding.heading, finding.message)
        finding.fingerprint = fingerprint(finding.code, finding.evidence, finding.heading, finding.message, seen.get(base, 0))
        seen[base] = seen.get(base, 0) + 1


@dataclass
class Decision:
    fingerprint: str
    code: str = ""
    heading: str = ""
    evidence: str = ""
    message: str = ""
    answer: str | None = None  # fixed | explained | baseline
    explanation: str = ""
    review: str | None = None  # accepted | rejected
    review_note: str = ""

    @property
    def status(self) -> str:
        if self.review:
            return REVIEWS[self.review]
        if self.answer == "baseline":
            return ANSWERS["baseline"]
        return "待审核" if self.answer else "待答复"

    @property
    def handled(self) -> bool:
        """Settled: accepted by the reviewer, or explained (and not rejected), or a baseline entry.
        A 已整改 answer is not: if the finding is still there, the fix did not take."""
        if self.review == "rejected":
            return False
        return self.review == "accepted" or self.answer in ("explained", "baseline")


def dumps(decisions: Iterable[Decision], school: str = "", exported: str = "") -> str:
    fields = list(Decision.__dataclass_fields__)  # the file's fields, whatever subclass is passed
    entries = [{**{name: getattr(d, name) for name in fields}, "status": d.status} for d in decisions]
    return json.dumps({"format": FORMAT, "version": VERSION, "school": school, "exported": exported,
                       "decisions": entries}, ensure_ascii=False, indent=2)


def _from_check_output(data: dict) -> list[Decision]:
    return [Decision(f["fingerprint"], f.get("code", ""), f.get("heading", ""), f.get("evidence", ""),
                     f.get("message", ""), "baseline")
            for entry in data.get("files", []) for f in entry.get("findings", []) if f.get("fingerprint")]


def load(path: str | Path) -> dict[str, Decision]:
    """A decisions file (exported by the web service) or a ``nianbao check --format json`` output."""
    path = Path(path)
    hint = "请使用网页“整改台账”导出的决定文件，或 nianbao check --format json 的输出。"
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise InputError(str(path), "决定文件不存在，请检查路径。") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"无法读取决定文件（不是有效的 JSON）。{hint}") from exc
    if isinstance(data, dict) and data.get("format") == FORMAT:
        if data.get("version") != VERSION:
            raise InputError(str(path), f"决定文件版本 {data.get('version')} 不受支持（应为 {VERSION}）。请重新导出。")
        fields = set(Decision.__dataclass_fields__)
        try:
            decisions = [Decision(**{k: v for k, v in entry.items() if k in fields}) for entry in data["decisions"]]
        except (KeyError, TypeError) as exc:
            raise InputError(str(path), f"决定文件内容不完整（缺少 fingerprint 等字段）。{hint}") from exc
        bad = [d for d in decisions if d.answer not in (None, *ANSWERS) or d.review not in (None, *REVIEWS)]
        if bad:
            raise InputError(str(path), f"决定文件中有无法识别的答复或审核结果（{bad[0].answer}/{bad[0].review}）。{hint}")
    elif isinstance(data, dict) and "files" in data:
        decisions = _from_check_output(data)
    else:
        raise InputError(str(path), f"不是 nianbao 的决定文件。{hint}")
    return {d.fingerprint: d for d in decisions}
