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
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from generator import SCHEMA_DIR, rules
from generator.caching import Store
from generator.load import layout, lazy, snapshot
from generator.load.catalog import Catalog, load, read_folder, read_one
from generator.load.lazy import LazyResource
from generator.load.model import Entry, Resource
from generator.load.yamlfile import Document
from generator.problems import Problem

CACHE_NAME = "validate.json"
PARALLEL_FROM = 400
"""Below this many files to check, a process pool costs more than it saves."""

_CHECKING_MODULES = (
    "validate/batch", "load/catalog", "law/deadlines", "law/holidays", "load/layout", "load/model",
    "load/personal", "law/profiles", "load/schemas", "load/textsafety", "load/uscc", "law/workdays",
    "load/yamlfile", "load/lazy",
)
"""The code a file's cached result depends on (with ``rules/``, profiles and schemas): the
fingerprint. ``load/lazy`` defines the summary cached with each result: a new field in it must not
meet summaries cached without it."""

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
    """The cache key of a file's result: its path and its bytes (a link hashes apart from a file)."""
    return key_of(relative, snapshot.digest_of(raw))


def key_of(relative: str, digest: str) -> str:
    return hashlib.sha1(f"{relative}\0{digest}".encode("utf-8", "surrogateescape")).hexdigest()


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
    checked = _check(_Bytes(files), prefix, on, cache, workers)
    return checked.count, checked.problems


@dataclass(frozen=True)
class Checked:
    """A validated catalog: every record (resources not checked again are lazily loaded, see
    :mod:`generator.load.lazy`), its problems and how many files were checked."""

    catalog: Catalog
    problems: list[Problem]
    count: int
    digests: dict[str, str]
    """SHA-256 of each file's bytes, by display path (``catalog/…``)."""


def check_catalog(
    folder: snapshot.Folder, prefix: str, on: str, cache: Store | None = None, workers: int | None = None
) -> Checked:
    """Validate the catalog ``folder`` as :func:`check_files` does, keeping every record for
    publishing: a resource checked in an earlier run is known by its cached summary and parsed
    only when a field outside it is read."""
    return _check(folder, prefix, on, cache, workers, keep=True)


class _Bytes:
    """Files given as bytes (a git tree, a test), as :class:`~generator.load.snapshot.Folder`."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.paths = sorted(files)

    def read(self, relative: str) -> bytes:
        return self.files[relative]

    def digest(self, relative: str) -> str:
        return snapshot.digest_of(self.files[relative])


def _check(
    source: snapshot.Folder | _Bytes, prefix: str, on: str, cache: Store | None, workers: int | None, keep: bool = False
) -> Checked:
    every = [*source.paths, *getattr(source, "links", {})]
    resources = sorted(rel for rel in every if layout.kind_of(rel) == "resource" and not layout.ignored(rel))
    chosen = set(resources)
    context_files = {rel: source.read(rel) for rel in sorted(every) if rel not in chosen}
    catalog, problems = load(context_files, prefix)
    context = rules.Context(catalog, on)
    for department in catalog.departments.values():
        problems.extend(rules.check_one(department, "department", context))

    stamp = fingerprint(context_files, prefix, on)
    known = _read_cache(cache, stamp)
    keys = {rel: key_of(rel, source.digest(rel)) for rel in resources}
    misses = [rel for rel in resources if keys[rel] not in known]
    fresh = _check_all([(rel, source.read(rel)) for rel in misses], context_files, prefix, on, workers, keep)
    data = {}
    for rel, (found, entry, summary, value) in zip(misses, fresh, strict=True):
        known[keys[rel]] = (found, entry, summary)
        data[rel] = value
        if isinstance(source, snapshot.Folder):
            source.forget(rel)
    if cache is not None and misses:
        _write_cache(cache, stamp, {keys[rel]: known[keys[rel]] for rel in resources})

    results = [known[keys[rel]] for rel in resources]
    entries = tuple(entry for _, entry, _ in results if entry is not None)
    for found, _, _ in results:
        problems.extend(found)
    whole = replace(catalog, entries=entries)
    problems.extend(rules.run_catalog_rules(rules.Context(whole, on)))
    if keep:
        whole = _with_resources(whole, resources, results, data, source, prefix)
    checked = len(catalog.documents) + len(resources)
    digests = {catalog.display(rel): source.digest(rel) for rel in every}
    return Checked(whole, sorted(set(problems)), checked, digests)


def _with_resources(
    catalog: Catalog, paths: list[str], results: list[Result], data: dict[str, Any], source: Any, prefix: str
) -> Catalog:
    """``catalog`` with its resources: parsed just now (``data``) or lazily from their summary."""
    found: list[Resource] = []
    for rel, (_, entry, summary) in zip(paths, results, strict=True):
        if entry is None or summary is None:
            continue
        shown = catalog.display(rel)
        if data.get(rel) is not None:
            found.append(Resource.from_document(Document(shown, data[rel], {})))
        else:
            found.append(LazyResource.of(summary, partial(_parse, source, rel, shown)))
    by_code: dict[str, Resource] = {}
    for resource in found:
        by_code.setdefault(resource.code, resource)
    return replace(catalog, resources=tuple(found), by_code=by_code)


def _parse(source: Any, relative: str, shown: str) -> Resource:
    doc, problems, ok = read_one("resource", source.read(relative), shown)
    if doc is None or not ok:
        raise snapshot.Changed(f"目录文件 {shown} 与校验时不同，请重新运行")
    if isinstance(source, snapshot.Folder):
        source.forget(relative)
    return Resource.from_document(doc)


Result = tuple[list[Problem], Entry | None, dict[str, Any] | None]
"""A file's problems, its entry for catalog-wide rules and its summary (:mod:`generator.load.lazy`)."""
Fresh = tuple[list[Problem], Entry | None, dict[str, Any] | None, Any]
"""A result made just now, with the document's value when the caller keeps the records."""


