"""The two ways handling a file can fail: the file cannot be read (``InputError``, explained in
Chinese: the user can act on it), or nianbao itself failed on it (``InternalError``: a bug, to be
reported; never presented as a damaged file); and the system's reasons (errno) in Chinese, so no
English ``strerror`` reaches a message."""

from __future__ import annotations

import errno
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


OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EEXIST: "已经存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EMFILE: "同时打开的文件太多",
    errno.EIO: "读写磁盘时出错",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.ELOOP: "路径中的链接循环",
}


def os_reason(error: OSError) -> str:
    """What went wrong, in Chinese ("没有权限"), for the errno the system gave."""
    return OS_REASONS.get(error.errno, f"系统错误，错误号 {error.errno}" if error.errno else "系统错误")


def unwritable(path: object, error: OSError, what: str = "输出文件") -> InputError:
    """Writing ``path`` failed: the reason and what to do."""
    return InputError(str(path), f"无法写入{what}（{os_reason(error)}）。请检查路径和权限。")


def unreadable(path: object, error: OSError) -> InputError:
    """Reading ``path`` failed: the reason and what to do."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return InputError(str(path), "没有读取这个文件的权限。请让文件所有者开放读取权限，或复制一份到自己的文件夹后再试。")
    return InputError(str(path), f"无法读取文件（{os_reason(error)}）。请检查文件是否完好、路径是否正确。")
