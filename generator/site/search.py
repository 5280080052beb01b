"""Search: index the built site with Pagefind (extended build: segments Chinese words).

Pagefind splits its index into chunks fetched as a query needs them, instead of one file every
visitor downloads (Material's ``search_index.json``); figures on ``docs/about/search.md``. Only
content marked ``data-pagefind-body`` (resources, departments, legal bases) is indexed, with
filters from ``data-pagefind-filter`` (部门, 共享类型, 开放类型, 状态).

The resource pages are indexed in parts, each a set of whole departments, merged in the browser
(Pagefind's ``mergeIndex``, ``pagefind/parts.json``); the other pages form the main bundle.
Pagefind reads of each page only the element it indexes (``data-pagefind-body``), cut out of the
page, not the theme around it. A part is keyed by its pages' search keys (what that element shows,
see :func:`generator.site.resources.search_key`): a rebuild after one resource changed indexes one
part again and takes the others over from the earlier build (:mod:`generator.caching.outputs`),
and a change of the theme around the pages indexes nothing again.

A rebuild does not index a whole part again for a few changed pages. Each part records the key of
every page it holds (``pages.json`` in its folder); when at most :data:`DELTA_MOST` of a part's
pages changed, came or went, the part is taken over as it was and the changed pages are indexed
into a small bundle of their own, ``pagefind/revised/``, each marked with the meta field
``revised``. ``parts.json`` names the bundles and the pages whose earlier copy in a part is out of
date (``revised``): the search page drops a result for such a page unless it comes from the
revised bundle. A part with more changes is indexed again whole and leaves the revised bundle.

Parts trade a rebuild's time against a visitor's first search: each part adds its own index
chunk, filters and metadata (about 70 KB) to the first search, and re-indexing a part takes time
in proportion to its pages. A catalog is split into parts of at least ``part_size`` pages and at
most :data:`MAX_PARTS` parts (figures on ``docs/about/performance.md``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Mapping
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.caching.outputs import Outputs

log = logging.getLogger("mkdocs.plugins.catalog")


def executable() -> Path:
    """The Pagefind binary shipped in the ``pagefind_bin_extended`` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise PluginError("缺少搜索索引程序：请安装 pagefind[extended]（pip install -e .）") from None
    return Path(get_executable())


PART_SIZE = 1000
"""Resource pages per index part at least: below, a catalog is one index."""
MAX_PARTS = 10
"""Index parts at most, whatever the catalog's size: each adds about 70 KB to a first search."""

PARTS_FILE = "pagefind/parts.json"
"""``{"parts": [bundles the search page merges], "revised": [pages whose copy in a part is out of
date]}``; no parts when the site has one index."""
DELTA_MOST = 200
"""Changed pages of a part indexed in the revised bundle at most; beyond, the part is indexed again."""
REVISED = "revised"
"""The bundle of pages changed since their part was indexed, and the meta field marking them."""
PAGES_FILE = "pages.json"
"""In each part's folder: the key of each page it holds, as it was indexed."""
MAIN = ("departments", "bases")
"""Folders of the pages in the main bundle (when the resources are in parts)."""
BODY = "<div data-pagefind-body>"


def index(
    outputs: Outputs,
    stems: Mapping[str, str] | None = None,
    part_size: int = PART_SIZE,
    keys: Mapping[str, str] | None = None,
    frame: str = "",
) -> None:
    """Write the search index to ``pagefind/`` of the site being built into ``outputs``.

    ``stems`` maps each resource page's folder name (``101001-000001``) to its department and
    ``keys`` each to its search key. Up to ``part_size`` resource pages, one index holds every
    page. Beyond, the main bundle holds the other pages and the resource pages are indexed in
    parts, each a set of whole departments (``crc32`` of the department id, so a department keeps
    its part when others change), written to ``pagefind/part-NN/``.
    """
    stems = dict(stems or {})
    keys = keys or {}
    site = outputs.folder
    count = max(1, min(MAX_PARTS, math.ceil(len(stems) / part_size)))
    version = str(executable())
    main = [p for p in sorted(outputs.made) if p.endswith(".html") and p.split("/", 1)[0] in MAIN]
    whole = count == 1
    searched = [(p, hashlib.sha256(cut((site / p).read_text(encoding="utf-8")).encode()).hexdigest()) for p in main]
    main_key = _key(version, "main", searched, [(s, keys.get(s, "")) for s in sorted(stems)] if whole else [])
    fresh = _main(outputs, main_key, whole, sorted(stems))
    parts: dict[int, list[str]] = {}
    if not whole:
        for stem, department in sorted(stems.items()):
            parts.setdefault(zlib.crc32(department.encode()) % count, []).append(stem)
    names, reused, kept = [], 0, 0
    revised: set[str] = set()
    for number in sorted(parts):
        name = f"part-{number:02d}"
        pages = {stem: keys.get(stem, "") for stem in parts[number]}
        part_key = _key(version, name, sorted(pages.items()), [])
        names.append(name)
        if outputs.reuse_group(f"pagefind/{name}/", part_key):
            reused += 1
            continue
        changed = _changes(outputs, version, name, pages)
        if changed is not None:
            kept += 1
            revised |= changed
            continue
        _clear(site / "pagefind" / name)
        _run_pages(site, parts[number], f"pagefind/{name}")
        (site / "pagefind" / name / PAGES_FILE).write_text(json.dumps(pages, sort_keys=True) + "\n", encoding="utf-8")
        outputs.adopt_tree(f"pagefind/{name}", part_key)
    # A page out of date in a kept part and now in a part indexed just now is in both: the revised
    # bundle holds it too, so that the search page can tell the current copy.
    current = sorted(stem for stem in revised if stem in stems)
    if current:
        revised_key = _key(version, REVISED, [(stem, keys.get(stem, "")) for stem in current], [])
        if not outputs.reuse_group(f"pagefind/{REVISED}/", revised_key):
            _clear(site / "pagefind" / REVISED)
            _run_pages(site, current, f"pagefind/{REVISED}", mark=REVISED)
            outputs.adopt_tree(f"pagefind/{REVISED}", revised_key)
        names.append(REVISED)
    if names:
        note = f"，{kept} 个只把有变化的 {len(current)} 个页面补入索引" if kept else ""
        log.info(f"搜索索引：{len(parts)} 个部分，其中 {reused} 个未变，沿用上次生成的文件{note}" + ("；主索引重建" if fresh else ""))
    listing = {"parts": names, REVISED: [f"resources/{stem}/" for stem in sorted(revised)]}
    text = (json.dumps(listing, ensure_ascii=False) + "\n").encode()
    outputs.write(PARTS_FILE, "parts:" + hashlib.sha256(text).hexdigest(), text)


