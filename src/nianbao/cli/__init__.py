"""The command line: thin. Parses arguments, calls the packages, prints. Help texts are Chinese."""

from __future__ import annotations

from . import i18n

i18n.install()

from .app import app  # noqa: E402  (typer must be imported after the gettext redirect)
from . import batch, cases, check, compile, extract, parse, sample  # noqa: E402,F401  (register their commands)


def main() -> None:
    app()
