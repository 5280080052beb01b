"""JSON downloads: sorted keys, two-space indent, UTF-8 without escapes, newline at the end."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from generator.exports.tables import Table
from generator.load.model import Resource
from generator.publish.model import Published


def dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def dump_compact(value: Any) -> bytes:
    """Like :func:`dump` without indentation or spaces: for catalog-wide files read by programs."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dump_script_safe(value: Any) -> bytes:
    """Like :func:`dump_compact`, with ``<``, ``>``, ``&`` (and U+2028/9) written as ``\\uXXXX``.

    For JSON-LD: the same text may be embedded in a ``<script type="application/ld+json">``
    element, and a value holding ``</script>`` must not close it. JSON parsers read back the
    same values.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.translate(_SCRIPT_SAFE) + "\n").encode("utf-8")


def header(data: Published, title: str) -> dict[str, Any]:
    registry = data.catalog.registry
    return {
        "title": title,
        "catalog": registry.name if registry else "",
        "profile": data.catalog.profile.id,
        "build_date": data.build_date,
        "sample": bool(registry and registry.sample),
    }


def resources(data: Published, title: str, chosen: Iterable[Resource]) -> bytes:
    """Whole resource documents, as in the YAML."""
    return dump({**header(data, title), "resources": [r.doc.data for r in chosen]})


def rows(data: Published, table: Table) -> bytes:
    """The rows of ``table`` (one per resource) as arrays, in the order of ``columns``."""
    return dump_compact({**header(data, table.title), "columns": list(table.headers), "rows": list(table.rows)})


def whole_document(data: Published, resources: Any = None) -> dict[str, Any]:
    """The whole catalog: registry, departments, legal bases and every resource as in the YAML
    (``resources`` instead of the resources' documents, when given)."""
    catalog = data.catalog
    return {
        **header(data, "政务数据资源目录"),
        "registry": catalog.registry.doc.data if catalog.registry else {},
        "departments": [d.doc.data for d in sorted(catalog.departments.values(), key=lambda d: d.id)],
        "legal_bases": [
            {k: v for k, v in vars(b).items() if k != "index" and v != ""}
            for b in sorted(catalog.legal_bases.values(), key=lambda b: b.id)
        ],
        "resources": [r.doc.data for r in sorted(catalog.resources, key=lambda r: r.code)] if resources is None else resources,
    }


def whole_chunks(data: Published) -> Iterator[str]:
    """:func:`whole_document` as the chunks of :func:`dump`'s text."""
    yield from json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=2).iterencode(whole_document(data))
    yield "\n"
