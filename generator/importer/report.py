"""The import report: for every input record the file it became or why it was refused, and counts."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from generator.importer.records import Note

ACTIONS = ("新建", "更新", "未变", "拒绝")


@dataclass(frozen=True)
class Outcome:
    """What became of one input record."""

    rows: tuple[int, ...]
    """Row numbers (spreadsheets) or record numbers (JSON) of the record."""
    action: str
    """``新建``, ``更新``, ``未变`` or ``拒绝``."""
    path: str = ""
    """The resource file written (or that would be written with ``--dry-run``)."""
    reason: str = ""
    """Why the record was refused."""
    notes: tuple[Note, ...] = ()
    placeholders: tuple[str, ...] = ()
    """Dotted paths of the fields written as 待补充."""
    foreign: str = ""
    """Refused because this other provider gives the record (``--by-provider`` would route it)."""

    @property
    def normalised(self) -> bool:
        return any(n.kind in ("规范化", "错别字") for n in self.notes)


@dataclass(frozen=True)
class FileReport:
    """The report of one input file."""

    source: str
    unit: str
    encoding: str
    mapping: str
    department: str
    outcomes: tuple[Outcome, ...]
    ignored_columns: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def read(self) -> int:
        return len(self.outcomes)

    @property
    def written(self) -> int:
        return sum(1 for o in self.outcomes if o.action != "拒绝")

    @property
    def refused(self) -> int:
        return sum(1 for o in self.outcomes if o.action == "拒绝")

    @property
    def normalised(self) -> int:
        return sum(1 for o in self.outcomes if o.normalised)

    def counts(self) -> dict[str, int]:
        by_action = Counter(o.action for o in self.outcomes)
        return {
            "read": self.read,
            "written": self.written,
            "created": by_action["新建"],
            "updated": by_action["更新"],
            "unchanged": by_action["未变"],
            "refused": self.refused,
            "normalised": self.normalised,
            "placeholders": sum(len(o.placeholders) for o in self.outcomes),
        }


def _rows(outcome: Outcome, unit: str) -> str:
    first, last = outcome.rows[0], outcome.rows[-1]
    return f"第 {first} {unit}" if first == last else f"第 {first}—{last} {unit}"


def render_text(reports: list[FileReport]) -> str:
    out: list[str] = []
    for report in reports:
        encoding = f"，编码 {report.encoding}" if report.encoding else ""
        out.append(f"== 导入 {report.source}（映射：{report.mapping}{encoding}，部门：{report.department}）")
        for outcome in report.outcomes:
            where = _rows(outcome, report.unit)
            if outcome.foreign:
                continue  # summed up per provider below
            if outcome.action == "拒绝":
                out.append(f"{where}：拒绝：{outcome.reason}")
                continue
            out.append(f"{where} → {outcome.path}（{outcome.action}）")
            for note in outcome.notes:
                field = f"{note.field}：" if note.field else ""
                out.append(f"    {note.kind}：{field}{note.text}")
            if outcome.placeholders:
                out.append(f"    待补充：{'、'.join(outcome.placeholders)}")
        out.extend(_summary(report))
    if len(reports) > 1:
        total = Counter[str]()
        for report in reports:
            total.update(report.counts())
        out.append(f"== 全部文件：{_counts(dict(total))}")
    return "\n".join(out) + "\n"


def _foreign(report: FileReport) -> list[str]:
    """Records of other providers, one line per provider instead of one per record (issue 14)."""
    by_provider: dict[str, list[Outcome]] = {}
    for outcome in report.outcomes:
        if outcome.foreign:
            by_provider.setdefault(outcome.foreign, []).append(outcome)
    if not by_provider:
        return []
    total = sum(len(found) for found in by_provider.values())
    lines = [f"拒绝 {total} 条其他提供方的记录（不属于部门 {report.department}；用 --by-provider 可按提供方一次导入全部）："]
    for provider, found in sorted(by_provider.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        first = "、".join(str(o.rows[0]) for o in found[:3]) + ("…" if len(found) > 3 else "")
        lines.append(f"    {provider}：{len(found)} 条（第 {first} {report.unit}）")
    return lines


def _summary(report: FileReport) -> list[str]:
    lines = _foreign(report)
    typos = Counter(n.text for o in report.outcomes for n in o.notes if n.kind == "错别字")
    unknown = Counter(
        f"{_field(n.field)} {n.text}" for o in report.outcomes for n in o.notes if n.kind in ("未识别", "未采用")
    )
    if typos:
        lines.append("按错别字表更正：" + "；".join(f"{text}（{count} 处）" for text, count in sorted(typos.items())))
    if unknown:
        lines.append("未识别的值（已写为待补充）：" + "；".join(f"{text}（{count} 处）" for text, count in sorted(unknown.items())))
    if report.ignored_columns:
        lines.append("未使用的列：" + "、".join(report.ignored_columns))
    prefix = "（试运行，未写入任何文件）" if report.dry_run else ""
    lines.append(f"合计{prefix}：{_counts(report.counts())}")
    return lines


def _field(path: str) -> str:
    """``items.3.type`` → ``items.type``: the summary counts per field, not per 信息项."""
    return ".".join(part for part in path.split(".") if not part.isdigit())


def _counts(counts: dict[str, int]) -> str:
    return (
        f"读取 {counts['read']} 条，写入 {counts['written']} 条（新建 {counts['created']}、"
        f"更新 {counts['updated']}、未变 {counts['unchanged']}），规范化 {counts['normalised']} 条，"
        f"拒绝 {counts['refused']} 条，待补充字段 {counts['placeholders']} 个"
    )


def render_json(reports: list[FileReport]) -> str:
    data = [
        {
            "source": r.source,
            "mapping": r.mapping,
            "department": r.department,
            "encoding": r.encoding,
            "dry_run": r.dry_run,
            "counts": r.counts(),
            "ignored_columns": list(r.ignored_columns),
            "records": [
                {
                    "rows": list(o.rows),
                    "action": o.action,
                    "path": o.path,
                    "reason": o.reason,
                    "notes": [{"kind": n.kind, "field": n.field, "text": n.text} for n in o.notes],
                    "placeholders": list(o.placeholders),
                    "provider": o.foreign,
                }
                for o in r.outcomes
            ],
        }
        for r in reports
    ]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
