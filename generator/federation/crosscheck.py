"""Members' lists checked against the upper level's (吉林 第二十四条).

吉林 第二十四条: the province lists data that laws, regulations or rules say cannot be shared on
its 共享负面清单, and "各市（州）应依据省级清单，制定本地区……负面清单". A member that shares
unconditionally (无条件共享) what the upper level lists as 不予共享 has not derived its list from
the upper one: each such resource is flagged, naming the upper entry and its legal basis.

The same data is recognised by its name (compared as :func:`~generator.load.textsafety.name_key`:
NFKC, spaces dropped, traditional → simplified), or by the member citing, for sharing, the very
legal basis the upper entry refuses sharing under. The check runs only where the regulation
applies: when this level or the member follows the ``jilin`` profile (a profile enforces only
its own regulation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.load.model import STATUS_DELISTED
from generator.load.textsafety import name_key

APPLIES = {"jilin": "吉林 第二十四条"}
"""Profiles whose regulation makes lower levels derive their lists from the upper level's."""


@dataclass(frozen=True)
class Flag:
    """A member resource shared unconditionally although the upper level lists it as 不予共享."""

    member: str
    """The member's 行政区划代码."""
    record: dict[str, Any]
    upper_code: str
    upper_name: str
    basis: tuple[str, ...]
    article: str

    def message(self) -> str:
        why = "、".join(self.basis) or "（未写依据）"
        return (
            f"{self.record['name']}（{self.record['id']}）为无条件共享，但本级共享负面清单将"
            f"{self.upper_name}（{self.upper_code}）列为不予共享，依据：{why}；"
            f"下级清单应依据上级清单制定（{self.article}）"
        )


@dataclass(frozen=True)
class Negative:
    """One entry of the upper level's 共享负面清单."""

    code: str
    name: str
    basis: tuple[str, ...]


def negatives(catalog: Any) -> list[Negative]:
    """The upper level's 共享负面清单: its resources in use that are 不予共享, bases by name and article."""
    found = []
    for resource in sorted(catalog.resources, key=lambda r: r.code):
        if resource.share.type == "不予共享" and resource.status != STATUS_DELISTED:
            bases = []
            for ident in resource.share.basis:
                basis = catalog.legal_bases.get(ident)
                bases.append(f"{basis.name} {basis.article}" if basis else ident)
            found.append(Negative(resource.code, resource.name, tuple(bases)))
    return found


def applies(upper_profile: str, member_profile: str) -> str:
    """The article that makes the check apply, or ``""``."""
    return APPLIES.get(upper_profile) or APPLIES.get(member_profile) or ""


def check(
    negatives: list[Negative], member: str, records: Iterable[dict[str, Any]], article: str
) -> list[Flag]:
    """Every record of ``member`` shared unconditionally against the upper negative list."""
    if not article or not negatives:
        return []
    by_name = {name_key(n.name): n for n in negatives}
    by_basis: dict[str, Negative] = {}
    for negative in negatives:
        for basis in negative.basis:
            by_basis.setdefault(basis, negative)
    flags = []
    for record in records:
        if record.get("share_type") != "无条件共享" or record.get("status") == STATUS_DELISTED:
            continue
        hit = by_name.get(name_key(record.get("name", "")))
        if hit is None:
            hit = next((by_basis[b] for b in record.get("share_basis", []) if b in by_basis), None)
        if hit is not None:
            flags.append(Flag(member, record, hit.code, hit.name, hit.basis, article))
    return flags
