"""``catalog import FILE… --department ID | --by-provider``: bring a spreadsheet or portal export
into the catalog, into one department or each record into its provider's department."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.commands.validate import display_prefix
from generator.importer import forecast, onboard_report
from generator.importer import mapping as mappings
from generator.importer.onboard import import_by_provider
from generator.importer.pipeline import Progress, import_files
from generator.importer.readers import SourceError
from generator.importer.report import render_json, render_text
from generator.importer.state import StateError
from generator.load import layout

HELP = "从电子表格（XLSX、CSV）或开放平台导出（JSON）导入目录条目，并报告每一行的结果"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="文件", help="要导入的 .xlsx、.csv 或 .json 文件")
    parser.add_argument(
        "--department", metavar="部门标识", help="导入到哪个部门（部门文件夹名）；与 --by-provider 同用时，来源未写提供方的记录归此部门"
    )
    parser.add_argument(
        "--by-provider",
        action="store_true",
        help="按来源中的提供方列把每条记录导入对应部门（按部门名称和 aliases 匹配）；没有对应部门的提供方新建部门",
    )
    parser.add_argument(
        "--mapping",
        default="national",
        metavar="名称或路径",
        help=f"列与字段的对应关系：{'、'.join(mappings.shipped())}，或映射文件路径（默认 national）",
    )
    parser.add_argument("--output", metavar="目录", help="写入哪个目录文件夹（含 registry.yaml，默认 catalog/）")
    parser.add_argument("--provider", default="", metavar="名称", help="本部门在来源“提供方”列中的名称（与部门名称不同时）")
    parser.add_argument("--dry-run", action="store_true", help="只报告，不写入任何文件")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="报告格式（默认 text）")


def run(args: argparse.Namespace) -> int:
    target = Path(args.output) if args.output else Path("catalog")
    if not target.exists():
        raise UsageError(f"目录文件夹不存在：{target}")
    root = layout.find_root(target)
    if root is None:
        raise UsageError(f"找不到目录登记文件 registry.yaml：{target} 不在目录文件夹中")
    if not args.department and not args.by_provider:
        raise UsageError("请用 --department 指定导入到哪个部门，或用 --by-provider 按提供方导入")
    sources = [Path(f) for f in args.files]
    for source in sources:
        if not source.is_file():
            raise UsageError(f"文件不存在：{source}")
    progress = _progress if sys.stderr.isatty() else None
    try:
        mapping = mappings.load(args.mapping)
        if args.by_provider:
            return _by_provider(args, sources, mapping, root, progress)
        reports = import_files(
            sources,
            args.department,
            mapping,
            root,
            prefix=display_prefix(root),
            provider=args.provider,
            dry_run=args.dry_run,
            progress=progress,
        )
    except SourceError as err:  # the file's content, not the command, is wrong: a problem, exit 1
        print(f"catalog：{err}", file=sys.stderr)
        return EXIT_PROBLEMS
    except (mappings.MappingError, StateError) as err:
        raise UsageError(str(err)) from err
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    sys.stdout.write((render_json if args.format == "json" else render_text)(reports))
    return EXIT_PROBLEMS if any(r.refused for r in reports) else EXIT_OK


def _by_provider(
    args: argparse.Namespace, sources: list[Path], mapping: mappings.Mapping, root: Path, progress: Progress | None
) -> int:
    report = import_by_provider(
        sources, mapping, root, fallback=args.department or "", prefix=display_prefix(root), dry_run=args.dry_run, progress=progress
    )
    if not args.dry_run:
        report = forecast.attach(report, root)
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    sys.stdout.write((onboard_report.render_json if args.format == "json" else onboard_report.render_text)(report))
    return EXIT_PROBLEMS if report.rejected or report.problems else EXIT_OK


def _progress(name: str, done: int, total: int) -> None:
    if total >= 500:
        sys.stderr.write(f"\r正在读取 {name}：{done}/{total}")
        sys.stderr.flush()
