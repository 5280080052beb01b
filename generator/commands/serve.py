"""``catalog serve``: validate the catalog, then serve the site locally, rebuilding on every edit."""

from __future__ import annotations

import argparse
import sys

from generator.cli import EXIT_OK, EXIT_PROBLEMS
from generator.commands.build import common, prepare

HELP = "校验目录并在本机预览网站，修改目录文件后自动重新生成"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common(parser)
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址:端口", help="预览地址（默认 127.0.0.1:8000）")


def run(args: argparse.Namespace) -> int:
    if not prepare(args):
        return EXIT_PROBLEMS
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    try:
        serve(config_file=args.config_file, dev_addr=args.dev_addr)
    except MkDocsException as err:
        print(f"catalog：网站预览失败：{err}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
