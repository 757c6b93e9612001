"""WordprocessingML pieces python-docx does not make: fields (TOC, PAGEREF, SEQ, REF, PAGE) with
their cached results, bookmarks, internal hyperlinks, and the package settings that ask Word to
refresh every field when the file is opened (w:updateFields)."""

from __future__ import annotations

from contextlib import contextmanager

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# CT_Settings is a sequence: w:updateFields must stand before the first of these that is present.
_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")


def run(parent, text: str = ""):
    """A run appended to a paragraph (``w:p``) or a hyperlink; tabs become ``w:tab``."""
    r = OxmlElement("w:r")
    for k, part in enumerate(text.split("\t")):
        if k:
            r.append(OxmlElement("w:tab"))
        if part:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = part
            r.append(t)
    parent.append(r)
    return r


def _fld_char(parent, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run(parent).append(char)


def field_begin(parent, instruction: str) -> None:
    _fld_char(parent, "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run(parent).append(text)
    _fld_char(parent, "separate")


def field_end(parent) -> None:
    _fld_char(parent, "end")


def field(parent, instruction: str, cached: str = "") -> None:
    """A whole field in one paragraph, with the result Word shows until it updates the field."""
    field_begin(parent, instruction)
    if cached:
        run(parent, cached)
    field_end(parent)


class Bookmarks:
    """Bookmark names and ids of one document. Names start with "_" (Word hides them from the user's
    bookmark list, as it does its own _Toc and _Ref bookmarks) and are plain ASCII."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._next_id = 0

    def name(self, anchor: str, prefix: str) -> str:
        if anchor not in self.names:
            self.names[anchor] = f"_{prefix}{len(self.names) + 1:06d}"
        return self.names[anchor]

    @contextmanager
    def around(self, parent, name: str):
        """Whatever is appended to ``parent`` inside the block is the bookmark's content."""
        self._next_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._next_id))
        start.set(qn("w:name"), name)
        parent.append(start)
        yield
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._next_id))
        parent.append(end)


def hyperlink(parent, bookmark: str):
    """An internal link to a bookmark; runs appended to it are the link's text."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    parent.append(link)
    return link


def update_fields_on_open(settings) -> None:
    """Ask Word to update every field (contents, lists, SEQ, REF, PAGEREF) when the file is opened."""
    element = settings.element
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    following = next((child for child in element if child.tag in {qn(t) for t in _AFTER_UPDATE_FIELDS}), None)
    if following is None:
        element.append(flag)
    else:
        following.addprevious(flag)
