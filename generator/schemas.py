"""The JSON Schemas in ``schemas/``, their validators, and errors translated into Chinese.

A fast validator (jsonschema-rs) answers "is this valid?"; only a document that fails is walked
again by the reference implementation (jsonschema) to explain every error, using each field's
Chinese ``title`` and ``description`` from the schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
import jsonschema_rs

from generator import SCHEMA_DIR
from generator.problems import Problem
from generator.rules import placeholders
from generator.textsafety import has_fullwidth_ascii
from generator.yamlfile import Document

KINDS = ("resource", "department", "registry", "legal_bases", "profile", "needs")

_TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表（每项以“- ”开头）",
    "object": "映射（“字段名: 值”）",
    "null": "空值",
}


@cache
def schema(kind: str) -> dict[str, Any]:
    """The parsed schema of one kind of catalog file."""
    with open(SCHEMA_DIR / f"{kind}.schema.json", encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def _fast(kind: str) -> Any:
    return jsonschema_rs.validator_for(schema(kind))


@cache
def _full(kind: str) -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(schema(kind))


def validate(kind: str, document: Document) -> list[Problem]:
    """Every schema problem of ``document``, in Chinese, sorted by position.

    Placeholders (待补充) left by ``catalog import`` are reported as R-023, never as a schema error.
    """
    marked = list(placeholders.find(document, schema(kind)))
    if _fast(kind).is_valid(document.data):
        return marked
    problems = [
        problem
        for error in _full(kind).iter_errors(document.data)
        for problem in _translate(kind, document, error)
    ]
    return sorted(set(problems + marked))


def _leaf_errors(error: jsonschema.ValidationError) -> Iterator[jsonschema.ValidationError]:
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            yield from _leaf_errors(best)
            return
    yield error


def _translate(kind: str, document: Document, top: jsonschema.ValidationError) -> Iterator[Problem]:
    root = schema(kind)
    for error in _leaf_errors(top):
        if placeholders.is_placeholder(error.instance):
            continue  # reported as R-023 by generator.rules.placeholders
        path = tuple(error.absolute_path)
        where = location(root, path)
        node = error.schema if isinstance(error.schema, dict) else {}
        value = error.validator_value
        rule, messages = _message(error, root, path, where, node, value)
        written = document.literals.get(path)
        if written is not None and rule in ("S-003", "S-004"):
            read_as = _show(error.instance)
            messages = [(key, f"{text.replace(f'现在是 {read_as}', f'现在写的是 {written}（YAML 把它读成了 {read_as}）')}") for key, text in messages]
        for extra_key, message in messages:
            at = (*path, extra_key) if extra_key is not None else path
            line, column = document.where(*at)
            field = ".".join(str(p) for p in at)
            yield Problem(document.path, line, column, rule, "error", message, field)


def _message(
    error: jsonschema.ValidationError,
    root: dict[str, Any],
    path: tuple[Any, ...],
    where: str,
    node: dict[str, Any],
    value: Any,
) -> tuple[str, list[tuple[str | None, str]]]:
    instance = error.instance
    subject = where or "文件"
    kind = error.validator
    if kind == "required":
        props = node.get("properties", {})
        missing = [key for key in value if isinstance(instance, dict) and key not in instance]
        return "S-001", [
            (None, f"{subject}缺少必填字段「{_title(props.get(key), key)}」（{key}）") for key in missing
        ]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        props = node.get("properties", {})
        allowed = "、".join(f"{key}（{_title(sub, key)}）" for key, sub in props.items())
        extras = [key for key in instance if key not in props] if isinstance(instance, dict) else []
        return "S-002", [
            (key, f"{subject}中有不认识的字段「{key}」；可用的字段：{allowed}") for key in extras
        ]
    if kind in ("enum", "const"):
        options = value if kind == "enum" else [value]
        choices = "、".join(_show(v) for v in options)
        return "S-003", [(None, f"{subject}取值必须是 {choices} 之一，现在是 {_show(instance)}")]
    if kind == "type":
        expected = value if isinstance(value, list) else [value]
        names = "或".join(_TYPE_NAMES.get(t) or str(t) for t in expected)
        hint = ""
        if "string" in expected and isinstance(instance, (int, float, bool)) or instance is None:
            hint = "；YAML 会把纯数字、true/false、yes/no 当作数值或逻辑值，请给值加上引号，例如 \"0771\""
        return "S-004", [(None, f"{subject}应为{names}，现在是 {_show(instance)}{hint}")]
    if kind in ("pattern", "format"):
        hint = node.get("description", "")
        if isinstance(instance, str) and has_fullwidth_ascii(instance):
            hint = "其中有全角字符（如“１”“／”“－”），请改用半角（英文输入法下的）数字和符号。" + hint
        return "S-005", [(None, f"{subject}格式不正确：{_show(instance)}。{hint}".rstrip())]
    if kind in ("minLength", "maxLength"):
        word = "至少" if kind == "minLength" else "最多"
        return "S-006", [(None, f"{subject}{word} {value} 个字，现在是 {len(instance)} 个字")]
    if kind in ("minItems", "maxItems"):
        word = "至少" if kind == "minItems" else "最多"
        return "S-006", [(None, f"{subject}{word}要有 {value} 项，现在有 {len(instance)} 项")]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = "不能小于" if "inimum" in kind else "不能大于"
        return "S-006", [(None, f"{subject}{word} {value}，现在是 {_show(instance)}")]
    if kind == "uniqueItems":
        return "S-007", [(None, f"{subject}中有重复的项，请删去重复的")]
    return "S-008", [(None, f"{subject}不符合目录标准：{error.message}")]


def location(root: dict[str, Any], path: tuple[Any, ...]) -> str:
    """Chinese name of the value at ``path``, e.g. ``第 3 个信息项的「数据类型」``."""
    node: dict[str, Any] | None = root
    parts: list[str] = []
    for step in path:
        node = resolve_ref(root, node)
        if isinstance(step, int):
            item = resolve_ref(root, (node or {}).get("items"))
            label = _title(item, "") or _title(node, "项")
            parts[-1:] = [f"第 {step + 1} 个{label}"]
            node = item
        else:
            sub = resolve_ref(root, (node or {}).get("properties", {}).get(step))
            parts.append(f"「{_title(sub, step)}」")
            node = sub
    return "的".join(parts)


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


def _title(node: Any, default: str) -> str:
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str):
            return title
    return default


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    return str(value)
