"""Downloads and feeds written by the site build: JSON, CSV, XLSX, DCAT JSON-LD and Atom.

Every file is a pure function of :class:`~generator.publish.model.Published`, so the same catalog and
build date always give the same bytes. Files are made one at a time and written straight away.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from functools import partial
from typing import IO, Any

from generator.caching.outputs import Outputs
from generator.caching.store import Store
from generator.exports import atom, dcat, jsonfile, other
from generator.exports.csvfile import to_csv
from generator.exports.tables import Table, neutralise, resource_table
from generator.exports.xlsx import archive_streamed, to_xlsx
from generator.load.model import Resource
from generator.publish import lists
from generator.publish.facts import Uncacheable, code_version, digest
from generator.publish.history import CHANGES_SHOWN
from generator.publish.model import Published

Maker = Callable[[], bytes]


def files(data: Published) -> Iterator[tuple[str, tuple[Any, ...], Maker]]:
    """Each download's path below the site root, the facts it is made from (its key, see
    :mod:`generator.publish.facts`) and a function making its bytes.

    Sizes are kept in proportion to a provincial catalog (50,000 resources, 30 信息项 each):
    the catalog and the lists have one row per resource without the 信息项 columns; each
    department's XLSX is the national template with one row per 信息项 (what the bureau hands
    back to the department; its CSV and JSON have one row per resource); the whole catalog item by item and every document as in the
    YAML are in one zip archive.
    """
    catalog = data.catalog
    base = _base(data)
    ordered = sorted(catalog.resources, key=lambda r: r.code)
    whole = partial(resource_table, "政务数据资源目录", ordered, catalog)
    yield from _three("downloads/catalog", data, whole, (ordered,))
    yield FULL_ARCHIVE, (ordered,), partial(_full_archive, data, ordered)
    for entry in lists.RESOURCE_LISTS:
        chosen = entry.select(data)
        yield from _three(f"downloads/{entry.slug}", data, partial(resource_table, entry.title, chosen, catalog), (chosen,))
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
    yield "downloads/dcat.jsonld", (ordered, base), lambda: jsonfile.dump_script_safe(dcat.catalog(data, base))
    shown = data.commits[:CHANGES_SHOWN]
    yield "feeds/changes.xml", (shown, ordered, base), lambda: atom.changes(data, base)
    yield "feeds/notices.xml", (base,), lambda: atom.notices(data, base)


FULL_ARCHIVE = "downloads/catalog-full.zip"
"""Every document as in the YAML (``catalog.json``) and every 信息项 (``catalog.csv``), zipped."""


def _full_archive(data: Published, ordered: list[Resource]) -> bytes:
    """Streamed entry by entry: only the compressed archive is ever whole in memory."""
    catalog = data.catalog

    def item_rows(out: IO[bytes]) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        text.write("\ufeff")
        writer.writerow(resource_table("", (), catalog, "template").headers)
        for resource in ordered:
            for row in resource_table("", (resource,), catalog, "template").rows:
                writer.writerow([neutralise(cell) for cell in row])
        text.flush()
        text.detach()

    def documents(out: IO[bytes]) -> None:
        for chunk in jsonfile.whole_chunks(data):
            out.write(chunk.encode("utf-8"))

    return archive_streamed({"catalog.csv": item_rows, "catalog.json": documents}, data.build_date)


def write_all(data: Published, outputs: Outputs, chunks: Store | None = None) -> list[tuple[str, str]]:
    """Write every download into ``outputs``, taking over those an earlier build made from the
    same facts; returns each file with its key (the parent process records them)."""
    done = []
    version = code_version()
    for relative, facts, make in files(data):
        try:
            key = digest(data, "download", version, relative, data, *facts)
        except Uncacheable:
            key = ""
        if not outputs.reuse(relative, key):
            outputs.write(relative, key, make())
        done.append((relative, key))
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


def _three(
    stem: str, data: Published, table: Callable[[], Table], facts: tuple[Any, ...], json_bytes: Maker | None = None
) -> Iterator[tuple[str, tuple[Any, ...], Maker]]:
    yield f"{stem}.json", facts, json_bytes or partial(_rows, data, table)
    yield f"{stem}.csv", facts, partial(_csv, table)
    yield f"{stem}.xlsx", facts, partial(_xlsx, table, data.build_date)
