"""``catalog check --base REV``: a pull request as an application — classify, validate, apply policy."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from generator import gitrepo
from generator.caching.place import open_store
from generator.changes.review import review
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.report import github, markdown, text
from generator.validate.files import today

HELP = "检查一个拉取请求（编目、变更或下线申请）：按合并后的结果分类每个文件、校验目录、检查下线程序"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", required=True, metavar="版本", help="目标分支，例如 origin/main")
    parser.add_argument("--head", default="HEAD", metavar="版本", help="申请的版本（默认 HEAD）")
    parser.add_argument(
        "--format", choices=("markdown", "text", "json", "github"), default="markdown", help="输出格式（默认 markdown）"
    )
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="目录文件夹（默认 catalog）")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="按哪一天检查（默认北京时间今天）")
    parser.add_argument("--report", metavar="文件", help="另外把 Markdown 报告写入此文件（供评论工作流使用）")
    parser.add_argument("--no-cache", action="store_true", help="校验整个目录时不使用也不更新校验缓存")


def locate(catalog: str) -> tuple[Any, str]:
    """The repository holding the catalog folder, and the folder relative to its root."""
    folder = Path(catalog).resolve()
    present = next((f for f in (folder, *folder.parents) if f.exists()), Path.cwd())
    try:
        # The folder may be absent from the work tree (a pull request checked out as data only):
        # the repository is found from its nearest existing parent, and files are read from git.
        repo = gitrepo.open_repo(present)
    except gitrepo.RepoError as err:
        raise UsageError(str(err)) from None
    try:
        prefix = folder.relative_to(gitrepo.root(repo).resolve()).as_posix()
    except ValueError:
        raise UsageError(f"目录文件夹 {catalog} 不在 git 仓库 {gitrepo.root(repo)} 中") from None
    return repo, "" if prefix == "." else prefix


def run(args: argparse.Namespace) -> int:
    on = args.today or today()
    repo, prefix = locate(args.catalog)
    cache = None
    if not args.no_cache:
        store, note = open_store(gitrepo.root(repo) / (prefix or "."))
        if note:
            print(f"注意：{note}", file=sys.stderr)
        cache = store.child("check") if store is not None else None
    try:
        result = review(repo, prefix, args.base, args.head, on, cache)
    except gitrepo.RepoError as err:
        raise UsageError(str(err)) from None
    if gitrepo.uncommitted(repo):
        print(f"注意：工作区有未提交的修改，本次只检查已提交的版本 {result.head[:7]}，不包括这些修改；请先提交再检查。", file=sys.stderr)
    report = markdown.render(result)
    if args.report:
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(report, encoding="utf-8")
    if args.format == "json":
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    elif args.format == "github":
        sys.stdout.write(github.annotate(result.problems))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(github.summary(report))
    elif args.format == "text":
        sys.stdout.write(text.render(result))
    else:
        sys.stdout.write(report)
    return EXIT_PROBLEMS if result.blocking else EXIT_OK
