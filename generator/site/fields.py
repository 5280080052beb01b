"""Chinese field labels and the field reference, both read from the JSON Schemas."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.load import schemas
from generator.load.schemas import resolve_ref

REFERENCE_KINDS = (
    ("resource", "资源文件 <部门>/<代码>.yaml"),
    ("department", "部门文件 <部门>/department.yaml"),
    ("needs", "需求清单 <部门>/needs.yaml"),
    ("legal_bases", "法律依据代码表 legal_bases.yaml"),
    ("registry", "目录登记信息 registry.yaml"),
)


@dataclass(frozen=True)
class Field:
    """One documented field of a schema."""

    path: str
    """Dotted path, ``items[].name`` for a field of each list entry."""
    title: str
    description: str
    kind: str
    """The value's type in Chinese, or its allowed values."""
    required: bool
    depth: int


@cache
def label(kind: str, path: str) -> str:
    """The Chinese ``title`` of the field at dotted ``path`` (``share.type`` → 共享类型)."""
    root = schemas.schema(kind)
    node: dict[str, Any] | None = root
    for step in path.split("."):
        node = resolve_ref(root, node)
        if node is None:
            return path
        if node.get("type") == "array":
            node = resolve_ref(root, node.get("items"))
        node = (node or {}).get("properties", {}).get(step)
    node = resolve_ref(root, node)
    title = node.get("title") if node else None
    return title if isinstance(title, str) else path


def reference(kind: str) -> list[Field]:
    """Every field of one schema, depth first in the schema's order."""
    root = schemas.schema(kind)
    top = resolve_ref(root, root) or {}
    if top.get("type") == "array":
        top = resolve_ref(root, top.get("items")) or {}
    return list(_walk(root, top, "", 0))


def _walk(root: dict[str, Any], node: dict[str, Any], prefix: str, depth: int) -> Iterator[Field]:
    required = set(node.get("required", ()))
    for name, raw in node.get("properties", {}).items():
        sub = resolve_ref(root, raw) or {}
        path = f"{prefix}{name}"
        yield Field(
            path, sub.get("title", name), sub.get("description", ""), _kind(root, sub),
            name in required, depth,
        )
        inner = sub
        suffix = "."
        if sub.get("type") == "array":
            inner = resolve_ref(root, sub.get("items")) or {}
            suffix = "[]."
        if inner.get("properties"):
            yield from _walk(root, inner, path + suffix, depth + 1)


_TYPES = {
    "string": "文字", "integer": "整数", "number": "数字", "boolean": "true / false",
    "object": "映射", "array": "列表",
}


def _kind(root: dict[str, Any], node: dict[str, Any]) -> str:
    if "enum" in node:
        return "取值：" + "、".join(str(v) for v in node["enum"])
    kind = _TYPES.get(node.get("type", ""), "")
    if node.get("type") == "array":
        items = resolve_ref(root, node.get("items")) or {}
        if "enum" in items:
            return "列表，每项取值：" + "、".join(items["enum"])
        inner = _TYPES.get(items.get("type", ""), "")
        return f"{kind}（每项为{inner}）" if inner else kind
    return kind
