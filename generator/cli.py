"""The ``catalog`` command line. Sub-commands live in ``generator.commands``, one module each.

Exit codes: 0 clean (warnings allowed unless ``--strict``), 1 problems found, 2 usage error,
3 internal error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: Sub-command modules in the order ``catalog --help`` lists them.
COMMANDS = ("validate", "import_", "export", "check", "notice", "rules", "codeowners", "comment", "harvest", "build", "serve")


class UsageError(Exception):
    """A mistake in how the command was called; the message is Chinese and shown as is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        translated = (
            message.replace("the following arguments are required", "缺少参数")
            .replace("unrecognized arguments", "不认识的参数")
            .replace("invalid choice", "无效的选项")
            .replace("expected one argument", "需要一个值")
            .replace("argument ", "参数 ")
        )
        self.exit(EXIT_USAGE, f"catalog：用法错误：{translated}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="catalog", description="政务数据资源目录：校验、审核、发布。")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"generator.commands.{name}")
        sub = commands.add_parser(name.rstrip("_").replace("_", "-"), help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
