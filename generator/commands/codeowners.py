"""``catalog codeowners [--check]``: write CODEOWNERS from the department files and the registry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import gitrepo
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.commands.check import locate
from generator.forge.codeowners import generate
from generator.load.catalog import load, read_folder

HELP = "根据各部门的审核人生成 CODEOWNERS（--check 只检查它是否最新）"
TARGETS = {"github": ".github/CODEOWNERS", "gitea": ".gitea/CODEOWNERS"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="不写文件，只检查现有文件是否最新（不是最新时退出码为 1）")
    parser.add_argument("--flavour", choices=sorted(TARGETS), default="github", help="代码托管平台（默认 github）")
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="目录文件夹（默认 catalog）")
    parser.add_argument("--output", metavar="文件", help="CODEOWNERS 文件（默认 .github/CODEOWNERS 或 .gitea/CODEOWNERS）")
    parser.add_argument("--rev", metavar="版本", help="与 --check 同用：检查该版本中提交的文件（从 git 读取，不读工作区）")


def run(args: argparse.Namespace) -> int:
    if args.rev and not args.check:
        raise UsageError("--rev 只能与 --check 一起使用")
    if not args.rev and not Path(args.catalog).is_dir():
        raise UsageError(f"目录文件夹不存在：{args.catalog}")
    repo, prefix = locate(args.catalog)
    relative = Path(args.output).as_posix() if args.output else TARGETS[args.flavour]
    target = Path(args.output) if args.output else gitrepo.root(repo) / TARGETS[args.flavour]
    try:
        files = gitrepo.read_tree(repo, args.rev, prefix) if args.rev else read_folder(Path(args.catalog))
    except gitrepo.RepoError as err:
        raise UsageError(str(err)) from None
    catalog, _ = load(files, prefix)
    if catalog.registry is None:
        raise UsageError(f"{args.catalog}/registry.yaml 无法读取，请先运行 catalog validate")
    text = generate(catalog, prefix, args.flavour)
    if args.check:
        if args.rev:
            committed = gitrepo.show(repo, gitrepo.resolve(repo, args.rev), relative)
            shown, current = f"{args.rev[:12]}:{relative}", committed.decode("utf-8", "replace") if committed is not None else None
        else:
            shown, current = str(target), target.read_text(encoding="utf-8") if target.is_file() else None
        if current == text:
            print(f"{shown} 是最新的。")
            return EXIT_OK
        print(f"{shown} 不是最新的：请运行 catalog codeowners{' --flavour gitea' if args.flavour == 'gitea' else ''} 重新生成并提交。", file=sys.stderr)
        return EXIT_PROBLEMS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已写入 {target}")
    return EXIT_OK
