"""``catalog import`` as stages: read → group rows → draft → place → write → report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.importer import normalise, place, readers, records
from generator.importer.mapping import Mapping
from generator.importer.records import Note
from generator.importer.report import FileReport, Outcome
from generator.importer.state import load_state
from generator.load.yamlwrite import dump_resource
from generator.rules.placeholders import paths as placeholder_paths

Progress = Callable[[str, int, int], None]
"""Called with (file, records done, records in the file) while drafting."""


def import_files(
    sources: list[Path],
    department: str,
    mapping: Mapping,
    root: Path,
    *,
    prefix: str = "catalog",
    provider: str = "",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> list[FileReport]:
    """Import ``sources`` into ``department`` of the catalog at ``root``; one report per file."""
    state = load_state(root, department)
    accept = {normalise.key(state.department_name), normalise.key(department)}
    if provider:
        accept.add(normalise.key(provider))
    used = set(mapping.headers())
    reports = []
    for path in sources:
        source = readers.read(path, mapping.headers())
        groups = records.group(source, mapping)
        drafts = []
        for done, rows in enumerate(groups, start=1):
            drafts.append(records.draft(rows, mapping, accept, source.unit))
            if progress and (done % 200 == 0 or done == len(groups)):
                progress(str(path), done, len(groups))
        outcomes = [outcome(item, root, prefix, dry_run) for item in place.place_all(drafts, state)]
        ignored = tuple(h for h in source.headers if h not in used)
        reports.append(
            FileReport(str(path), source.unit, source.encoding, mapping.title, department, tuple(outcomes), ignored, dry_run)
        )
    return reports


def outcome(item: place.Placed, root: Path, prefix: str, dry_run: bool) -> Outcome:
    """What became of one placed draft; its file is written here unless ``dry_run``."""
    rows = item.draft.rows
    shown = f"{prefix}/{item.path}" if prefix else item.path
    if item.same_as is not None:
        repeated = f"与第 {item.same_as.rows[0]} {item.same_as.unit}完全相同（重复记录）"
        if item.refused or item.data is None:
            return Outcome(rows, "拒绝", reason=f"{repeated}；{item.refused}")
        return Outcome(rows, "未变", shown, notes=(Note("提示", "", f"{repeated}，与它是同一个文件"),))
    if item.refused or item.data is None:
        return Outcome(rows, "拒绝", reason=item.refused, foreign=item.draft.provider if item.draft.foreign else "")
    target = root / item.path
    before = item.before
    if before is None and target.exists():
        return Outcome(rows, "拒绝", reason=f"文件 {item.path} 已存在但无法读取，请先改正或移走它")
    text = dump_resource(item.data).encode("utf-8")
    action = "新建" if before is None else "未变" if before == text else "更新"
    if not dry_run and action != "未变":
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(text)
    marked = tuple(".".join(map(str, at)) for at, _ in placeholder_paths(item.data))
    return Outcome(rows, action, shown, notes=item.notes, placeholders=marked)
