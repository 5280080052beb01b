"""Downloads and feeds written by the site build: JSON, CSV, XLSX, DCAT JSON-LD and Atom.

Every file is a pure function of :class:`~generator.publish.model.Published`, so the same catalog and
build date always give the same bytes. Files are made one at a time and written straight away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from generator.caching.outputs import Outputs
from generator.caching.store import Store
from generator.exports import atom, jsonfile, other
from generator.exports.assembled import Assembler
from generator.exports.csvfile import to_csv
from generator.exports.pieces import Pieces
from generator.exports.tables import Table, resource_table
from generator.exports.xlsx import to_xlsx
from generator.load.model import Resource
from generator.publish import lists
from generator.publish.facts import Uncacheable, code_version, digest
from generator.publish.history import CHANGES_SHOWN
from generator.publish.model import Published

Maker = Callable[[], bytes]


def files(data: Published, pieces: Pieces | None = None) -> Iterator[tuple[str, tuple[Any, ...], Maker]]:
    """Each download's path below the site root, the facts it is made from (its key, see
    :mod:`generator.publish.facts`) and a function making its bytes.

    Sizes are kept in proportion to a provincial catalog (50,000 resources, 30 信息项 each):
    the catalog and the lists have one row per resource without the 信息项 columns; each
    department's XLSX is the national template with one row per 信息项 (what the bureau hands
    back to the department; its CSV and JSON have one row per resource); the whole catalog item by
    item and every document as in the YAML are in one zip archive. The catalog-wide files are
    joined from pieces kept between builds (:mod:`.assembled`): ``pieces`` keeps them.
    """
    catalog = data.catalog
    base = _base(data)
    ordered = sorted(catalog.resources, key=lambda r: r.code)
    joined = Assembler(data, pieces or Pieces(data, None))
    yield from _joined("downloads/catalog", joined, "政务数据资源目录", ordered)
    yield FULL_ARCHIVE, (ordered,), partial(joined.full, ordered)
    for entry in lists.RESOURCE_LISTS:
        yield from _joined(f"downloads/{entry.slug}", joined, entry.title, list(entry.select(data)))
    own: dict[str, list[Resource]] = {}
    for resource in ordered:
        own.setdefault(resource.department, []).append(resource)
    for dept in sorted(catalog.departments.values(), key=lambda d: d.id):
        stem = f"downloads/departments/{dept.id}"
        mine = own.get(dept.id, [])
        summary = partial(resource_table, dept.name, mine, catalog)
        template = partial(resource_table, dept.name, mine, catalog, "template")
        yield f"{stem}.json", (dept, mine), partial(_rows, data, summary)
        yield f"{stem}.csv", (dept, mine), partial(_csv, summary)
        yield f"{stem}.xlsx", (dept, mine), partial(_xlsx, template, data.build_date)
    for table in other.tables(data):
        yield from _three(f"downloads/{table.name}", data, table.sheet, (table.facts,), table.json)
    yield "downloads/dcat.jsonld", (ordered, base), partial(joined.dcat, base)
    shown = data.commits[:CHANGES_SHOWN]
    yield "feeds/changes.xml", (shown, ordered, base), partial(atom.changes, data, base)
    yield "feeds/notices.xml", (base,), partial(atom.notices, data, base)


FULL_ARCHIVE = "downloads/catalog-full.zip"
"""Every document as in the YAML (``catalog.json``) and every 信息项 (``catalog.csv``), zipped."""


def write_all(data: Published, outputs: Outputs, store: Store | None = None) -> list[tuple[str, str]]:
    """Write every download into ``outputs``, taking over those an earlier build made from the
    same facts; ``store`` keeps the pieces of the catalog-wide files between builds. Returns each
    file with its key (the parent process records them)."""
    done = []
    version = code_version()
    pieces = Pieces(data, store)
    for relative, facts, make in files(data, pieces):
        try:
            key = digest(data, "download", version, relative, data, *facts)
        except Uncacheable:
            key = ""
        if not outputs.reuse(relative, key):
            outputs.write(relative, key, make())
        done.append((relative, key))
    pieces.prune()
    return done


def _base(data: Published) -> str:
    """The site's address ending in ``/``; ``../`` (relative to downloads/ and feeds/) if unknown."""
    registry = data.catalog.registry
    url = registry.site_url if registry else ""
    return url.rstrip("/") + "/" if url else "../"


def _rows(data: Published, table: Callable[[], Table]) -> bytes:
    return jsonfile.rows(data, table())


def _csv(table: Callable[[], Table]) -> bytes:
    return to_csv(table())


def _xlsx(table: Callable[[], Table], date: str) -> bytes:
    return to_xlsx(table(), date)


def _joined(stem: str, joined: Assembler, title: str, chosen: list[Resource]) -> Iterator[tuple[str, tuple[Any, ...], Maker]]:
    yield f"{stem}.json", (chosen,), partial(joined.json, title, chosen)
    yield f"{stem}.csv", (chosen,), partial(joined.csv, title, chosen)
    yield f"{stem}.xlsx", (chosen,), partial(joined.xlsx, title, chosen)


def _three(
    stem: str, data: Published, table: Callable[[], Table], facts: tuple[Any, ...], json_bytes: Maker | None = None
) -> Iterator[tuple[str, tuple[Any, ...], Maker]]:
    yield f"{stem}.json", facts, json_bytes or partial(_rows, data, table)
    yield f"{stem}.csv", facts, partial(_csv, table)
    yield f"{stem}.xlsx", facts, partial(_xlsx, table, data.build_date)
