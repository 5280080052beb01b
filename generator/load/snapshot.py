"""The files of a catalog folder by their digests, read only when their bytes are needed.

A rebuild after one resource changed must not read fifty thousand files to learn that one did.
Each file's SHA-256 is kept between runs in a sealed snapshot in the cache, with the file's size,
modification time and inode; a file whose three are unchanged keeps its digest without being
read. Anything else — a new file, an edited one, a checkout that replaced it — is read and hashed.
(A file rewritten with the same size, inode and nanosecond modification time is taken for
unchanged, as ``make`` and ``rsync`` take it.)

Bytes read for a digest are kept for the stages that need them; any other file is read when
asked for and checked against its digest, so what is published is what was validated.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.caching.store import Store
from generator.load import layout
from generator.load.yamlfile import MAX_BYTES

NAME = "snapshot.json"


class Changed(Exception):
    """A file changed while the build was reading the catalog; the message is Chinese."""


@dataclass(frozen=True)
class State:
    size: int
    mtime: int
    ino: int
    digest: str


class Folder:
    """The files below the catalog folder ``root``: ``paths`` (regular files, sorted), ``links``
    (links and special files, never followed) and each file's ``digest``."""

    def __init__(self, root: Path, store: Store | None = None) -> None:
        self.root = root
        self.paths: list[str] = []
        self.links: dict[str, layout.Link] = {}
        self.states: dict[str, State] = {}
        self._bytes: dict[str, bytes] = {}
        known = _known(store, root)
        for relative, info in _entries(root):
            if info is None:
                self.links[relative] = layout.Link(os.fsencode(_target(root / relative)))
                continue
            self.paths.append(relative)
            old = known.get(relative)
            if old is not None and (old.size, old.mtime, old.ino) == (info.st_size, info.st_mtime_ns, info.st_ino):
                self.states[relative] = old
                continue
            raw = self._load(relative)
            self.states[relative] = State(info.st_size, info.st_mtime_ns, info.st_ino, _digest(raw))
        self.paths.sort()
        self.read_count = len(self._bytes)
        """Files read because they were new or changed since the last snapshot."""
        if store is not None and (self.read_count or set(known) != set(self.states)):
            _save(store, root, self.states)

    def digest(self, relative: str) -> str:
        return self.states[relative].digest if relative in self.states else _digest(self.links[relative])

    def read(self, relative: str) -> bytes:
        """The file's bytes (at most ``MAX_BYTES + 1``), as validated; :class:`Changed` if the
        file no longer has them."""
        if relative in self.links:
            return self.links[relative]
        if relative not in self._bytes:
            raw = self._load(relative)
            if _digest(raw) != self.states[relative].digest:
                raise Changed(f"目录文件 {self.root / relative} 在生成过程中被修改，请重新运行")
            return raw
        return self._bytes[relative]

    def forget(self, relative: str) -> None:
        """Drop the bytes kept of ``relative`` (read again when asked for)."""
        self._bytes.pop(relative, None)

    def all_bytes(self) -> dict[str, bytes]:
        """Every file and link by relative path, as :func:`generator.load.catalog.read_folder` gives."""
        found: dict[str, bytes] = {relative: self.read(relative) for relative in self.paths}
        found.update(self.links)
        return dict(sorted(found.items()))

    def _load(self, relative: str) -> bytes:
        with open(self.root / relative, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        self._bytes[relative] = raw
        return raw


def digest_of(raw: bytes) -> str:
    """SHA-256 of a file's bytes; a link's target hashes apart from a file with the same bytes."""
    return _digest(raw)


def _digest(raw: bytes) -> str:
    marker = b"link\0" if isinstance(raw, layout.Link) else b""
    return hashlib.sha256(marker + raw).hexdigest()


def _entries(root: Path) -> list[tuple[str, os.stat_result | None]]:
    """Every entry below ``root`` as :func:`generator.load.layout.walk` and ``links`` see them:
    regular files with their ``lstat``, and links or special files with ``None``."""
    found: list[tuple[str, os.stat_result | None]] = []
    pending = [("", root)]
    while pending:
        base, folder = pending.pop()
        with os.scandir(folder) as listing:
            for entry in listing:
                relative = f"{base}{entry.name}"
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    if not entry.name.startswith("."):
                        pending.append((relative + "/", Path(entry.path)))
                elif stat.S_ISREG(info.st_mode):
                    found.append((relative, info))
                elif not (entry.name.startswith(".") and os.path.isdir(entry.path)):
                    found.append((relative, None))  # a link (to a hidden folder: skipped, as layout does)
    return found


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def _key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _known(store: Store | None, root: Path) -> dict[str, State]:
    payload = store.read(NAME) if store is not None else None
    if payload is None:
        return {}
    try:
        data = json.loads(payload)
        if data.get("root") != _key(root):
            return {}
        return {path: State(*values) for path, values in data["files"].items()}
    except (ValueError, TypeError, KeyError):
        return {}


def _save(store: Store, root: Path, states: dict[str, State]) -> None:
    files = {path: [s.size, s.mtime, s.ino, s.digest] for path, s in sorted(states.items())}
    store.write(NAME, json.dumps({"root": _key(root), "files": files}, separators=(",", ":")).encode())
