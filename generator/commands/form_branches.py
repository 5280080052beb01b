"""``catalog form-branches``: department branches of the form, and their pull requests (branch mode)."""

from __future__ import annotations

import argparse
import sys

from generator import gitrepo
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.cms import branches, source
from generator.commands.check import locate
from generator.forge import ForgeError, from_env

HELP = "按部门分支提交的填报表单：为每个部门建立分支 form/部门标识，有修改时开出拉取请求（加 --apply 才执行）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="目录文件夹（默认 catalog）")
    parser.add_argument("--base", default="main", metavar="分支", help="拉取请求的目标分支（默认 main）")
    parser.add_argument(
        "--remote", default="origin", metavar="远程", help="部门分支在本地克隆中的远程名（默认 origin；空字符串表示本地分支）"
    )
    parser.add_argument("--apply", action="store_true", help="通过代码托管平台执行（环境变量见填报表单指南），否则只列出将要做的")


def run(args: argparse.Namespace) -> int:
    repo, prefix = locate(args.catalog)
    site, _ = source.read(gitrepo.root(repo) / prefix if prefix else gitrepo.root(repo))
    if not site.departments:
        raise UsageError(f"{args.catalog} 中没有部门（部门文件夹须有 department.yaml）")
    try:
        forge = from_env()
        outcomes = branches.run(forge, repo, prefix, site.departments, args.base, args.remote, args.apply)
    except (ForgeError, gitrepo.RepoError) as err:
        print(f"catalog：{err}", file=sys.stderr)
        return EXIT_PROBLEMS
    for outcome in outcomes:
        print(outcome.message)
    return EXIT_PROBLEMS if any(o.kind == "missing" for o in outcomes) else EXIT_OK
