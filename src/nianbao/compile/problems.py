"""What stops a build, collected over the whole project so the clerk sees every missing or invalid
value at once (workbook, sheet, cell, indicator, chapter line), not one per run."""

from __future__ import annotations

from ..errors import InputError


class Problems:
    def __init__(self) -> None:
        self._found: dict[tuple[str, str], list[str]] = {}  # (file, message) → where it was used

    def add(self, error: InputError, used_at: str = "") -> None:
        uses = self._found.setdefault((error.path, error.message), [])
        if used_at and used_at not in uses:
            uses.append(used_at)

    def __len__(self) -> int:
        return len(self._found)

    def lines(self) -> list[str]:
        out = []
        for (path, message), uses in self._found.items():
            used = f"（引用处：{'、'.join(uses[:3])}{' 等' if len(uses) > 3 else ''}）" if uses else ""
            out.append(f"{path}：{message}{used}")
        return out

    def error(self, root: str, draft_hint: bool) -> InputError:
        lines = self.lines()
        listed = "\n".join(f"  {n}. {line}" for n, line in enumerate(lines, 1))
        hint = "；或加 --draft 先用【待填】占位生成草稿" if draft_hint else ""
        return InputError(root, f"有 {len(lines)} 处需要补全或修改：\n{listed}\n请逐项修改后重新编译{hint}。")
