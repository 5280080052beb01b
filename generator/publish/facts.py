"""What an output shows of the publish model, reduced to a digest: the key its file is reused by.

An output's key must change whenever a byte of the output would, and should change for nothing
else. It is made from the *facts* the output shows — the values a template or a download reads —
passed to :func:`digest`: a resource stands for its file's bytes (its SHA-256), a
:class:`~generator.publish.model.Published` for :func:`context_key` (everything of the catalog
except the resources and the git history), records for their fields. A value of a kind this module
does not know raises :class:`Uncacheable`, and the output is then made on every build: an unknown
input is never guessed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import weakref
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import generator
from generator.gitrepo import Commit
from generator.load.model import Department, LegalBasis, Resource
from generator.notices.rules import Notice
from generator.publish.model import Published


class Uncacheable(Exception):
    """A fact of a kind :func:`digest` cannot reduce; the output is made on every build."""


def digest(data: Published, *facts: Any) -> str:
    """The SHA-256 (hex) of ``facts`` as seen in ``data``."""
    hashed = hashlib.sha256()
    feed = hashed.update
    for fact in facts:
        _feed(feed, fact, data)
    return hashed.hexdigest()


@lru_cache(maxsize=4)
def context_key(data: Published) -> str:
    """Every fact of ``data`` except the resources and the commits: the date, where the site
    points, the registry, profile, legal bases, departments, needs and holidays (as their files'
    bytes), the notices and the problems flagged. A page that receives the whole model as its
    ``data`` is keyed by this and by the resources and commits it shows."""
    resources = {r.path for r in data.catalog.resources}
    files = sorted((path, sha) for path, sha in data.digests.items() if path not in resources)
    return digest(
        data, "context", data.build_date, data.repo_url, data.branch, data.catalog.prefix, data.catalog.profile.id,
        files, data.notices, [(p.path, p.line, p.rule, p.level, p.message) for p in data.problems],
    )


def resource_key(data: Published, resource: Resource) -> str:
    """A resource's own contribution to a key: its path and its file's bytes."""
    return f"{resource.path}\0{data.digests.get(resource.path, '')}"


def _feed(feed: Callable[[bytes], object], value: Any, data: Published) -> None:
    if value is None or isinstance(value, bool | int | float):
        feed(f"{type(value).__name__}:{value!r}\0".encode())
    elif isinstance(value, str):
        feed(b"s" + str(value).encode("utf-8", "surrogatepass") + b"\0")
    elif isinstance(value, Resource):
        sha = data.digests.get(value.path)
        if not sha:
            raise Uncacheable(f"资源 {value.path} 没有文件摘要")
        feed(f"R{value.path}\0{sha}\0".encode())
    elif isinstance(value, Published):
        feed(b"P" + context_key(data).encode())
    elif isinstance(value, list | tuple):
        feed(b"[")
        for item in value:
            _feed(feed, item, data)
        feed(b"]")
    elif isinstance(value, Mapping):
        feed(b"{")
        for key, item in value.items():
            _feed(feed, key, data)
            _feed(feed, item, data)
        feed(b"}")
    elif isinstance(value, set | frozenset):
        _feed(feed, sorted(value, key=repr), data)
    elif isinstance(value, _RECORDS):
        feed(b"M" + _record(value, data))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        feed(f"D{type(value).__qualname__}(".encode())
        for item in dataclasses.fields(value):
            if item.name == "doc":
                continue  # the document a record came from: its fields are the record's
            _feed(feed, item.name, data)
            _feed(feed, getattr(value, item.name), data)
        for name in _properties(type(value)):
            _feed(feed, name, data)
            _feed(feed, getattr(value, name), data)
        feed(b")")
    elif callable(value) and hasattr(value, "__qualname__"):
        feed(f"F{getattr(value, '__module__', '')}.{value.__qualname__}\0".encode())
    else:
        raise Uncacheable(type(value).__qualname__)


_RECORDS = (Department, LegalBasis, Notice, Commit)
"""Records of the model shown by many outputs: each reduced once per build."""
_MEMO: weakref.WeakKeyDictionary[Published, dict[int, tuple[object, bytes]]] = weakref.WeakKeyDictionary()


def _record(value: Any, data: Published) -> bytes:
    """The digest of a record of ``data``, computed once (the record is kept with it, so its id
    cannot be taken by another object during the build)."""
    memo = _MEMO.setdefault(data, {})
    found = memo.get(id(value))
    if found is None or found[0] is not value:
        hashed = hashlib.sha256()
        feed = hashed.update
        feed(f"D{type(value).__qualname__}(".encode())
        for item in dataclasses.fields(value):
            if item.name != "doc":
                _feed(feed, item.name, data)
                _feed(feed, getattr(value, item.name), data)
        for name in _properties(value.__class__):
            _feed(feed, name, data)
            _feed(feed, getattr(value, name), data)
        found = (value, hashed.digest())
        memo[id(value)] = found
    return found[1]


@lru_cache(maxsize=64)
def _properties(kind: type) -> tuple[str, ...]:
    """Read-only properties of a record class (``Match.state``): templates read them too."""
    return tuple(sorted(name for name in dir(kind) if isinstance(getattr(kind, name, None), property)))


@cache
def code_version() -> str:
    """A hash of the generator's code, templates, schemas and profiles and of the site tools'
    versions: a new version of any of them renders every output again."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    package = Path(generator.__file__).resolve().parent
    sources = [p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".yaml", ".js", ".css")]
    for source in sorted([*sources, *generator.SCHEMA_DIR.glob("*.json")]):
        digest.update(source.relative_to(package.parent).as_posix().encode() + b"\0" + source.read_bytes())
    for tool in ("mkdocs", "mkdocs-material", "pagefind", "Jinja2"):
        try:
            digest.update(f"{tool}={version(tool)}\0".encode())
        except Exception:  # noqa: BLE001 - a tool without metadata: its absence is hashed
            digest.update(f"{tool}=?\0".encode())
    return digest.hexdigest()
