"""Cache entries sealed with an HMAC under a per-machine secret, written atomically.

An entry is ``MAGIC``, the hex HMAC-SHA256 of its name and payload, a newline and the payload.
The name (``pages/ab/ab12….html``) is part of what is signed, so an entry copied under another
name fails too. Reading returns the payload only when the seal holds: a file committed by a pull
request, planted by another user, cut short by a full disk or a killed process, or changed by
hand is treated as missing, and the caller makes the result again.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import tempfile
from pathlib import Path

from generator import atomic

MAGIC = b"catalog-cache 1\n"
SECRET_BYTES = 32
_SEAL = len(MAGIC) + 64 + 1


class Store:
    """The cache folder ``folder``; entries are named by paths relative to it."""

    def __init__(self, folder: Path, secret: bytes, prefix: str = "", errors: list[OSError] | None = None) -> None:
        self.folder = folder
        self._secret = secret
        self._prefix = prefix
        self._errors: list[OSError] = [] if errors is None else errors
        """The first failed write (read-only folder, full disk), shared with sub-folders; once
        writing failed, later writes are not tried."""

    def child(self, name: str) -> Store:
        """The sub-folder ``name``, sealed with the same secret (names stay distinct)."""
        return Store(self.folder / name, self._secret, f"{self._prefix}{name}/", self._errors)

    def read(self, name: str) -> bytes | None:
        """The payload stored as ``name``, or ``None`` when it is missing or fails its seal."""
        try:
            blob = (self.folder / name).read_bytes()
        except OSError:
            return None
        if len(blob) < _SEAL or not blob.startswith(MAGIC) or blob[_SEAL - 1 : _SEAL] != b"\n":
            return None
        expected = self._mac(name, memoryview(blob)[_SEAL:])
        if not hmac.compare_digest(blob[len(MAGIC) : _SEAL - 1], expected):
            return None
        return blob[_SEAL:]

    def write(self, name: str, payload: bytes) -> bool:
        """Store ``payload`` as ``name`` (atomically); ``False`` when the folder cannot be written."""
        if self._errors:
            return False
        target = self.folder / name
        sealed = MAGIC + self._mac(name, payload) + b"\n" + payload
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(target, sealed, mode=0o600)
        except OSError as err:
            self._errors.append(err)
            return False
        return True

    def remove(self, name: str) -> None:
        with contextlib.suppress(OSError):
            (self.folder / name).unlink()

    def _mac(self, name: str, payload: bytes | memoryview) -> bytes:
        mac = hmac.new(self._secret, f"{self._prefix}{name}\0".encode(), hashlib.sha256)
        mac.update(payload)
        return mac.hexdigest().encode()

    def write_note(self) -> str:
        """One Chinese line when writing failed (the run went on without storing), else ``''``."""
        if not self._errors:
            return ""
        return f"缓存未能写入（{atomic.describe(self._errors[0])}），本次结果不受影响，下次运行重新计算"


def load_secret(path: Path) -> tuple[bytes | None, str]:
    """The machine's secret at ``path``, made on first use (random, mode 600); or ``None`` and
    why, in Chinese, when it can neither be read safely nor made."""
    secret = _read_private(path)
    if isinstance(secret, bytes):
        return secret, ""
    if secret != "missing":
        return None, f"缓存密钥 {path} {secret}，本次不使用缓存"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=".secret-", dir=path.parent)
        try:
            os.write(handle, os.urandom(SECRET_BYTES))
            os.close(handle)
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)  # never replaces a secret another process made meanwhile
        finally:
            os.unlink(temporary)
    except OSError as err:
        return None, f"无法保存缓存密钥 {path}：{atomic.reason(err)}，本次不使用缓存"
    secret = _read_private(path)
    if isinstance(secret, bytes):
        return secret, ""
    return None, f"缓存密钥 {path} {secret}，本次不使用缓存"


def _read_private(path: Path) -> bytes | str:
    """The secret's bytes, or ``'missing'``, or what is wrong with the file (in Chinese)."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return "missing"
    except OSError as err:
        return f"无法读取（{atomic.reason(err)}）"
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            return "不是当前用户独有的文件（应为属于当前用户、权限 600 的普通文件）"
        data = stream.read(SECRET_BYTES + 1)
    if len(data) != SECRET_BYTES:
        return f"长度不对（应为 {SECRET_BYTES} 字节），请删除它，下次运行会重新生成"
    return data
