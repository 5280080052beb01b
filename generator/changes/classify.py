"""Change classification: what a pull request does to the repository, path by path.

Input is plain data: the catalog-relative paths that differ between two revisions, the parsed
documents on each side (a path missing from a side did not exist there; ``None`` means it exists
but could not be read) and the changed paths outside the catalog. Output is one :class:`Change`
per path, labelled as an application. Only one department's catalog files are that department's
(``approval`` ``department``); every other path is a ``registry`` change the bureau approves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.changes import areas
from generator.changes.diffs import FieldChange, field_changes
from generator.load import layout
from generator.load.model import STATUS_ACTIVE, STATUS_DELISTED, STATUS_NOTICE
from generator.load.yamlfile import Document

LABELS = {
    "add": "新增编目",
    "update": "信息变更",
    "restrict": "共享/开放收紧",
    "delist-request": "下线申请",
    "delist-withdraw": "撤销下线",
    "delist-execute": "下线执行",
    "delete": "删除",
    "code-change": "代码变更",
    "department": "部门信息变更",
    "registry": "登记信息变更",
}
"""Every change kind and its Chinese name (the JSON contract of ``catalog check``)."""

FILE_LABELS = {
    "needs": "需求清单变更",
    "legal_bases": "法律依据代码表变更",
    "holidays": "节假日安排变更",
    "bureau": "模式或规则配置变更",
    "unknown": areas.OTHER_LABEL,
}
"""Labels of ``department``/``registry`` changes that are not the main file of their kind."""

RELIST_LABEL = "恢复已下线条目"
MOVED = "（文件移至新文件夹）"
"""Appended to the label of a resource whose file moved (e.g. a department folder renamed)."""

SHARE_ORDER = {"无条件共享": 0, "有条件共享": 1, "不予共享": 2}
OPEN_ORDER = {"无条件开放": 0, "依申请开放": 1, "不予开放": 2}

Side = Mapping[str, Document | None]


@dataclass(frozen=True)
class Change:
    """One changed file of a pull request, classified."""

    kind: str
    """One of :data:`LABELS`."""
    label: str
    """Chinese name of the change, shown to people."""
    path: str
    """Display path of the file (``catalog/…``); the old path for a deletion."""
    code: str = ""
    """Resource code (the new one for a code change); empty for non-resource files."""
    department: str = ""
    """Department folder, empty for registry files."""
    name: str = ""
    """Resource or department name."""
    old_path: str = ""
    """The other file of a code change (its old file), or the old file of a moved resource."""
    old_code: str = ""
    fields: tuple[FieldChange, ...] = ()
    """Readable before/after of each changed field."""
    before: Document | None = field(default=None, compare=False, repr=False)
    after: Document | None = field(default=None, compare=False, repr=False)

    @property
    def approval(self) -> str:
        """Who approves it: ``department`` (its own catalog files) or ``bureau`` (everything else)."""
        return "bureau" if self.kind == "registry" else "department"

    def data(self, side: str) -> dict[str, Any]:
        doc = self.before if side == "before" else self.after
        return doc.data if doc is not None and isinstance(doc.data, dict) else {}

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "path": self.path,
            "code": self.code,
            "department": self.department,
            "name": self.name,
            "old_path": self.old_path,
            "old_code": self.old_code,
            "fields": [f.as_dict() for f in self.fields],
            "approval": self.approval,
        }


def classify(changed: Iterable[str], old: Side, new: Side, prefix: str, outside: Iterable[str] = ()) -> list[Change]:
    """Classify catalog files ``changed`` (catalog-relative) and repository paths ``outside`` it."""
    shown = (lambda rel: f"{prefix}/{rel}") if prefix else (lambda rel: rel)
    changes: list[Change] = []
    added: list[str] = []
    deleted: list[str] = []
    for relative in sorted(set(changed)):
        kind = layout.kind_of(relative) if areas.department_data(relative) or "/" not in relative else None
        if kind is None:
            changes.append(Change("registry", FILE_LABELS["unknown"], shown(relative), before=old.get(relative), after=new.get(relative)))
        elif kind == "resource" and relative not in old:
            added.append(relative)
        elif kind == "resource" and relative not in new:
            deleted.append(relative)
        elif kind == "resource":
            changes.append(_modified(shown(relative), old[relative], new[relative]))
        else:
            changes.append(_other(relative, shown(relative), kind, old.get(relative), new.get(relative)))
    changes.extend(_pair(added, deleted, old, new, shown))
    changes.extend(Change("registry", areas.label(path), path) for path in sorted(set(outside)))
    return sorted(changes, key=lambda c: (c.path, c.kind))


def _resource_data(doc: Document | None) -> dict[str, Any]:
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _pair(added: list[str], deleted: list[str], old: Side, new: Side, shown: Any) -> list[Change]:
    """Added and deleted resources.

    A deleted and an added file with the same code are one resource that moved (a department's
    folder renamed after a reorganisation): its history and any running notice continue. Failing
    that, a deleted and an added file with the same name is a code change.
    """
    changes: list[Change] = []
    by_code: dict[str, str] = {}
    for relative in added:
        by_code.setdefault(_text(_resource_data(new[relative]), "code"), relative)
    for relative in list(deleted):
        data = _resource_data(old[relative])
        target = by_code.pop(_text(data, "code"), "") if _text(data, "code") else ""
        if target:
            changes.append(_moved(shown(relative), shown(target), old[relative], new[target]))
            added.remove(target)
            deleted.remove(relative)
    by_name: dict[str, list[str]] = {}
    for relative in added:
        by_name.setdefault(_text(_resource_data(new[relative]), "name"), []).append(relative)
    for relative in deleted:
        before = old[relative]
        data = _resource_data(before)
        twins = by_name.get(_text(data, "name")) if _text(data, "name") else None
        if twins:
            target = twins.pop(0)
            after = new[target]
            changes.append(
                _resource_change(
                    "code-change", shown(target), before, after, old_path=shown(relative), old_code=_text(data, "code")
                )
            )
            added.remove(target)
        else:
            changes.append(_resource_change("delete", shown(relative), before, None))
    changes.extend(_resource_change("add", shown(rel), None, new[rel]) for rel in added)
    return changes


def _moved(old_path: str, path: str, before: Document | None, after: Document | None) -> Change:
    kind, label = resource_kind(_resource_data(before), _resource_data(after))
    return _resource_change(kind, path, before, after, label=label + MOVED, old_path=old_path)


def _modified(path: str, before: Document | None, after: Document | None) -> Change:
    old, new = _resource_data(before), _resource_data(after)
    kind, label = resource_kind(old, new)
    extra = {"old_code": _text(old, "code"), "old_path": path} if kind == "code-change" else {}
    return _resource_change(kind, path, before, after, label=label, **extra)


def resource_kind(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, str]:
    """Kind and label of a resource file present on both sides."""
    if _text(old, "code") and _text(new, "code") and old["code"] != new["code"]:
        return "code-change", LABELS["code-change"]
    was, now = _text(old, "status"), _text(new, "status")
    if was != now:
        if was == STATUS_DELISTED:
            return "update", RELIST_LABEL
        if now == STATUS_NOTICE:
            return "delist-request", LABELS["delist-request"]
        if now == STATUS_DELISTED:
            return "delist-execute", LABELS["delist-execute"]
        if was == STATUS_NOTICE and now == STATUS_ACTIVE:
            return "delist-withdraw", LABELS["delist-withdraw"]
    if restricts(old, new):
        return "restrict", LABELS["restrict"]
    return "update", LABELS["update"]


def restricts(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """Whether the share or open type moves towards 有条件/依申请/不予."""
    for key, order in (("share", SHARE_ORDER), ("open", OPEN_ORDER)):
        before, after = _type(old, key), _type(new, key)
        if before in order and after in order and order[after] > order[before]:
            return True
    return False


def _type(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return _text(value, "type") if isinstance(value, dict) else ""


def _resource_change(
    kind: str,
    path: str,
    before: Document | None,
    after: Document | None,
    label: str = "",
    old_path: str = "",
    old_code: str = "",
) -> Change:
    old, new = _resource_data(before), _resource_data(after)
    main = new or old
    return Change(
        kind=kind,
        label=label or LABELS[kind],
        path=path,
        code=_text(main, "code") or _code_of(path),
        department=_text(main, "department") or _folder_of(path),
        name=_text(main, "name"),
        old_path=old_path if old_path != path else "",
        old_code=old_code,
        fields=tuple(field_changes("resource", old, new)) if old and new else (),
        before=before,
        after=after,
    )


def _folder_of(path: str) -> str:
    parts = path.rsplit("/", 2)
    return parts[-2] if len(parts) == 3 else ""


def _code_of(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    return stem.replace("-", "/", 1)


def _other(relative: str, path: str, kind: str | None, before: Document | None, after: Document | None) -> Change:
    department = layout.department_of(relative) or ""
    old = before.data if before is not None else None
    new = after.data if after is not None else None
    fields = tuple(field_changes(kind, old, new)) if kind and old is not None and new is not None else ()
    if kind in ("department", "needs"):
        label = LABELS["department"] if kind == "department" else FILE_LABELS[kind]
        data = old if isinstance(old, dict) else new if isinstance(new, dict) else {}
        name = _text(data, "name") if kind == "department" else ""
        return Change("department", label, path, department=department, name=name, fields=fields, before=before, after=after)
    label = LABELS["registry"] if kind == "registry" else FILE_LABELS.get(kind or "unknown", FILE_LABELS["unknown"])
    return Change("registry", label, path, fields=fields, before=before, after=after)
