"""Chinese word segmentation for the spelling and garble checks: jieba with the dictionary its wheel
ships (word frequencies included), plus the lexicon's fixed phrases as whole words.

jieba is imported on first use only (a check that runs no spelling rule never loads it), into a
tokenizer of our own so the global one of any other user of jieba is left as it is. Results are
cached per text: a report checked again after a small edit re-segments only what changed.

jieba's own start-up unmarshals its whole prefix dictionary (~500,000 entries, ~0.7 s) in every
process — most of a single ``nianbao check``. A report needs only the entries that begin with one of
the two-character pairs of the texts it segments (~10% of them). So the dictionary, built once per
machine exactly as jieba builds it (lexicon phrases added), is kept in a cache file sharded by an
entry's first two characters, and a process loads the shards of the pairs it meets. Cutting is
unchanged: every entry jieba looks up while cutting a text begins with a pair of that text.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import sys
import time
import zlib
from array import array
from functools import cache, lru_cache
from pathlib import Path

from .caches import user_cache, write_atomically
from .lexicon import lexicon

FIXED_PHRASE_FREQUENCY = 2000  # frequency the lexicon's phrases get, so they win over their pieces
SHARD_BITS = 18  # 262,144 shards: a report's ~15,000 pairs touch few besides their own
STORE_FORMAT = 1


def _shard(pair: str) -> int:
    return zlib.crc32(pair.encode("utf-8")) & ((1 << SHARD_BITS) - 1)


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
    """jieba's tokenizer with its whole dictionary loaded, as jieba itself loads it."""
    jieba = _import_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in lexicon().words:
        tokenizer.add_word(word, FIXED_PHRASE_FREQUENCY)
    return tokenizer


class ShardedDictionary:
    """jieba's prefix dictionary in shards: single characters always, longer entries by their first pair."""

    def __init__(self, data: bytes):
        self.total, self.singles, offsets, self.blob = marshal.loads(data)
        self.offsets = array("I")
        self.offsets.frombytes(offsets)
        self.loaded: set[int] = set()
        self.pairs: set[str] = set()

    @staticmethod
    def dump(frequencies: dict[str, int], total: int) -> bytes:
        shards: list[dict[str, int]] = [{} for _ in range(1 << SHARD_BITS)]
        singles = {}
        for word, frequency in frequencies.items():
            if len(word) == 1:
                singles[word] = frequency
            else:
                shards[_shard(word[:2])][word] = frequency
        offsets, blob = array("I", [0]), bytearray()
        for shard in shards:
            blob += marshal.dumps(shard) if shard else b""
            offsets.append(len(blob))
        return marshal.dumps((total, singles, offsets.tobytes(), bytes(blob)))

    def load_pairs(self, pairs: set[str], into: dict[str, int]) -> None:
        """Add to ``into`` the entries beginning with any of ``pairs``."""
        view = memoryview(self.blob)
        for pair in pairs - self.pairs:
            shard = _shard(pair)
            if shard not in self.loaded:
                self.loaded.add(shard)
                start, end = self.offsets[shard], self.offsets[shard + 1]
                if end > start:
                    into.update(marshal.loads(view[start:end]))
        self.pairs |= pairs


def _store_key() -> str:
    """What the store is built from: jieba's version and dictionary, and the lexicon's phrases."""
    jieba = _import_jieba()
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    size = dictionary.stat().st_size if dictionary.is_file() else None
    identity = (STORE_FORMAT, SHARD_BITS, jieba.__version__, size, FIXED_PHRASE_FREQUENCY, lexicon().words)
    return hashlib.sha256(repr(identity).encode("utf-8")).hexdigest()[:24]


STALE_AFTER = 7 * 24 * 3600  # a store of another lexicon or jieba built this long ago is removed


def _forget_old_stores(kept: Path) -> None:
    """Remove stores of another lexicon or jieba built over a week ago (two checkouts of different
    versions on one machine keep theirs; an upgrade's leftovers go)."""
    now = time.time()
    for store in kept.parent.glob("jieba-*.bin"):
        try:
            if store != kept and now - store.stat().st_mtime > STALE_AFTER:
                store.unlink()
        except OSError:
            pass  # gone already, or not ours to remove


class _Segmenter:
    def __init__(self):
        folder = user_cache("words", "NIANBAO_WORDS_CACHE")
        path = folder / f"jieba-{_store_key()}.bin" if folder else None
        try:
            self.sharded = ShardedDictionary(path.read_bytes()) if path else None
        except (OSError, ValueError, EOFError, TypeError):  # not built yet, or cut short by a process that died
            self.sharded = None
        if self.sharded is None:
            self.tokenizer = _full_tokenizer()
            if path:
                write_atomically(path, ShardedDictionary.dump(self.tokenizer.FREQ, self.tokenizer.total))
                _forget_old_stores(path)
        else:
            self.tokenizer = _import_jieba().Tokenizer()
            self.tokenizer.FREQ = dict(self.sharded.singles)
            self.tokenizer.total = self.sharded.total
            self.tokenizer.initialized = True

    def covering(self, text: str):
        """The tokenizer, with every entry that cutting ``text`` can look up loaded."""
        if self.sharded is not None and len(text) > 1:
            self.sharded.load_pairs({text[i:i + 2] for i in range(len(text) - 1)}, self.tokenizer.FREQ)
        return self.tokenizer


@cache
def _segmenter() -> _Segmenter:
    return _Segmenter()


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of a text by dictionary only (no guessing of unknown words: a character the
    dictionary cannot place in a word stands alone, which is what the checks look for)."""
    return tuple(_segmenter().covering(text).lcut(text, HMM=False))


def frequency(word: str) -> int:
    """How often the dictionary has seen a word (0 for a word it does not know)."""
    return _segmenter().covering(word[:2]).FREQ.get(word) or 0


def is_word(text: str) -> bool:
    return frequency(text) > 0


def is_prefix(text: str) -> bool:
    """Whether ``text`` begins a dictionary word without being one (课程设 of 课程设置)."""
    return _segmenter().covering(text[:2]).FREQ.get(text) == 0
