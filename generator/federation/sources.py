"""What a member sent, read as member records and validated with the member's own profile.

Four shapes are accepted, all untrusted data (never executed; YAML through the project's loader,
JSON with a depth limit):

* a catalog folder (a ``path`` or ``git`` member): validated like ``catalog validate`` under the
  member's own ``registry.yaml``; its profile must be the one the upper level registered;
* DCAT JSON-LD (:mod:`.dcat_in`), from this project's sites or any other that emits it;
* this project's ``downloads/catalog.json`` (columns of the national template, one row a resource);
* a plain open-data portal export read through an import ``mapping`` (``generator/mappings``).

A member whose catalog has errors is refused whole (its last good snapshot is kept); a record
of a download that lacks a code or name, or whose share or open type the member's profile does
not know, is left out and reported.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from generator.exports.columns import COLUMNS, LIST_SEPARATOR
from generator.federation import dcat_in
from generator.federation.members import Member
from generator.federation.records import from_catalog, record
from generator.law.profiles import resolve
from generator.problems import has_errors
from generator.validate.files import validate_files

MAX_DEPTH = 64
"""Deepest nesting of arrays and objects accepted in a member's JSON."""


class HarvestError(Exception):
    """A member cannot be harvested this time; the message is Chinese and names the member."""


def from_files(member: Member, files: dict[str, bytes], on: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Records of a member's catalog folder (relative paths → bytes)."""
    if "registry.yaml" not in files:
        raise HarvestError(f"{member.name}（{member.code}）：来源中没有 registry.yaml，不是目录文件夹")
    catalog, problems = validate_files(files, "catalog", on)
    registry = catalog.registry
    if registry is None:
        raise HarvestError(f"{member.name}（{member.code}）：registry.yaml 无效，无法读取")
    if registry.profile != member.profile:
        raise HarvestError(
            f"{member.name}（{member.code}）：下级目录遵循规则配置 {registry.profile}，与本级 members 中登记的 {member.profile} 不同"
        )
    if registry.division_code != member.code:
        raise HarvestError(
            f"{member.name}（{member.code}）：下级目录的行政区划代码是 {registry.division_code}，与 members 中登记的不同"
        )
    if has_errors(problems):
        errors = [p for p in problems if p.level == "error"]
        first = errors[0]
        raise HarvestError(
            f"{member.name}（{member.code}）：下级目录未通过校验（{len(errors)} 个错误），"
            f"例如 {first.path}:{first.line} [{first.rule}] {first.message}"
        )
    return from_catalog(catalog, member.code, member.site_url or (registry.site_url or "").rstrip("/")), []


def from_download(member: Member, raw: bytes, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Records of a downloaded file: DCAT JSON-LD, the site's catalog JSON or a portal export."""
    if member.mapping:
        return _portal(member, raw, name)
    data = parse_json(member, raw)
    if dcat_in.is_dcat(data):
        values = dcat_in.datasets(data)
    elif isinstance(data, dict) and isinstance(data.get("columns"), list) and isinstance(data.get("rows"), list):
        values = _rows(data)
    else:
        raise HarvestError(
            f"{member.name}（{member.code}）：{name} 既不是 DCAT JSON-LD，也不是目录网站的 catalog.json；"
            "开放平台导出请在 members 中写明 mapping"
        )
    return checked(member, values)


def parse_json(member: Member, raw: bytes) -> Any:
    text = raw.decode("utf-8-sig", errors="replace")
    if depth(text) > MAX_DEPTH:
        raise HarvestError(f"{member.name}（{member.code}）：JSON 嵌套超过 {MAX_DEPTH} 层，拒绝读取")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise HarvestError(f"{member.name}（{member.code}）：JSON 格式错误（第 {err.lineno} 行第 {err.colno} 列）：{err.msg}") from None


def depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings, without parsing (no recursion)."""
    deepest = level = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            level += 1
            deepest = max(deepest, level)
        elif char in "]}":
            level -= 1
    return deepest


def checked(member: Member, values: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Records of ``values``; those the member's profile cannot accept are left out and reported."""
    profile, _ = resolve(member.profile, None)
    kept: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for number, value in enumerate(values, start=1):
        code, name = str(value.get("code") or ""), str(value.get("name") or "")
        why = ""
        if not code or not name:
            why = "没有资源代码或名称"
        elif code in kept:
            why = f"资源代码 {code} 重复"
        elif value.get("share_type") and value["share_type"] not in profile.share_types:
            why = f"共享类型“{value['share_type']}”不是{profile.name}规定的类型（{'、'.join(profile.share_types)}）"
        elif value.get("open_type") and value["open_type"] not in profile.open_types:
            why = f"开放类型“{value['open_type']}”不是可选值（{'、'.join(profile.open_types)}）"
        if why:
            problems.append(f"第 {number} 条（{name or code or '无名称'}）未收录：{why}")
            continue
        kept[code] = record(member.code, value)
    return [kept[c] for c in sorted(kept)], problems


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    paths = {c.header: c.path for c in COLUMNS}
    keys = {
        "code": "code", "name": "name", "summary": "summary", "@department.name": "department",
        "classification.class": "class", "classification.item": "item", "share.type": "share_type",
        "share.condition": "share_condition", "share.basis": "share_basis", "open.type": "open_type",
        "open.condition": "open_condition", "open.basis": "open_basis", "update_cycle": "update_cycle",
        "status": "status", "published": "published",
    }
    columns = [keys.get(paths.get(str(h), ""), "") for h in data["columns"]]
    found = []
    for row in data["rows"]:
        if not isinstance(row, list):
            continue
        value: dict[str, Any] = {}
        for key, cell in zip(columns, row, strict=False):
            if key:
                text = "" if cell is None else str(cell)
                value[key] = [p for p in text.split(LIST_SEPARATOR) if p] if key.endswith("_basis") else text
        found.append(value)
    return found


def _portal(member: Member, raw: bytes, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    """A plain open-data portal export, read through its import mapping (no codes: the portal's
    own reference, e.g. its url, identifies a record)."""
    from generator.importer import mapping as mappings
    from generator.importer import readers
    from generator.importer import records as drafts

    try:
        chosen = mappings.load(member.mapping)
    except mappings.MappingError as err:
        raise HarvestError(f"{member.name}（{member.code}）：{err}") from None
    suffix = Path(name).suffix or ".json"
    with tempfile.TemporaryDirectory(prefix="catalog-harvest-") as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_bytes(raw)
        try:
            source = readers.read(path, chosen.headers())
        except readers.SourceError as err:
            raise HarvestError(f"{member.name}（{member.code}）：{str(err).replace(str(path), name)}") from None
    values = []
    for group in drafts.group(source, chosen):
        draft = drafts.draft(group, chosen, set(), source.unit)
        data = draft.data
        values.append(
            {
                "code": draft.source_ref or str(data.get("name") or ""),
                "name": data.get("name"),
                "summary": _usable(data.get("summary")),
                "department": draft.provider,
                "class": (data.get("classification") or {}).get("class"),
                "open_type": _usable((data.get("open") or {}).get("type")),
                "update_cycle": _usable(data.get("update_cycle")),
                "status": data.get("status"),
                "published": _usable(data.get("published")),
                "page": draft.source_ref if draft.source_ref.startswith("http") else "",
            }
        )
    return checked(member, values)


def _usable(value: Any) -> Any:
    from generator.rules.placeholders import is_placeholder

    return None if is_placeholder(value) else value
