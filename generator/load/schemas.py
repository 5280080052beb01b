"""The JSON Schemas in ``schemas/``, their validators, and errors translated into Chinese.

A fast validator (jsonschema-rs) answers "is this valid?"; only a document that fails is walked
again by the reference implementation (jsonschema) to explain every error, using each field's
Chinese ``title`` and ``description`` from the schema (:mod:`generator.load.schemamessages`).

Both must give the same verdict, or a value passes that one of them refuses. JSON Schema patterns
are ECMA-262 regular expressions, where ``$`` is the end of the text; in Python's ``re`` it also
matches before a final line end, so ``"a@b.cn\\n"`` would pass ``^…$``. The reference validator
therefore checks ``pattern`` with :func:`ecma_pattern`, and a test runs every pattern on both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema
import jsonschema_rs

from generator import SCHEMA_DIR
from generator.load.schemamessages import translate
from generator.load.schemapaths import location, resolve_ref, subschema
from generator.load.yamlfile import Document
from generator.problems import Problem
from generator.rules import placeholders

__all__ = ["KINDS", "ecma_pattern", "location", "resolve_ref", "schema", "subschema", "validate", "validators"]

KINDS = ("resource", "department", "registry", "legal_bases", "profile", "needs")


@cache
def schema(kind: str) -> dict[str, Any]:
    """The parsed schema of one kind of catalog file."""
    with open(SCHEMA_DIR / f"{kind}.schema.json", encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def ecma_pattern(pattern: str) -> str:
    """``pattern`` for Python's ``re`` with ECMA-262's ``$``: the end of the text, never before a line end.

    Every ``$`` outside a character class and not escaped becomes ``\\Z``.
    """
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        out.append(char)
        index += 1
    return "".join(out)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_pattern(pattern))


def _pattern(validator: Any, pattern: str, instance: Any, _schema: Any) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Reference = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})
"""Draft 2020-12 with ECMA-262 ``pattern`` semantics, like jsonschema-rs."""


def validators(node: dict[str, Any]) -> tuple[Any, jsonschema.protocols.Validator]:
    """The fast and the explaining validator of a schema; they agree on every value."""
    return jsonschema_rs.validator_for(node), Reference(node)


@cache
def _fast(kind: str) -> Any:
    return jsonschema_rs.validator_for(schema(kind))


@cache
def _full(kind: str) -> jsonschema.protocols.Validator:
    return Reference(schema(kind))


def validate(kind: str, document: Document) -> list[Problem]:
    """Every schema problem of ``document``, in Chinese, sorted by position.

    Placeholders (待补充) left by ``catalog import`` are reported as R-023, never as a schema error.
    """
    root = schema(kind)
    marked = list(placeholders.find(document, root))
    if _fast(kind).is_valid(document.data):
        return marked
    errors = list(_full(kind).iter_errors(document.data))
    problems = [problem for error in errors for problem in translate(root, document, error)]
    if not errors:  # the validators disagree: refuse rather than let the value through
        line, column = document.where()
        problems.append(Problem(document.path, line, column, "S-008", "error", "文件不符合目录标准，但无法确定是哪个字段；请联系目录维护人员"))
    return sorted(set(problems + marked))
