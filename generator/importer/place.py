"""Place drafts in the catalog: find the file each one updates, or assign a new code; complete it.

Matching an existing file, in order: the source reference (``source_ref``), the resource code, the
name within the department. New resources get codes by the registry's rules — class digit, 项 code
(the department's ``item_code`` for 部门 resources, the profile's list for 基础/主题), 目 ``001`` —
and the next free sequence number, handed out in the order of their source reference or name, so
that the same input gives the same codes.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from generator.importer import dotted
from generator.importer.records import Draft, Note
from generator.importer.state import State
from generator.load import schemas
from generator.load.model import CLASS_DIGITS
from generator.rules.placeholders import is_placeholder, placeholder

HEADING = "001"
"""目 code of assigned codes: the catalog's first heading under the 项."""

CODE = re.compile(r"^[123][0-9]{2}[0-9]{3}([0-9]{3})?/[0-9]{6}$")


@dataclass(frozen=True)
class Placed:
    """A draft with its target file and final data, or the reason it cannot be placed."""

    draft: Draft
    path: str = ""
    data: dict[str, Any] | None = None
    before: bytes | None = None
    """The file's bytes before this import; ``None`` for a new file."""
    refused: str = ""
    notes: tuple[Note, ...] = ()
    same_as: Draft | None = None
    """The earlier record this one repeats exactly: it lands in the same file, nothing to write."""


def place_all(drafts: list[Draft], state: State) -> list[Placed]:
    """Place every draft; the result is in the order of ``drafts``."""
    placed: dict[int, Placed] = {}
    claimed: dict[str, Draft] = {}
    new: list[tuple[int, Draft]] = []
    seen: dict[str, tuple[int, Draft]] = {}
    repeats: dict[int, int] = {}
    for index, item in enumerate(drafts):
        if item.refused:
            placed[index] = Placed(item, refused=item.refused)
            continue
        first, earlier = seen.setdefault(_key(item), (index, item))
        if earlier is not item:
            if earlier.fingerprint == item.fingerprint:
                repeats[index] = first
            else:
                placed[index] = Placed(item, refused=_duplicate(earlier, item))
            continue
        path = _match(item, state)
        if path is None:
            new.append((index, item))
            continue
        placed[index] = _claim(item, path, claimed, state)
    for index, item in sorted(new, key=lambda pair: _order(pair[1])):
        placed[index] = _new(item, claimed, state)
    for index, first in repeats.items():
        done = placed[first]
        placed[index] = Placed(drafts[index], done.path, done.data, done.before, done.refused, same_as=done.draft)
    return [placed[i] for i in range(len(drafts))]


def _key(item: Draft) -> str:
    """What makes two records the same resource: source reference, else code, else name."""
    if item.source_ref:
        return f"ref:{item.source_ref}"
    code, name = item.data.get("code"), item.data.get("name")
    if isinstance(code, str) and code:
        return f"code:{code}"
    return f"name:{name}" if isinstance(name, str) and name else f"rows:{item.rows}"


def _duplicate(earlier: Draft, item: Draft) -> str:
    what = "来源标识" if item.source_ref else "资源代码" if item.data.get("code") else "资源名称"
    return f"与第 {earlier.rows[0]} {earlier.unit}的{what}相同，但内容不同；请合并后再导入"


def _order(item: Draft) -> tuple[str, str, tuple[int, ...]]:
    name = item.data.get("name")
    return (item.source_ref, name if isinstance(name, str) else "", item.rows)


def _match(item: Draft, state: State) -> str | None:
    if item.source_ref and item.source_ref in state.by_ref:
        return state.by_ref[item.source_ref]
    code = item.data.get("code")
    if isinstance(code, str) and code in state.by_code:
        path = state.by_code[code]
        return path if path.startswith(state.department + "/") else None
    name = item.data.get("name")
    if not item.source_ref and isinstance(name, str) and name in state.by_name:
        return state.by_name[name]
    return None


def _claim(item: Draft, path: str, claimed: dict[str, Draft], state: State) -> Placed:
    earlier = claimed.get(path)
    if earlier is not None:
        if earlier.fingerprint == item.fingerprint:
            return Placed(item, refused=f"与第 {earlier.rows[0]} {_unit(earlier)}重复")
        return Placed(item, refused=f"与第 {earlier.rows[0]} {_unit(earlier)}是同一资源（{path}），但内容不同；请合并后再导入")
    claimed[path] = item
    existing = state.existing.get(path)
    base = copy.deepcopy(existing.data) if existing else {}
    data = _merge(base, item)
    notes = list(item.notes)
    if existing is not None:
        data["code"] = existing.data.get("code", data.get("code"))
        for leaf in _leaves(item.data):
            if is_placeholder(dotted.get(item.data, leaf)) and not is_placeholder(dotted.get(data, leaf)):
                notes.append(Note("提示", leaf, "来源中的值无法使用，保留了已有的值"))
    return _finish(item, path, data, existing.raw if existing else None, notes, state)


