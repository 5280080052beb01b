"""``catalog notice``: resources on public notice, their end dates, and the notice bot (``--apply``).

Without ``--apply`` the notices are dated by the forge's merge commits in the git history; with it,
by the forge's own record of each merge (see :mod:`generator.notices.start`). Exit code 1 when a
notice cannot be dated or a step of the bot failed; a provisional (暂定) end is not a failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from generator import gitrepo
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.commands.check import locate
from generator.forge import Forge, ForgeError, from_env
from generator.law.holidays import calendar_from
from generator.law.workdays import parse_date
from generator.load.catalog import load
from generator.notices.bot import Action, apply, overdue
from generator.notices.start import Clock, ForgeClock, MergeClock, find_notices, merge_committers
from generator.report.notices import render
from generator.validate.files import today

HELP = "列出公示中的资源及公示期满日期；加 --apply 时发布公示通知、提醒使用部门、开启下线执行拉取请求"
RETRY = "catalog：以上为中断前已完成的操作；问题排除后重新运行即可，已完成的操作不会重复执行。"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="按哪一天计算（默认北京时间今天）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="目录文件夹（默认 catalog）")
    parser.add_argument("--rev", default="HEAD", metavar="版本", help="主分支版本，公示日期取自其历史（默认 HEAD）")
    parser.add_argument(
        "--apply", action="store_true", help="通过代码托管平台执行：公示通知、期满前提醒、开启下线执行拉取请求（环境变量见文档）"
    )


def run(args: argparse.Namespace) -> int:
    on = args.today or today()
    try:
        parse_date(on)
    except ValueError as err:
        raise UsageError(f"--today {err}") from None
    repo, prefix = locate(args.catalog)
    try:
        files = gitrepo.read_tree(repo, args.rev, prefix)
    except gitrepo.RepoError as err:
        raise UsageError(str(err)) from None
    catalog, _ = load(files, prefix)
    calendar, _ = calendar_from(catalog)
    clock: Clock = MergeClock(repo, merge_committers(catalog.registry))
    stream = sys.stderr if args.format == "json" else sys.stdout
    actions: list[Action] = []
    forge: Forge | None = None
    try:
        if args.apply:
            forge = from_env()
            clock = ForgeClock(forge, clock)
        notices = find_notices(repo, prefix, catalog, on, rev=args.rev, calendar=calendar, clock=clock)
        if args.format == "json":
            sys.stdout.write(json.dumps([n.as_dict() for n in notices], ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        else:
            sys.stdout.write(render(notices, on))
        if forge is not None:
            apply(forge, notices, catalog, on, actions, calendar)
            actions += overdue(forge, catalog, calendar, on)
    except ForgeError as err:
        if forge is not None:
            _show(actions, stream)
        print(f"catalog：{err}", file=sys.stderr)
        if forge is not None:
            print(RETRY, file=sys.stderr)
        return EXIT_PROBLEMS
    failed = [a for a in actions if a.kind == "error"]
    if forge is not None:
        _show(actions, stream)
        for action in failed:
            print(f"catalog：{action.message}", file=sys.stderr)
        if failed:
            print(RETRY, file=sys.stderr)
    return EXIT_PROBLEMS if failed or any(n.error for n in notices) else EXIT_OK


def _show(actions: list[Action], stream: TextIO) -> None:
    print("\n机器人操作：", file=stream)
    for action in actions:
        print(f"  {action.message}", file=stream)
    if not actions:
        print("  没有需要执行的操作。", file=stream)
