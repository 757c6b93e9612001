"""The rulebook: one family of rules per module. Importing a family registers its rules."""

from __future__ import annotations

import importlib
import pkgutil


def load_families() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.name != "base":
            importlib.import_module(f"{__name__}.{module.name}")
