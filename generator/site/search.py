"""Search: index the built site with Pagefind (extended build: segments Chinese words).

Pagefind splits its index into chunks fetched as a query needs them, instead of one file every
visitor downloads (Material's ``search_index.json``); figures on ``docs/about/search.md``. Only
content marked ``data-pagefind-body`` (resources, departments, legal bases) is indexed, with
filters from ``data-pagefind-filter`` (部门, 共享类型, 开放类型, 状态).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError

from generator.caching import Store

log = logging.getLogger("mkdocs.plugins.catalog")


def executable() -> Path:
    """The Pagefind binary shipped in the ``pagefind_bin_extended`` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise PluginError("缺少搜索索引程序：请安装 pagefind[extended]（pip install -e .）") from None
    return Path(get_executable())


PART_SIZE = 8000
"""Resource pages per index part. One Pagefind process holds its whole part in memory (about
0.2 MB per page), so a provincial catalog is indexed part by part and merged in the browser."""

PARTS_FILE = "pagefind/parts.json"
"""The list of part bundles the search page merges (``[]`` when the site has one index)."""


def index(
    site: Path,
    stems: dict[str, str] | None = None,
    part_size: int = PART_SIZE,
    cache: Store | None = None,
    keys: Mapping[str, str] | None = None,
) -> None:
    """Write the search index to ``site/pagefind``.

    ``stems`` maps each resource page's folder name (``101001-000001``) to its department. Up to
    ``part_size`` resource pages, one index holds every page. Beyond, the main bundle holds the
    other pages and the resource pages are indexed in parts, each a set of whole departments
    (``crc32`` of the department id, so a department keeps its part when others change), written
    to ``pagefind/part-NN/`` and merged at search time (Pagefind's ``mergeIndex``).

    With ``cache``, a part whose pages are byte for byte those of an earlier build is copied from
    the cache instead of indexed again: after one resource changed, one part is re-indexed. A
    part is cached as one sealed archive (see :mod:`generator.caching`), used only whole and
    only when its seal holds.
    ``keys`` (the page cache's key of each page, see ``resources.write_all``) stand for the pages'
    bytes, so that those need not be read again; a page without one is read and hashed.
    """
    stems = stems or {}
    count = max(1, math.ceil(len(stems) / part_size))
    if count == 1:
        _run(site, {})
        _write_parts(site, [])
        return
    _run(site, {"glob": "{departments,bases}/**/*.html"})
    parts: dict[int, list[str]] = {}
    for stem, department in sorted(stems.items()):
        parts.setdefault(zlib.crc32(department.encode()) % count, []).append(stem)
    names = []
    reused = 0
    for number in sorted(parts):
        name = f"part-{number:02d}"
        target = site / "pagefind" / name
        stored = f"{name}-{_fingerprint(site, parts[number], keys or {})}.zip"
        archive = cache.read(stored) if cache is not None else None
        if archive is not None and _unpack(archive, target):
            reused += 1
        else:
            glob = "resources/{" + ",".join(parts[number]) + "}/index.html"
            _run(site, {"glob": glob, "output_subdir": f"pagefind/{name}"})
            if cache is not None:
                _store(cache, name, stored, target)
        names.append(name)
    if cache:
        log.info(f"搜索索引：{len(names)} 个部分，其中 {reused} 个未变，取自缓存")
    _write_parts(site, names)


def _fingerprint(site: Path, stems: list[str], keys: Mapping[str, str]) -> str:
    """SHA-256 of the Pagefind version and every page of a part (its address and its bytes)."""
    digest = hashlib.sha256(str(executable()).encode())
    for stem in stems:
        digest.update(stem.encode() + b"\0")
        digest.update((keys.get(stem) or _page_digest(site / "resources" / stem / "index.html")).encode())
    return digest.hexdigest()[:32]


def _page_digest(page: Path) -> str:
    return hashlib.sha256(page.read_bytes()).hexdigest() if page.is_file() else "-"


def _store(cache: Store, part: str, stored: str, built: Path) -> None:
    """Keep ``built`` as the cached copy of ``part``, replacing older copies of the same part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(built.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(built).as_posix())
    if cache.write(stored, buffer.getvalue()):
        for old in cache.folder.glob(f"{part}-*.zip"):
            if old.name != stored:
                cache.remove(old.name)


def _unpack(archive: bytes, target: Path) -> bool:
    """Write a cached part (a sealed archive, so made by this program) into ``target``; on any
    doubt, leave ``target`` absent and return ``False``."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
            members = [m for m in bundle.infolist() if not m.is_dir()]
            for member in members:
                name = PurePosixPath(member.filename)
                if name.is_absolute() or ".." in name.parts:
                    raise zipfile.BadZipFile(member.filename)
                path = target / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(bundle.read(member))
    except zipfile.BadZipFile:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return bool(members)


def _run(site: Path, options: dict[str, str]) -> None:
    """One Pagefind run; options go through a ``pagefind.json`` config file, since a part's glob
    (one alternative per page) is longer than the operating system allows for one argument."""
    config = {"site": str(site.resolve()), "force_language": "zh", **options}
    with tempfile.TemporaryDirectory(prefix="catalog-pagefind-") as folder:
        (Path(folder) / "pagefind.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run([str(executable())], cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"生成搜索索引失败：\n{result.stdout}\n{result.stderr}")
    summary = [line.strip() for line in result.stdout.splitlines() if "Indexed" in line]
    log.info("搜索索引：" + "；".join(summary))


def _write_parts(site: Path, names: list[str]) -> None:
    target = site / PARTS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(names) + "\n", encoding="utf-8")
