"""Files that are not what they claim, whatever their format: a text that is mostly garbled
characters (broken font encodings, a wrong charset) or that has (almost) no line breaks. Such a
file gets one clear message instead of thousands of findings. Measured in linear time.

Garbled characters are those ordinary Chinese text never holds: every character of GB2312 or Big5
(simplified and traditional Chinese with their punctuation, Greek, Cyrillic, kana, pinyin letters),
printable ASCII, the CJK and general punctuation and full-width forms are ordinary; replacement
characters, private-use glyphs, control characters, Latin-1 letters of mojibake and the rare
characters a font without its Unicode map decodes into are not. On the seeds, the variety corpus,
the producer corpus and the sample at most 0.02% of the characters are not ordinary; a text layer
without its ToUnicode maps has 54–73%, a Chromium PDF cut at half its length 16%.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..errors import InputError
from ..model import Document

# Share of characters (whitespace aside) that may be garbled before the text is not a report's.
MAX_GARBLED = 0.1
MIN_CHARACTERS = 200  # below this a share says nothing (a cover page, a stub)
# A line this long has lost its line breaks: a dense page holds about 2,000 characters and a web
# copy that flattens each page onto one line (the variety corpus) stays far below it.
MAX_LINE_CHARACTERS = 20_000
_ORDINARY_BLOCKS = ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))  # punctuation, CJK symbols, full width


@cache
def ordinary(char: str) -> bool:
    code = ord(char)
    if code < 0x80:
        return char.isprintable() or char in "\t\n\r\f"
    if any(low <= code <= high for low, high in _ORDINARY_BLOCKS) and code != 0xFFFD:
        return True
    for encoding in ("gb2312", "big5"):
        try:
            char.encode(encoding)
            return True
        except UnicodeEncodeError:
            pass
    return False


def garbled_share(text: str) -> tuple[float, int]:
    """The share of ``text``'s characters (whitespace aside) that are garbled, and how many it counted."""
    counted = garbled = 0
    for char, count in Counter(text).items():  # each distinct character once
        if char.isspace():
            continue
        counted += count
        garbled += 0 if ordinary(char) else count
    return (garbled / counted if counted else 0.0), counted


def check(document: Document) -> None:
    """Raise the InputError of a file whose text is garbled or has no line breaks."""
    path = document.path
    longest = max(document.lines, key=lambda line: len(line.text), default=None)
    if longest is not None and len(longest.text) > MAX_LINE_CHARACTERS:
        raise InputError(path, f"文件几乎没有换行：第 {longest.number} 行长达 {len(longest.text):,} 个字符"
                               f"（一页正文不过两千字左右），无法分辨标题、段落和表格。"
                               "请从原文件重新导出（保留换行），或直接提供 PDF/DOCX 原文件。")
    share, counted = garbled_share(document.text)
    if counted >= MIN_CHARACTERS and share > MAX_GARBLED:
        raise InputError(path, f"文件的文字大多是乱码（{share:.0%} 的字符无法识别），可能是字体编码损坏、"
                               "PDF 缺少文字映射（ToUnicode）或文本编码不对，无法提取出正确的文字。"
                               "请从原文件重新导出（PDF 请嵌入字体），或提供 DOCX 原文件。")
