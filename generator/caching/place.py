"""Where the cache of a catalog lives: never inside the repository, unless explicitly allowed.

A pull request can commit any file, ``.cache/`` included (``git add -f``; ``.gitignore`` does not
stop a committed file), so a cache read from inside the checkout would be the pull request's
words. The cache of the catalog folder ``root`` is therefore::

    $CATALOG_CACHE_DIR                                  when set and outside the repository
    $XDG_CACHE_HOME/catalog-registry/<name>-<hash>      otherwise (~/.cache when unset)

where ``<hash>`` is that of the catalog's absolute path, so two checkouts never share entries.
A ``CATALOG_CACHE_DIR`` inside the repository is ignored with a one-line note unless
``CATALOG_CACHE_IN_TREE=1``; even then every entry must carry the seal of this machine's secret,
``$XDG_CONFIG_HOME/catalog-registry/cache-secret`` (~/.config when unset), which no repository holds.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.caching.store import Store, load_secret

CACHE_DIR_ENV = "CATALOG_CACHE_DIR"
IN_TREE_ENV = "CATALOG_CACHE_IN_TREE"
APP = "catalog-registry"
SECRET_NAME = "cache-secret"


def open_store(root: Path) -> tuple[Store | None, str]:
    """The cache of the catalog folder ``root``, and a Chinese note for the user ('' if none).

    ``None`` (run without a cache) when no safe folder or no secret is available."""
    folder, note = folder_for(root)
    if folder is None:
        return None, note
    try:
        secret_path = _home("XDG_CONFIG_HOME", ".config") / APP / SECRET_NAME
    except RuntimeError:
        return None, _join(note, "找不到用户主文件夹，无法保存缓存密钥，本次不使用缓存")
    secret, problem = load_secret(secret_path)
    if secret is None:
        return None, _join(note, problem)
    return Store(folder, secret), note


def folder_for(root: Path) -> tuple[Path | None, str]:
    """The cache folder for the catalog folder ``root`` and a note when a configured one was refused."""
    root = root.resolve()
    tree = repository_tree(root)
    allowed = os.environ.get(IN_TREE_ENV) == "1"
    configured = os.environ.get(CACHE_DIR_ENV)
    refused = ""
    if configured:
        chosen = Path(configured).expanduser().resolve()
        if allowed or not inside(chosen, tree):
            return chosen, ""
        refused = f"缓存文件夹 {configured}（{CACHE_DIR_ENV}）在仓库之内，拉取请求可以往里面提交文件，已忽略"
    try:
        default = _home("XDG_CACHE_HOME", ".cache") / APP / f"{root.name}-{_digest(root)}"
    except RuntimeError:
        return None, _join(refused, "找不到用户主文件夹，本次不使用缓存")
    if inside(default, tree) and not allowed:
        return None, _join(refused, f"默认缓存文件夹 {default} 在仓库 {tree} 之内，本次不使用缓存；请把 {CACHE_DIR_ENV} 设为仓库以外的文件夹")
    if refused:
        return default, f"{refused}，改用 {default}（确需使用仓库内的文件夹请设置 {IN_TREE_ENV}=1）"
    return default, ""


def repository_tree(root: Path) -> Path:
    """The working tree holding the catalog folder: the nearest folder with a ``.git`` entry,
    else the folder holding the catalog folder."""
    for folder in (root, *root.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return root.parent if root.parent != root.parent.parent else root


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or below it (both resolved)."""
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _home(variable: str, fallback: str) -> Path:
    configured = os.environ.get(variable)
    if configured and os.path.isabs(configured):
        return Path(configured)
    return Path.home() / fallback


def _digest(root: Path) -> str:
    return hashlib.sha256(str(root).encode("utf-8", errors="surrogateescape")).hexdigest()[:16]


def _join(first: str, second: str) -> str:
    return "；".join(part for part in (first, second) if part)
