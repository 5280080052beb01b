"""Validating a whole catalog folder at scale: results cached per file, misses checked on every core.

A resource file's problems depend only on its own bytes, its path and the *context*: the registry,
profile, legal bases, department files, schemas and the rules' code, and the date. The cache maps
``hash(path, bytes)`` to the file's problems and its :class:`~generator.model.Entry`; it is valid for
one context fingerprint. Catalog-wide rules then run over all entries, which are small.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import SCHEMA_DIR, layout, rules
from generator.catalog import Catalog, load, read_folder, read_one
from generator.model import Entry, Resource
from generator.problems import Problem

CACHE_NAME = "validate.pickle"
PARALLEL_FROM = 400
"""Below this many files to check, a process pool costs more than it saves."""

_CHECKING_MODULES = (
    "batch", "catalog", "deadlines", "holidays", "layout", "model", "personal", "profiles", "schemas",
    "textsafety", "uscc", "workdays", "yamlfile",
)
"""The code a file's problems depend on (with ``rules/``, profiles and schemas): the fingerprint."""

_worker: dict[str, Any] = {}


def cache_dir(root: Path) -> Path:
    """Where results are cached for the catalog folder ``root`` (validation, site pages, search
    parts): ``$CATALOG_CACHE_DIR`` or ``.cache/catalog`` beside the catalog."""
    configured = os.environ.get("CATALOG_CACHE_DIR")
    return Path(configured) if configured else root.resolve().parent / ".cache" / "catalog"


def fingerprint(context_files: dict[str, bytes], prefix: str, on: str) -> str:
    """Hash of everything a resource's problems depend on besides the resource itself."""
    digest = hashlib.sha256(f"{prefix}\0{on}\0".encode())
    package = Path(__file__).resolve().parent
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
    root: Path, prefix: str, on: str, cache_dir: Path | None = None, workers: int | None = None
) -> tuple[int, list[Problem]]:
    """Validate the catalog folder ``root``; returns the number of files checked and all problems."""
    files = read_folder(root)
    return check_files(files, prefix, on, cache_dir, workers)


def check_files(
    files: dict[str, bytes], prefix: str, on: str, cache_dir: Path | None = None, workers: int | None = None
) -> tuple[int, list[Problem]]:
    resources = {rel: raw for rel, raw in files.items() if layout.kind_of(rel) == "resource" and not layout.ignored(rel)}
    context_files = {rel: raw for rel, raw in files.items() if rel not in resources}
    catalog, problems = load(context_files, prefix)
    context = rules.Context(catalog, on)
    for department in catalog.departments.values():
        problems.extend(rules.check_one(department, "department", context))

    stamp = fingerprint(context_files, prefix, on)
    cache = _read_cache(cache_dir, stamp)
    keys = {rel: file_key(rel, raw) for rel, raw in resources.items()}
    misses = sorted(rel for rel, key in keys.items() if key not in cache)
    fresh = _check_all([(rel, resources[rel]) for rel in misses], context_files, prefix, on, workers)
    cache.update({keys[rel]: result for rel, result in zip(misses, fresh, strict=True)})
    results = [cache[keys[rel]] for rel in sorted(resources)]
    if cache_dir is not None and misses:
        _write_cache(cache_dir, stamp, {keys[rel]: cache[keys[rel]] for rel in resources})

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


def _read_cache(cache_dir: Path | None, stamp: str) -> dict[str, Result]:
    if cache_dir is None:
        return {}
    try:
        with open(cache_dir / CACHE_NAME, "rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("fingerprint") != stamp:
        return {}
    results: dict[str, Result] = stored.get("results", {})
    return results


def _write_cache(cache_dir: Path, stamp: str, results: dict[str, Result]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f".{CACHE_NAME}.{os.getpid()}"
    with open(temporary, "wb") as handle:
        pickle.dump({"fingerprint": stamp, "results": results}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, cache_dir / CACHE_NAME)
