"""The segmenter's dictionary loaded in shards (segmenter.ShardedDictionary) cuts every text exactly as
jieba's whole dictionary does, and a missing, damaged or untrusted store never changes a result."""

from __future__ import annotations

import os
import random
import time

import pytest

from nianbao import segmenter
from tests.conftest import SAMPLE, SEED_STEMS, seed_path


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A segmenter with its store in a folder of the test's own, built anew."""
    monkeypatch.setenv("NIANBAO_WORDS_CACHE", str(tmp_path / "words"))
    segmenter._segmenter.cache_clear()
    segmenter.words.cache_clear()
    yield tmp_path / "words"
    segmenter._segmenter.cache_clear()
    segmenter.words.cache_clear()


def _texts() -> list[str]:
    texts = SAMPLE.read_text(encoding="utf-8").splitlines()
    for stem in SEED_STEMS:
        texts += seed_path(stem).read_text(encoding="utf-8").splitlines()
    return [text for text in texts if text.strip()]


def test_the_sharded_dictionary_cuts_every_text_as_the_whole_one(fresh):
    whole = segmenter._Segmenter()  # no store yet: the whole dictionary, and the store is written
    assert whole.sharded is None and len(list(fresh.iterdir())) == 1
    sharded = segmenter._Segmenter()
    assert sharded.sharded is not None
    texts = _texts()
    assert [sharded.covering(t).lcut(t, HMM=False) for t in texts] == [whole.tokenizer.lcut(t, HMM=False) for t in texts]
    assert len(sharded.tokenizer.FREQ) < len(whole.tokenizer.FREQ) / 2  # only what the texts needed
    rng = random.Random(11)
    body = "".join(texts)
    pieces = {body[i:i + rng.randrange(2, 6)] for i in (rng.randrange(len(body) - 6) for _ in range(3000))}
    pieces |= set(segmenter.lexicon().words)  # the lexicon's phrases are in the store too
    fresh_one = segmenter._Segmenter()
    assert {p: fresh_one.covering(p[:2]).FREQ.get(p) for p in pieces} == {p: whole.tokenizer.FREQ.get(p) for p in pieces}


def test_a_damaged_store_is_rebuilt_and_the_cut_unchanged(fresh):
    text = "学校深化产教融合，推进校企合作，提升人才培养质量。"
    expected = segmenter._Segmenter().tokenizer.lcut(text, HMM=False)
    (store,) = fresh.iterdir()
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 3])  # a process died while writing
    again = segmenter._Segmenter()
    assert again.sharded is None and again.covering(text).lcut(text, HMM=False) == expected
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
        assert chosen.sharded is None and chosen.tokenizer.lcut("产教融合", HMM=False) == ["产教融合"]
    assert list(shared.iterdir()) == []
