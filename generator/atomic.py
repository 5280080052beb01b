"""Writing a file so that readers see the old bytes or the new ones, never a part of them.

The bytes go to a temporary file in the target's folder, which is renamed over the target once
complete (``os.replace`` is atomic within one file system). A full disk, a killed process or a
concurrent reader leaves the target as it was; the temporary file is removed on failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

_REASONS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件超过系统允许的大小（磁盘或配额已满）",
    errno.EROFS: "文件系统是只读的",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EADDRINUSE: "端口已被占用",
    errno.EADDRNOTAVAIL: "本机没有这个地址",
}

FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})
"""Errors that concern where a file is written, whatever file it was copied from."""


def write_bytes(target: Path, data: bytes, mode: int | None = None) -> None:
    """Put ``data`` at ``target`` atomically. The file gets ``mode``, else the mode of the file it
    replaces, else what a new file gets under the current umask."""
    if mode is None:
        mode = _mode_of(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def reason(error: OSError) -> str:
    """What went wrong, in Chinese, for an error of the operating system."""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def describe(error: OSError, path: Path | str | None = None) -> str:
    """The file and the reason, e.g. ``site/x.html：磁盘空间已满`` (the reason alone without a file)."""
    where = path if path is not None else error.filename
    return f"{where}：{reason(error)}" if where else reason(error)


def _mode_of(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~UMASK


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _umask()
"""Read once at import, while no other thread can be creating files under a changed mask."""