def _changes(outputs: Outputs, version: str, name: str, pages: dict[str, str]) -> set[str] | None:
    """The pages of part ``name`` changed, added or gone since an earlier generation indexed it,
    when that part can be kept as it is (and is now taken over): at most :data:`DELTA_MOST`, every
    page with a key, the earlier part intact and its list of pages the one it was indexed from."""
    if not all(pages.values()):
        return None
    prefix = f"pagefind/{name}/"
    for source in outputs.sources:
        recorded = source.files.get(prefix + PAGES_FILE)  # written with the part, under its key
        if recorded is None or not source.holds(prefix + PAGES_FILE, recorded.key):
            continue
        old_key = recorded.key
        try:
            earlier = json.loads((source.folder / prefix / PAGES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(earlier, dict) or _key(version, name, sorted(earlier.items()), []) != old_key:
            continue
        changed = {stem for stem, key in pages.items() if earlier.get(stem) != key}
        changed |= {stem for stem in earlier if stem not in pages}
        if len(changed) > DELTA_MOST:
            return None
        return changed if outputs.reuse_group(prefix, old_key) else None
    return None


def _main(outputs: Outputs, key: str, whole: bool, stems: list[str]) -> bool:
    """The main bundle (every page when ``whole``); ``True`` when it was indexed again."""
    if outputs.reuse_group("pagefind/", key, exclude="pagefind/part-"):
        return False
    target = outputs.folder / "pagefind"
    if target.is_dir():
        for child in target.iterdir():
            if not child.name.startswith("part-"):
                _clear(child)
    _run_pages(outputs.folder, stems if whole else [], "pagefind", MAIN)
    for child in sorted(target.iterdir()):
        if child.name.startswith("part-"):
            continue
        if child.is_dir():
            outputs.adopt_tree(f"pagefind/{child.name}", key)
        else:
            outputs.adopt(f"pagefind/{child.name}", key)
    return True


def _key(version: str, name: str, pages: list[tuple[str, str]], more: list[tuple[str, str]]) -> str:
    """The key of a bundle: Pagefind's version and each page's address and key; '' when a page has
    no key (it is made every build, so the bundle is indexed every build too)."""
    digest = hashlib.sha256(f"search\0{version}\0{name}\0".encode())
    for page, key in [*pages, *more]:
        if not key:
            return ""
        digest.update(f"{page}\0{key}\0".encode())
    return digest.hexdigest()


def _run_pages(site: Path, stems: list[str], output: str, also: tuple[str, ...] = (), mark: str = "") -> None:
    """Index the resource pages ``stems`` (their searchable part only) and the pages below the
    folders ``also``, writing the bundle to ``output`` below ``site``; ``mark`` names a meta field
    set on every page of the bundle."""
    with tempfile.TemporaryDirectory(prefix="catalog-search-", dir=site.parent) as folder:
        source = Path(folder)
        pages = [f"resources/{stem}/index.html" for stem in stems]
        for top in also:
            pages += sorted(p.relative_to(site).as_posix() for p in (site / top).rglob("*.html"))
        for page in pages:
            body = cut((site / page).read_text(encoding="utf-8")) if (site / page).is_file() else ""
            if body and mark:
                body = body.replace(BODY, f'{BODY}<span hidden data-pagefind-meta="{mark}:1"></span>', 1)
            if body:
                target = source / page
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(f'<!DOCTYPE html><html lang="zh"><body>{body}</body></html>', encoding="utf-8")
        _run(source, {"output_path": str((site / output).resolve())})


_DIV = re.compile(r"<div\b|</div>")


def cut(html: str) -> str:
    """The element ``<div data-pagefind-body>`` of a page with everything in it; '' if none."""
    start = html.find(BODY)
    if start < 0:
        return ""
    depth = 0
    for tag in _DIV.finditer(html, start):
        depth += 1 if tag[0] == "<div" else -1
        if depth == 0:
            return html[start : tag.end()]
    return html[start:]


def _clear(path: Path) -> None:
    """Remove ``path`` (unlinking: its files may be shared with the published site)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _run(site: Path, options: dict[str, str]) -> None:
    """One Pagefind run; options go through a ``pagefind.json`` config file, since a part's glob
    (one alternative per page) is longer than the operating system allows for one argument."""
    config = {"site": str(site.resolve()), "force_language": "zh", **options}
    with tempfile.TemporaryDirectory(prefix="catalog-pagefind-") as folder:
        (Path(folder) / "pagefind.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run([str(executable())], cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"生成搜索索引失败：\n{result.stdout}\n{result.stdout}\n{result.stderr}")
    summary = [line.strip() for line in result.stdout.splitlines() if "Indexed" in line]
    log.info("搜索索引：" + "；".join(summary))
