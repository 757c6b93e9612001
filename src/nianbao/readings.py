"""The readings of Chinese characters, tones left out, for the spelling rules' test of characters that
sound alike (pypinyin, without its phrase table: a single character's readings do not use it).

pypinyin parses its whole character table in every process that imports it (~35 ms). So the readings of
the common characters (U+4E00–U+9FFF), worked out by pypinyin once per machine, are kept in a store
beside the segmenter's (caches.py; ~0.3 MB, read in 3 ms), and pypinyin is imported only for a character
outside it, or where no store can be kept."""

from __future__ import annotations

import marshal
import os
from functools import cache, lru_cache

from .caches import forget_old_stores, library_identity, read_marshalled, store_path, user_cache, write_atomically

INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w")
COMMON = range(0x4E00, 0xA000)
STORE_FORMAT = 1

Reading = tuple[str, str]  # (initial, final)


def by_pypinyin(char: str) -> tuple[Reading, ...]:
    """Every reading of a character as pypinyin gives it."""
    # pypinyin's documented switches skip loading (0.15 s) and copying its phrase table
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, pinyin

    found = []
    for syllable in pinyin(char, style=Style.NORMAL, heteronym=True)[0]:
        initial = next((i for i in INITIALS if syllable.startswith(i)), "")
        found.append((initial, syllable[len(initial):]))
    return tuple(found)


def _common_readings() -> dict[str, tuple[Reading, ...]]:
    shared: dict = {}  # one object per distinct reading, so that the store writes each once

    def one(value):
        return shared.setdefault(value, value)

    return {chr(code): one(tuple(map(one, by_pypinyin(chr(code))))) for code in COMMON}


@cache
def _store() -> dict[str, tuple[Reading, ...]]:
    identity = (STORE_FORMAT, INITIALS, COMMON, library_identity("pypinyin", "pinyin_dict.json"))
    path = store_path(user_cache("words", "NIANBAO_WORDS_CACHE"), "pinyin", identity)
    if path is None:
        return {}
    table = read_marshalled(path)
    if isinstance(table, dict) and len(table) == len(COMMON):
        return table
    table = _common_readings()
    write_atomically(path, marshal.dumps(table))
    forget_old_stores(path)
    return table


@lru_cache(maxsize=8192)
def readings(char: str) -> tuple[Reading, ...]:
    """Every reading of a character as (initial, final), tones left out."""
    found = _store().get(char)
    return found if found is not None else by_pypinyin(char)
