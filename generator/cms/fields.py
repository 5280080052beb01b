"""The resource schema as Decap CMS fields: labels and hints in Chinese, choices from the profile.

Every property of ``schemas/resource.schema.json`` becomes a field, in the schema's order (which is
also the order :mod:`generator.load.yamlwrite` writes keys in): the label is its ``title``, the hint its
``description``, required follows ``required``, choices follow ``enum``. A few fields need more than
the schema says; they are listed in :data:`SPECIAL` by dotted path, each with the reason. A property
of a shape this module does not know stops the generation (:class:`UnsupportedField`), so a schema
change can never silently leave a field out of the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.law.profiles import Profile
from generator.load import schemas

LEGAL_BASES = "legal_bases"
"""Name of the hidden collection over ``legal_bases.yaml`` that basis fields choose from."""
DEPARTMENTS = "departments"
"""Name of the hidden collection over the ``department.yaml`` files."""
ACTIVE, NOTICE = "在用", "公示中"

MULTILINE = ("summary", "share.condition", "open.condition", "usage", "delisting.reason", "items.description")
"""Texts that may run to several sentences: a text area instead of one line."""

TOOL_MANAGED = ("department", "status", "delisting", "source_ref")
"""Fields the clerk does not edit in the resource form: the department is the collection's own,
the status and the delisting block change only through the delisting form (下线申请), and
``source_ref`` belongs to ``catalog import`` (its description says so)."""

EXCLUDED_CHOICES = {"security_level": ("涉密",)}
"""Schema values never offered: classified data is not catalogued at all (R-016, 贵州 第三条)."""


class UnsupportedField(ValueError):
    """The schema has a property this generator cannot turn into a form field."""


@dataclass(frozen=True)
class Context:
    """What the fields of one department's form depend on besides the schema."""

    profile: Profile
    department: str
    department_name: str


def resource_fields(context: Context) -> list[dict[str, Any]]:
    """The fields of the resource form of one department (tool-managed fields hidden or read-only)."""
    root = schemas.schema("resource")
    return [_field(root, name, sub, _required(root, name), name, context) for name, sub in root["properties"].items()]


def delisting_fields(context: Context) -> list[dict[str, Any]]:
    """The fields of the delisting form (下线申请): which resource, then the delisting block only."""
    root = schemas.schema("resource")
    props = root["properties"]
    shown = [_readonly(props[name], name) for name in ("code", "name", "status", "mounted", "consumers")]
    block = _field(root, "delisting", props["delisting"], True, "delisting", context, delisting_form=True)
    return [*shown, block]


def _required(node: dict[str, Any], name: str) -> bool:
    return name in node.get("required", ())


