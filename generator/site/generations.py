"""Two generations of an output folder: the published site, and beside it the one before, which
the next build brings up to date and then exchanges with the published one.

A build never writes into the published folder (a failed or killed build leaves it as it was):
it builds into a staging folder beside it and exchanges the two when complete. The staging folder
is the previous generation (``.<site>.gen-<random>``), renamed to ``.<site>.building-<pid>-…``
while in use: most of its files are already right, the files the last build changed are
hard-linked from the published folder, and only what this build changes is made. The exchanged
folder becomes the next previous generation. The two share every unchanged file, so the pair takes
little more room than one site.

What each generation holds is recorded in a manifest sealed in the cache
(:mod:`generator.caching.outputs`), with the identity of each folder; a folder or file that is
not what the manifest says (a checkout of a folder of that name, a hand edit, a killed build) is
not used. The previous generation's random name is known only to this machine's cache, so no
committed file can be put in it. Without a cache the previous site is removed after the exchange.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator import atomic
from generator.caching import outputs as records
from generator.caching.outputs import Generation, Manifest, Outputs
from generator.caching.store import Store
from generator.site import folder as site_folder

TWIN = ".{name}.gen-"
MARKER_KEY = "marker:1"


@contextmanager
def staged(site: Path, store: Store | None) -> Iterator[Outputs]:
    """The outputs of a build of ``site``, put in its place only when the ``with`` block ends
    without an error. The caller holds the lock of ``site`` (see :mod:`generator.locking`)."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    site_folder.remove_leftovers(site)
    manifest = records.load(store, site)
    live = Generation(site, manifest.live) if manifest and _identity(site) == manifest.live_id else None
    twin = _twin(site, manifest)
    _remove_other_twins(site, twin)
    token = secrets.token_hex(8)
    if twin is not None:
        if manifest is not None:
            records.save(store, site, Manifest(manifest.live, manifest.live_id))  # in use: not trusted if killed
        staging = site.parent / f".{site.name}.building-{os.getpid()}-{token}"
        twin.folder.rename(staging)
        twin = Generation(staging, twin.files)
    else:
        staging = Path(tempfile.mkdtemp(prefix=site_folder.STAGING.format(name=site.name, pid=os.getpid()), dir=site.parent))
        staging.chmod(0o777 & ~atomic.UMASK)  # mkdtemp makes it private; a published site is readable
    result = Outputs(staging, [g for g in (twin, live) if g is not None])
    try:
        yield result
        for path in result.leftovers(twin):
            _remove(staging, path)
        result.write(site_folder.MARKER, MARKER_KEY, site_folder.MARKER_TEXT.encode("utf-8"))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _publish(site, staging, store, result, live, token)


def _publish(site: Path, staging: Path, store: Store | None, result: Outputs, live: Generation | None, token: str) -> None:
    """Exchange ``staging`` and ``site``; keep the old site as the next previous generation."""
    if not site.exists():
        staging.rename(site)
        records.save(store, site, Manifest(result.made, _identity(site)))
        return
    _exchange(staging, site)
    kept = live is not None and store is not None
    if kept:
        twin = site.parent / f"{TWIN.format(name=site.name)}{token}"
        staging.rename(twin)
        assert live is not None
        records.save(store, site, Manifest(result.made, _identity(site), twin.name, live.files, _identity(twin)))
    else:
        shutil.rmtree(staging, ignore_errors=True)
        records.save(store, site, Manifest(result.made, _identity(site)))


def _twin(site: Path, manifest: Manifest | None) -> Generation | None:
    if manifest is None or not manifest.twin or "/" in manifest.twin or not manifest.twin.startswith(TWIN.format(name=site.name)):
        return None
    folder = site.parent / manifest.twin
    if _identity(folder) != manifest.twin_id:
        return None
    return Generation(folder, manifest.twin_files)


def _remove_other_twins(site: Path, keep: Generation | None) -> None:
    for other in site.parent.glob(TWIN.format(name=site.name) + "*"):
        if keep is None or other != keep.folder:
            shutil.rmtree(other, ignore_errors=True)


def _identity(folder: Path) -> tuple[int, int]:
    """``(st_dev, st_ino)`` of a real folder (not a link), ``(0, 0)`` when there is none."""
    try:
        info = os.lstat(folder)
    except OSError:
        return (0, 0)
    import stat

    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else (0, 0)


def _remove(folder: Path, path: str) -> None:
    """Remove a file the new generation does not have, and the folders it leaves empty."""
    target = folder / path
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    parent = target.parent
    while parent != folder:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders at once (Linux ``renameat2(RENAME_EXCHANGE)``); elsewhere, or where the
    file system cannot, by three renames (for an instant ``second`` does not exist)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        swap = libc.renameat2
    except (OSError, AttributeError):
        swap = None
    if swap is not None:
        done = swap(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
        if done == 0:
            return
    aside = second.with_name(f"{second.name}.exchange-{os.getpid()}")
    second.rename(aside)
    try:
        first.rename(second)
    except OSError:
        aside.rename(second)
        raise
    aside.rename(first)
