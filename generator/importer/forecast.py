"""The rule problems imported files will still have once their 待补充 fields are filled in.

A file with placeholders fails its schema, so ``catalog validate`` reports only the placeholders
and the rules that need a complete file stay silent until the department has filled them in
(issue 14). Here every written file is checked as it will be: the resource rules run on the
file's values, and a problem is kept only when it does not concern a 待补充 field, so what is
reported is already wrong in the values that came from the source (a name used twice, personal
data in a summary, …). Catalog-wide problems of the written files come from a normal validation.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator import rules
from generator.importer.onboard_report import OnboardReport
from generator.load.model import Resource
from generator.problems import Problem
from generator.rules import placeholders
from generator.validate.files import today, validate_folder

SKIPPED = ("R-023",)
"""Placeholders themselves are listed per record already."""


def attach(report: OnboardReport, root: Path, on: str = "") -> OnboardReport:
    """``report`` with the problems of the files it wrote (and the departments it created)."""
    written = {r.outcome.path for r in report.rows if r.outcome.path and r.outcome.action != "拒绝"}
    written |= {f"{report.prefix}/{d.id}/department.yaml" for d in report.new_departments}
    if not written:
        return report
    catalog, problems = validate_folder(root, report.prefix, on or today())
    found = {p for p in problems if p.path in written and p.rule not in SKIPPED and not _pending_department(p, root)}
    context = rules.Context(catalog, on or today())
    for path in sorted(written):
        doc = catalog.documents.get(path)
        if doc is None or not isinstance(doc.data, dict) or path.endswith("/department.yaml"):
            continue
        marked = [".".join(map(str, at)) for at, _ in placeholders.paths(doc.data)]
        if not marked:
            continue  # complete: validation above has run every rule on it
        found.update(_resource_rules(doc, marked, context))
    return dataclasses.replace(report, problems=tuple(sorted(found)))


def _pending_department(problem: Problem, root: Path) -> bool:
    """R-014 on a resource whose department file exists but still has 待补充 (reported there)."""
    folder = problem.path.split("/")[-2] if problem.path.count("/") >= 1 else ""
    return problem.rule == "R-014" and (root / folder / "department.yaml").is_file()


def _resource_rules(doc: object, marked: list[str], context: rules.Context) -> list[Problem]:
    try:
        resource = Resource.from_document(doc)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return []
    kept: list[Problem] = []
    for entry in rules.RULES.values():
        if entry.scope != "resource":
            continue
        try:
            found = list(rules.applied(entry, context.catalog.profile, entry.check(resource, context)))
        except Exception:  # noqa: BLE001 - a rule written for complete files may trip on a 待补充 value
            continue
        kept.extend(p for p in found if not _about_placeholder(p, marked) and p.rule != "R-014")
    return kept


def _about_placeholder(problem: Problem, marked: list[str]) -> bool:
    if problem.rule in SKIPPED or placeholders.PLACEHOLDER in problem.message:
        return True
    field = problem.field
    if not field:
        return True  # a whole-file problem may come from any field, placeholders included
    return any(field == m or field.startswith(m + ".") or m.startswith(field + ".") for m in marked)
