"""Validating a whole catalog folder at scale: results cached per file, misses checked on every core.

A resource file's problems depend only on its own bytes, its path and the *context*: the registry,
profile, legal bases, department files, schemas and the rules' code, and the date. The cache maps
``hash(path, bytes)`` to the file's problems and its :class:`~generator.load.model.Entry`; it is valid for
one context fingerprint. Catalog-wide rules then run over all entries, which are small.

The cache is one JSON document (data only, rebuilt into records here) in a sealed entry of a
:class:`~generator.caching.Store`: nothing read from disk is ever executed or unpickled.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import SCHEMA_DIR, rules
from generator.caching import Store
from generator.load import layout
from generator.load.catalog import Catalog, load, read_folder, read_one
from generator.load.model import Entry, Resource
from generator.problems import Problem

CACHE_NAME = "validate.json"
PARALLEL_FROM = 400
"""Below this many files to check, a process pool costs more than it saves."""

_CHECKING_MODULES = (
    "validate/batch", "load/catalog", "law/deadlines", "law/holidays", "load/layout", "load/model",
    "load/personal", "law/profiles", "load/schemas", "load/textsafety", "load/uscc", "law/workdays",
    "load/yamlfile",
)
"""The code a file's problems depend on (with ``rules/``, profiles and schemas): the fingerprint."""

_worker: dict[str, Any] = {}


def fingerprint(context_files: dict[str, bytes], prefix: str, on: str) -> str:
    """Hash of everything a resource's problems depend on besides the resource itself."""
    digest = hashlib.sha256(f"{prefix}\0{on}\0".encode())
    package = Path(__file__).resolve().parent.parent
    modules = [package / f"{name}.py" for name in _CHECKING_MODULES]
    sources = [*modules, *(package / "rules").glob("*.py"), *(package / "profiles").glob("*.yaml")]
    for source in sorted([*sources, *SCHEMA_DIR.glob("*.json")]):
        digest.update(source.read_bytes())
    for relative in sorted(context_files):
        digest.update(relative.encode() + _marker(context_files[relative]) + context_files[relative])
    return digest.hexdigest()


def file_key(relative: str, raw: bytes) -> str:
    return hashlib.sha1(relative.encode() + _marker(raw) + raw).hexdigest()


def _marker(raw: bytes) -> bytes:
    """Separates a path from its content; a link's target never hashes like a file's content."""
    return b"\0link\0" if isinstance(raw, layout.Link) else b"\0"


def check_folder(
    root: Path, prefix: str, on: str, cache: Store | None = None, workers: int | None = None
) -> tuple[int, list[Problem]]:
    """Validate the catalog folder ``root``; returns the number of files checked and all problems."""
    files = read_folder(root)
    return check_files(files, prefix, on, cache, workers)


def check_files(
    files: dict[str, bytes], prefix: str, on: str, cache: Store | None = None, workers: int | None = None
) -> tuple[int, list[Problem]]:
    resources = {rel: raw for rel, raw in files.items() if layout.kind_of(rel) == "resource" and not layout.ignored(rel)}
    context_files = {rel: raw for rel, raw in files.items() if rel not in resources}
    catalog, problems = load(context_files, prefix)
    context = rules.Context(catalog, on)
    for department in catalog.departments.values():
        problems.extend(rules.check_one(department, "department", context))

    stamp = fingerprint(context_files, prefix, on)
    known = _read_cache(cache, stamp)
    keys = {rel: file_key(rel, raw) for rel, raw in resources.items()}
    misses = sorted(rel for rel, key in keys.items() if key not in known)
    fresh = _check_all([(rel, resources[rel]) for rel in misses], context_files, prefix, on, workers)
    known.update({keys[rel]: result for rel, result in zip(misses, fresh, strict=True)})
    results = [known[keys[rel]] for rel in sorted(resources)]
    if cache is not None and misses:
        _write_cache(cache, stamp, {keys[rel]: known[keys[rel]] for rel in resources})

    entries = tuple(entry for _, entry in results if entry is not None)
    for found, _ in results:
        problems.extend(found)
    problems.extend(rules.run_catalog_rules(rules.Context(replace(catalog, entries=entries), on)))
    checked = len(catalog.documents) + len(resources)
    return checked, sorted(set(problems))


Result = tuple[list[Problem], Entry | None]


def _check_all(
    batch: list[tuple[str, bytes]], context_files: dict[str, bytes], prefix: str, on: str, workers: int | None
) -> list[Result]:
    workers = workers or os.cpu_count() or 1
    if len(batch) < PARALLEL_FROM or workers < 2:
        _init(context_files, prefix, on)
        return _check_chunk(batch)
    size = max(50, len(batch) // (workers * 8))
    chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(context_files, prefix, on)) as pool:
        return [result for chunk in pool.map(_check_chunk, chunks) for result in chunk]


def _init(context_files: dict[str, bytes], prefix: str, on: str) -> None:
    catalog, _ = load(context_files, prefix)
    _worker["context"] = rules.Context(catalog, on)
    _worker["prefix"] = prefix


def _check_chunk(chunk: Iterable[tuple[str, bytes]]) -> list[Result]:
    context: rules.Context = _worker["context"]
    catalog: Catalog = context.catalog
    results: list[Result] = []
    for relative, raw in chunk:
        doc, problems, ok = read_one("resource", raw, catalog.display(relative))
        if doc is None or not ok:
            results.append((problems, None))
            continue
        resource = Resource.from_document(doc)
        problems.extend(rules.check_one(resource, "resource", context))
        results.append((problems, Entry.of(resource)))
    return results


def _read_cache(cache: Store | None, stamp: str) -> dict[str, Result]:
    """The cached results of the context ``stamp``; empty when there are none that can be trusted."""
    payload = cache.read(CACHE_NAME) if cache is not None else None
    if payload is None:
        return {}
    try:
        stored = json.loads(payload.decode("utf-8", "surrogatepass"))
        if stored["fingerprint"] != stamp:
            return {}
        return {key: _decode(result) for key, result in stored["results"].items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def _write_cache(cache: Store, stamp: str, results: dict[str, Result]) -> None:
    document = {"fingerprint": stamp, "results": {key: _encode(result) for key, result in results.items()}}
    cache.write(CACHE_NAME, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))


def _encode(result: Result) -> list[Any]:
    problems, entry = result
    found = [[p.path, p.line, p.column, p.rule, p.level, p.message, p.field] for p in problems]
    if entry is None:
        return [found, None]
    positions = {name: list(where) for name, where in entry.positions.items()}
    return [found, [entry.path, entry.code, entry.name, entry.department, entry.status,
                    list(entry.related), entry.replacement, positions]]


def _decode(stored: list[Any]) -> Result:
    found, entry = stored
    problems = [Problem(*fields) for fields in found]
    if entry is None:
        return problems, None
    path, code, name, department, status, related, replacement, positions = entry
    where = {field: (line, column) for field, (line, column) in positions.items()}
    return problems, Entry(path, code, name, department, status, tuple(related), replacement, where)