def _check_all(
    batch: list[tuple[str, bytes]], context_files: dict[str, bytes], prefix: str, on: str, workers: int | None,
    keep: bool = False,
) -> list[Fresh]:
    workers = workers or os.cpu_count() or 1
    if len(batch) < PARALLEL_FROM or workers < 2:
        _init(context_files, prefix, on)
        return _check_chunk(batch, keep)
    size = max(50, len(batch) // (workers * 8))
    chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(context_files, prefix, on)) as pool:
        return [result for chunk in pool.map(partial(_check_chunk, keep=keep), chunks) for result in chunk]


def _init(context_files: dict[str, bytes], prefix: str, on: str) -> None:
    catalog, _ = load(context_files, prefix)
    _worker["context"] = rules.Context(catalog, on)
    _worker["prefix"] = prefix


def _check_chunk(chunk: Iterable[tuple[str, bytes]], keep: bool = False) -> list[Fresh]:
    context: rules.Context = _worker["context"]
    catalog: Catalog = context.catalog
    results: list[Fresh] = []
    for relative, raw in chunk:
        doc, problems, ok = read_one("resource", raw, catalog.display(relative))
        if doc is None or not ok:
            results.append((problems, None, None, None))
            continue
        resource = Resource.from_document(doc)
        problems.extend(rules.check_one(resource, "resource", context))
        results.append((problems, Entry.of(resource), lazy.summary(resource), doc.data if keep else None))
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
    problems, entry, summary = result
    found = [[p.path, p.line, p.column, p.rule, p.level, p.message, p.field] for p in problems]
    if entry is None:
        return [found, None, None]
    positions = {name: list(where) for name, where in entry.positions.items()}
    return [found, [entry.path, entry.code, entry.name, entry.department, entry.status,
                    list(entry.related), entry.replacement, positions], summary]


def _decode(stored: list[Any]) -> Result:
    found, entry, summary = stored
    problems = [Problem(*fields) for fields in found]
    if entry is None:
        return problems, None, None
    path, code, name, department, status, related, replacement, positions = entry
    where = {field: (line, column) for field, (line, column) in positions.items()}
    return problems, Entry(path, code, name, department, status, tuple(related), replacement, where), summary
