"""The report of ``catalog import --by-provider``: every record once, summed per provider.

``read = written + updated + unchanged + rejected`` holds for the whole run and for each provider
(``written`` counts new files). The text form lists only what needs a person: the new
departments, one line per provider, each refused record with its reason, the values that could
not be read, and the rule problems the imported files have besides their 待补充 fields.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.importer.providers import Department
from generator.importer.report import Outcome
from generator.problems import Problem

KEYS = {"新建": "written", "更新": "updated", "未变": "unchanged", "拒绝": "rejected"}


@dataclass(frozen=True)
class SourceInfo:
    """One input file."""

    path: str
    unit: str
    """``行`` or ``条``: how the file counts records."""
    encoding: str
    ignored_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Routed:
    """One record of one input file and what became of it."""

    source: str
    unit: str
    provider: str
    """The provider as written in the source; empty when the source names none."""
    department: str
    """The department folder the record was routed to; empty when refused before routing."""
    outcome: Outcome


@dataclass(frozen=True)
class OnboardReport:
    """The whole run."""

    mapping: str
    sources: tuple[SourceInfo, ...]
    rows: tuple[Routed, ...]
    new_departments: tuple[Department, ...]
    dry_run: bool = False
    prefix: str = "catalog"
    problems: tuple[Problem, ...] = field(default=())
    """Rule problems of the written files other than their 待补充 fields (see ``forecast``)."""

    def counts(self, rows: tuple[Routed, ...] | list[Routed] | None = None) -> dict[str, int]:
        chosen = self.rows if rows is None else rows
        by_action = Counter(KEYS[r.outcome.action] for r in chosen)
        return {"read": len(chosen), **{key: by_action[key] for key in KEYS.values()}}

    @property
    def rejected(self) -> int:
        return self.counts()["rejected"]

    def providers(self) -> list[dict[str, Any]]:
        """One summary per provider (and department), in the order of the department folders."""
        groups: dict[tuple[str, str], list[Routed]] = {}
        for row in self.rows:
            groups.setdefault((row.provider, row.department), []).append(row)
        new = {d.id for d in self.new_departments}
        return [
            {"name": name, "department": dept, "new": dept in new, **self.counts(rows)}
            for (name, dept), rows in sorted(groups.items(), key=lambda kv: (kv[0][1] == "", kv[0][1], kv[0][0]))
        ]

    def placeholders(self) -> int:
        return sum(len(r.outcome.placeholders) for r in self.rows)


def _shown(report: OnboardReport, relative: str) -> str:
    return f"{report.prefix}/{relative}" if report.prefix else relative


def render_text(report: OnboardReport) -> str:
    out = [f"== 按提供方导入（映射：{report.mapping}）"]
    for source in report.sources:
        encoding = f"，编码 {source.encoding}" if source.encoding else ""
        total = sum(1 for r in report.rows if r.source == source.path)
        out.append(f"来源 {source.path}：{total} {'条' if source.unit == '条' else '行'}记录{encoding}")
        if source.ignored_columns:
            out.append(f"    未使用的列：{'、'.join(source.ignored_columns)}")
    if report.new_departments:
        out.append(f"新建部门 {len(report.new_departments)} 个（统一社会信用代码和联系方式待补充，项代码请核对）：")
        for dept in report.new_departments:
            out.append(f"    {_shown(report, dept.id + '/department.yaml')}：{dept.name}（项代码 {dept.item_code}）")
    out.append("按提供方：")
    for entry in report.providers():
        name = entry["name"] or "（来源未写提供方）"
        where = _shown(report, entry["department"]) + ("（新建部门）" if entry["new"] else "") if entry["department"] else "未导入"
        out.append(f"    {name} → {where}：{_counts(entry)}")
    refused = [r for r in report.rows if r.outcome.action == "拒绝"]
    if refused:
        out.append(f"拒绝的记录（{len(refused)} 条）：")
        for row in refused:
            first, last = row.outcome.rows[0], row.outcome.rows[-1]
            where = f"第 {first} {row.unit}" if first == last else f"第 {first}—{last} {row.unit}"
            who = f"（{row.provider}）" if row.provider else ""
            out.append(f"    {row.source} {where}{who}：{row.outcome.reason}")
    out.extend(_values(report))
    out.extend(_problems(report.problems))
    prefix = "（试运行，未写入任何文件）" if report.dry_run else ""
    out.append(f"合计{prefix}：{_counts(report.counts())}，待补充字段 {report.placeholders()} 个")
    return "\n".join(out) + "\n"


SHOWN_PER_PROBLEM = 3
"""How many files the text report names for each kind of problem (the JSON report has them all)."""


def _problems(problems: tuple[Problem, ...]) -> list[str]:
    """Problems grouped by rule and message: one line each, with the first few files."""
    if not problems:
        return []
    files = len({p.path for p in problems})
    out = [f"导入的 {files} 个文件除待补充字段外还有问题（补全时须一并改正）："]
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.rule, problem.level, problem.message), []).append(problem)
    for (rule, level, message), found in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        label = "错误" if level == "error" else "警告"
        out.append(f"    [{rule}] {label}：{message}（{len(found)} 处）")
        out.extend(f"        {p.path}:{p.line}:{p.column}" for p in found[:SHOWN_PER_PROBLEM])
        if len(found) > SHOWN_PER_PROBLEM:
            out.append(f"        …另有 {len(found) - SHOWN_PER_PROBLEM} 处（--format json 列出全部）")
    return out


def _counts(counts: dict[str, int]) -> str:
    return (
        f"读取 {counts['read']} 条，新建 {counts['written']}、更新 {counts['updated']}、"
        f"未变 {counts['unchanged']}，拒绝 {counts['rejected']} 条"
    )


def _values(report: OnboardReport) -> list[str]:
    notes = [n for r in report.rows for n in r.outcome.notes]
    typos = Counter(n.text for n in notes if n.kind == "错别字")
    unknown = Counter(f"{_field(n.field)} {n.text}" for n in notes if n.kind in ("未识别", "未采用"))
    lines = []
    if typos:
        lines.append("按错别字表更正：" + "；".join(f"{text}（{count} 处）" for text, count in sorted(typos.items())))
    if unknown:
        lines.append("未识别的值（已写为待补充）：")
        lines.extend(f"    {text}（{count} 处）" for text, count in sorted(unknown.items()))
    return lines


def _field(path: str) -> str:
    return ".".join(part for part in path.split(".") if not part.isdigit())


def render_json(report: OnboardReport) -> str:
    data = {
        **report.counts(),
        "dry_run": report.dry_run,
        "mapping": report.mapping,
        "placeholders": report.placeholders(),
        "sources": [
            {"path": s.path, "unit": s.unit, "encoding": s.encoding, "ignored_columns": list(s.ignored_columns)}
            for s in report.sources
        ],
        "new_departments": [
            {"id": d.id, "name": d.name, "item_code": d.item_code, "path": _shown(report, d.id + "/department.yaml")}
            for d in report.new_departments
        ],
        "providers": report.providers(),
        "rows": [
            {
                "source": r.source,
                "rows": list(r.outcome.rows),
                "provider": r.provider,
                "department": r.department,
                "action": KEYS[r.outcome.action],
                "path": r.outcome.path,
                "reason": r.outcome.reason,
                "notes": [{"kind": n.kind, "field": n.field, "text": n.text} for n in r.outcome.notes],
                "placeholders": list(r.outcome.placeholders),
            }
            for r in report.rows
        ],
        "problems": [
            {"path": p.path, "line": p.line, "column": p.column, "rule": p.rule, "level": p.level, "message": p.message}
            for p in report.problems
        ],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
