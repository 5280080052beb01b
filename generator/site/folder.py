"""The folder a site is published to: which folders may be replaced, and replacing one whole.

A build replaces its output folder entirely, so ``catalog build -d catalog`` (or ``-d .``,
``-d .git``, ``-d docs``) would delete the catalog, the repository or the documentation. Only a
folder that does not exist, an empty one, or one that a build made (it carries ``MARKER``) may be
replaced, and never one that holds or lies inside the catalog, the documentation, the theme
overrides, the project or a ``.git`` folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator import atomic

MARKER = ".catalog-site"
"""Written into every built site; its presence lets the next build replace the folder."""
MARKER_TEXT = "catalog build 生成的网站。下次生成时整个文件夹会被替换，请不要在其中存放其他文件。\n"
STAGING = ".{name}.building-{pid}-"


class Refused(Exception):
    """The output folder may not be replaced; the message is Chinese and names the folder."""


def check(site: Path, protected: dict[Path, str], contained: dict[Path, str]) -> None:
    """Raise :class:`Refused` unless ``site`` may be replaced by a build.

    ``protected`` folders (the catalog, the documentation…) may neither be ``site``, nor lie
    below it, nor hold it; ``contained`` folders (the project) may hold ``site`` but not be it
    or lie below it. Keys are paths, values their Chinese names."""
    site = site.resolve()
    for folder, name in {**protected, **contained}.items():
        folder = folder.resolve()
        if folder == site:
            raise Refused(f"输出文件夹 {site} 就是{name}，生成网站会删除它；请换一个文件夹")
        if site in folder.parents:
            raise Refused(f"输出文件夹 {site} 包含{name}（{folder}），生成网站会删除它；请换一个文件夹")
    for folder, name in protected.items():
        if folder.resolve() in site.parents:
            raise Refused(f"输出文件夹 {site} 在{name}（{folder.resolve()}）之内；请换一个文件夹")
    if ".git" in site.parts:
        raise Refused(f"输出文件夹 {site} 是 git 仓库的 .git 文件夹或在其中，生成网站会破坏仓库；请换一个文件夹")
    if not site.exists():
        return
    if not site.is_dir():
        raise Refused(f"输出文件夹 {site} 是一个文件，不是文件夹；请换一个文件夹")
    try:
        entries = {entry.name for entry in os.scandir(site)}
    except OSError as err:
        raise Refused(f"无法读取输出文件夹 {atomic.describe(err, site)}") from None
    if entries & {".git", "registry.yaml", "mkdocs.yml"}:
        raise Refused(f"输出文件夹 {site} 中有 git 仓库或目录文件，生成网站会删除它们；请换一个文件夹")
    if entries and not is_site(site):
        raise Refused(
            f"输出文件夹 {site} 不是空文件夹，也不是以前生成的网站（没有 {MARKER} 标记），生成网站会删除其中的文件；"
            "请换一个文件夹，或先确认并清空它"
        )


def is_site(folder: Path) -> bool:
    try:
        return (folder / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def lock_path(site: Path) -> Path:
    """The lock file of the output folder ``site``, beside it (see :mod:`generator.locking`)."""
    site = site.resolve()
    return site.with_name(f".{site.name}.lock")


def remove_leftovers(site: Path) -> None:
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
