"""The rule registry: every check with a stable id, a level and its documentation.

A rule's docstring is its user documentation (in Chinese): what is wrong, the article that requires
it, how to fix it, and a failing and a passing example. The site's rules page is generated from
these docstrings. Rules with scope ``file`` or ``schema`` are reported by the loader and the schema
stage; they are registered here so that they are documented in the same place.

Whether a rule applies, at which level and with which article, is the catalog's profile's to say
(:meth:`generator.law.profiles.Profile.setting`): a rule that is ``off`` under the profile is not run,
and every problem a rule reports is given the profile's level and citation. Rule messages
therefore name no article themselves.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.load.yamlfile import Document
from generator.problems import Level, Problem

SCOPES = ("file", "schema", "resource", "department", "catalog", "change")
"""``change`` rules judge a pull request's classified changes (``generator.changes.policy``); ``run`` skips them."""


@dataclass(frozen=True)
class Rule:
    """One registered check."""

    id: str
    """Stable id shown to users, e.g. ``R-001``."""
    title: str
    """One-line Chinese summary."""
    level: Level
    scope: str
    """``file``/``schema`` (reported by earlier stages), ``resource``, ``department`` or ``catalog``."""
    doc: str
    """The Chinese documentation, from the docstring."""
    check: Callable[..., Iterable[Problem]]


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, title: str, *, scope: str = "resource", level: Level = "error"
) -> Callable[[Callable[..., Iterable[Problem]]], Callable[..., Iterable[Problem]]]:
    """Register the decorated function as rule ``rule_id``."""

    def register(func: Callable[..., Iterable[Problem]]) -> Callable[..., Iterable[Problem]]:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope}")
        RULES[rule_id] = Rule(rule_id, title, level, scope, inspect.cleandoc(func.__doc__ or ""), func)
        return func

    return register


def at(
    doc: Document, rule_id: str, message: str, *path: str | int, level: Level | None = None
) -> Problem:
    """A problem of rule ``rule_id`` at the field ``path`` of ``doc``."""
    line, column = doc.where(*path)
    chosen = level or RULES[rule_id].level
    return Problem(doc.path, line, column, rule_id, chosen, message, ".".join(map(str, path)))


@dataclass(frozen=True)
class Context:
    """What rules may look at besides the record they check."""

    catalog: Any
    """The :class:`generator.load.catalog.Catalog` (typed loosely to avoid an import cycle)."""
    today: str
    """Today's date in Asia/Shanghai, ``YYYY-MM-DD``; passed in, never read from the clock here."""

    @cached_property
    def calendar(self) -> Any:
        """The catalog's working-day calendar (:class:`generator.law.workdays.Calendar`), made once."""
        from generator.law.holidays import calendar_from

        return calendar_from(self.catalog)[0]


def applied(entry: Rule, profile: Any, found: Iterable[Problem]) -> Iterator[Problem]:
    """``found`` at the profile's level for ``entry``, with its citation; nothing when it is off."""
    if profile.setting(entry.id, entry.level).level == "off":
        return
    for problem in found:
        yield profile.apply(problem)


def run(context: Context, paths: set[str] | None = None) -> list[Problem]:
    """Run every rule; with ``paths``, only per-record rules of those files plus catalog rules."""
    _load_all()
    catalog = context.catalog
    profile = catalog.profile
    problems: list[Problem] = []
    for entry in RULES.values():
        if not profile.applies(entry.id):
            continue
        if entry.scope == "resource":
            targets: Iterable[Any] = catalog.resources
        elif entry.scope == "department":
            targets = catalog.departments.values()
        elif entry.scope == "catalog":
            problems.extend(applied(entry, profile, entry.check(context)))
            continue
        else:
            continue
        for target in targets:
            if paths is None or target.doc.path in paths:
                problems.extend(applied(entry, profile, entry.check(target, context)))
    return problems


def check_one(target: Any, scope: str, context: Context) -> list[Problem]:
    """Every rule of ``scope`` (``resource`` or ``department``) applied to one record."""
    _load_all()
    profile = context.catalog.profile
    return [
        p for entry in RULES.values() if entry.scope == scope for p in applied(entry, profile, entry.check(target, context))
    ]


def run_catalog_rules(context: Context) -> list[Problem]:
    """Only the catalog-wide rules (they read ``catalog.entries``, not full resources)."""
    _load_all()
    profile = context.catalog.profile
    return [p for entry in RULES.values() if entry.scope == "catalog" for p in applied(entry, profile, entry.check(context))]


def documented() -> Iterator[Rule]:
    """Every rule in id order, for the rules page."""
    _load_all()
    yield from sorted(RULES.values(), key=lambda r: (r.id[0] != "F", r.id[0] != "S", r.id))


def _load_all() -> None:
    from generator.rules import (  # noqa: F401  (importing registers the rules)
        bases,
        calendar,
        changes_doc,
        classification,
        departments,
        files,
        identity,
        integrity,
        lookalikes,
        personal,
        placeholders,
        requests,
        required,
        reserved,
        script,
        sharing,
        status,
        tree,
    )
