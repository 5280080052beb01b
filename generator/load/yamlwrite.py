"""The one canonical serialiser of a resource file: same data in, same bytes out.

Keys follow the order of ``properties`` in ``schemas/resource.schema.json``; keys the schema does
not know come last, sorted (so nothing is ever dropped). The style is the one of the sample
catalog: nested mappings and the list of 信息项 are block style, one field per line (so a diff or an
error line points at one field); lists of scalars are flow lists::

    code: 101001/000001
    classification:
      class: 基础
      item: 人口
    format:
      category: 数据库
      type: 达梦数据库
    items:
      - name: 公民身份号码
        type: C
        length: 18
    open:
      type: 不予开放
      basis: [pipl-13]
    published: 2024-03-01

A string is written plain when the catalog loader (:mod:`generator.load.yamlfile`, which keeps dates as
strings) reads it back as the same string, otherwise double-quoted.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import yaml
from yaml.emitter import Emitter

from generator.load import schemas

_emitter = Emitter(io.StringIO(), allow_unicode=True)
_resolver = yaml.resolver.Resolver()


@cache
def key_order(kind: str = "resource") -> dict[str, int]:
    """Position of each top-level and nested property in the schema, by dotted path."""
    order: dict[str, int] = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        for index, (key, sub) in enumerate(node.get("properties", {}).items()):
            order[prefix + key] = index
            if isinstance(sub, dict):
                walk(sub, f"{prefix}{key}.")
                if isinstance(sub.get("items"), dict):
                    walk(sub["items"], f"{prefix}{key}.")

    walk(schemas.schema(kind), "")
    return order


def dump_resource(data: dict[str, Any]) -> str:
    """The canonical YAML text of one resource."""
    lines: list[str] = []
    for key in _sorted_keys(data, ""):
        lines.extend(_field(key, data[key], key, 0))
    return "\n".join(lines) + "\n"


def _field(key: str, value: Any, path: str, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict) and value:
        lines = [f"{pad}{_key(key)}:"]
        for sub in _sorted_keys(value, f"{path}."):
            lines.extend(_field(sub, value[sub], f"{path}.{sub}", indent + 2))
        return lines
    if isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        lines = [f"{pad}{_key(key)}:"]
        for item in value:
            if isinstance(item, dict) and item:
                entry: list[str] = []
                for sub in _sorted_keys(item, f"{path}."):
                    entry.extend(_field(sub, item[sub], f"{path}.{sub}", indent + 4))
                entry[0] = f"{pad}  - {entry[0].lstrip()}"
                lines.extend(entry)
            else:
                lines.append(f"{pad}  - {_inline(item, path, block=False)}")
        return lines
    return [f"{pad}{_key(key)}: {_inline(value, path, block=True)}"]


def _sorted_keys(mapping: dict[str, Any], prefix: str) -> list[str]:
    order = key_order()
    known = len(order) + 1
    return sorted(mapping, key=lambda k: (order.get(prefix + k, known), k if prefix + k not in order else ""))


def _inline(value: Any, path: str, *, block: bool) -> str:
    """A value on one line: scalar, flow list or flow mapping."""
    if isinstance(value, dict):
        prefix = path if path.endswith(".") else f"{path}."
        parts = [f"{_key(k)}: {_inline(value[k], prefix + k, block=False)}" for k in _sorted_keys(value, prefix)]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item, path, block=False) for item in value) + "]"
    return scalar(value, block=block)


def _key(key: str) -> str:
    return scalar(key, block=True)


def scalar(value: Any, *, block: bool = True) -> str:
    """One scalar: plain if it reads back as itself, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if text and _plain_ok(text, block):
        return text
    quoted: str = yaml.dump(text, allow_unicode=True, default_style='"', width=float("inf"))
    return quoted.rstrip("\n")


def _plain_ok(text: str, block: bool) -> bool:
    analysis = _emitter.analyze_scalar(text)
    allowed = analysis.allow_block_plain if block else analysis.allow_flow_plain
    if not allowed or analysis.multiline:
        return False
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    return tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")  # the loader keeps dates as text
