"""The one error type users see: a file that cannot be read, explained in Chinese."""

from __future__ import annotations


class InputError(Exception):
    """A file nianbao cannot read. ``message`` says what is wrong and what to do, in Chinese."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}：{self.message}"
