"""The decisions file: the offline form of the ledger (问题清单 / 整改台账), like a linter's baseline.
The web service exports it, ``nianbao check --decisions FILE`` reads it, and so does the JSON
``nianbao check`` writes (every finding in it then counts as known, 基线). ``decision_note`` is how a
decision reads beside its finding in the text and JSON findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from ..conventions import ANSWER_NAMES, REVIEW_NAMES
from ..errors import InputError, unreadable
from ..model import Decision

FORMAT = "nianbao-decisions"
VERSION = 1


def decision_note(decision: Decision) -> str:
    """How a finding stands in the decisions file, e.g. 已处理：说明理由，已接受."""
    answer = ANSWER_NAMES[decision.answer] if decision.answer in ("fixed", "explained") else ""
    return f"{'已处理' if decision.handled else '未处理'}：{answer + '，' if answer else ''}{decision.status}"


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
    """A decisions file (exported by the web service) or a ``nianbao check --format json`` output,
    by fingerprint."""
    path = Path(path)
    hint = "请使用网页“整改台账”导出的决定文件，或 nianbao check --format json 的输出。"
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise InputError(str(path), "决定文件不存在，请检查路径。") from exc
    except OSError as exc:
        raise unreadable(path, exc) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"无法读取决定文件（不是有效的 JSON）。{hint}") from exc
    if isinstance(data, dict) and data.get("format") == FORMAT:
        if data.get("version") != VERSION:
            raise InputError(str(path), f"决定文件版本 {data.get('version')} 不受支持（应为 {VERSION}）。请重新导出。")
        fields = set(Decision.__dataclass_fields__)
        try:
            decisions = [Decision(**{k: v for k, v in entry.items() if k in fields}) for entry in data["decisions"]]
        except (KeyError, TypeError) as exc:
            raise InputError(str(path), f"决定文件内容不完整（缺少 fingerprint 等字段）。{hint}") from exc
        bad = [d for d in decisions if d.answer not in (None, *ANSWER_NAMES) or d.review not in (None, *REVIEW_NAMES)]
        if bad:
            raise InputError(str(path), f"决定文件中有无法识别的答复或审核结果（{bad[0].answer}/{bad[0].review}）。{hint}")
    elif isinstance(data, dict) and "files" in data:
        decisions = _from_check_output(data)
    else:
        raise InputError(str(path), f"不是 nianbao 的决定文件。{hint}")
    return {d.fingerprint: d for d in decisions}
