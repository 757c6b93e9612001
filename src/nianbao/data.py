"""The package's own YAML data (frameworks, indicator catalog, lexicons, rule guide, skeleton), read
with libyaml where PyYAML has it: the pure-Python loader spends about a second on these files in every
`nianbao check` process."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def package_yaml(package: str, *parts: str) -> Any:
    """The YAML file ``parts`` inside ``package`` (e.g. ``package_yaml("nianbao.frameworks", "2025", "gz-school.yaml")``)."""
    text = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    return yaml.load(text, Loader=LOADER)
