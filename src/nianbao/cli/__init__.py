"""The command line: thin. Parses arguments, calls the packages, prints. Help texts are Chinese."""

from __future__ import annotations

from . import i18n

i18n.install()

# isort: off
from .app import app  # noqa: E402  (typer must be imported after the gettext redirect)
# Imported in the order `nianbao --help` lists the commands: one report, then many.
from . import parse, check, extract, ingest, evaluate, cases, sample, compile, serve  # noqa: E402,F401  (register their commands)
# isort: on


def main() -> None:
    app()
