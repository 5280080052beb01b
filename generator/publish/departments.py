"""Each department's part of the catalog: its resources, how many are on each list, its duties."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

from generator.load.model import STATUS_DELISTED, Resource
from generator.publish import lists
from generator.publish.model import Published


@lru_cache(maxsize=1)
def grouped(data: Published) -> dict[str, tuple[Resource, ...]]:
    """Each department's resources, by code."""
    own: dict[str, list[Resource]] = {}
    for resource in sorted(data.catalog.resources, key=lambda r: r.code):
        own.setdefault(resource.department, []).append(resource)
    return {dept: tuple(found) for dept, found in own.items()}


@lru_cache(maxsize=1)
def list_counts(data: Published) -> Counter[tuple[str, str]]:
    """How many resources of each department are on each list, by (list slug, department)."""
    return Counter((entry.slug, r.department) for entry in lists.RESOURCE_LISTS for r in entry.select(data))


def duty_rows(data: Published) -> list[tuple[Any, tuple[Resource, ...]]]:
    """Each department with the resources in use it must provide and keep current."""
    own = grouped(data)
    return [
        (dept, tuple(r for r in own.get(dept.id, ()) if r.status != STATUS_DELISTED))
        for dept in sorted(data.catalog.departments.values(), key=lambda d: d.id)
    ]
