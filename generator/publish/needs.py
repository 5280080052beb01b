"""The 需求清单: departments' stated data needs, matched against what the catalog offers.

A need names the data items it requires. Each item is looked up by name among the items of the
resources that are shared (无条件 or 有条件共享) and not delisted; a need is met when every item is found, partly met when some are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.load.catalog import Catalog
from generator.load.model import STATUS_DELISTED, Resource

if TYPE_CHECKING:
    from generator.publish.model import Published


@dataclass(frozen=True)
class Match:
    """One department's need and the resources that answer it."""

    department: str
    id: str
    name: str
    purpose: str
    items: tuple[str, ...]
    provider: str
    """The department expected to provide it, or empty."""
    basis: tuple[str, ...]
    resources: tuple[Resource, ...]
    """Resources holding at least one needed item, those covering most items first."""
    missing: tuple[str, ...]
    """Needed items no resource in use holds."""
    path: str
    """The ``needs.yaml`` file (repository-relative)."""

    @property
    def state(self) -> str:
        if not self.missing:
            return "已满足"
        return "部分满足" if len(self.missing) < len(self.items) else "未满足"


def match(catalog: Catalog) -> tuple[Match, ...]:
    """Every need of every department, sorted by department and need id."""
    holders: dict[str, list[Resource]] = {}
    for resource in sorted(catalog.resources, key=lambda r: r.code):
        if resource.status == STATUS_DELISTED or resource.share.type == "不予共享":
            continue
        for item in set(resource.item_names()):
            holders.setdefault(item, []).append(resource)
    found = []
    for doc in catalog.extra.get("needs", []):
        department = doc.path.rsplit("/", 2)[-2]
        for need in doc.data["needs"]:
            items = tuple(need["items"])
            cover: dict[str, int] = {}
            by_code: dict[str, Resource] = {}
            for item in items:
                for resource in holders.get(item, ()):
                    cover[resource.code] = cover.get(resource.code, 0) + 1
                    by_code[resource.code] = resource
            provider = need.get("provider", "")
            ranked = sorted(
                by_code.values(),
                key=lambda r: (-cover[r.code], r.department != provider, r.code),
            )
            found.append(
                Match(
                    department, need["id"], need["name"], need["purpose"], items, provider,
                    tuple(need.get("basis", ())), tuple(ranked),
                    tuple(item for item in items if item not in holders), doc.path,
                )
            )
    return tuple(sorted(found, key=lambda m: (m.department, m.id)))


@lru_cache(maxsize=1)
def matches(data: Published) -> tuple[Match, ...]:
    """:func:`match` of the published catalog, once per build."""
    return match(data.catalog)
