"""One build at a time per output folder: an advisory lock (``flock``) on a file beside it.

The lock file exists only while a build holds it: the holder removes it before letting go, and a
process that obtained the lock on a file that has since been removed tries again, so two
processes never both believe they hold it. A killed holder's lock is released by the kernel; the
next build takes over its file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive(path: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock ``path`` for the ``with`` block; ``waiting(holder)`` is called once, with the
    holder's process id (or ``''``), when another process holds it and this one waits."""
    handle = _acquire(path, waiting)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(handle)


def _acquire(path: Path, waiting: Callable[[str], None]) -> int:
    told = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    waiting(os.pread(handle, 32, 0).decode("ascii", "replace").strip())
                    told = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            if _same_file(handle, path):
                os.ftruncate(handle, 0)
                os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
                return handle
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)  # the holder removed this file while we waited: lock the new one


def _same_file(handle: int, path: Path) -> bool:
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (mine.st_dev, mine.st_ino) == (current.st_dev, current.st_ino)


@contextlib.contextmanager
def held(path: Path) -> Iterator[bool]:
    """Hold the lock ``path`` for the ``with`` block if no other process holds it: yields whether
    this one does (``False``: it is busy; nothing is waited for)."""
    handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(handle)