def _base(node: dict[str, Any], name: str, required: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": node.get("title", name)}
    if node.get("description"):
        field["hint"] = node["description"]
    field["required"] = required
    return field


def _readonly(node: dict[str, Any], name: str) -> dict[str, Any]:
    return {**_base(node, name, False), "widget": "catalog-readonly"}


def _field(
    root: dict[str, Any], name: str, raw: Any, required: bool, path: str, context: Context, delisting_form: bool = False
) -> dict[str, Any]:
    node = schemas.resolve_ref(root, raw)
    if node is None:
        raise UnsupportedField(f"资源模式中字段 {path} 不是一个模式对象")
    field = _base(node, name, required)
    if path in TOOL_MANAGED and not delisting_form:
        return _managed(field, node, path, context)
    special = SPECIAL.get(path) or (_basis if _is_basis(raw) else None)
    if special is not None:
        return special(field, node, context)
    if "enum" in node:
        return {**field, "widget": "select", "options": _options(node, path)}
    kind = node.get("type")
    if kind == "object":
        # Decap checks a nested required field even when the optional object around it is left
        # empty, which would block saving (e.g. 备案 under 共享): inside an optional object nothing is
        # required by the form; the schema check reports an object filled in only half.
        subs = [
            _field(root, key, sub, required and _required(node, key), f"{path}.{key}", context, delisting_form)
            for key, sub in node.get("properties", {}).items()
        ]
        return {**field, "widget": "object", "collapsed": False, "fields": subs}
    if kind == "array":
        return _array(root, field, node, path, context)
    if kind == "string":
        return {**field, "widget": "text" if path in MULTILINE else "string", **_text_pattern(node)}
    if kind == "integer":
        return {**field, "widget": "number", "value_type": "int", **_bounds(node)}
    if kind == "boolean":
        # A required yes/no starts as "no"; an optional one stays absent until the clerk sets it.
        return {**field, "widget": "boolean", **({"default": False} if required else {})}
    raise UnsupportedField(f"资源模式中字段 {path} 的类型 {kind!r} 没有对应的表单控件，请在 generator/cms/fields.py 中补充")


def _managed(field: dict[str, Any], node: dict[str, Any], path: str, context: Context) -> dict[str, Any]:
    if path == "department":
        return {**field, "widget": "hidden", "default": context.department}
    if path == "status":
        return {**field, "widget": "catalog-readonly", "default": ACTIVE, "required": False}
    return {**field, "widget": "hidden", "required": False}


def _array(root: dict[str, Any], field: dict[str, Any], node: dict[str, Any], path: str, context: Context) -> dict[str, Any]:
    items = schemas.resolve_ref(root, node.get("items")) or {}
    limits = {"min": node["minItems"]} if node.get("minItems") else {}
    if "enum" in items:
        return {**field, "widget": "select", "multiple": True, "options": _options(items, path), **limits}
    if items.get("type") == "object":
        subs = [
            _field(root, key, sub, _required(items, key), f"{path}.{key}", context)
            for key, sub in items.get("properties", {}).items()
        ]
        first = subs[0]["name"]
        summary = f"{{{{fields.{first}}}}}"
        return {
            **field, "widget": "list", "label_singular": items.get("title", field["label"]),
            "collapsed": False, "summary": summary, "fields": subs, **limits,
        }
    if items.get("type") == "string":
        entry = {"name": field["name"], "label": items.get("title", field["label"]), "widget": "string", **_text_pattern(items)}
        return {**field, "widget": "list", "field": entry, **limits}
    raise UnsupportedField(f"资源模式中列表字段 {path} 的项没有对应的表单控件，请在 generator/cms/fields.py 中补充")


def _options(node: dict[str, Any], path: str) -> list[dict[str, str]]:
    excluded = EXCLUDED_CHOICES.get(path, ())
    described = str(node.get("description", ""))
    return [{"label": _option_label(value, described), "value": value} for value in node["enum"] if value not in excluded]


def _option_label(value: str, described: str) -> str:
    """``C 字符型`` where the description names each code (``C 字符型、N 数值型…``), else the value."""
    found = re.search(rf"(?:^|[、，；\s]){re.escape(str(value))} ([^、，。；\s]+)", described)
    return f"{value} {found.group(1)}" if found else str(value)


def _text_pattern(node: dict[str, Any]) -> dict[str, Any]:
    """Decap's ``pattern`` (a regex and a Chinese message) for a string's pattern or length."""
    if "pattern" in node:
        hint = node.get("description") or node.get("title", "")
        return {"pattern": [node["pattern"], f"格式不正确。{hint}".strip()]}
    low, high = node.get("minLength"), node.get("maxLength")
    if (low or 0) <= 1 and high is None:
        return {}  # "not empty" is what "required" already checks
    words = [f"至少 {low} 个字" if low else "", f"最多 {high} 个字" if high else ""]
    return {"pattern": [f"^[\\s\\S]{{{low or 0},{high or ''}}}$", "，".join(w for w in words if w)]}


def _bounds(node: dict[str, Any]) -> dict[str, Any]:
    return {key: node[source] for key, source in (("min", "minimum"), ("max", "maximum")) if source in node}


def _is_basis(raw: Any) -> bool:
    return isinstance(raw, dict) and raw.get("$ref") == "#/$defs/basis_list"


def _basis(field: dict[str, Any], node: dict[str, Any], context: Context) -> dict[str, Any]:
    """Legal bases are chosen from ``legal_bases.yaml`` (shown as ``名称 条款 标识``)."""
    return {
        **field,
        "widget": "relation",
        "collection": LEGAL_BASES,
        "file": LEGAL_BASES,
        "value_field": "entries.*.id",
        "search_fields": ["entries.*.name", "entries.*.article", "entries.*.id"],
        "display_fields": ["entries.*.name", "entries.*.article", "entries.*.id"],
        "multiple": True,
        "options_length": 500,
        **({"min": node["minItems"]} if node.get("minItems") else {}),
    }


def _class_item(field: dict[str, Any], node: dict[str, Any], context: Context) -> dict[str, Any]:
    """项: a base resource or a theme of the profile, or the department itself (部门信息资源)."""
    profile = context.profile
    options = [{"label": f"基础：{name}", "value": name} for name in profile.base_resources]
    options += [{"label": f"主题：{name}", "value": name} for name in profile.themes]
    options.append({"label": f"部门：{context.department_name}", "value": context.department_name})
    return {**field, "widget": "select", "options": options}


def _profile_enum(attribute: str) -> Any:
    def build(field: dict[str, Any], node: dict[str, Any], context: Context) -> dict[str, Any]:
        allowed = getattr(context.profile, attribute)
        return {**field, "widget": "select", "options": [{"label": v, "value": v} for v in allowed]}

    return build


def _consumers(field: dict[str, Any], node: dict[str, Any], context: Context) -> dict[str, Any]:
    return {
        **field, "widget": "relation", "collection": DEPARTMENTS, "value_field": "id",
        "search_fields": ["name", "id"], "display_fields": ["name"], "multiple": True, "options_length": 500,
    }


def _date(field: dict[str, Any], node: dict[str, Any], context: Context) -> dict[str, Any]:
    return {**field, "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}


SPECIAL = {
    "classification.item": _class_item,
    "share.type": _profile_enum("share_types"),
    "open.type": _profile_enum("open_types"),
    "published": _date,
    "consumers": _consumers,
}
"""Fields whose choices come from the profile or other files rather than from the schema alone."""
