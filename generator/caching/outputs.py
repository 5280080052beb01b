"""The files of a build, each named with a key of its inputs, taken over from an earlier build
when the key is the same instead of made again.

Every output (a page, a download, a search part) has a *key*: a hash of everything it is made
from — the catalog files' bytes, the facts of the publish model it shows, the templates, the
theme frame and the code (see :mod:`generator.publish.facts`). A build writes into a staging
folder (:mod:`generator.site.generations`); before making a file it asks :meth:`Outputs.reuse`
whether an earlier generation of the site holds the file with the same key. If so the file is
hard-linked into place — no byte is read, rendered or copied — else it is made.

Trust: a generation's files are recorded in a :class:`Manifest` sealed in the cache (outside the
repository, see :mod:`generator.caching.place`) with their inode, size and modification time. A
file is taken over only while all three still match, so a file put there by anyone else (a
checkout, another user, a hand edit) is made again. Written files never modify an inode in
place: the old name is unlinked first, since the same inode may also be a file of the live site.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.caching.store import Store

VERSION = 1


@dataclass(frozen=True)
class Entry:
    """One file of a generation: its key and the identity it had when this build wrote it."""

    key: str
    ino: int
    size: int
    mtime: int
    """Modification time in nanoseconds."""


@dataclass
class Generation:
    """A folder of the site (the published one or the one kept beside it) and what it holds."""

    folder: Path
    files: dict[str, Entry] = field(default_factory=dict)

    @cached_property
    def by_key(self) -> dict[str, list[str]]:
        """The paths made with each key (a group's files share one): looked up, not scanned, for
        each group taken over."""
        found: dict[str, list[str]] = {}
        for path, entry in self.files.items():
            found.setdefault(entry.key, []).append(path)
        return found

    def holds(self, path: str, key: str) -> bool:
        """Whether the file ``path`` here is the one made with ``key``, untouched since."""
        entry = self.files.get(path)
        if entry is None or not key or entry.key != key:
            return False
        try:
            info = os.lstat(self.folder / path)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and (info.st_ino, info.st_size, info.st_mtime_ns) == (
            entry.ino, entry.size, entry.mtime,
        )


class Outputs:
    """The files of one build, written into ``folder``; ``sources`` are earlier generations to
    take files over from, ``folder``'s own earlier content first when it is one of them."""

    def __init__(self, folder: Path, sources: Iterable[Generation] = ()) -> None:
        self.folder = folder
        self.sources = [s for s in sources if s.files]
        self.made: dict[str, Entry] = {}
        self.reused = 0
        self.written = 0

    def reuse(self, path: str, key: str) -> bool:
        """Put the earlier file of ``path`` made with ``key`` in place; ``False`` when none is."""
        if not key:
            return False
        for source in self.sources:
            if not source.holds(path, key):
                continue
            target = self.folder / path
            if source.folder != self.folder:
                self._clear(target)
                os.link(source.folder / path, target)
            self._record(path, key, target)
            self.reused += 1
            return True
        return False

    def reuse_group(self, prefix: str, key: str, exclude: str = "") -> bool:
        """Like :meth:`reuse` for the files below ``prefix`` made together with ``key`` (a search
        bundle), all from the same earlier generation, or none; paths starting with ``exclude``
        belong to other groups."""
        if not key:
            return False
        for source in self.sources:
            group = [
                p for p in source.by_key.get(key, ())
                if p.startswith(prefix) and not (exclude and p.startswith(exclude))
            ]
            if group and all(source.holds(p, key) for p in group):
                for path in group:
                    target = self.folder / path
                    if source.folder != self.folder:
                        self._clear(target)
                        os.link(source.folder / path, target)
                    self._record(path, key, target)
                self.reused += len(group)
                return True
        return False

    def write(self, path: str, key: str, data: bytes) -> None:
        """Make the file ``path`` with ``data``."""
        target = self.prepare(path)
        with open(target, "xb") as stream:
            stream.write(data)
        self.adopt(path, key)

    def prepare(self, path: str) -> Path:
        """The place of ``path``, free to be written by anyone (MkDocs, Pagefind, a copy)."""
        target = self.folder / path
        self._clear(target)
        return target

    def adopt(self, path: str, key: str) -> None:
        """Record ``path``, just written into the folder by someone else, as made with ``key``."""
        self._record(path, key, self.folder / path)
        self.written += 1

    def adopt_tree(self, prefix: str, key: str) -> list[str]:
        """Record every file below ``prefix`` (just written by another program) with ``key``."""
        found = []
        for root, _, names in os.walk(self.folder / prefix):
            for name in names:
                relative = Path(root, name).relative_to(self.folder).as_posix()
                self.adopt(relative, key)
                found.append(relative)
        return sorted(found)

    def leftovers(self, own: Generation | None) -> list[str]:
        """Files of the folder's earlier content that this build did not make: to be removed."""
        return sorted(set(own.files) - set(self.made)) if own is not None else []

    def _clear(self, target: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)

    def _record(self, path: str, key: str, target: Path) -> None:
        info = os.lstat(target)
        self.made[path] = Entry(key, info.st_ino, info.st_size, info.st_mtime_ns)


@dataclass
class Manifest:
    """What this machine knows of the generations of one output folder, sealed in the cache."""

    live: dict[str, Entry]
    live_id: tuple[int, int]
    """``(st_dev, st_ino)`` of the published folder when the manifest was written."""
    twin: str = ""
    """Name of the folder kept beside it with the previous generation, '' when there is none."""
    twin_files: dict[str, Entry] = field(default_factory=dict)
    twin_id: tuple[int, int] = (0, 0)


def manifest_name(site: Path) -> str:
    import hashlib

    return hashlib.sha256(str(site.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24] + ".json"


def load(store: Store | None, site: Path) -> Manifest | None:
    """The sealed manifest of the output folder ``site``; ``None`` when missing or not trusted."""
    if store is None:
        return None
    payload = store.read(manifest_name(site))
    if payload is None:
        return None
    try:
        data = json.loads(payload)
        if data["version"] != VERSION or data["site"] != str(site.resolve()):
            return None
        return Manifest(
            _entries(data["live"]), tuple(data["live_id"]), data["twin"], _entries(data["twin_files"]),  # type: ignore[arg-type]
            tuple(data["twin_id"]),  # type: ignore[arg-type]
        )
    except (ValueError, KeyError, TypeError):
        return None


def save(store: Store | None, site: Path, manifest: Manifest) -> None:
    if store is None:
        return
    data = {
        "version": VERSION, "site": str(site.resolve()),
        "live": _plain(manifest.live), "live_id": list(manifest.live_id),
        "twin": manifest.twin, "twin_files": _plain(manifest.twin_files), "twin_id": list(manifest.twin_id),
    }
    store.write(manifest_name(site), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def forget(store: Store | None, site: Path) -> None:
    if store is not None:
        store.remove(manifest_name(site))


def _entries(raw: dict[str, list[object]]) -> dict[str, Entry]:
    return {path: Entry(str(k), int(i), int(s), int(m)) for path, (k, i, s, m) in raw.items()}  # type: ignore[call-overload]


def _plain(entries: dict[str, Entry]) -> dict[str, list[object]]:
    return {path: [e.key, e.ino, e.size, e.mtime] for path, e in sorted(entries.items())}
