"""Readable before/after of the fields that differ between two versions of a catalog file.

Field names come from the schemas' Chinese titles; values are shown as people read them (是/否,
lists joined by “、”, 信息项 by name and type), never as raw YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.load import schemas

NONE = "（无）"


@dataclass(frozen=True)
class FieldChange:
    """One changed field."""

    field: str
    """Dotted path, e.g. ``share.type``."""
    label: str
    """Chinese name from the schema, e.g. ``「共享属性」的「共享类型」``."""
    before: str
    after: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "label": self.label, "before": self.before, "after": self.after}


def field_changes(kind: str | None, old: Any, new: Any) -> Iterator[FieldChange]:
    """Every differing field of two parsed documents of ``kind``, in a stable order."""
    if kind == "legal_bases" and isinstance(old, list) and isinstance(new, list):
        yield from _by_id(kind, old, new)
        return
    before, after = _flatten(old), _flatten(new)
    root = schemas.schema(kind) if kind in _KINDS else {}
    for path in sorted(before.keys() | after.keys(), key=_order(before, after)):
        if before.get(path) == after.get(path):
            continue
        label = schemas.location(root, path) if root else ".".join(map(str, path))
        name = ".".join(map(str, path))
        if path == ("items",):
            yield _items(name, label or "「信息项」", before.get(path), after.get(path))
        else:
            yield FieldChange(name, label or name, show(before.get(path)), show(after.get(path)))


_KINDS = ("resource", "department", "registry", "needs", "holidays")


def _order(before: dict[tuple[Any, ...], Any], after: dict[tuple[Any, ...], Any]) -> Any:
    keys = list(after) + [k for k in before if k not in after]
    index = {key: position for position, key in enumerate(keys)}
    return lambda path: index[path]


def _flatten(data: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    if isinstance(data, dict):
        flat: dict[tuple[Any, ...], Any] = {}
        for key, value in data.items():
            flat.update(_flatten(value, (*path, key)))
        return flat
    return {path: data}


def show(value: Any) -> str:
    """A value as people read it."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(show(item) for item in value) if value else NONE
    if isinstance(value, dict):
        if "name" in value:
            return describe_item(value)
        return " / ".join(show(item) for item in value.values())
    return str(value)


def describe_item(item: dict[str, Any]) -> str:
    """A 信息项 as ``公民身份号码（C 18，主体标识）``."""
    parts = [str(item.get("type", "")) + (f" {item['length']}" if "length" in item else "")]
    if item.get("identifier"):
        parts.append("主体标识")
    return f"{item.get('name', '')}（{'，'.join(p for p in parts if p.strip())}）"


def _items(name: str, label: str, old: Any, new: Any) -> FieldChange:
    old_items = [i for i in old if isinstance(i, dict)] if isinstance(old, list) else []
    new_items = [i for i in new if isinstance(i, dict)] if isinstance(new, list) else []
    removed = [describe_item(i) for i in old_items if i not in new_items]
    added = [describe_item(i) for i in new_items if i not in old_items]
    if not removed and not added:
        return FieldChange(name, f"{label}的顺序", "、".join(map(describe_item, old_items)), "、".join(map(describe_item, new_items)))
    return FieldChange(name, f"{label}（只列出有变化的）", "、".join(removed) or NONE, "、".join(added) or NONE)


def _by_id(kind: str, old: list[Any], new: list[Any]) -> Iterator[FieldChange]:
    before = {str(e.get("id")): e for e in old if isinstance(e, dict)}
    after = {str(e.get("id")): e for e in new if isinstance(e, dict)}
    for key in sorted(before.keys() | after.keys()):
        if before.get(key) == after.get(key):
            continue
        def describe(entry: Any) -> str:
            if entry is None:
                return NONE
            text = f"{entry.get('name', '')} {entry.get('article', '')}".strip()
            return text + (f"（{entry['repealed']} 废止）" if entry.get("repealed") else "")
        yield FieldChange(key, f"法律依据 {key}", describe(before.get(key)), describe(after.get(key)))
