"""Walking a JSON Schema along a value's path: the sub-schema there and its Chinese name.

Pure functions over the parsed schema dictionaries of ``schemas/``; the titles they return are the
ones users see in messages, on the site and in the submission form.
"""

from __future__ import annotations

from typing import Any


def location(root: dict[str, Any], path: tuple[Any, ...], data: Any = None) -> str:
    """Chinese name of the value at ``path``, e.g. ``第 3 个信息项（公民身份号码）的「数据类型」``.

    With the document's ``data``, a list item that has a ``name`` is named by it as well as by its
    number, so a reader finds it without counting.
    """
    node: dict[str, Any] | None = root
    parts: list[str] = []
    value = data
    for step in path:
        node = resolve_ref(root, node)
        value = _child(value, step)
        if isinstance(step, int):
            item = resolve_ref(root, (node or {}).get("items"))
            label = title(item, "") or title(node, "项")
            name = value.get("name") if isinstance(value, dict) else None
            named = f"（{name}）" if isinstance(name, str) and name.strip() else ""
            parts[-1:] = [f"第 {step + 1} 个{label}{named}"]
            node = item
        else:
            sub = resolve_ref(root, (node or {}).get("properties", {}).get(step))
            parts.append(f"「{title(sub, step)}」")
            node = sub
    return "的".join(parts)


def _child(value: Any, step: Any) -> Any:
    if isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value):
        return value[step]
    if isinstance(step, str) and isinstance(value, dict):
        return value.get(step)
    return None


def subschema(root: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any] | None:
    """The (resolved) schema of the value at ``path``, or ``None`` if the schema has none."""
    node: dict[str, Any] | None = resolve_ref(root, root)
    for step in path:
        key = "items" if isinstance(step, int) else None
        nxt = (node or {}).get("items") if key else (node or {}).get("properties", {}).get(step)
        node = resolve_ref(root, nxt)
    return node


def resolve_ref(root: dict[str, Any], node: Any) -> dict[str, Any] | None:
    """``node`` with a local ``$ref`` (``#/$defs/…``) merged in; ``None`` if it is not a schema."""
    if not isinstance(node, dict):
        return None
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {})
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return merged
    return node


def title(node: Any, default: str) -> str:
    """The ``title`` of a schema node, or ``default``."""
    if isinstance(node, dict):
        found = node.get("title")
        if isinstance(found, str):
            return found
    return default


def field_title(root: dict[str, Any], path: tuple[Any, ...], key: str) -> str:
    """Chinese title of property ``key`` of the object at ``path``, following ``$ref``; else ``key``."""
    return title(subschema(root, (*path, key)), key)
