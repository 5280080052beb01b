"""Jurisdiction profiles: what each regulation sets differently (DOMAIN.md, last table).

Built-in profiles live in ``generator/profiles/*.yaml``; a profile may ``extends`` another and
then holds only what differs. A registry names its profile and may override any value. Every
deadline and list used by rules, checks and the notice bot is read from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import schemas
from generator.problems import Problem
from generator.yamlfile import Document, load

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
BUILTIN = ("national", "guizhou", "jilin", "binzhou", "xiuwu", "guangxi")
WORKING, CALENDAR = "工作日", "自然日"


@dataclass(frozen=True)
class Period:
    """A deadline: a number of working or calendar days, and the article that sets it."""

    days: int
    unit: str
    """``工作日`` (working days, State Council schedule) or ``自然日`` (calendar days)."""
    basis: str

    @property
    def working(self) -> bool:
        return self.unit == WORKING

    def describe(self) -> str:
        return f"{self.days} 个{self.unit}（{self.basis}）"


@dataclass(frozen=True)
class Profile:
    """The rules of one jurisdiction, after ``extends`` and the registry's overrides."""

    id: str
    name: str
    regulation: str
    share_types: tuple[str, ...]
    open_types: tuple[str, ...]
    base_resources: dict[str, str]
    """Base-resource 项 names mapped to their two-digit codes; these must be 无条件共享."""
    themes: dict[str, str]
    deadlines: dict[str, Period]
    share_types_basis: str = ""
    base_resources_basis: str = ""
    themes_basis: str = ""
    delisting_justification: bool = True

    def deadline(self, name: str) -> Period | None:
        return self.deadlines.get(name)


MERGED_KEYS = ("deadlines",)
"""Keys whose mapping is merged entry by entry; any other key given is replaced whole, so a
profile that names its own base-resource set does not inherit the national one."""


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Apply ``override`` to ``base``: ``deadlines`` merge per deadline, other keys replace."""
    merged = dict(base)
    for key, value in override.items():
        if key in MERGED_KEYS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {
                name: {**merged[key].get(name, {}), **period} if isinstance(period, dict) else period
                for name, period in {**merged[key], **value}.items()
            }
        else:
            merged[key] = value
    return merged


def _raw(name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    doc, problems = load(str(PROFILE_DIR / f"{name}.yaml"), f"generator/profiles/{name}.yaml")
    if doc is None or not isinstance(doc.data, dict):
        raise ValueError(f"内置规则配置 {name} 无法读取：{problems}")
    data: dict[str, Any] = doc.data
    parent = data.get("extends")
    if parent:
        if parent in seen:
            raise ValueError(f"规则配置 {name} 的 extends 形成循环")
        data = merge(_raw(parent, (*seen, name)), {k: v for k, v in data.items() if k != "extends"})
    return data


def resolve(
    name: str, overrides: dict[str, Any] | None, where: Document | None = None
) -> tuple[Profile, list[Problem]]:
    """The profile ``name`` with ``overrides`` applied; problems point at ``where`` (the registry)."""
    data = merge(_raw(name), overrides or {})
    data.pop("extends", None)
    path = where.path if where else "catalog/registry.yaml"
    position = where.where("overrides") if where else (1, 1)
    problems = schemas.validate("profile", Document(path, data, {(): position}))
    if problems:
        problems = [
            Problem(p.path, p.line, p.column, p.rule, p.level, f"「配置覆盖」有误：{p.message}", "overrides")
            for p in problems
        ]
        data = _raw(name)
        data.pop("extends", None)
    return _build(data), problems


def _build(data: dict[str, Any]) -> Profile:
    return Profile(
        id=data["id"],
        name=data["name"],
        regulation=data["regulation"],
        share_types=tuple(data["share_types"]),
        open_types=tuple(data["open_types"]),
        base_resources=dict(data["base_resources"]),
        themes=dict(data["themes"]),
        deadlines={key: Period(**value) for key, value in data["deadlines"].items()},
        share_types_basis=data.get("share_types_basis", ""),
        base_resources_basis=data.get("base_resources_basis", ""),
        themes_basis=data.get("themes_basis", ""),
        delisting_justification=data.get("delisting_justification", True),
    )
