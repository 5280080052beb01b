"""Reading and writing nested mapping values by dotted path (``share.type``)."""

from __future__ import annotations

from typing import Any


def get(data: dict[str, Any], path: str) -> Any:
    """The value at ``path``, or ``None`` where any step is missing."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at ``path``, creating (or replacing non-mapping) parents as needed."""
    *parents, last = path.split(".")
    node = data
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[last] = value
