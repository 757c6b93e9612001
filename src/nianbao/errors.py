"""The one error type users see: a file that cannot be read, explained in Chinese; and the system's
reasons (errno) in Chinese, so no English ``strerror`` reaches a message."""

from __future__ import annotations

import errno


class InputError(Exception):
    """A file nianbao cannot read. ``message`` says what is wrong and what to do, in Chinese."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}：{self.message}"


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
