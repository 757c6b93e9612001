"""Chinese for the words click and typer print themselves (usage, panels, errors).

Both look their strings up through ``gettext`` at call time (typer's panel titles at import time),
so the lookup is redirected to this table before typer is imported.
"""

from __future__ import annotations

import gettext

MESSAGES = {
    "Usage:": "用法：",
    "Usage": "用法",
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Error": "错误",
    "Aborted!": "已中止。",
    "Aborted.": "已中止。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "[default: {}]": "[默认：{}]",
    "default: {default}": "默认：{default}",
    "[required]": "[必填]",
    "required": "必填",
    "[env var: {}]": "[环境变量：{}]",
    "(deprecated) ": "（已弃用）",
    "(dynamic)": "（动态）",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有名为 {name!r} 的命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing {param_type} '{param_hint}'.": "缺少{param_type} '{param_hint}'。",
    "No such option: {name}": "没有这个选项：{name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
}

_original_dgettext = gettext.dgettext
_original_dngettext = gettext.dngettext


def _dgettext(domain: str, message: str) -> str:
    return MESSAGES.get(message) or _original_dgettext(domain, message)


def _dngettext(domain: str, singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return MESSAGES.get(chosen) or _original_dngettext(domain, singular, plural, n)


def install() -> None:
    gettext.dgettext = _dgettext
    gettext.dngettext = _dngettext
