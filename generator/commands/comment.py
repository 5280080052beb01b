"""``catalog comment --pr N --report FILE``: post the check report as the sticky PR comment.

Runs in the trusted ``workflow_run`` workflow, on the default branch's code, never on the pull
request's: the report file is the artifact of the read-only check run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.forge import ForgeError, from_env
from generator.forge.sticky import post

HELP = "把检查报告发布为拉取请求的置顶评论（同一条评论原地更新）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pr", type=int, required=True, metavar="编号", help="拉取请求编号")
    parser.add_argument("--report", required=True, metavar="文件", help="catalog check --report 写出的 Markdown 报告")
    parser.add_argument("--head-sha", default="", metavar="提交", help="报告对应的提交；与拉取请求的最新提交不同时不发布")


def run(args: argparse.Namespace) -> int:
    path = Path(args.report)
    if not path.is_file():
        raise UsageError(f"报告文件不存在：{path}")
    report = path.read_bytes()[:2_000_000].decode("utf-8", errors="replace")
    try:
        print(post(from_env(), args.pr, report, args.head_sha))
    except (ForgeError, ValueError) as err:
        print(f"catalog：{err}")
        return EXIT_PROBLEMS
    return EXIT_OK
