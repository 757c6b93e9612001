"""Chinese for the words click and typer print themselves (usage, panels, errors, type labels).

Both look their strings up through ``gettext`` at call time (typer's panel titles at import time),
so the lookup is redirected to this table before typer is imported. Type labels (``INTEGER``,
``TEXT``), ranges (``x>=1``) and the names of positional arguments in the help panel are not
looked up: ``install`` renames them on click's classes, for this process only.
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
    "Error: {message}": "错误：{message}",
    "Aborted!": "已中止。",
    "Aborted.": "已中止。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "[default: {}]": "[默认：{}]",
    "default: {default}": "默认：{default}",
    "[required]": "[必填]",
    "required": "必填",
    "[env var: {}]": "[环境变量：{}]",
    "env var: {var}": "环境变量：{var}",
    "(deprecated) ": "（已弃用）",
    "(Deprecated) {text}": "（已弃用）{text}",
    "(dynamic)": "（动态）",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有名为 {name!r} 的命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Missing {param_type} '{param_hint}'.": "缺少{param_type} '{param_hint}'。",
    "No such option: {name}": "没有这个选项：{name}",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Possible options: {possibilities})": "（可能是：{possibilities}）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Value must be an iterable.": "值必须是一组。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，只给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值，给了 {len_value} 个。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围（{range}）内。",
    "{value!r} is not a valid boolean.": "{value!r} 不是有效的是/否值。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的编号。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats} 中的任何一种。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 没有读取权限。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 没有写入权限。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 没有执行权限。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "integer": "整数",
    "float": "数字",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
}

# What click's help and messages call each type of value (its ``name``; the help shows it upper-cased).
TYPE_LABELS = {
    "StringParamType": "文本",
    "UnprocessedParamType": "文本",
    "IntParamType": "整数",
    "IntRange": "整数",
    "FloatParamType": "数字",
    "FloatRange": "数字",
    "Choice": "选项",
    "DateTime": "日期时间",
    "UUIDParameterType": "编号",
    "File": "文件",
    "Path": "路径",
}

_original_dgettext = gettext.dgettext
_original_dngettext = gettext.dngettext


def _dgettext(domain: str, message: str) -> str:
    return MESSAGES.get(message) or _original_dgettext(domain, message)


def _dngettext(domain: str, singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return MESSAGES.get(chosen) or _original_dngettext(domain, singular, plural, n)


def describe_range(number_range) -> str:
    """A click number range as the help and the error show it: "≥1", "0.0～1.0" (for ``x>=1``)."""
    low, high = number_range.min, number_range.max
    if low is None:
        return f"{'<' if number_range.max_open else '≤'}{high}"
    if high is None:
        return f"{'>' if number_range.min_open else '≥'}{low}"
    return f"{low}～{high}" + ("（不含端点）" if number_range.min_open or number_range.max_open else "")


def _argument_decls(original):
    """Click names a positional argument by its Python parameter; the help panel prints that name
    beside the (Chinese) metavar. Without it the panel shows the metavar alone."""
    def parse(self, decls, expose_value):
        name, _opts, secondary = original(self, decls, expose_value)
        return name, [], secondary
    parse.chinese = True
    return parse


def _missing_message(original):
    """Click ends "缺少参数 '文件'" with an ASCII full stop of its own, outside the looked-up text."""
    def format_message(self) -> str:
        return original(self).replace("'.", "'。", 1)
    format_message.chinese = True
    return format_message


def install() -> None:
    gettext.dgettext = _dgettext
    gettext.dngettext = _dngettext
    import click
    import click.core
    import click.exceptions
    import click.types

    for class_name, label in TYPE_LABELS.items():
        getattr(click.types, class_name).name = label
    click.types._NumberRangeBase._describe_range = describe_range
    if not getattr(click.core.Argument._parse_decls, "chinese", False):  # installed once per process
        click.core.Argument._parse_decls = _argument_decls(click.core.Argument._parse_decls)
        click.exceptions.MissingParameter.format_message = _missing_message(click.exceptions.MissingParameter.format_message)
