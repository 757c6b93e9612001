"""The package's own YAML data (frameworks, indicator catalog, lexicons, rule guide, skeleton), read
with libyaml where PyYAML has it.

Even libyaml leaves the building of the values to Python: about 40 ms per `nianbao check` process for
the files a check reads, and importing PyYAML costs another 15 ms. So what a file parses to is kept in
the user's cache folder (marshal, one entry per file, beside the text it was parsed from) and taken
from there while the file's text is unchanged; a missing, damaged or stale entry is parsed again."""

from __future__ import annotations

import marshal
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .caches import read_marshalled, user_cache, write_atomically

STORE_FORMAT = 1


@cache
def _store() -> Path | None:
    return user_cache("data", "NIANBAO_DATA_CACHE")


def package_yaml(package: str, *parts: str) -> Any:
    """The YAML file ``parts`` inside ``package`` (e.g. ``package_yaml("nianbao.frameworks", "2025", "gz-school.yaml")``)."""
    text = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    folder = _store()
    entry = folder / f"{package}.{'.'.join(parts)}.marshal" if folder else None
    key = (STORE_FORMAT, sys.version, text)
    stored = read_marshalled(entry) if entry else None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        return stored[1]
    data = parse_yaml(text)
    if entry:
        try:
            write_atomically(entry, marshal.dumps((key, data)))
        except ValueError:  # a value marshal does not hold (a date): parsed in every process
            pass
    return data


def yaml_loader():
    """libyaml's safe loader where PyYAML has it; PyYAML is imported only when a file is parsed."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=yaml_loader())
