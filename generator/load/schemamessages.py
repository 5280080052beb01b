"""Schema errors (from ``jsonschema``) as Chinese problems naming the field, its line and the fix.

Each field is named by its schema ``title``; a list item by its number and, if it has one, its
name; a misspelt key gets the nearest allowed key as a suggestion; a quoted value names blanks a
reader cannot see (a trailing full-width space, a line end).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator
from typing import Any

import jsonschema

from generator.load.schemapaths import field_title, location, resolve_ref, title
from generator.load.textsafety import has_fullwidth_ascii, spaces_note, visible
from generator.load.yamlfile import Document
from generator.problems import Problem
from generator.rules import placeholders

_TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表（每项以“- ”开头）",
    "object": "映射（“字段名: 值”）",
    "null": "空值",
}

Messages = list[tuple[str | None, str]]
"""(key below the error's path the message is about, or ``None``; message) pairs."""


def leaf_errors(error: jsonschema.ValidationError) -> Iterator[jsonschema.ValidationError]:
    """The error, or for ``anyOf``/``oneOf`` the best-matching error inside it."""
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            yield from leaf_errors(best)
            return
    yield error


def translate(root: dict[str, Any], document: Document, top: jsonschema.ValidationError) -> Iterator[Problem]:
    """The problems of one top-level validation error of ``document`` against ``root``."""
    for error in leaf_errors(top):
        if placeholders.is_placeholder(error.instance):
            continue  # reported as R-023 by generator.rules.placeholders
        path = tuple(error.absolute_path)
        where = location(root, path, document.data)
        rule, messages = _message(error, root, path, where or "文件")
        written = document.literals.get(path)
        if written is not None and rule in ("S-003", "S-004"):
            read_as = show(error.instance)
            messages = [(key, text.replace(f"现在是 {read_as}", f"现在写的是 {written}（YAML 把它读成了 {read_as}）")) for key, text in messages]
        for extra_key, message in messages:
            at = (*path, extra_key) if extra_key is not None else path
            line, column = document.where(*at)
            yield Problem(document.path, line, column, rule, "error", message, ".".join(str(p) for p in at))


def _message(error: jsonschema.ValidationError, root: dict[str, Any], path: tuple[Any, ...], subject: str) -> tuple[str, Messages]:
    instance, value, kind = error.instance, error.validator_value, error.validator
    node = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = [key for key in value if isinstance(instance, dict) and key not in instance]
        return "S-001", [(None, f"{subject}缺少必填字段「{field_title(root, path, key)}」（{key}）") for key in missing]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        props = node.get("properties", {})
        extras = [key for key in instance if key not in props] if isinstance(instance, dict) else []
        return "S-002", [(key, _unknown_key(root, props, key, subject)) for key in extras]
    if kind in ("enum", "const"):
        choices = "、".join(show(v) for v in (value if kind == "enum" else [value]))
        return "S-003", [(None, f"{subject}取值必须是 {choices} 之一，现在是 {show(instance)}")]
    if kind == "type":
        expected = value if isinstance(value, list) else [value]
        names = "或".join(_TYPE_NAMES.get(t) or str(t) for t in expected)
        hint = ""
        if "string" in expected and isinstance(instance, (int, float, bool)) or instance is None:
            hint = "；YAML 会把纯数字、true/false、yes/no 当作数值或逻辑值，请给值加上引号，例如 \"0771\""
        return "S-004", [(None, f"{subject}应为{names}，现在是 {show(instance)}{hint}")]
    if kind in ("pattern", "format"):
        hint = node.get("description", "")
        if isinstance(instance, str) and has_fullwidth_ascii(instance):
            hint = "其中有全角字符（如“１”“／”“－”），请改用半角（英文输入法下的）数字和符号。" + hint
        return "S-005", [(None, f"{subject}格式不正确：{show(instance)}。{hint}".rstrip())]
    if kind in ("minLength", "maxLength"):
        word = "至少" if kind == "minLength" else "最多"
        return "S-006", [(None, f"{subject}{word} {value} 个字，现在是 {len(instance)} 个字")]
    if kind in ("minItems", "maxItems"):
        word = "至少" if kind == "minItems" else "最多"
        return "S-006", [(None, f"{subject}{word}要有 {value} 项，现在有 {len(instance)} 项")]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = "不能小于" if "inimum" in kind else "不能大于"
        return "S-006", [(None, f"{subject}{word} {value}，现在是 {show(instance)}")]
    if kind == "uniqueItems":
        return "S-007", [(None, f"{subject}中有重复的项，请删去重复的")]
    return "S-008", [(None, f"{subject}不符合目录标准：{error.message}")]


def _unknown_key(root: dict[str, Any], props: dict[str, Any], key: str, subject: str) -> str:
    names = {name: title(resolve_ref(root, sub), name) for name, sub in props.items()}
    allowed = "、".join(f"{name}（{shown}）" for name, shown in names.items())
    guess = suggest(key, names)
    ask = f"您是否要写 {guess}（{names[guess]}）？" if guess else ""
    return f"{subject}中有不认识的字段「{key}」；{ask}可用的字段：{allowed}"


def suggest(key: str, names: dict[str, str]) -> str:
    """The allowed key ``key`` most likely meant (a typo, other case, or the Chinese title), or ``""``."""
    folded = unicodedata.normalize("NFKC", key).strip().casefold()
    for name, shown in names.items():
        if folded in (name.casefold(), shown.casefold()):
            return name
    close = difflib.get_close_matches(folded, [name.casefold() for name in names], n=1, cutoff=0.75)
    if close:
        return next(name for name in names if name.casefold() == close[0])
    by_title = difflib.get_close_matches(folded, [shown.casefold() for shown in names.values()], n=1, cutoff=0.6)
    return next((name for name, shown in names.items() if by_title and shown.casefold() == by_title[0]), "")


def show(value: Any) -> str:
    """A value as quoted in a message; a string's invisible blanks are named after it."""
    if isinstance(value, str):
        return f"“{visible(value)}”{spaces_note(value)}"
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    return str(value)
