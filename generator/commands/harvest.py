"""``catalog harvest [--member CODE] [--format json]``: snapshot the lower-level registries.

Writes ``members/<code>/`` beside the catalog folder and leaves the files for a pull request
(a scheduled workflow commits them on a branch and opens it, so the upper level's reviewers see
what each member added, changed and delisted). Exit 0 when every member was harvested, 1 when
one failed (its last good snapshot kept), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.caching.place import folder_for
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.federation import crosscheck, snapshot
from generator.federation.crosscheck import Flag
from generator.federation.harvest import Result, harvest
from generator.federation.members import Member, members
from generator.load import layout
from generator.load.schemas import validate
from generator.load.yamlfile import parse
from generator.validate.files import today, validate_folder

HELP = "抓取 registry.yaml 中登记的下级目录，校验后写入 members/ 快照，供审核人在拉取请求中查看变化"
MEMBERS_DIR = "members"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="本级目录文件夹（默认 catalog）")
    parser.add_argument("--member", action="append", metavar="行政区划代码", help="只抓取这个下级目录（可重复）")
    parser.add_argument("--members-dir", metavar="文件夹", help="快照文件夹（默认目录文件夹旁的 members/）")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="记入快照的抓取日期（默认北京时间今天）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="报告格式（默认 text）")


def run(args: argparse.Namespace) -> int:
    root = Path(args.catalog)
    registry = _registry(root)
    chosen = members(registry.get("members"))
    if not chosen:
        raise UsageError(f"{root / layout.REGISTRY} 中没有登记下级目录（members）")
    if args.member:
        unknown = sorted(set(args.member) - {m.code for m in chosen})
        if unknown:
            raise UsageError(f"members 中没有行政区划代码为 {'、'.join(unknown)} 的下级目录")
        chosen = [m for m in chosen if m.code in args.member]
    base = root.resolve().parent
    folder = Path(args.members_dir) if args.members_dir else base / MEMBERS_DIR
    on = args.date or today()
    cache, note = folder_for(root)
    if note:
        print(f"注意：{note}", file=sys.stderr)
    if cache is None:
        raise UsageError("没有可用的缓存文件夹保存下级目录的 git 镜像；请把 CATALOG_CACHE_DIR 设为仓库以外的文件夹")
    results = harvest(chosen, base, folder, cache, on)
    flags = cross_check(root, registry, chosen, folder, on)
    sys.stdout.write(render_json(results, flags) if args.format == "json" else render_text(results, chosen, flags))
    return EXIT_PROBLEMS if any(r.error for r in results) else EXIT_OK


def _registry(root: Path) -> dict:  # type: ignore[type-arg]
    path = root / layout.REGISTRY
    if not path.is_file():
        raise UsageError(f"找不到目录登记文件：{path}")
    doc, problems = parse(path.read_bytes(), str(path))
    if doc is not None and not problems:
        problems = validate("registry", doc)
    if doc is None or problems:
        first = problems[0]
        raise UsageError(f"{first.path}:{first.line}:{first.column} [{first.rule}] {first.message}")
    data: dict = doc.data  # type: ignore[type-arg]
    return data


def cross_check(root: Path, registry: dict, chosen: list[Member], folder: Path, on: str) -> dict[str, list[Flag]]:  # type: ignore[type-arg]
    """Flags of each member's snapshot against this level's negative list (吉林 第二十四条)."""
    if not any(crosscheck.applies(registry["profile"], m.profile) for m in chosen):
        return {}
    catalog, _ = validate_folder(root, "catalog", on)
    upper = crosscheck.negatives(catalog)
    return {
        m.code: crosscheck.check(upper, m.code, snapshot.iter_records(folder / m.code / snapshot.RESOURCES),
                                 crosscheck.applies(registry["profile"], m.profile))
        for m in chosen
    }


def render_json(results: list[Result], flags: dict[str, list[Flag]]) -> str:
    members = [{**r.as_dict(), "flags": [f.message() for f in flags.get(r.code, [])]} for r in results]
    return json.dumps({"members": members}, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def render_text(results: list[Result], chosen: list[Member], flags: dict[str, list[Flag]]) -> str:
    sources = {m.code: m.describe() for m in chosen}
    out = []
    for r in results:
        head = f"{r.code} {r.name}（{sources[r.code]}）"
        if r.error:
            out.append(f"{head}：抓取失败，保留上次的快照（{r.resources} 条，版本 {r.revision or '无'}）：{r.error}")
        elif r.not_modified:
            out.append(f"{head}：自上次抓取以来没有变化（{r.resources} 条）")
        else:
            out.append(f"{head}：版本 {r.revision[:12]}，共 {r.resources} 条；新增 {r.added}、变更 {r.changed}、下线 {r.delisted}")
        out.extend(f"    {line}" for line in r.left_out)
        out.extend(f"    上下级清单不一致：{f.message()}" for f in flags.get(r.code, []))
    failed = sum(1 for r in results if r.error)
    out.append(f"合计：{len(results)} 个下级目录，{len(results) - failed} 个已抓取，{failed} 个失败")
    return "\n".join(out) + "\n"
