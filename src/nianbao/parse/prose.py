"""Body prose: paragraphs joined across wrapped lines and page breaks, the cross-references and the
numbers they state."""

from __future__ import annotations

from ..conventions import ITEM_KINDS, PARAGRAPH_END, normalise_number
from ..model import Figure, Line, Paragraph, Quantity, Reference, Table
from .numbers import find_quantities
from .pages import Pages, span_of
from .patterns import REFERENCE_GROUP, REFERENCE_MORE

MIN_OPEN_BLOCK_CHARS = 15


def build_paragraphs(lines: list[Line], structural: set[int], furniture: set[int], pages: Pages) -> list[Paragraph]:
    """``structural`` lines are not prose (headings, captions, rows, contents) and end a paragraph;
    ``furniture`` lines count as blank, so a paragraph split by a page break is joined again. A text
    piece (parse/reading.py) is prose though its line holds a heading: after a run-in heading it opens
    the paragraph; after a head piece that is no heading it is read on with it."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.number in furniture:
            continue
        if (line.number in structural and line.piece != "text") or not line.text.strip():
            if current:
                blocks.append(current)
                current = []
            if line.number in structural and line.text.strip():
                blocks.append([])  # a structural line closes the paragraph for good
            continue
        current.append(line)
    if current:
        blocks.append(current)
    paragraphs: list[Paragraph] = []
    texts: list[list[str]] = []  # each paragraph's lines, joined once at the end (+= on an attribute copies the text)
    joinable = False
    length = 0
    for block in blocks:
        if not block:
            joinable = False
            continue
        if not (joinable and paragraphs):
            paragraphs.append(Paragraph("", [], pages[block[0].number - 1]))
            texts.append([])
            length = 0
        paragraph, parts = paragraphs[-1], texts[-1]
        for line in block:
            paragraph.offsets.append((length, line.number))
            parts.append(line.text.strip())
            length += len(parts[-1])
        # (a stripped line ends in no space); a block that stops mid-sentence was split by a page break
        joinable = length >= MIN_OPEN_BLOCK_CHARS and parts[-1][-1] not in PARAGRAPH_END
    for paragraph, parts in zip(paragraphs, texts):
        paragraph.text = "".join(parts)
    return paragraphs


def find_references(paragraphs: list[Paragraph], pages: Pages) -> list[Reference]:
    references: list[Reference] = []
    for paragraph in paragraphs:
        text = paragraph.text
        for match in REFERENCE_GROUP.finditer(text):
            before = text[: match.start()].rstrip()
            after = text[match.end() : match.end() + 4]
            if not (match.group("lead") or before.endswith(("（", "(")) or after.startswith("所示")):
                continue
            line = paragraph.line_at(match.start("kind"))
            span = span_of(pages, line)
            kind = match.group("kind")
            references.append(Reference(ITEM_KINDS[kind], normalise_number(match.group("num")), span, match.group(0)))
            for more in REFERENCE_MORE.finditer(match.group("more") or ""):
                kind = more.group("kind") or kind
                references.append(Reference(ITEM_KINDS[kind], normalise_number(more.group("num")), span, match.group(0)))
    return references


def find_numbers(paragraphs: list[Paragraph], tables: list[Table], pages: Pages) -> list[Quantity]:
    quantities: list[Quantity] = []
    for paragraph in paragraphs:
        for found in find_quantities(paragraph.text):
            line = paragraph.line_at(found.start)
            quantities.append(Quantity(found.value, found.unit, found.raw, span_of(pages, line),
                                       found.approximate, found.start))
    for table in tables:
        for row in table.rows:
            for column, cell in enumerate(row.cells):
                for found in find_quantities(cell):
                    quantities.append(Quantity(found.value, found.unit, found.raw, row.span, found.approximate, found.start,
                                               column))
    return quantities


def caption_numbers(figures: list[Figure]) -> None:
    """The numbers a figure's title states ("校友捐赠 40 万元奖学基金"), kept on the figure."""
    for figure in figures:
        figure.quantities = [Quantity(found.value, found.unit, found.raw, figure.span, found.approximate, found.start)
                             for found in find_quantities(figure.title)]


