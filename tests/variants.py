"""Generated variants of the seed reports: the same content with other page furniture or markup."""

from __future__ import annotations

HEADER = "某某学校质量年度报告（测试页眉）"


def with_page_furniture(text: str, page_lines: int = 30, start_page: int = 1) -> tuple[str, dict[int, int]]:
    """Insert a running header at the top and a page-number line at the bottom of every
    ``page_lines`` lines. Returns the new text and, for each original line (1-based), its new line."""
    out: list[str] = []
    mapping: dict[int, int] = {}
    page = start_page
    for number, line in enumerate(text.split("\n"), start=1):
        if (number - 1) % page_lines == 0:
            if number > 1:
                out += ["", str(page), ""]
                page += 1
            out += [HEADER, ""]
        out.append(line)
        mapping[number] = len(out)
    out += ["", str(page)]
    return "\n".join(out), mapping


def as_markdown(text: str, headings: dict[int, int]) -> str:
    """Turn heading lines (line → level) into ``#`` headings and tab rows into pipe rows, one
    output line per input line so line numbers stay comparable."""
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if number in headings:
            out.append("#" * min(max(headings[number], 1), 6) + " " + line.strip())
        elif "\t" in line:
            out.append("| " + " | ".join(cell.strip() for cell in line.split("\t")) + " |")
        else:
            out.append(line)
    return "\n".join(out)
