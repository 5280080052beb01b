"""Jurisdiction profiles: what each regulation requires, rule by rule, and its deadlines.

Built-in profiles live in ``generator/profiles/*.yaml``; a profile may ``extends`` another and
then holds only what differs. A registry names its profile and may override any value. Every
deadline, list and rule level used by rules, checks and the notice bot is read from here.

A profile enforces only what its own regulation says. Its ``rules`` map gives, for each rule id,
the level (``error``, ``warning`` or ``off``) and the article of *that* regulation; where the
regulation is silent a provincial profile inherits the national baseline, whose legal rules are
warnings citing national sources only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from generator import schemas
from generator.problems import Problem
from generator.yamlfile import Document, load

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
BUILTIN = ("national", "guizhou", "jilin", "binzhou", "xiuwu", "guangxi")
WORKING, CALENDAR = "工作日", "自然日"
IN_FORCE = "现行"

Setting = Literal["error", "warning", "off"]
RECORD_RULE = "目录记录规则（非法规条款）"
FORMAT_SOURCES = ("目录记录规则", "《政务信息资源目录编制指南（试行）》", "GB ", "国务院办公厅")
"""Citations of the catalog's format and record keeping, not of a law: shown in the rules table,
not repeated in every message."""
_SEVERITY = {"off": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Period:
    """A deadline: a number of working or calendar days, and the article that sets it."""

    days: int
    unit: str
    """``工作日`` (working days, State Council schedule) or ``自然日`` (calendar days)."""
    basis: str
    levels: tuple[str, ...] = ()
    """Registry levels (省/市/县) where the period runs; empty: every level. 广西 第二十九条 applies
    only where "数据需求部门为自治区级行政职能部门的"."""

    def applies_at(self, level: str) -> bool:
        return not self.levels or level in self.levels

    @property
    def working(self) -> bool:
        return self.unit == WORKING

    def describe(self) -> str:
        return f"{self.days} 个{self.unit}（{self.basis}）" if self.basis else f"{self.days} 个{self.unit}"


@dataclass(frozen=True)
class RuleSetting:
    """How one rule applies under a profile."""

    level: Setting
    citation: str = ""
    """The article of this profile's regulation, a national source, or 目录记录规则."""
    reason: str = ""
    """Why the rule is a warning or off here (Chinese); empty when the regulation requires it."""
    accepts: tuple[str, ...] = ()
    """Kinds of legal basis (``legal_bases.yaml`` ``kind``) the rule accepts; empty: any."""

    @property
    def checked(self) -> bool:
        return self.level != "off"


@dataclass(frozen=True)
class Unchecked:
    """A provision of the regulation that software cannot check, and why."""

    citation: str
    title: str
    reason: str


@dataclass(frozen=True)
class TextStatus:
    """Whether the regulation text is in force, expired, a draft or an excerpt."""

    state: str
    """``现行``, ``已失效``, ``征求意见稿``, ``节选`` or ``全国性文件``."""
    note: str = ""
    """What the reader should know, in Chinese."""
    citation: str = ""
    """The article that says so, e.g. ``滨州 第三十三条``."""
    expired: str = ""
    """Last day of validity, ``YYYY-MM-DD``, for an expired text."""

    @property
    def in_force(self) -> bool:
        return self.state == IN_FORCE


@dataclass(frozen=True)
class Step:
    """One step of a conditional-share request: who acts, within which deadline."""

    deadline: str
    """Name of the profile deadline."""
    field: str
    """Where the date the step was done is recorded in ``needs.yaml`` (``request.<field>``)."""
    provider_level: str = ""
    """Only when the request records the provider's level as this (``request.provider_level``),
    e.g. 广西 第三十条（一）: "数据提供部门为自治区行政职能部门的" (省)."""
    by: str = ""
    """Who acts in a bureau step, as the regulation names it (e.g. ``自治区大数据发展局``)."""


