"""Chinese word segmentation for the spelling and garble checks: jieba's dictionary (the one its wheel
ships, word frequencies included) plus the lexicon's fixed phrases as whole words, cut as jieba cuts
with its hidden Markov model off.

jieba's own start-up unmarshals its whole prefix dictionary (~500,000 entries, ~0.7 s) in every
process — most of a single ``nianbao check``. A report needs only the entries that begin with one of
the two-character pairs of the texts it segments (~10% of them). So the dictionary, built once per
machine exactly as jieba builds it (lexicon phrases added), is kept in a cache file sharded by an
entry's first two characters, and a process loads the shard of a pair when a cut first looks the
pair up: every longer entry the cut looks up begins with it. The store holds each entry's weight in the cut
(jieba's log probability), so loading computes nothing.

The cut itself is jieba's (``Tokenizer.cut(text, HMM=False)``: the most probable route through the
words of the dictionary) in one backward pass over each block, without the dictionaries of the whole
graph and route jieba builds — twice as fast; tests/test_segmenter.py holds it to jieba's on many
texts. jieba itself is imported only to build the store (a check that runs no spelling rule never
loads it, nor one that finds the store built). Results are cached per text.
"""

from __future__ import annotations

import logging
import marshal
import mmap
import re
import struct
import sys
import zlib
from array import array
from functools import cache, lru_cache
from math import log
from pathlib import Path

from .caches import forget_old_stores, library_identity, store_path, user_cache, write_atomically
from .lexicon import lexicon

FIXED_PHRASE_FREQUENCY = 2000  # frequency the lexicon's phrases get, so they win over their pieces
SHARD_BITS = 21  # 2,097,152 shards (the store is mapped: only the offsets looked up are read): a report's ~19,000 pairs load ~5,500, mostly their own
SHARDS = 1 << SHARD_BITS
STORE_FORMAT = 3
PREFIX = 0.0  # the weight of an entry that only begins words (jieba's frequency 0); a word's is below 0

# jieba's own patterns (jieba 0.42: re_han_default, re_skip_default, re_eng): what is cut by dictionary,
# the spaces that stand alone, and the Latin letters and digits that run together
_DICTIONARY_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SPACE = re.compile(r"(\r\n|\s)")
_LATIN = re.compile("[a-zA-Z0-9]")


def _shard(pair: str) -> int:
    return zlib.crc32(pair.encode("utf-8")) & (SHARDS - 1)


def _import_jieba():
    """jieba 0.42 imports pkg_resources (0.1 s, deprecated) only to open its own data files; without
    it, it opens the same files from its folder."""
    absent = "pkg_resources" not in sys.modules
    if absent:
        sys.modules["pkg_resources"] = None  # makes ``import pkg_resources`` fail fast
    try:
        import jieba
    finally:
        if absent:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _full_tokenizer():
    """jieba's tokenizer with its whole dictionary loaded, as jieba itself loads it, lexicon phrases added."""
    tokenizer = _import_jieba().Tokenizer()
    tokenizer.initialize()
    for word in lexicon().words:
        tokenizer.add_word(word, FIXED_PHRASE_FREQUENCY)
    return tokenizer


def _full_weights() -> tuple[dict[str, float], float]:
    """The weight of every entry of the dictionary, and the weight of a character it lacks."""
    tokenizer = _full_tokenizer()
    total = log(tokenizer.total)
    # jieba's weight of a word in a route: log(FREQ.get(word) or 1) - logtotal
    weights = {word: log(frequency) - total if frequency else PREFIX for word, frequency in tokenizer.FREQ.items()}
    return weights, log(1) - total


class ShardedDictionary:
    """The weights in shards: single characters always, longer entries by their first pair. The store
    is mapped, not read: a process touches only the header, the offsets and the shards it loads.
    Layout: the header's length, the header (the unknown character's weight and the single
    characters', marshalled), the offset of every shard in the blob (native 32-bit), the blob."""

    LENGTH = struct.Struct("<Q")

    def __init__(self, data):
        view = memoryview(data)
        (length,) = self.LENGTH.unpack_from(view)
        self.unknown, self.singles = marshal.loads(view[self.LENGTH.size : self.LENGTH.size + length])
        at = self.LENGTH.size + length
        self.offsets = view[at : at + 4 * (SHARDS + 1)].cast("I")
        self.blob = view[at + 4 * (SHARDS + 1) :]
        if len(self.offsets) != SHARDS + 1 or self.offsets[-1] != len(self.blob):
            raise ValueError("the store is not whole")  # a process died while writing it
        self.loaded: set[int] = set()
        self.pairs: set[str] = set()

    @classmethod
    def dump(cls, weights: dict[str, float], unknown: float) -> bytes:
        shards: dict[int, dict[str, float]] = {}
        singles = {}
        for word, weight in weights.items():
            if len(word) == 1:
                singles[word] = weight
            else:
                shards.setdefault(_shard(word[:2]), {})[word] = weight
        offsets, blob = array("I", bytes(4 * (SHARDS + 1))), bytearray()
        done = 0  # the shards before this one have their offsets
        for shard in sorted(shards):
            offsets[done : shard + 1] = array("I", [len(blob)]) * (shard + 1 - done)  # empty ones: no bytes
            blob += marshal.dumps(shards[shard])
            done = shard + 1
        offsets[done:] = array("I", [len(blob)]) * (SHARDS + 1 - done)
        header = marshal.dumps((unknown, singles))
        header += bytes(-(cls.LENGTH.size + len(header)) % 8)  # the offsets aligned (marshal ignores the padding)
        return cls.LENGTH.pack(len(header)) + header + offsets.tobytes() + bytes(blob)

    def load_pairs(self, pairs: set[str], into: dict[str, float]) -> None:
        """Add to ``into`` the entries beginning with any of ``pairs``."""
        for pair in pairs - self.pairs:
            self.load(pair, into)

    def load(self, pair: str, into: dict[str, float]) -> float | None:
        """Add to ``into`` the entries beginning with ``pair``; the pair's own weight."""
        self.pairs.add(pair)
        shard = _shard(pair)
        if shard not in self.loaded:
            self.loaded.add(shard)
            start, end = self.offsets[shard], self.offsets[shard + 1]
            if end > start:
                into.update(marshal.loads(self.blob[start:end]))
        return into.get(pair)


