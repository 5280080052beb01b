"""Resources known by a summary, their file parsed only when a field outside it is read.

A rebuild needs of most resources only what lists, counts, keys and deadlines use: code, name,
department, status, share and open attributes, delisting, dates, related codes, the summary text
and the names of their 信息项 (all a list row shows and filters on). That summary is cached with each file's validation result
(:mod:`generator.validate.batch`); a :class:`LazyResource` carries it, and reading any other field
(the 信息项 themselves, the document) parses the file — checked against the
digest it was validated with — and fills in every field. To everything that reads it, it is a
:class:`~generator.load.model.Resource`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from generator.load.model import Attribute, Delisting, Resource

SUMMARY = (
    "code", "name", "department", "status", "update_cycle", "published", "mounted", "related", "consumers",
    "corrections", "applications", "summary",
)
"""Plain fields of the summary; ``share``, ``open``, ``delisting`` and the item names are added."""
_FIELDS = tuple(f.name for f in dataclasses.fields(Resource))


def summary(resource: Resource) -> dict[str, Any]:
    """What a :class:`LazyResource` knows without its file: JSON values only."""
    found: dict[str, Any] = {name: getattr(resource, name) for name in SUMMARY}
    found["related"], found["consumers"] = list(resource.related), list(resource.consumers)
    found["corrections"], found["applications"] = list(resource.corrections), list(resource.applications)
    found["share"], found["open"] = _attribute(resource.share), _attribute(resource.open)
    found["delisting"] = dataclasses.asdict(resource.delisting) if resource.delisting else None
    found["items"] = [item.name for item in resource.items]
    found["path"] = resource.path
    return found


class LazyResource(Resource):
    """A :class:`~generator.load.model.Resource` whose summary fields are set and whose other
    fields come from ``load()`` (the full record) on first use."""

    _path: str
    _names: tuple[str, ...]
    _load: Callable[[], Resource]

    @classmethod
    def of(cls, known: dict[str, Any], load: Callable[[], Resource]) -> LazyResource:
        self = object.__new__(cls)
        put = object.__setattr__
        for name in SUMMARY:
            put(self, name, known[name])
        for name in ("related", "consumers", "corrections", "applications"):
            put(self, name, tuple(known[name]))
        put(self, "share", _from(known["share"]))
        put(self, "open", _from(known["open"]))
        delisting = known["delisting"]
        put(self, "delisting", Delisting(delisting["reason"], tuple(delisting["basis"]), delisting["replacement"]) if delisting else None)
        put(self, "_path", known["path"])
        put(self, "_names", tuple(known["items"]))
        put(self, "_load", load)
        return self

    @property
    def path(self) -> str:
        return self._path

    def item_names(self) -> tuple[str, ...]:
        return self._names

    def __eq__(self, other: object) -> bool:
        """Equal to the resource a full load gives (a dataclass compares classes first)."""
        if not isinstance(other, Resource):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in dataclasses.fields(Resource) if f.compare)

    __hash__ = Resource.__hash__

    def _fill(self) -> None:
        """Parse the file once and keep every field outside the summary."""
        full = self._load()
        for name in _LOADED:
            self.__dict__[name] = getattr(full, name)


def _loaded(name: str) -> property:
    """A field read from the file on first use (a class attribute: the dataclass default of the
    field would otherwise answer for it)."""

    def get(self: LazyResource) -> Any:
        if name not in self.__dict__:
            self._fill()
        return self.__dict__[name]

    return property(get, doc=f"``{name}``, read from the resource file on first use.")


_LOADED = tuple(name for name in _FIELDS if name not in (*SUMMARY, "share", "open", "delisting"))
for _name in _LOADED:
    setattr(LazyResource, _name, _loaded(_name))


def _attribute(value: Attribute) -> dict[str, Any]:
    return {
        "type": value.type, "condition": value.condition, "basis": list(value.basis), "scope": value.scope,
        "purpose": list(value.purpose), "methods": list(value.methods), "filing": dict(value.filing),
    }


def _from(raw: dict[str, Any]) -> Attribute:
    return Attribute(
        raw["type"], raw["condition"], tuple(raw["basis"]), raw["scope"], tuple(raw["purpose"]),
        tuple(raw["methods"]), dict(raw["filing"]),
    )
