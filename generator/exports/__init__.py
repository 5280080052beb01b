"""Downloads and feeds written by the site build: JSON, CSV, XLSX, DCAT JSON-LD and Atom.

Every file is a pure function of :class:`~generator.site.data.SiteData`, so the same catalog and
build date always give the same bytes. Files are made one at a time and written straight away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from generator.exports import atom, dcat, jsonfile, other
from generator.exports.csvfile import to_csv
from generator.exports.tables import Table, resource_table
from generator.exports.xlsx import to_xlsx
from generator.site import lists
from generator.site.data import SiteData

Maker = Callable[[], bytes]


def files(data: SiteData) -> Iterator[tuple[str, Maker]]:
    """Each download's path below the site root, with a function making its bytes."""
    catalog = data.catalog
    base = _base(data)
    ordered = sorted(catalog.resources, key=lambda r: r.code)
    whole = resource_table("政务数据资源目录", ordered, catalog, "items")
    yield from _three("downloads/catalog", data, whole, partial(jsonfile.whole, data))
    for entry in lists.RESOURCE_LISTS:
        chosen = entry.select(data)
        table = resource_table(entry.title, chosen, catalog)
        yield from _three(f"downloads/{entry.slug}", data, table,
                          partial(jsonfile.resources, data, entry.title, chosen))
    for dept in sorted(catalog.departments.values(), key=lambda d: d.id):
        own = [r for r in ordered if r.department == dept.id]
        table = resource_table(dept.name, own, catalog)
        yield from _three(f"downloads/departments/{dept.id}", data, table,
                          partial(jsonfile.resources, data, dept.name, own))
    for name, table, rows in other.tables(data):
        document = {**jsonfile.header(data, table.title), "rows": rows}
        yield from _three(f"downloads/{name}", data, table, partial(jsonfile.dump, document))
    yield "downloads/dcat.jsonld", lambda: jsonfile.dump(dcat.catalog(data, base))
    yield "feeds/changes.xml", lambda: atom.changes(data, base)
    yield "feeds/notices.xml", lambda: atom.notices(data, base)


def write_all(data: SiteData, site: Path) -> int:
    """Write every download below ``site``; return how many files."""
    count = 0
    for relative, make in files(data):
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make())
        count += 1
    return count


def _base(data: SiteData) -> str:
    """The site's address ending in ``/``; ``../`` (relative to downloads/ and feeds/) if unknown."""
    registry = data.catalog.registry
    url = registry.site_url if registry else ""
    return url.rstrip("/") + "/" if url else "../"


def _three(stem: str, data: SiteData, table: Table, json_bytes: Maker) -> Iterator[tuple[str, Maker]]:
    yield f"{stem}.json", json_bytes
    yield f"{stem}.csv", partial(to_csv, table)
    yield f"{stem}.xlsx", partial(to_xlsx, table, data.build_date)
