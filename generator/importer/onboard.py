"""``catalog import --by-provider``: a whole jurisdiction's export, each record to its provider's department.

Stages: read every source → draft its records → route each draft by its provider column
(:mod:`generator.importer.providers`; unknown providers become new departments, planned in name
order so the same input always gives the same folders and 项 codes) → place the drafts of each
department (:mod:`generator.importer.place`, one shared code table) → write → report. Every
record read comes back exactly once in the report: written, updated, unchanged or refused with
its reason.
"""

from __future__ import annotations

from pathlib import Path

from generator.importer import place, providers, readers, records
from generator.importer.mapping import Mapping
from generator.importer.onboard_report import OnboardReport, Routed, SourceInfo
from generator.importer.pipeline import Progress, outcome
from generator.importer.records import Draft
from generator.importer.report import Outcome
from generator.importer.state import State, StateError, scan, state_for
from generator.load.textsafety import name_key

NO_PROVIDER = "来源中没有提供方（{columns}列为空）；请补上提供方，或用 --department 指定这些记录归哪个部门"


def import_by_provider(
    sources: list[Path],
    mapping: Mapping,
    root: Path,
    *,
    fallback: str = "",
    prefix: str = "catalog",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> OnboardReport:
    """Import ``sources`` into the catalog at ``root``, routing records by provider."""
    found = scan(root)
    directory = providers.directory(root)
    default = directory.known.get(fallback) if fallback else None
    if fallback and default is None:
        raise StateError(f"部门“{fallback}”不存在：请先建立 {root / fallback / 'department.yaml'}")
    read = [_drafts(path, mapping, progress) for path in sources]
    names = sorted({d.provider for _, batch in read for d in batch if d.provider}, key=name_key)
    created = [directory.add(name) for name in names if directory.find(name) is None]
    states: dict[str, State] = {}
    rows: list[Routed] = []
    infos: list[SourceInfo] = []
    used = set(mapping.headers())
    for source, batch in read:
        routes = [_route(d, directory, default) for d in batch]
        outcomes: dict[int, Outcome] = {}
        by_department: dict[str, list[int]] = {}
        for index, (draft, target) in enumerate(zip(batch, routes, strict=True)):
            if target is None:
                columns = "、".join(mapping.provider) or "提供方"
                outcomes[index] = Outcome(draft.rows, "拒绝", reason=draft.refused or NO_PROVIDER.format(columns=columns))
            else:
                by_department.setdefault(target.id, []).append(index)
        for ident in sorted(by_department):
            department = directory.known[ident]
            state = states.get(ident) or states.setdefault(ident, state_for(found, ident, department.name, department.item_code))
            chosen = by_department[ident]
            for index, item in zip(chosen, place.place_all([batch[i] for i in chosen], state), strict=True):
                outcomes[index] = outcome(item, root, prefix, dry_run)
        for index, draft in enumerate(batch):
            target = routes[index]
            rows.append(Routed(source.path, source.unit, draft.provider, target.id if target else "", outcomes[index]))
        infos.append(SourceInfo(source.path, source.unit, source.encoding, tuple(h for h in source.headers if h not in used)))
    written = {r.department for r in rows if r.outcome.action != "拒绝"}
    new = tuple(d for d in created if d.id in written)
    if not dry_run:
        for department in new:
            providers.write_department(root, department, _first_source(rows, department.id))
    return OnboardReport(mapping.title, tuple(infos), tuple(rows), new, dry_run, prefix)


def _drafts(path: Path, mapping: Mapping, progress: Progress | None) -> tuple[readers.Source, list[Draft]]:
    source = readers.read(path, mapping.headers())
    groups = records.group(source, mapping)
    drafts = []
    for done, group in enumerate(groups, start=1):
        drafts.append(records.draft(group, mapping, set(), source.unit))
        if progress and (done % 200 == 0 or done == len(groups)):
            progress(str(path), done, len(groups))
    return source, drafts


def _route(
    draft: Draft, directory: providers.Directory, default: providers.Department | None
) -> providers.Department | None:
    if draft.refused:
        return None
    if draft.provider:
        return directory.find(draft.provider)
    return default


def _first_source(rows: list[Routed], ident: str) -> str:
    return next(r.source for r in rows if r.department == ident)
