"""Chinese word segmentation for the spelling and garble checks: jieba with the dictionary its wheel
ships (word frequencies included), plus the lexicon's fixed phrases as whole words.

jieba is imported on first use only (a check that runs no spelling rule never loads it), into a
tokenizer of our own so the global one of any other user of jieba is left as it is. Results are
cached per text: a report checked again after a small edit re-segments only what changed."""

from __future__ import annotations

from functools import cache, lru_cache

from .lexicon import lexicon

FIXED_PHRASE_FREQUENCY = 2000  # frequency the lexicon's phrases get, so they win over their pieces


@cache
def _tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in lexicon().words:
        tokenizer.add_word(word, FIXED_PHRASE_FREQUENCY)
    return tokenizer


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of a text by dictionary only (no guessing of unknown words: a character the
    dictionary cannot place in a word stands alone, which is what the checks look for)."""
    return tuple(_tokenizer().lcut(text, HMM=False))


def frequency(word: str) -> int:
    """How often the dictionary has seen a word (0 for a word it does not know)."""
    return _tokenizer().FREQ.get(word) or 0


def is_word(text: str) -> bool:
    return frequency(text) > 0


def is_prefix(text: str) -> bool:
    """Whether ``text`` begins a dictionary word without being one (课程设 of 课程设置)."""
    return _tokenizer().FREQ.get(text) == 0
