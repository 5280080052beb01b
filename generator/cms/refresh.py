"""Refresh ``generator/cms/vendor/`` from ``node_modules`` after changing a pinned version.

Usage (from the repository root)::

    npm ci                                   # the versions pinned in package-lock.json
    .venv/bin/python -m generator.cms.refresh

Copies Decap CMS's browser bundle (stored gzip-compressed, with a fixed timestamp so the same
bundle gives the same bytes), its third-party licence notices and Decap's own MIT licence, and
js-yaml's browser build and licence; then writes ``manifest.json`` with each package's version, npm
integrity and the SHA-256 of every file as served. Review ``git diff --stat`` before committing.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

from generator.cms.vendor import MANIFEST, VENDOR

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {
    "decap-cms": {
        "decap-cms.js": ("dist/decap-cms.js", True),
        "decap-cms.js.LICENSE.txt": ("dist/decap-cms.js.LICENSE.txt", False),
        # The decap-cms package has no LICENSE file of its own; every Decap package that has one
        # carries the same MIT text (Copyright (c) 2016 Netlify).
        "DECAP-CMS-LICENSE.txt": ("../decap-cms-lib-widgets/LICENSE", False),
    },
    "js-yaml": {
        "js-yaml.min.js": ("dist/js-yaml.min.js", False),
        "JS-YAML-LICENSE.txt": ("LICENSE", False),
    },
}


def _gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(data)
    return buffer.getvalue()


def refresh(modules: Path) -> dict[str, object]:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    manifest: dict[str, object] = {}
    for package, wanted in PACKAGES.items():
        folder = modules / package
        version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
        pinned = lock[f"node_modules/{package}"]
        if pinned["version"] != version:
            raise SystemExit(f"node_modules/{package} 是 {version}，package-lock.json 固定的是 {pinned['version']}：请先运行 npm ci")
        entries = {}
        for name, (source, compress) in wanted.items():
            data = (folder / source).read_bytes()
            stored = f"{name}.gz" if compress else name
            (VENDOR / stored).write_bytes(_gzip(data) if compress else data)
            entries[name] = {"stored": stored, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        manifest[package] = {"version": version, "integrity": pinned["integrity"], "files": entries}
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main() -> int:
    modules = ROOT / "node_modules"
    if not (modules / "decap-cms").is_dir():
        print("找不到 node_modules/decap-cms：请先在仓库根目录运行 npm ci", file=sys.stderr)
        return 1
    for package, info in refresh(modules).items():
        assert isinstance(info, dict)
        print(f"{package} {info['version']}：{', '.join(info['files'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
