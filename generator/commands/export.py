"""``catalog export --format xlsx|csv|json --output PATH``: the catalog as a national-template table."""

from __future__ import annotations

import argparse
import errno
import gc
import sys
import tempfile
from pathlib import Path

from generator import atomic
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.importer.export import FORMATS, WRITERS, collect, rows
from generator.load import layout

HELP = "按国家目录模板（1272号）导出目录为 XLSX、CSV 或 JSON 表格"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True, help="导出格式")
    parser.add_argument("--output", required=True, metavar="文件", help="导出到哪个文件")
    parser.add_argument("--department", metavar="部门标识", help="只导出这个部门（默认全部部门）")
    parser.add_argument("--catalog", default="catalog", metavar="目录", help="目录文件夹（默认 catalog/）")


def run(args: argparse.Namespace) -> int:
    target = Path(args.catalog)
    root = layout.find_root(target) if target.exists() else None
    if root is None:
        raise UsageError(f"找不到目录登记文件 registry.yaml：{target} 不在目录文件夹中")
    if args.department and not (root / args.department / layout.DEPARTMENT).is_file():
        raise UsageError(f"部门“{args.department}”不存在：{root / args.department / layout.DEPARTMENT} 不存在")
    entries = collect(root, args.department)
    output = Path(args.output)
    if output.is_dir():
        raise UsageError(f"--output 应为文件，{output} 是文件夹")
    if not output.parent.is_dir():
        raise UsageError(f"文件夹不存在：{output.parent}")
    failed: OSError | None = None
    try:
        data = WRITERS[args.format](rows(entries))
    except Exception as err:  # openpyxl writes each sheet to a temporary file first
        failed = _temporary_file_error(err)
        if failed is None:
            raise
    if failed is not None:
        _finish_quietly()
        print(f"catalog：导出失败，{output} 未改动：无法写入临时文件夹 {tempfile.gettempdir()}：{atomic.reason(failed)}", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        atomic.write_bytes(output, data)  # an existing file stays whole until the new one is
    except OSError as err:
        print(f"catalog：导出失败，{output} 未改动：{atomic.describe(err, output)}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"已导出 {len(entries)} 个资源到 {output}", file=sys.stderr)
    return EXIT_OK


def _temporary_file_error(err: Exception) -> OSError | None:
    """The operating system's error behind a failure to write a temporary file, if it was one:
    an ``OSError``, or lxml's ``SerialisationError('IO_ENOSPC')`` when openpyxl writes with lxml."""
    if isinstance(err, OSError):
        return OSError(err.errno, err.strerror)  # without the traceback, which holds the writer
    name = str(err)
    if type(err).__module__.startswith("lxml") and name.startswith("IO_") and hasattr(errno, name[3:]):
        return OSError(getattr(errno, name[3:]), name)
    return None


def _finish_quietly() -> None:
    """Close the writer abandoned by the failure now: closing it fails again, and Python would
    print that as a traceback when it is collected at exit."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook
