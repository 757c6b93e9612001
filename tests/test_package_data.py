"""The package's YAML data reads the same through libyaml (what the program uses, for speed) as through
PyYAML's pure-Python safe loader (the reference)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import nianbao
from nianbao.data import LOADER, package_yaml

SRC = Path(nianbao.__file__).parent
DATA = sorted(path for path in SRC.rglob("*.yaml"))


def test_the_fast_loader_is_in_use():
    assert LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert len(DATA) > 20  # frameworks of every year, catalog, lexicons, guide, skeleton


@pytest.mark.parametrize("path", DATA, ids=lambda path: str(path.relative_to(SRC)))
def test_each_data_file_reads_as_the_reference_loader_reads_it(path):
    package = ".".join(("nianbao",) + path.parent.relative_to(SRC).parts)
    parts = ()
    while not (SRC.joinpath(*package.split(".")[1:]) / "__init__.py").exists():  # data folders without __init__
        package, _, folder = package.rpartition(".")
        parts = (folder,) + parts
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert package_yaml(package, *parts, path.name) == expected
