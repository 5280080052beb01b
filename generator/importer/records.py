"""Turn input records into draft resources: group rows, map columns, normalise, mark placeholders.

A draft holds only what the source says (plus the mapping's defaults); codes, the department and
placeholders for fields the source lacks are added by :mod:`generator.importer.assign`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.importer import dotted
from generator.importer import normalise as norm
from generator.importer.mapping import FieldSpec, Mapping
from generator.importer.readers import Record, Source, header_key
from generator.load import schemas
from generator.rules.placeholders import is_placeholder, placeholder

BOOLEANS = {"是": True, "否": False}
BOOLEAN_SPELLINGS: dict[str, tuple[str, ...]] = {"是": ("true", "y", "yes", "1", "已挂载"), "否": ("false", "n", "no", "0", "未挂载")}


@dataclass(frozen=True)
class Note:
    """Something the report tells about one record."""

    kind: str
    """``规范化``, ``错别字``, ``未识别`` (no alias), ``未采用`` (does not fit the schema) or ``提示``."""
    field: str
    """Dotted field path, e.g. ``update_cycle`` or ``items.2.type``; empty for the record."""
    text: str


@dataclass(frozen=True)
class Draft:
    """One record as understood from the source."""

    rows: tuple[int, ...]
    data: dict[str, Any]
    provided: frozenset[str] = frozenset()
    """Top-level or nested paths (``share.type``) that the source gave a usable value for."""
    notes: tuple[Note, ...] = ()
    provider: str = ""
    source_ref: str = ""
    refused: str = ""
    """Why the record cannot be imported; empty if it can."""
    fingerprint: str = field(default="", compare=False)
    """The source cells, to recognise exact duplicates."""
    unit: str = "行"
    """How the source counts records: ``行`` (spreadsheet rows) or ``条`` (JSON records)."""
    foreign: bool = False
    """Refused because another department provides it (``provider`` names which)."""


def group(source: Source, mapping: Mapping) -> list[list[Record]]:
    """Records as lists of rows: with 信息项 columns, one resource may span several rows."""
    if not mapping.has_items:
        return [[record] for record in source.records]
    resource_columns = [c for spec in mapping.fields if not spec.per_item for c in spec.columns]
    resource_columns += list(mapping.provider)
    code_columns = next((spec.columns for spec in mapping.fields if spec.path == "code"), ())
    groups: list[list[Record]] = []
    previous: tuple[Any, ...] = ()
    for record in source.records:
        cells = tuple(_text(record.cells.get(c)) for c in resource_columns)
        code = next((_text(record.cells.get(c)) for c in code_columns if _text(record.cells.get(c))), "")
        first_code = _first_code(groups[-1], code_columns) if groups else ""
        continued = groups and (
            not any(cells) or cells == previous or (code and code == first_code)
        )
        if continued:
            groups[-1].append(record)
        else:
            groups.append([record])
            previous = cells
    return groups


def _first_code(rows: list[Record], columns: tuple[str, ...]) -> str:
    return next((_text(rows[0].cells.get(c)) for c in columns if _text(rows[0].cells.get(c))), "")


def _text(value: Any) -> str:
    return "" if norm.is_empty(value) else norm.clean_text(str(value), True)


def draft(rows: list[Record], mapping: Mapping, accept_providers: set[str], unit: str = "行") -> Draft:
    """The draft resource of one record (one or more rows)."""
    first = rows[0]
    numbers = tuple(r.number for r in rows)
    provider = _text(_cell_any(first, mapping.provider))
    if provider and accept_providers and norm.key(provider) not in accept_providers:
        why = f"提供方是“{provider}”，不是本部门；请以该部门导入（--department），或用 --provider 说明本部门在来源中的名称"
        return Draft(numbers, {}, provider=provider, refused=why, unit=unit, foreign=True)
    data: dict[str, Any] = {}
    provided: set[str] = set()
    notes: list[Note] = []
    for spec in mapping.fields:
        if spec.per_item:
            continue
        raw = _cell(first, spec)
        value, found = convert(spec, raw, mapping, spec.path)
        notes.extend(found)
        if value is not _MISSING:
            dotted.put(data, spec.path, value)
            if not (isinstance(value, str) and value.startswith("待补充")):
                provided.add(spec.path)
    items = _items(rows, mapping, notes)
    if items:
        data["items"] = items
        provided.add("items")
    for path, value in mapping.defaults.items():
        if dotted.get(data, path) is None:
            dotted.put(data, path, value)
    refused = ""
    fingerprint = repr(sorted((k, repr(v)) for r in rows for k, v in r.cells.items()))
    ref = source_ref(first, mapping)
    return Draft(numbers, data, frozenset(provided), tuple(notes), provider, ref, refused, fingerprint, unit)


def source_ref(record: Record, mapping: Mapping) -> str:
    if not mapping.source_ref:
        return ""
    used = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal used
        value = _text(record.cells.get(header_key(match[1])))
        used = used or bool(value)
        return value

    text = re.sub(r"\{([^{}]+)\}", substitute, mapping.source_ref)
    return text if used else ""


def _items(rows: list[Record], mapping: Mapping, notes: list[Note]) -> list[dict[str, Any]]:
    specs = [spec for spec in mapping.fields if spec.per_item]
    items: list[dict[str, Any]] = []
    for row in rows:
        item: dict[str, Any] = {}
        for spec in specs:
            name = spec.path.split(".", 1)[1]
            value, found = convert(spec, _cell(row, spec), mapping, f"items.{len(items)}.{name}")
            notes.extend(found)
            if value is not _MISSING:
                item[name] = value
        if item:
            items.append(item)
    return items


def _cell(record: Record, spec: FieldSpec) -> Any:
    return _cell_any(record, spec.columns)


def _cell_any(record: Record, columns: tuple[str, ...]) -> Any:
    for column in columns:
        if column in record.cells and not norm.is_empty(record.cells[column]):
            return record.cells[column]
    return None


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Any = _Missing()


def convert(spec: FieldSpec, raw: Any, mapping: Mapping, shown: str) -> tuple[Any, list[Note]]:
    """The field value of a source cell, or :data:`_MISSING`; a placeholder if it is unusable."""
    if norm.is_empty(raw):
        return _MISSING, []
    if is_placeholder(raw):
        return raw.strip(), []  # exported 待补充 comes back as it was
    node = _node(spec.path)
    notes: list[Note] = []
    original = raw if isinstance(raw, str) else "、".join(map(str, raw))
    is_list = spec.list or node.get("type") == "array"
    if is_list:
        tokens, changes = norm.split_list(raw, spec.separators)
        notes.extend(Note("规范化", shown, _describe(c)) for c in changes)
    else:
        text = norm.clean_text(original, spec.path in norm.MULTILINE)
        if text != original:
            notes.append(Note("规范化", shown, "去除多余空白"))
        tokens = [text]
    value: Any
    if spec.aliases or _enum(node) or node.get("type") == "boolean":
        mapped, unknown = _map_tokens(tokens, spec, mapping, node, shown, notes)
        if unknown:
            notes.append(Note("未识别", shown, f"“{'、'.join(unknown)}”不在别名表中"))
            if not mapped or not spec.pick:
                return placeholder(f"原值“{original.strip()}”不在别名表中"), notes
        if not mapped:
            return placeholder(f"原值“{original.strip()}”不在别名表中"), notes
        tokens = mapped
    if spec.pick:
        order = norm.table_order(spec, mapping)
        tokens = [min(tokens, key=lambda t: order.index(t) if t in order else len(order))]
        notes = [n for n in notes if n.kind != "规范化"]
        notes.append(Note("规范化", shown, f"“{original.strip()}”→“{tokens[0]}”（按别名表的先后取一个）"))
    if is_list and spec.join is None and node.get("type") == "array":
        value = tokens
    elif spec.join is not None:
        value = spec.join.join(tokens)
    else:
        value = tokens[0]
    if spec.date and isinstance(value, str):
        parsed = norm.parse_date(value)
        if parsed is None:
            notes.append(Note("未识别", shown, f"“{value}”不是可识别的日期"))
            return placeholder(f"原值“{value}”不是可识别的日期"), notes
        if parsed != value:
            notes.append(Note("规范化", shown, f"日期“{value}”→“{parsed}”"))
        value = parsed
    value = _typed(value, node)
    reason = _invalid(spec.path, value)
    if reason:
        notes.append(Note("未采用", shown, f"原值“{original.strip()}”{reason}"))
        return placeholder(f"原值“{original.strip()}”{reason}"), notes
    return value, notes


def _map_tokens(
    tokens: list[str], spec: FieldSpec, mapping: Mapping, node: dict[str, Any], shown: str, notes: list[Note]
) -> tuple[list[str], list[str]]:
    if node.get("type") == "boolean":
        standard: list[str] = list(BOOLEANS)
    elif spec.pick:
        standard = norm.table_order(spec, mapping)
    else:
        standard = _enum(node) or norm.table_order(spec, mapping)
    local = mapping
    if node.get("type") == "boolean" and not spec.aliases:
        local = Mapping(mapping.name, mapping.title, (), aliases={"_bool": BOOLEAN_SPELLINGS})
        spec = FieldSpec(spec.path, spec.columns, aliases="_bool")
    mapped: list[str] = []
    unknown: list[str] = []
    for token in tokens:
        value, how = norm.lookup(token, spec, local, standard)
        if value is None:
            unknown.append(token)
            continue
        if how in ("别名", "错别字"):
            notes.append(Note("错别字" if how == "错别字" else "规范化", shown, f"“{token}”→“{value}”"))
        if value not in mapped:
            mapped.append(value)
    return mapped, unknown


def _typed(value: Any, node: dict[str, Any]) -> Any:
    kind = node.get("type")
    if kind == "boolean" and isinstance(value, str) and value in BOOLEANS:
        return BOOLEANS[value]
    if kind == "integer" and isinstance(value, str) and re.fullmatch(r"[0-9]+", value):
        return int(value)
    return value


def _describe(change: norm.Change) -> str:
    if change.kind == "列表":
        return f"列表“{change.before}”→“{change.after}”"
    return f"去掉重复的值：“{change.before}”→“{change.after}”"


def _enum(node: dict[str, Any]) -> list[str]:
    values = node.get("enum") or (node.get("items") or {}).get("enum") or []
    return [v for v in values if isinstance(v, str)]


def _schema_path(path: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for part in path.split("."):
        parts.append(part)
        if part == "items" and len(parts) == 1:
            parts.append(0)
    return tuple(parts)


@cache
def _node(path: str) -> dict[str, Any]:
    root = schemas.schema("resource")
    return schemas.subschema(root, _schema_path(path)) or {}


@cache
def _validators(path: str) -> tuple[Any, Any]:
    root = schemas.schema("resource")
    node = {**_node(path), "$defs": root.get("$defs", {})}
    node.pop("if", None)
    node.pop("then", None)
    return schemas.validators(node)


def _invalid(path: str, value: Any) -> str:
    """Why ``value`` does not fit the field, in Chinese; empty if it fits."""
    fast, full = _validators(path)
    if fast.is_valid(value):
        return ""
    error = next(iter(full.iter_errors(value)), None)
    if error is None:
        return "不符合目录标准"
    limit = error.validator_value
    reasons = {
        "minLength": f"不足 {limit} 个字",
        "maxLength": f"超过 {limit} 个字",
        "pattern": "格式不正确",
        "enum": "不是可选值",
        "type": "类型不对",
        "minimum": f"小于 {limit}",
        "maximum": f"大于 {limit}",
        "uniqueItems": "有重复的项",
    }
    return reasons.get(str(error.validator), "不符合目录标准")