def _mapped(path: Path) -> mmap.mmap:
    with path.open("rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


class _Segmenter:
    def __init__(self):
        identity = (STORE_FORMAT, SHARD_BITS, library_identity("jieba", "dict.txt"), FIXED_PHRASE_FREQUENCY, lexicon().words)
        path = store_path(user_cache("words", "NIANBAO_WORDS_CACHE"), "jieba", identity)
        try:
            self.sharded = ShardedDictionary(_mapped(path)) if path else None
        except (OSError, ValueError, EOFError, TypeError, struct.error):  # not built yet, or cut short
            self.sharded = None
        if self.sharded is None:
            self.weights, self.unknown = _full_weights()
            if path:
                write_atomically(path, ShardedDictionary.dump(self.weights, self.unknown))
                forget_old_stores(path)
        else:
            self.weights, self.unknown = dict(self.sharded.singles), self.sharded.unknown

    def covering(self, text: str) -> dict[str, float]:
        """The weights, with every entry that cutting ``text`` can look up loaded."""
        if self.sharded is not None and len(text) > 1:
            self.sharded.load_pairs({text[i:i + 2] for i in range(len(text) - 1)}, self.weights)
        return self.weights

    def cut(self, text: str) -> list[str]:
        """jieba's ``cut(text, HMM=False)``."""
        found: list[str] = []
        for n, block in enumerate(_DICTIONARY_BLOCK.split(text)):
            if n % 2:  # the split's odd pieces are the pattern's matches
                self._cut_block(block, found)
            elif block:
                for piece in _SPACE.split(block):
                    if _SPACE.match(piece):
                        found.append(piece)
                    else:
                        found.extend(piece)
        return found

    def _cut_block(self, block: str, found: list[str]) -> None:
        """The most probable route through the words of ``block`` (jieba's get_DAG, calc and
        __cut_DAG_NO_HMM in one): from the end back, each position's best word and the score of the
        rest; of words that score the same, the longest (jieba takes the max of (score, end)). The
        entries of a pair are loaded when the pair is first looked up: every longer entry begins with it."""
        n = len(block)
        score = [0.0] * (n + 1)
        end = list(range(n))  # where the best word from each position ends (inclusive)
        weights, sharded, unknown = self.weights, self.sharded, self.unknown
        get = weights.get
        for k in range(n - 1, -1, -1):
            weight = get(block[k])
            best = None
            i = k
            while weight is not None:  # block[k:i + 1] is a word or begins one
                if weight != PREFIX:
                    candidate = weight + score[i + 1]
                    if best is None or candidate >= best:
                        best, end[k] = candidate, i
                i += 1
                if i == n:
                    break
                weight = get(block[k:i + 1])
                if weight is None and i == k + 1 and sharded is not None and block[k:i + 1] not in sharded.pairs:
                    weight = sharded.load(block[k:i + 1], weights)
            score[k] = unknown + score[k + 1] if best is None else best
        x, latin = 0, ""
        while x < n:
            y = end[x] + 1
            if y - x == 1 and _LATIN.match(block[x]):  # single letters and digits run together
                latin += block[x]
            else:
                if latin:
                    found.append(latin)
                    latin = ""
                found.append(block[x:y])
            x = y
        if latin:
            found.append(latin)


@cache
def _segmenter() -> _Segmenter:
    return _Segmenter()


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of a text by dictionary only (no guessing of unknown words: a character the
    dictionary cannot place in a word stands alone, which is what the checks look for)."""
    return tuple(_segmenter().cut(text))


def _weight(text: str) -> float | None:
    return _segmenter().covering(text[:2]).get(text)


def is_word(text: str) -> bool:
    """Whether the dictionary knows ``text`` as a word."""
    weight = _weight(text)
    return weight is not None and weight != PREFIX


def is_prefix(text: str) -> bool:
    """Whether ``text`` begins a dictionary word without being one (课程设 of 课程设置)."""
    return _weight(text) == PREFIX