def _new(item: Draft, claimed: dict[str, Draft], state: State) -> Placed:
    code = item.data.get("code")
    if isinstance(code, str) and code:
        if not CODE.match(code):
            return Placed(item, refused=f"资源代码“{code}”格式不正确（应如 301001/000001）")
        if code in state.by_code:
            return Placed(item, refused=f"资源代码 {code} 已被 {state.by_code[code]} 使用")
    else:
        prefix, why = _prefix(item.data, state)
        if not prefix:
            return Placed(item, refused=f"无法分配资源代码：{why}")
        code = state.next_code(prefix)
    path = state.path_for(code)
    if path in claimed:
        return _claim(item, path, claimed, state)
    claimed[path] = item
    data = _merge({}, item)
    data["code"] = code
    return _finish(item, path, data, None, list(item.notes), state)


def _prefix(data: dict[str, Any], state: State) -> tuple[str, str]:
    classification = data.get("classification") or {}
    kind = classification.get("class")
    if kind not in CLASS_DIGITS:
        return "", "来源中没有信息资源分类（类），映射也没有给出默认值"
    if kind == "部门":  # a 5-digit item code already holds the 目 (项 2 位 + 目 3 位)
        return f"3{state.item_code}{HEADING if len(state.item_code) == 2 else ''}", ""
    names = state.profile.base_resources if kind == "基础" else state.profile.themes
    item = classification.get("item")
    if item not in names:
        label = "基础信息资源" if kind == "基础" else "主题信息资源"
        return "", f"“{item}”不是{state.profile.name}规定的{label}（{'、'.join(names)}）"
    return f"{CLASS_DIGITS[kind]}{names[item]}{HEADING}", ""


def _finish(
    item: Draft, path: str, data: dict[str, Any], before: bytes | None, notes: list[Note], state: State
) -> Placed:
    data["department"] = state.department
    classification = data.setdefault("classification", {})
    if classification.get("class") == "部门" and not classification.get("item"):
        classification["item"] = state.department_name
    if item.source_ref:
        data["source_ref"] = item.source_ref
    complete(data, schemas.schema("resource"))
    state.remember(path, data, before or b"")
    return Placed(item, path, data, before, notes=tuple(notes))


def _merge(base: dict[str, Any], item: Draft) -> dict[str, Any]:
    """``base`` with the draft's values: usable source values win, others only fill gaps."""
    for path in _leaves(item.data):
        value = dotted.get(item.data, path)
        current = dotted.get(base, path)
        if path in item.provided or current is None or is_placeholder(current):
            dotted.put(base, path, copy.deepcopy(value))
    return base


def _leaves(data: dict[str, Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            found.extend(_leaves(value, f"{path}."))
        else:
            found.append(path)
    return found


def complete(data: dict[str, Any], root: dict[str, Any], at: tuple[str | int, ...] = ()) -> None:
    """Write a placeholder for every required field that is missing, recursively."""
    node = schemas.subschema(root, at) or {}
    for key in node.get("required", []):
        if key not in data:
            data[key] = _empty(root, (*at, key))
    for key, value in data.items():
        sub = schemas.subschema(root, (*at, key)) or {}
        if isinstance(value, dict) and sub.get("type") == "object":
            complete(value, root, (*at, key))
        elif isinstance(value, list) and (schemas.subschema(root, (*at, key, 0)) or {}).get("type") == "object":
            for index, element in enumerate(value):
                if isinstance(element, dict):
                    complete(element, root, (*at, key, index))
                    if element.get("type") == "C" and "length" not in element:
                        element["length"] = placeholder("字符型信息项须填写数据长度")


def _empty(root: dict[str, Any], at: tuple[str | int, ...]) -> Any:
    sub = schemas.subschema(root, at) or {}
    if sub.get("type") == "object":
        value: dict[str, Any] = {}
        complete(value, root, at)
        return value
    if sub.get("type") == "array" and (schemas.subschema(root, (*at, 0)) or {}).get("type") == "object":
        element: dict[str, Any] = {}
        complete(element, root, (*at, 0))
        return [element]
    return placeholder()


def _unit(item: Draft) -> str:
    return item.unit
