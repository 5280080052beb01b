"""The legal bases as published: which resources cite each one, and where."""

from __future__ import annotations

from functools import lru_cache

from generator.load.model import Resource
from generator.publish.model import Published


@lru_cache(maxsize=1)
def users(data: Published) -> dict[str, list[tuple[Resource, list[str]]]]:
    """Resources citing each legal basis, and where (共享, 开放, 下线)."""
    found_all: dict[str, list[tuple[Resource, list[str]]]] = {}
    for resource in sorted(data.catalog.resources, key=lambda r: r.code):
        found: dict[str, list[str]] = {}
        for where, ids in (
            ("共享", resource.share.basis),
            ("开放", resource.open.basis),
            ("下线", resource.delisting.basis if resource.delisting else ()),
        ):
            for basis in ids:
                found.setdefault(basis, []).append(where)
        for basis, places in found.items():
            found_all.setdefault(basis, []).append((resource, places))
    return found_all
