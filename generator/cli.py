"""The ``catalog`` command line. Sub-commands live in ``generator.commands``, one module each.

Exit codes: 0 clean (warnings allowed unless ``--strict``), 1 problems found, 2 usage error,
3 internal error.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: Sub-command modules in the order ``catalog --help`` lists them.
COMMANDS = (
    "validate", "import_", "export", "check", "notice", "rules", "codeowners", "comment", "form", "form_branches",
    "harvest", "build", "serve",
)


class UsageError(Exception):
    """A mistake in how the command was called; the message is Chinese and shown as is."""


_ERRORS = tuple(
    (re.compile(english), chinese)
    for english, chinese in (
        (r"argument (?P<name>.+?): (?P<message>.*)", "参数 {name}：{message}"),
        (r"the following arguments are required: (?P<names>.*)", "缺少参数：{names}"),
        (r"unrecognized arguments: (?P<names>.*)", "不认识的参数：{names}"),
        (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", "无效的选项 {value}，可选：{choices}"),
        (r"expected one argument", "后面需要一个值"),
        (r"expected at most one argument", "后面最多只能有一个值"),
        (r"expected at least one argument", "后面至少需要一个值"),
        (r"expected (?P<count>\d+) arguments?", "后面需要 {count} 个值"),
        (r"invalid int value: (?P<value>.*)", "{value} 不是整数"),
        (r"invalid float value: (?P<value>.*)", "{value} 不是数字"),
        (r"invalid (?P<kind>\S+) value: (?P<value>.*)", "{value} 不是有效的值"),
        (r"not allowed with argument (?P<name>.*)", "不能与参数 {name} 同时使用"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "选项 {option} 有歧义，可能是：{matches}"),
        (r"one of the arguments (?P<names>.*) is required", "参数 {names} 中必须有一个"),
        (r"ignored explicit argument (?P<value>.*)", "这个选项不接受值 {value}"),
        (r"unexpected option string: (?P<option>.*)", "不应出现的选项 {option}"),
    )
)
"""argparse's English error messages (Python 3.11–3.13) and their Chinese; argparse has no
translation of its own, and a Chinese gettext catalogue would depend on the user's locale."""


def translate_error(message: str) -> str:
    """argparse's error ``message`` in Chinese (unknown messages are kept as they are)."""
    for english, chinese in _ERRORS:
        found = english.fullmatch(message)
        if found:
            parts = found.groupdict()
            if "message" in parts:
                parts["message"] = translate_error(parts["message"])
            return chinese.format(**parts)
    return message


_HEADINGS = ("参数", "选项")


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in _HEADINGS:  # argparse ends a heading with an ASCII colon
            text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
        return text


class _Parser(argparse.ArgumentParser):
    """An argument parser whose help, usage and errors are all Chinese."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = _HEADINGS
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"catalog：用法错误：{translate_error(message)}\n")


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser of every sub-command; with ``chosen`` (a sub-command's name) only that one's
    module is imported and its arguments defined, the others are names only: importing all of
    them (the importer's pinyin tables, MkDocs…) cost each command about two seconds."""
    parser = _Parser(prog="catalog", description="政务数据资源目录：校验、审核、发布。")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0", help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name in COMMANDS:
        shown = command_name(name)
        if chosen is not None and shown != chosen:
            commands.add_parser(shown)
            continue
        module = importlib.import_module(f"generator.commands.{name}")
        sub = commands.add_parser(shown, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def command_name(module: str) -> str:
    """The sub-command a module of :mod:`generator.commands` defines (``import_`` → ``import``)."""
    return module.rstrip("_").replace("_", "-")


def _chosen(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names, when it names one (its first word not an option)."""
    first = next((word for word in argv if not word.startswith("-")), None)
    return first if first in {command_name(name) for name in COMMANDS} else None


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_chosen(words))
    args = parser.parse_args(words)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        code: int = args.handler(args)
        return code
    except UsageError as err:
        print(f"catalog：{err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("catalog：已中断", file=sys.stderr)
        return 130
    except Exception:
        print("catalog：内部错误，这不是您的文件的问题。请把下面的信息发给目录维护人员：", file=sys.stderr)
        traceback.print_exc()
        return EXIT_INTERNAL
