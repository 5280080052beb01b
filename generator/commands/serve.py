"""``catalog serve``: validate the catalog, then serve the site locally, rebuilding on every edit.

While the catalog has errors the preview keeps the last good site, with a banner naming them.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from pathlib import Path

from generator import atomic
from generator.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from generator.commands.build import common, prepare
from generator.output import FORMATS
from generator.problems import blocks_publishing
from generator.publish.source import BUILD_DATE_ENV, validated

HELP = "校验目录并在本机预览网站，修改目录文件后自动重新生成"
ADDRESS = re.compile(r"(\[[0-9a-fA-F:.]+\]|[0-9a-zA-Z.:-]+):(\d{1,5})")
ADDRESS_ERRORS = {
    errno.EADDRINUSE: "端口已被占用（可能另一个预览正在运行）",
    errno.EADDRNOTAVAIL: "本机没有这个地址",
    errno.EACCES: "没有权限使用这个端口（1024 以下的端口需要管理员权限）",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common(parser)
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址:端口", help="预览地址（默认 127.0.0.1:8000）")


def run(args: argparse.Namespace) -> int:
    if not ADDRESS.fullmatch(args.dev_addr) or int(args.dev_addr.rsplit(":", 1)[1]) > 65535:
        raise UsageError(f"预览地址“{args.dev_addr}”应为 地址:端口，例如 127.0.0.1:8000")
    if not prepare(args):
        return EXIT_PROBLEMS
    from mkdocs.exceptions import MkDocsException

    from generator.site import preview

    root = Path(args.catalog)

    def check() -> tuple[list[str], str]:
        checked = validated(root, os.environ[BUILD_DATE_ENV])
        problems = checked.problems
        errors = [p for p in problems if blocks_publishing(p)]
        lines = [f"{p.path}:{p.line}:{p.column} [{p.rule}] {p.message}" if p.line else f"{p.path} [{p.rule}] {p.message}" for p in errors]
        return lines, FORMATS["text"](problems, checked.count) if errors else ""

    try:
        preview.serve(args.config_file, args.dev_addr, check, root)
    except MkDocsException as err:
        print(f"catalog：网站预览失败：{err}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as err:
        if err.errno in ADDRESS_ERRORS:
            print(f"catalog：无法在 {args.dev_addr} 上预览：{ADDRESS_ERRORS[err.errno]}；请用 -a 换一个地址或端口，例如 -a 127.0.0.1:8001", file=sys.stderr)
            return EXIT_USAGE
        print(f"catalog：网站预览失败：{atomic.describe(err)}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
