"""``catalog build``: validate the catalog, then build the public site with MkDocs."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from generator.output import FORMATS
from generator.problems import has_errors
from generator.site.data import BUILD_DATE_ENV, choose_date, validated
from generator.site.plugin import CATALOG_DIR_ENV

HELP = "校验目录并生成公开网站（页面、清单、下载和搜索索引）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common(parser)
    parser.add_argument("-d", "--site-dir", metavar="文件夹", help="网站输出文件夹（默认 site/）")


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
    _, catalog, problems = validated(root, date)
    print(f"目录已读取并校验：{len(catalog.documents)} 个文件，用时 {time.perf_counter() - started:.1f} 秒", file=sys.stderr)
    if problems:
        sys.stdout.write(FORMATS["text"](problems, len(catalog.documents)))
    if has_errors(problems):
        print("目录未通过校验，网站不生成。", file=sys.stderr)
        return False
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
    if not prepare(args):
        return EXIT_PROBLEMS
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(args.config_file, site_dir=args.site_dir, strict=True)
        with staged(Path(config.site_dir)) as folder:
            config.site_dir = str(folder)
            build(config)
    except MkDocsException as err:
        print(f"catalog：网站生成失败，原有网站未改动：{err}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


STAGING = ".{name}.building-{pid}-"


@contextmanager
def staged(site: Path) -> Iterator[Path]:
    """A new empty folder beside ``site`` to build into, put in ``site``'s place only when complete.

    Nothing is ever written into the published folder itself: a build that fails or is interrupted
    (even killed) leaves the previous site as it was. Leftovers of killed builds are removed by the
    next build.
    """
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(site)
    folder = Path(tempfile.mkdtemp(prefix=STAGING.format(name=site.name, pid=os.getpid()), dir=site.parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # mkdtemp makes it private; a published site is readable
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if site.exists():
        retired = site.with_name(f".{site.name}.old-{os.getpid()}")
        shutil.rmtree(retired, ignore_errors=True)
        site.rename(retired)
        try:
            folder.rename(site)
        except OSError:
            retired.rename(site)
            raise
        shutil.rmtree(retired, ignore_errors=True)
    else:
        folder.rename(site)


def _remove_leftovers(site: Path) -> None:
    """Remove staging folders of builds that are no longer running (killed, power cut)."""
    for pattern in (f".{site.name}.building-*", f".{site.name}.old-*"):
        for leftover in site.parent.glob(pattern):
            pid = leftover.name.rsplit(".", 1)[-1].split("-")[1]
            if pid.isdigit() and int(pid) != os.getpid() and _running(int(pid)):
                continue
            shutil.rmtree(leftover, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
