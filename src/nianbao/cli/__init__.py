"""The command line: thin. Parses arguments, calls the packages, prints. Help texts are Chinese."""

from __future__ import annotations

from . import i18n

i18n.install()

from .app import app  # noqa: E402  (typer must be imported after the gettext redirect)
from . import check, parse  # noqa: E402,F401  (registers their commands)


def main() -> None:
    app()
