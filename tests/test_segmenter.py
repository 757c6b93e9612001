"""The segmenter cuts every text exactly as jieba does (its own cut over jieba's dictionary, loaded whole
or in shards: segmenter.ShardedDictionary), the readings of characters are pypinyin's, and a missing,
damaged or untrusted store never changes a result."""

from __future__ import annotations

import os
import random
import struct
import time

import pytest

from nianbao import readings, segmenter
from tests.conftest import SAMPLE, SEED_STEMS, seed_path


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A segmenter with its store in a folder of the test's own, built anew."""
    monkeypatch.setenv("NIANBAO_WORDS_CACHE", str(tmp_path / "words"))
    caches = (segmenter._segmenter, segmenter.words, readings._store, readings.readings)
    for cached in caches:
        cached.cache_clear()
    yield tmp_path / "words"
    for cached in caches:
        cached.cache_clear()


def _texts() -> list[str]:
    texts = SAMPLE.read_text(encoding="utf-8").splitlines()
    for stem in SEED_STEMS:
        texts += seed_path(stem).read_text(encoding="utf-8").splitlines()
    return [text for text in texts if text.strip()]


def _mixed_texts(body: str, count: int) -> list[str]:
    """Random texts of report characters mixed with what jieba cuts otherwise: Latin letters and digits
    (which run together), the signs it keeps in a block (+#&._%-), spaces, tabs and line breaks."""
    rng = random.Random(7)
    others = list("abcXYZ0189+#&._%- \t\n") + ["\r\n", "，", "。", "（", "）"]
    texts = []
    for _ in range(count):
        at = rng.randrange(len(body) - 40)
        chars = list(body[at:at + rng.randrange(1, 40)])
        for _ in range(rng.randrange(0, 6)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(others))
        texts.append("".join(chars))
    return texts


def test_the_segmenter_cuts_every_text_as_jieba_does(fresh):
    whole = segmenter._Segmenter()  # no store yet: the whole dictionary, and the store is written
    assert whole.sharded is None and len(list(fresh.iterdir())) == 1
    sharded = segmenter._Segmenter()
    assert sharded.sharded is not None
    jieba = segmenter._full_tokenizer()  # jieba's own cut of the same dictionary
    texts = _texts()
    texts += _mixed_texts("".join(texts), 3000)
    expected = [jieba.lcut(t, HMM=False) for t in texts]
    assert [sharded.cut(t) for t in texts] == expected
    assert [whole.cut(t) for t in texts] == expected
    assert len(sharded.weights) < len(whole.weights) / 2  # only what the texts needed
    rng = random.Random(11)
    body = "".join(texts)
    pieces = {body[i:i + rng.randrange(2, 6)] for i in (rng.randrange(len(body) - 6) for _ in range(3000))}
    pieces |= set(segmenter.lexicon().words)  # the lexicon's phrases are in the store too
    segmenter._segmenter.cache_clear()
    assert {p: (segmenter.is_word(p), segmenter.is_prefix(p)) for p in pieces} == \
        {p: ((jieba.FREQ.get(p) or 0) > 0, jieba.FREQ.get(p) == 0) for p in pieces}


def test_a_damaged_store_is_rebuilt_and_the_cut_unchanged(fresh):
    text = "学校深化产教融合，推进校企合作，提升人才培养质量。"
    expected = segmenter._Segmenter().cut(text)
    (store,) = fresh.iterdir()
    whole = store.read_bytes()
    for cut in (0, 5, 100, len(whole) // 2, len(whole) - 1):  # wherever a process died while writing
        with pytest.raises((ValueError, EOFError, TypeError, struct.error)):
            segmenter.ShardedDictionary(whole[:cut])
    store.write_bytes(whole[: len(whole) // 3])
    again = segmenter._Segmenter()
    assert again.sharded is None and again.cut(text) == expected
    assert segmenter._Segmenter().sharded is not None  # rewritten whole


def test_a_store_of_another_lexicon_is_not_used_and_old_ones_go(fresh, monkeypatch):
    segmenter._Segmenter()
    (first,) = fresh.iterdir()
    monkeypatch.setattr(segmenter, "FIXED_PHRASE_FREQUENCY", segmenter.FIXED_PHRASE_FREQUENCY + 1)
    assert segmenter._Segmenter().sharded is None  # the store does not match: built anew beside it
    assert len(list(fresh.iterdir())) == 2  # another checkout's store, recent: kept
    monkeypatch.setattr(segmenter, "FIXED_PHRASE_FREQUENCY", segmenter.FIXED_PHRASE_FREQUENCY + 1)
    month_ago = time.time() - 30 * 24 * 3600
    os.utime(first, (month_ago, month_ago))
    segmenter._Segmenter()
    assert first not in set(fresh.iterdir()) and len(list(fresh.iterdir())) == 2


def test_without_a_trusted_folder_the_whole_dictionary_is_used(monkeypatch, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    for setting in (str(shared), "off"):
        monkeypatch.setenv("NIANBAO_WORDS_CACHE", setting)
        chosen = segmenter._Segmenter()
        assert chosen.sharded is None and chosen.cut("产教融合") == ["产教融合"]
    assert list(shared.iterdir()) == []


def test_the_readings_store_gives_what_pypinyin_gives(fresh, monkeypatch):
    built = readings._store()  # no store yet: worked out by pypinyin and written
    (store,) = fresh.glob("pinyin-*.bin")
    readings._store.cache_clear()
    loaded = readings._store()
    assert loaded == built and len(loaded) == len(readings.COMMON)
    chars = [chr(code) for code in random.Random(5).sample(readings.COMMON, 3000)] + list("中重行长乐的地得")
    assert {c: loaded[c] for c in chars} == {c: readings.by_pypinyin(c) for c in chars}
    assert readings.readings("㐀") == readings.by_pypinyin("㐀")  # outside the store: pypinyin itself
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])  # a process died while writing
    readings._store.cache_clear()
    assert readings._store() == built
    monkeypatch.setenv("NIANBAO_WORDS_CACHE", "off")
    readings._store.cache_clear()
    readings.readings.cache_clear()
    assert readings._store() == {} and readings.readings("行") == readings.by_pypinyin("行")
