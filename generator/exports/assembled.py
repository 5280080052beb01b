"""Catalog-wide downloads joined from pieces (:mod:`.pieces`): the whole catalog and each list in
JSON, CSV and XLSX, the DCAT catalog and the full archive.

Each file is its head, the rows of each group of resources, and its tail, joined in code order.
The head and tail (titles, the build date, the registry) are made every time; a group's rows are a
piece, made only when a resource of the group or a record its rows show changed. The bytes are those
the whole table written at once gives (``tests/test_exports.py`` compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from generator.exports import dcat, deflated, jsonfile
from generator.exports.columns import COLUMNS
from generator.exports.csvfile import joined, rows_text
from generator.exports.pieces import Pieces, groups
from generator.exports.tables import Table, resource_table
from generator.exports.xlsx import rows_xml, workbook
from generator.load.model import STATUS_DELISTED, Resource
from generator.publish.model import Published

_SLOT = "\x00pieces\x00"
_SLOT_JSON = json.dumps(_SLOT)


class Assembler:
    """Makes the catalog-wide downloads of ``data`` from ``pieces``."""

    def __init__(self, data: Published, pieces: Pieces) -> None:
        self.data, self.pieces = data, pieces
        self.catalog = data.catalog
        self._tables: dict[tuple[str, tuple[str, ...]], Table] = {}

    def csv(self, title: str, resources: list[Resource]) -> bytes:
        rows = [self._piece("csv", members, lambda t: rows_text(t.rows)) for _, members in groups(resources)]
        return joined(self._headers(), rows)

    def json(self, title: str, resources: list[Resource]) -> bytes:
        rows = [self._piece("json", members, _json_rows) for _, members in groups(resources)]
        head = {**jsonfile.header(self.data, title), "columns": list(self._headers()), "rows": _SLOT}
        text = json.dumps(head, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        filled = "[" + ",".join(r.decode("utf-8") for r in rows if r) + "]"
        return (text.replace(_SLOT_JSON, filled, 1) + "\n").encode("utf-8")

    def xlsx(self, title: str, resources: list[Resource]) -> bytes:
        rows = [self._piece("xlsx", members, lambda t: rows_xml(t.rows).encode("utf-8")) for _, members in groups(resources)]
        return workbook(title, self._headers(), [r.decode("utf-8") for r in rows], self.data.build_date)

    def dcat(self, base: str) -> bytes:
        """The DCAT catalog (:mod:`.dcat`), its datasets joined from pieces."""
        listed = [r for r in sorted(self.catalog.resources, key=lambda r: r.code) if r.status != STATUS_DELISTED]
        found = []
        for _, members in groups(listed):
            facts = (members, self._departments(members), self._bases(members), base)
            found.append(self.pieces.get("dcat", facts, partial(_dcat_rows, self.data, members, base)))
        document = dcat.catalog(self.data, base, datasets=[])
        document["dcat:dataset"] = _SLOT
        text = jsonfile.dump_script_safe(document).decode("utf-8")
        filled = "[" + ",".join(r.decode("utf-8") for r in found if r) + "]"
        return text.replace(_SLOT_JSON, filled, 1).encode("utf-8")

    def full(self, ordered: list[Resource]) -> bytes:
        """``catalog-full.zip``: every 信息项 in the national template (``catalog.csv``) and every
        document as in the YAML (``catalog.json``), each entry deflated piece by piece."""
        headers = tuple(c.header for c in COLUMNS)
        items = [deflated.compress(joined(headers, []))]
        documents = []
        for _, members in groups(ordered):
            items.append(self._deflated("full-csv", members, lambda m: rows_text(self._table(m, "template").rows)))
            documents.append(self._deflated("full-json", members, _documents))
        head, tail = _whole_document(self.data)
        joints = [deflated.compress(head.encode("utf-8"))]
        for number, piece in enumerate(documents):
            if number:
                joints.append(deflated.compress(b","))
            joints.append(piece)
        joints.append(deflated.compress(tail.encode("utf-8")))
        return deflated.archive([("catalog.csv", items), ("catalog.json", joints)], self.data.build_date)

    def _piece(self, kind: str, members: list[Resource], make: Callable[[Table], bytes]) -> bytes:
        return self.pieces.get(kind, (members, self._departments(members)), lambda: make(self._table(members, "summary")))

    def _deflated(self, kind: str, members: list[Resource], make: Callable[[list[Resource]], bytes]) -> deflated.Piece:
        facts = (members, self._departments(members))
        return deflated.Piece.decode(self.pieces.get(kind, facts, lambda: deflated.compress(make(members)).encode()))

    def _table(self, members: list[Resource], layout: str) -> Table:
        key = (layout, tuple(r.path for r in members))
        if key not in self._tables:
            self._tables[key] = resource_table("", members, self.catalog, layout)
        return self._tables[key]

    def _headers(self) -> tuple[str, ...]:
        return resource_table("", (), self.catalog).headers

    def _departments(self, members: list[Resource]) -> list[Any]:
        """The departments the rows name (名称, 统一社会信用代码 columns)."""
        return [self.catalog.departments.get(d) for d in sorted({r.department for r in members})]

    def _bases(self, members: list[Resource]) -> list[Any]:
        cited = {b for r in members for b in (*r.share.basis, *r.open.basis)}
        return [self.catalog.legal_bases.get(b) for b in sorted(cited)]


def _json_rows(table: Table) -> bytes:
    return ",".join(json.dumps(list(row), ensure_ascii=False, separators=(",", ":")) for row in table.rows).encode("utf-8")


def _dcat_rows(data: Published, members: list[Resource], base: str) -> bytes:
    return ",".join(jsonfile.dump_script_safe(dcat.dataset(data, r, base)).decode("utf-8")[:-1] for r in members).encode("utf-8")


def _documents(members: list[Resource]) -> bytes:
    """The resources' documents as elements of the ``resources`` array of ``catalog.json``."""
    return ",".join(
        "\n    " + json.dumps(r.doc.data, ensure_ascii=False, sort_keys=True, indent=2).replace("\n", "\n    ")
        for r in members
    ).encode("utf-8")


def _whole_document(data: Published) -> tuple[str, str]:
    """``catalog.json`` of the full archive around its resources: (head, tail)."""
    document = jsonfile.whole_document(data, _SLOT)
    text = json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=2).encode(document) + "\n"
    head, _, tail = text.partition(_SLOT_JSON)
    if data.catalog.resources:
        return head + "[", "\n  ]" + tail
    return head + "[", "]" + tail
