"""Downloads and feeds written by the site build: JSON, CSV, XLSX, DCAT JSON-LD and Atom.

Every file is a pure function of :class:`~generator.publish.model.Published`, so the same catalog and
build date always give the same bytes. Files are made one at a time and written straight away.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import IO

from generator.exports import atom, dcat, jsonfile, other
from generator.exports.csvfile import to_csv
from generator.exports.tables import Table, neutralise, resource_table
from generator.exports.xlsx import archive_streamed, to_xlsx
from generator.load.model import Resource
from generator.publish import lists
from generator.publish.model import Published

Maker = Callable[[], bytes]


def files(data: Published) -> Iterator[tuple[str, Maker]]:
    """Each download's path below the site root, with a function making its bytes.

    Sizes are kept in proportion to a provincial catalog (50,000 resources, 30 信息项 each):
    the catalog and the lists have one row per resource without the 信息项 columns; each
    department's XLSX is the national template with one row per 信息项 (what the bureau hands
    back to the department; its CSV and JSON have one row per resource); the whole catalog item by item and every document as in the
    YAML are in one zip archive.
    """
    catalog = data.catalog
    base = _base(data)
    ordered = sorted(catalog.resources, key=lambda r: r.code)
    whole = resource_table("政务数据资源目录", ordered, catalog)
    yield from _three("downloads/catalog", data, whole)
    yield FULL_ARCHIVE, partial(_full_archive, data, ordered)
    for entry in lists.RESOURCE_LISTS:
        yield from _three(f"downloads/{entry.slug}", data, resource_table(entry.title, entry.select(data), catalog))
    own: dict[str, list[Resource]] = {}
    for resource in ordered:
        own.setdefault(resource.department, []).append(resource)
    for dept in sorted(catalog.departments.values(), key=lambda d: d.id):
        stem = f"downloads/departments/{dept.id}"
        summary = resource_table(dept.name, own.get(dept.id, ()), catalog)
        template = resource_table(dept.name, own.get(dept.id, ()), catalog, "template")
        yield f"{stem}.json", partial(jsonfile.rows, data, summary)
        yield f"{stem}.csv", partial(to_csv, summary)
        yield f"{stem}.xlsx", partial(to_xlsx, template, data.build_date)
    for name, table, rows in other.tables(data):
        document = {**jsonfile.header(data, table.title), "rows": rows}
        yield from _three(f"downloads/{name}", data, table, partial(jsonfile.dump, document))
    yield "downloads/dcat.jsonld", lambda: jsonfile.dump_script_safe(dcat.catalog(data, base))
    yield "feeds/changes.xml", lambda: atom.changes(data, base)
    yield "feeds/notices.xml", lambda: atom.notices(data, base)


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


def write_all(data: Published, site: Path) -> int:
    """Write every download below ``site``; return how many files."""
    count = 0
    for relative, make in files(data):
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make())
        count += 1
    return count


def _base(data: Published) -> str:
    """The site's address ending in ``/``; ``../`` (relative to downloads/ and feeds/) if unknown."""
    registry = data.catalog.registry
    url = registry.site_url if registry else ""
    return url.rstrip("/") + "/" if url else "../"


def _three(stem: str, data: Published, table: Table, json_bytes: Maker | None = None) -> Iterator[tuple[str, Maker]]:
    yield f"{stem}.json", json_bytes or partial(jsonfile.rows, data, table)
    yield f"{stem}.csv", partial(to_csv, table)
    yield f"{stem}.xlsx", partial(to_xlsx, table, data.build_date)
