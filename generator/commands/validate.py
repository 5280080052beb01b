"""``catalog validate [PATH…]``: check catalog files against the standard and the regulations."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.caching import open_store
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.load import layout
from generator.load.catalog import read_folder
from generator.output import FORMATS
from generator.validate.batch import check_files
from generator.validate.files import today

HELP = "校验目录文件是否符合目录标准和本辖区办法"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="路径", help="要校验的文件或文件夹，默认为 catalog/")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式（默认 text）")
    parser.add_argument("--strict", action="store_true", help="有警告也以退出码 1 结束")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="按哪一天校验（默认北京时间今天）")
    parser.add_argument("--no-cache", action="store_true", help="不使用也不更新校验缓存（缓存在仓库以外，见环境变量 CATALOG_CACHE_DIR）")


def display_prefix(root: Path) -> str:
    """How to show the catalog folder: relative to the working directory when inside it."""
    try:
        return Path(os.path.relpath(root.resolve(), Path.cwd())).as_posix()
    except ValueError:
        return root.resolve().as_posix()


def resolve_root(paths: list[str]) -> tuple[Path, list[Path]]:
    targets = [Path(p) for p in paths] or [Path("catalog")]
    if not paths and not targets[0].is_dir():
        raise UsageError("当前文件夹中没有 catalog/ 目录文件夹：请在目录仓库的根目录运行，或指定要校验的路径")
    for target in targets:
        if not target.exists():
            raise UsageError(f"路径不存在：{target}")
    root = layout.find_root(targets[0])
    if root is None:
        raise UsageError(f"找不到目录登记文件 registry.yaml：{targets[0]} 不在目录文件夹中")
    for target in targets[1:]:
        if layout.find_root(target) != root:
            raise UsageError(f"{target} 与 {targets[0]} 不属于同一个目录")
    return root, targets


def run(args: argparse.Namespace) -> int:
    root, targets = resolve_root(args.paths)
    prefix = display_prefix(root)
    on = args.today or today()
    files = read_folder(root)
    cache = None
    if not args.no_cache:
        cache, note = open_store(root)
        if note:
            print(f"catalog：{note}", file=sys.stderr)
    _, problems = check_files(files, prefix, on, cache)
    if cache is not None and cache.write_note():
        print(f"catalog：{cache.write_note()}", file=sys.stderr)
    shown = [display_prefix(t) for t in targets]

    def chosen(path: str) -> bool:
        return any(s == "." or path == s or path.startswith(s.rstrip("/") + "/") for s in shown)

    selected = [p for p in problems if chosen(p.path)]
    checked = sum(1 for relative in files if not layout.ignored(relative) and chosen(f"{prefix}/{relative}"))
    sys.stdout.write(FORMATS[args.format](selected, checked))
    blocking = any(p.level == "error" or args.strict for p in selected)
    return EXIT_PROBLEMS if blocking else EXIT_OK
