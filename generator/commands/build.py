"""``catalog build``: validate the catalog, then build the public site with MkDocs."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator import atomic, locking
from generator.caching import open_store
from generator.caching.place import repository_tree
from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.output import FORMATS
from generator.problems import LAPSES, blocks_publishing, lapsed
from generator.publish.source import BUILD_DATE_ENV, choose_date, validated
from generator.site import folder as sitefolder
from generator.site.plugin import CATALOG_DIR_ENV

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

HELP = "校验目录并生成公开网站（页面、清单、下载和搜索索引）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common(parser)
    parser.add_argument(
        "-d", "--site-dir", metavar="文件夹",
        help="网站输出文件夹（默认 site/，相对于网站配置文件所在的文件夹）；只能是不存在的、空的或以前生成的网站文件夹",
    )


def common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalog", default="catalog", metavar="路径", help="目录文件夹（默认 catalog）")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="文件", help="网站配置（默认 mkdocs.yml）")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="构建日期，公示倒计时按此计算（默认 HEAD 提交的北京时间日期）")


def prepare(args: argparse.Namespace) -> bool:
    """Validate the catalog and point the MkDocs plugin at it; ``False`` when it has errors."""
    root = Path(args.catalog)
    if not (root / "registry.yaml").is_file():
        raise UsageError(f"找不到目录登记文件：{root / 'registry.yaml'}")
    if not Path(args.config_file).is_file():
        raise UsageError(f"找不到网站配置文件：{args.config_file}")
    date = choose_date(root, args.date or "")
    started = time.perf_counter()
    checked = validated(root, date)
    problems = checked.problems
    print(f"目录已读取并校验：{checked.count} 个文件，用时 {time.perf_counter() - started:.1f} 秒", file=sys.stderr)
    if problems:
        sys.stdout.write(FORMATS["text"](problems, checked.count))
    if any(blocks_publishing(p) for p in problems):
        print("目录未通过校验，网站不生成。", file=sys.stderr)
        return False
    if lapsed(problems):
        print(
            f"其中 {len(lapsed(problems))} 个错误只是因为期限届满（规则 {'、'.join(sorted(LAPSES))}），不阻止发布网站，"
            "网站上已标出逾期；修改这些文件的拉取请求须先改正。",
            file=sys.stderr,
        )
    os.environ[CATALOG_DIR_ENV] = str(root.resolve())
    os.environ[BUILD_DATE_ENV] = date
    _show_mkdocs_log()
    return True


def _show_mkdocs_log() -> None:
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def run(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from generator.site import build as incremental
    from generator.site import generations

    config = load(args)
    site = Path(config.site_dir)
    if getattr(args, "site_dir", None):  # as MkDocs reads it: relative to the configuration file
        site = Path(config.config_file_path or args.config_file).resolve().parent / args.site_dir
    site = site.resolve()
    try:
        sitefolder.check(site, *_folders(args, config))
    except sitefolder.Refused as err:
        raise UsageError(str(err)) from None
    if not prepare(args):
        return EXIT_PROBLEMS
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        with locking.exclusive(sitefolder.lock_path(site), partial(_waiting, site)):
            sitefolder.check(site, *_folders(args, config))  # again: another build may have run meanwhile
            store, note = open_store(Path(args.catalog)) if _cached(config) else (None, "")
            if note:
                print(f"catalog：{note}", file=sys.stderr)
            with generations.staged(site, store) as outputs:
                config.site_dir = str(outputs.folder)
                incremental.build(config, outputs, store)
            if store is not None and store.write_note():
                print(f"catalog：{store.write_note()}", file=sys.stderr)
    except sitefolder.Refused as err:
        raise UsageError(str(err)) from None
    except MkDocsException as err:
        print(f"catalog：网站生成失败，原有网站未改动：{err}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as err:
        where = site if err.errno in atomic.FULL else None
        print(f"catalog：网站生成失败，原有网站未改动：{atomic.describe(err, where)}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _cached(config: MkDocsConfig) -> bool:
    """Whether the site's ``catalog`` plugin keeps results between builds (option ``cache``)."""
    plugin = config.plugins.get("catalog")
    return bool(getattr(plugin, "config", {}).get("cache", True))


def load(args: argparse.Namespace) -> MkDocsConfig:
    """The site configuration; a usage error when unusable. ``-d`` is applied by the caller after
    checking it (MkDocs' own check of it is in English)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not Path(args.config_file).is_file():
        raise UsageError(f"找不到网站配置文件：{args.config_file}")
    try:
        return load_config(args.config_file, strict=True)
    except MkDocsException as err:
        raise UsageError(f"网站配置文件 {args.config_file} 有误：{err}") from None


def _folders(args: argparse.Namespace, config: MkDocsConfig) -> tuple[dict[Path, str], dict[Path, str]]:
    """Folders the output may not touch (the catalog, the documentation, the theme overrides),
    and folders it may lie in but not be (the project)."""
    protected = {Path(args.catalog): "目录文件夹", Path(config.docs_dir): "文档文件夹"}
    if config.theme.custom_dir:
        protected[Path(config.theme.custom_dir)] = "主题覆盖文件夹"
    project = Path(config.config_file_path or args.config_file).resolve().parent
    return protected, {project: "项目文件夹", repository_tree(Path(args.catalog).resolve()): "仓库"}


def _waiting(site: Path, holder: str) -> None:
    who = f"（进程 {holder}）" if holder else ""
    print(f"catalog：另一次网站生成{who}正在写入 {site}，等它完成后继续……", file=sys.stderr)
