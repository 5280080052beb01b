"""``catalog rules [--profile NAME]``: which rule applies under a profile, at which level, and why."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.cli import EXIT_OK, UsageError
from generator.law import applicability
from generator.law.profiles import BUILTIN, Profile, resolve
from generator.load.catalog import load

HELP = "列出规则配置中每条规则的适用情况：级别（错误、警告、不适用）、依据条款和说明"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", choices=BUILTIN, metavar="配置", help=f"规则配置：{'、'.join(BUILTIN)}；默认为目录登记的配置")
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="目录文件夹（默认 catalog），读取其 registry.yaml")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="输出格式（默认 text）")
    parser.add_argument("--all", action="store_true", help="列出全部规则配置（与 --format markdown 一起生成 docs/about/profiles.md）")


def chosen(args: argparse.Namespace) -> Profile:
    """The named built-in profile, or the catalog's own (with its registry's overrides)."""
    if args.profile:
        return resolve(args.profile, None)[0]
    registry = Path(args.catalog) / "registry.yaml"
    if not registry.is_file():
        raise UsageError(f"找不到 {registry}：请在目录仓库的根目录运行，或用 --profile 指定规则配置")
    catalog, _ = load({"registry.yaml": registry.read_bytes()}, args.catalog)
    if catalog.registry is None:
        raise UsageError(f"{registry} 无法读取，请先运行 catalog validate")
    return catalog.profile


def text(profile: Profile) -> str:
    status = profile.status
    out = [f"规则配置：{profile.id}（{profile.name}）", f"依据：{profile.regulation}（{status.state}）"]
    if status.note:
        out.append(f"说明：{status.note}")
    out.append("")
    for row in applicability.table(profile):
        level = applicability.LEVELS[row.level] if row.checked else "不检查" if row.rule.startswith("U-") else "不适用"
        line = f"{row.rule}  {level}  {row.title}"
        if row.citation:
            line += f"（{row.citation}）"
        out.append(line)
        if row.reason:
            out.append(f"        {row.reason}")
    out.append("")
    out.append("期限：")
    for d in applicability.deadline_rows(profile):
        out.append(f"{d.kind}  {d.days} 个{d.unit}（{d.basis}）：{d.start}起，{d.action}；{d.enforced_by}")
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.all:
        from generator.site.pages import profiles_document

        if args.format == "json":
            every = {name: [row.as_dict() for row in applicability.table(resolve(name, None)[0])] for name in BUILTIN}
            sys.stdout.write(json.dumps(every, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        else:
            sys.stdout.write(profiles_document() if args.format == "markdown" else "".join(text(resolve(n, None)[0]) + "\n" for n in BUILTIN))
        return EXIT_OK
    profile = chosen(args)
    if args.format == "json":
        rows = [row.as_dict() for row in applicability.table(profile)]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(applicability.markdown(profile))
    else:
        sys.stdout.write(text(profile))
    return EXIT_OK
