"""Member records: one line of a member's snapshot, the same whatever the member's source.

A record keeps what the upper level shows and checks — name, summary, department, class, sharing
and opening with their bases, update cycle, status, publication date — and where the member's
own page is. Its identity across levels is :func:`federated_id`: codes are unique only within
one registry, so the member's 行政区划代码 qualifies them (``450100:301001/000001``).
"""

from __future__ import annotations

from typing import Any

from generator.load.catalog import Catalog
from generator.load.model import STATUS_DELISTED, code_to_stem

FIELDS = (
    "id", "code", "name", "summary", "department", "class", "item", "share_type", "share_condition",
    "share_basis", "open_type", "open_condition", "open_basis", "update_cycle", "status", "published", "page",
)
"""Every key of a record, in this order in the snapshot (then sorted by JSON's ``sort_keys``)."""

TEXT_LIMIT = 2000
"""Characters kept of a member's free text (summary, conditions): a snapshot line stays small."""


def federated_id(division: str, code: str) -> str:
    return f"{division}:{code}"


def record(division: str, values: dict[str, Any]) -> dict[str, Any]:
    """A record with every field present (empty text or list where the member said nothing)."""
    out: dict[str, Any] = {}
    for key in FIELDS:
        value = values.get(key)
        if key.endswith("_basis"):
            out[key] = sorted({str(v) for v in value}) if isinstance(value, (list, tuple)) else ([str(value)] if value else [])
        else:
            out[key] = "" if value is None else str(value)[:TEXT_LIMIT]
    out["id"] = federated_id(division, out["code"])
    return out


def from_catalog(catalog: Catalog, division: str, site_url: str) -> list[dict[str, Any]]:
    """Records of every (schema-valid) resource of a member catalog, delisted ones included."""
    found = []
    for resource in sorted(catalog.resources, key=lambda r: r.code):
        dept = catalog.departments.get(resource.department)
        page = f"{site_url}/resources/{code_to_stem(resource.code)}/" if site_url else ""
        found.append(
            record(
                division,
                {
                    "code": resource.code,
                    "name": resource.name,
                    "summary": resource.summary,
                    "department": dept.name if dept else resource.department,
                    "class": resource.classification.get("class"),
                    "item": resource.classification.get("item"),
                    "share_type": resource.share.type,
                    "share_condition": resource.share.condition,
                    "share_basis": _bases(catalog, resource.share.basis),
                    "open_type": resource.open.type,
                    "open_condition": resource.open.condition,
                    "open_basis": _bases(catalog, resource.open.basis),
                    "update_cycle": resource.update_cycle,
                    "status": resource.status,
                    "published": resource.published,
                    "page": page,
                },
            )
        )
    return found


def _bases(catalog: Catalog, ids: tuple[str, ...]) -> list[str]:
    """Legal bases by name and article (``中华人民共和国个人信息保护法 第十三条``): ids differ
    between registries, the law does not."""
    found = []
    for ident in ids:
        basis = catalog.legal_bases.get(ident)
        found.append(f"{basis.name} {basis.article}" if basis else ident)
    return found


def delisted(previous: dict[str, Any], on: str) -> dict[str, Any]:
    """A record the member no longer lists: kept, marked 已下线 (nothing is dropped)."""
    if previous.get("status") == STATUS_DELISTED:
        return previous
    return {**previous, "status": STATUS_DELISTED, "summary": previous.get("summary", "")}