@dataclass(frozen=True)
class Profile:
    """The rules of one jurisdiction, after ``extends`` and the registry's overrides."""

    id: str
    name: str
    regulation: str
    share_types: tuple[str, ...]
    open_types: tuple[str, ...]
    base_resources: dict[str, str]
    """Base-resource 项 names mapped to their two-digit codes."""
    themes: dict[str, str]
    deadlines: dict[str, Period]
    short: str = ""
    """Region name used in citations (``广西``); empty for the national baseline."""
    status: TextStatus = TextStatus(IN_FORCE)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    unchecked: dict[str, Unchecked] = field(default_factory=dict)
    identifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Item names that identify the subject, by subject type (贵州 第十五条, 修武 第十二条)."""
    share_request: tuple[Step, ...] = ()
    share_request_by_level: dict[str, tuple[Step, ...]] = field(default_factory=dict)
    list_bases: dict[str, str] = field(default_factory=dict)
    """Articles requiring the 需求清单 (``needs``) and 责任清单 (``duties``), where there are any."""
    share_types_basis: str = ""
    open_types_basis: str = ""
    base_resources_basis: str = ""
    themes_basis: str = ""

    def deadline(self, name: str, level: str | None = None) -> Period | None:
        """The period ``name``; with ``level`` (the registry's), only where it runs at that level."""
        period = self.deadlines.get(name)
        if period is None or level is None or period.applies_at(level):
            return period
        return None

    def setting(self, rule_id: str, default: Setting = "error") -> RuleSetting:
        """How ``rule_id`` applies here; a rule the profile does not name keeps ``default``."""
        return self.rules.get(rule_id) or RuleSetting(default)

    def applies(self, rule_id: str) -> bool:
        return self.setting(rule_id).level != "off"

    def steps(self, level: str) -> tuple[Step, ...]:
        """The steps of a conditional-share request in a catalog of registry ``level`` (省/市/县)."""
        return self.share_request_by_level.get(level, self.share_request)

    def apply(self, problem: Problem) -> Problem:
        """``problem`` at this profile's level for its rule (never raised), with the citation."""
        setting = self.rules.get(problem.rule)
        if setting is None:
            return problem
        level = problem.level
        if setting.level != "off" and _SEVERITY[setting.level] < _SEVERITY[level]:
            level = setting.level
        message = problem.message
        recommended = level != problem.level  # lowered to a recommendation: always say whose
        legal = setting.citation and (recommended or not setting.citation.startswith(FORMAT_SOURCES))
        if legal and setting.citation not in message and not self._cites_itself(message):
            message = f"{message}（{setting.citation}）"
        if level != problem.level and setting.reason:
            message = f"{message}。{setting.reason}"
        return replace(problem, level=level, message=message)


    def _cites_itself(self, message: str) -> bool:
        """Whether ``message`` already names an article of this profile's own regulation, or of one
        of its deadlines (rules that know the exact article, e.g. of a period, cite it themselves)."""
        if self.short and f"（{self.short} 第" in message:
            return True
        return any(period.basis and f"（{period.basis}）" in message for period in self.deadlines.values())


MERGED_KEYS = ("deadlines", "rules", "unchecked")
"""Keys whose mapping is merged entry by entry; any other key given is replaced whole, so a
profile that names its own base-resource set does not inherit the national one. A deadline merges
field by field (an override may change only ``days``); a rule or unchecked provision is replaced
whole, so a profile never inherits the national citation or reason along with its own level."""


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Apply ``override`` to ``base``: mappings of ``MERGED_KEYS`` merge per entry, others replace."""
    merged = dict(base)
    for key, value in override.items():
        if key in MERGED_KEYS and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {
                name: _entry(key, merged[key].get(name), entry) for name, entry in {**merged[key], **value}.items()
            }
        else:
            merged[key] = value
    return merged


def _entry(key: str, old: Any, new: Any) -> Any:
    if key == "deadlines" and isinstance(old, dict) and isinstance(new, dict):
        return {**old, **new}
    return new


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


def own(name: str) -> dict[str, Any]:
    """What the built-in profile ``name`` itself says, before ``extends`` (for the table)."""
    doc, _ = load(str(PROFILE_DIR / f"{name}.yaml"), f"generator/profiles/{name}.yaml")
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


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


def _steps(raw: Any) -> tuple[Step, ...]:
    return tuple(Step(**step) for step in raw or ())


def _build(data: dict[str, Any]) -> Profile:
    return Profile(
        id=data["id"],
        name=data["name"],
        regulation=data["regulation"],
        share_types=tuple(data["share_types"]),
        open_types=tuple(data["open_types"]),
        base_resources=dict(data["base_resources"]),
        themes=dict(data["themes"]),
        deadlines={key: Period(**{**value, "levels": tuple(value.get("levels", ()))}) for key, value in data["deadlines"].items()},
        short=data.get("short", ""),
        status=TextStatus(**data["status"]) if "status" in data else TextStatus(IN_FORCE),
        rules={
            key: RuleSetting(**{**value, "accepts": tuple(value.get("accepts", ()))})
            for key, value in data.get("rules", {}).items()
        },
        unchecked={key: Unchecked(**value) for key, value in data.get("unchecked", {}).items()},
        identifiers={key: tuple(value) for key, value in data.get("identifiers", {}).items()},
        share_request=_steps(data.get("share_request")),
        share_request_by_level={k: _steps(v) for k, v in data.get("share_request_by_level", {}).items()},
        list_bases=dict(data.get("list_bases", {})),
        share_types_basis=data.get("share_types_basis", ""),
        open_types_basis=data.get("open_types_basis", ""),
        base_resources_basis=data.get("base_resources_basis", ""),
        themes_basis=data.get("themes_basis", ""),
    )
