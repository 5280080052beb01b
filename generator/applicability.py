"""The applicability table: for one profile, which rule applies at which level with which article,
what software cannot check and why, and every deadline with the event that starts it.

One source for ``catalog rules``, the site's rules and regulation pages and ``docs/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import rules
from generator.deadlines import KINDS, action
from generator.profiles import BUILTIN, RECORD_RULE, Profile, own

FORMAT = "目录文件格式（非法规条款）"
GUIDE = "《政务信息资源目录编制指南（试行）》（发改高技〔2017〕1272号）"
PIPL = "《中华人民共和国个人信息保护法》第十条、第二十五条"
FIXED = {
    "R-023": (GUIDE, ""),
    "R-030": (PIPL, ""),
    "R-031": (PIPL, ""),
    "R-032": ("《中华人民共和国个人信息保护法》第十条、第二十五条、第二十八条", ""),
    "R-035": (GUIDE, ""),
}
"""Rules checked while a file is read, before its profile is known: the same under every profile."""

LEVELS = {"error": "错误", "warning": "警告", "off": "不适用"}


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    rule: str
    title: str
    level: str
    """``error``, ``warning`` or ``off``."""
    citation: str
    checked: bool
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "level": self.level, "citation": self.citation, "checked": self.checked, "reason": self.reason}


@dataclass(frozen=True)
class DeadlineRow:
    kind: str
    days: int
    unit: str
    basis: str
    start: str
    action: str
    enforced_by: str


def table(profile: Profile) -> list[Row]:
    """Every registered rule under ``profile``, then the provisions software does not check."""
    found = []
    inherited = set()
    if profile.id in BUILTIN and profile.id != "national":
        inherited = set(profile.rules) - set(own(profile.id).get("rules", {}))
    for entry in rules.documented():
        if entry.scope in ("file", "schema") or entry.id.startswith("F-"):  # file safety: the same everywhere
            citation, reason = FIXED.get(entry.id, (FORMAT, ""))
            found.append(Row(entry.id, entry.title, entry.level, citation, True, reason))
            continue
        setting = profile.setting(entry.id, entry.level)
        reason = setting.reason or ("" if setting.checked else "本辖区办法没有此项规定")
        if entry.id in inherited and setting.level != "error" and setting.reason:
            reason = f"本辖区办法没有规定，沿用全国基线：{reason}"
        found.append(Row(entry.id, entry.title, setting.level, setting.citation, setting.checked, reason))
    for key, provision in sorted(profile.unchecked.items()):
        found.append(Row(key, provision.title, "off", provision.citation, False, f"不检查：{provision.reason}"))
    return found


def deadline_rows(profile: Profile) -> list[DeadlineRow]:
    """Every deadline of ``profile``, in the order of :data:`generator.deadlines.KINDS`."""
    rows = []
    for kind, meaning in KINDS.items():
        period = profile.deadline(kind)
        if period is not None:
            what = action(kind, profile)
            if period.levels:
                what += f"（只适用于登记为{'、'.join(period.levels)}级的目录）"
            rows.append(DeadlineRow(kind, period.days, period.unit, period.basis, meaning.start, what, meaning.enforced_by))
    return rows


def jurisdictions(text: str, regions: tuple[str, ...]) -> set[str]:
    """Which of ``regions`` (short names such as ``广西``) ``text`` cites."""
    return {region for region in regions if region in text}


def citations(profile: Profile) -> list[str]:
    """Every citation the profile makes: rules, unchecked provisions, deadlines and lists."""
    found = [s.citation for s in profile.rules.values()] + [s.reason for s in profile.rules.values()]
    found += [u.citation for u in profile.unchecked.values()] + [u.reason for u in profile.unchecked.values()]
    found += [p.basis for p in profile.deadlines.values()]
    found += [profile.share_types_basis, profile.open_types_basis, profile.base_resources_basis, profile.themes_basis]
    found += [profile.status.citation, profile.status.note, *profile.list_bases.values()]
    return [text for text in found if text and text != RECORD_RULE]


def markdown(profile: Profile, rule_link: str = "#") -> str:
    """The table of ``profile`` as Markdown (rules page, regulation pages, ``docs/``); rule ids
    link to ``rule_link`` + the rule's anchor on the rules page."""
    out = ["| 规则 | 内容 | 级别 | 依据 | 说明 |", "|---|---|---|---|---|"]
    for row in table(profile):
        if row.rule[0] in "FS":
            continue
        level = LEVELS[row.level] if row.checked else ("不检查" if row.rule.startswith("U-") else "不适用")
        rule = f"[{row.rule}]({rule_link}{row.rule.lower()})" if not row.rule.startswith("U-") else row.rule
        out.append("| " + " | ".join(_cell(c) for c in (rule, row.title, level, row.citation or "—", row.reason)) + " |")
    out.append("")
    out.append("| 期限 | 天数 | 依据 | 起算事件 | 应当完成 | 如何执行 |")
    out.append("|---|---|---|---|---|---|")
    for d in deadline_rows(profile):
        out.append("| " + " | ".join(_cell(c) for c in (d.kind, f"{d.days} 个{d.unit}", d.basis or "—", d.start, d.action, d.enforced_by)) + " |")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
