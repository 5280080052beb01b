"""The pinned browser code shipped with the repository: Decap CMS and js-yaml, never a CDN.

``generator/cms/vendor/manifest.json`` records each package's version, its npm integrity and the
SHA-256 of every file as the site serves it. Decap's bundle (5 MB) is stored gzip-compressed
(1.5 MB) so that no file in the repository is larger than a few MB; :func:`install` writes it out
uncompressed and refuses a file whose checksum differs from the manifest. ``generator/cms/refresh.py``
updates the folder from ``node_modules`` (see the form page of the site's guide).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "vendor"
MANIFEST = VENDOR / "manifest.json"


class VendorError(RuntimeError):
    """A vendored file is missing or not the one the manifest pins (message in Chinese)."""


@dataclass(frozen=True)
class Shipped:
    """One file the admin page serves."""

    name: str
    """File name under ``admin/``, e.g. ``decap-cms.js``."""
    stored: str
    """File name in ``vendor/``; ends in ``.gz`` when stored compressed."""
    sha256: str
    """Checksum of the file as served (uncompressed)."""
    package: str
    version: str


@cache
def manifest() -> dict[str, dict[str, object]]:
    loaded: dict[str, dict[str, object]] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def files() -> list[Shipped]:
    """Every vendored file, in a stable order."""
    found: list[Shipped] = []
    for package, info in sorted(manifest().items()):
        entries = info["files"]
        assert isinstance(entries, dict)
        for name, entry in sorted(entries.items()):
            found.append(Shipped(name, entry["stored"], entry["sha256"], package, str(info["version"])))
    return found


def version(package: str) -> str:
    return str(manifest()[package]["version"])


def content(shipped: Shipped) -> bytes:
    """The file as served, checked against the manifest."""
    path = VENDOR / shipped.stored
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise VendorError(f"缺少随仓库提供的表单程序文件 {path}：{err.strerror}；请运行 generator/cms/refresh.py 重新生成") from None
    data = gzip.decompress(raw) if shipped.stored.endswith(".gz") else raw
    if hashlib.sha256(data).hexdigest() != shipped.sha256:
        raise VendorError(f"表单程序文件 {path} 与 manifest.json 记录的校验值不符，可能被改动；请运行 generator/cms/refresh.py 重新生成")
    return data


def install(target: Path) -> list[str]:
    """Write every vendored file into ``target``; returns the names written."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for shipped in files():
        (target / shipped.name).write_bytes(content(shipped))
        written.append(shipped.name)
    return written
