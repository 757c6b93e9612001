"""The package's YAML data reads the same through libyaml (what the program uses, for speed) as through
PyYAML's pure-Python safe loader (the reference), parsed or taken from the store of parsed files."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
import yaml

import nianbao
from nianbao import data
from nianbao.data import package_yaml, yaml_loader

SRC = Path(nianbao.__file__).parent
DATA = sorted(path for path in SRC.rglob("*.yaml"))


def test_the_fast_loader_is_in_use():
    assert yaml_loader() is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert len(DATA) > 20  # frameworks of every year, catalog, lexicons, guide, skeleton


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_CACHE", str(tmp_path / "data"))
    data._store.cache_clear()
    yield tmp_path / "data"
    data._store.cache_clear()


@pytest.mark.parametrize("path", DATA, ids=lambda path: str(path.relative_to(SRC)))
def test_each_data_file_reads_as_the_reference_loader_reads_it(path, store):
    package = ".".join(("nianbao",) + path.parent.relative_to(SRC).parts)
    parts = ()
    while not (SRC.joinpath(*package.split(".")[1:]) / "__init__.py").exists():  # data folders without __init__
        package, _, folder = package.rpartition(".")
        parts = (folder,) + parts
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert package_yaml(package, *parts, path.name) == expected  # parsed, and stored
    assert package_yaml(package, *parts, path.name) == expected  # from the store


def test_a_stored_file_is_read_back_only_while_its_text_is_unchanged(store, monkeypatch):
    catalog = package_yaml("nianbao.indicators", "catalog.yaml")
    entry = store / "nianbao.indicators.catalog.yaml.marshal"
    assert entry.is_file()
    monkeypatch.setattr(data, "parse_yaml", lambda text: pytest.fail("parsed again"))
    assert package_yaml("nianbao.indicators", "catalog.yaml") == catalog
    monkeypatch.undo()
    monkeypatch.setenv("NIANBAO_DATA_CACHE", str(store))
    key, stored = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps(((key[0], key[1], key[2] + "# edited"), {"stale": True})))  # another text's
    assert package_yaml("nianbao.indicators", "catalog.yaml") == catalog
    entry.write_bytes(entry.read_bytes()[:100])  # cut short
    assert package_yaml("nianbao.indicators", "catalog.yaml") == catalog
    assert marshal.loads(entry.read_bytes()) == (key, stored)  # stored again


def test_the_store_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_DATA_CACHE", "off")
    data._store.cache_clear()
    try:
        assert package_yaml("nianbao.lexicon", "facts.yaml") == yaml.safe_load(
            (SRC / "lexicon" / "facts.yaml").read_text(encoding="utf-8"))
        assert data._store() is None
    finally:
        data._store.cache_clear()
