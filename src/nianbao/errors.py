"""The two ways handling a file can fail: the file cannot be read (``InputError``, explained in
Chinese: the user can act on it), or nianbao itself failed on it (``InternalError``: a bug, to be
reported; never presented as a damaged file)."""

from __future__ import annotations

import traceback
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent


class InputError(Exception):
    """A file nianbao cannot read. ``message`` says what is wrong and what to do, in Chinese."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}：{self.message}"


class InternalError(Exception):
    """nianbao failed on a file through its own fault. ``where`` is a short hint (the innermost
    frame inside the package and the exception type) for the bug report; ``trace`` the whole
    traceback, shown only when asked for (``--debug``)."""

    def __init__(self, path: str, where: str, trace: str = ""):
        super().__init__(f"{path}: internal error at {where}")
        self.path = str(path)
        self.where = where
        self.trace = trace
        self.message = f"内部错误，请把文件反馈给开发者（出错位置：{where}）。"

    def __str__(self) -> str:
        return f"{self.path}：{self.message}"

    @classmethod
    def of(cls, path: str, error: BaseException) -> InternalError:
        return cls(path, where(error), "".join(traceback.format_exception(error)))


def where(error: BaseException) -> str:
    """``readers/pdf_layout.py:120 _groups: ValueError``: the innermost frame of the traceback that
    lies inside this package (the last one when none does)."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if Path(frame.filename).resolve().is_relative_to(PACKAGE_ROOT)]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return type(error).__name__
    place = Path(frame.filename).resolve()
    name = place.relative_to(PACKAGE_ROOT).as_posix() if place.is_relative_to(PACKAGE_ROOT) else place.name
    return f"{name}:{frame.lineno} {frame.name}: {type(error).__name__}"
