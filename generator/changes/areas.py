"""What each path of the repository is, for a pull request: one department's catalog data, or not.

Only the catalog files of one department folder (its resources, ``department.yaml`` and
``needs.yaml``) are that department's to change. Everything else — the catalog's own registry
files, hidden or unknown files in the catalog, the schemas, the program and its rule profiles,
the site's theme and configuration, the workflows and CODEOWNERS, git's own files — is the
registry's, and a change to it needs the bureau's approval. :func:`label` names each kind.
"""

from __future__ import annotations

import re

from generator.load import layout

GIT_FILES = (".gitattributes", ".gitmodules", ".gitignore", ".mailmap", ".lfsconfig")
"""Files that tell git how to check out, filter or fetch the tree (at any depth)."""

AREAS = (
    ("schemas/", "模式或规则配置变更"),
    ("generator/profiles/", "模式或规则配置变更"),
    ("generator/", "程序代码变更"),
    (".github/", "工作流或代码所有者变更"),
    (".gitea/", "工作流或代码所有者变更"),
    (".ci/", "持续集成脚本变更"),
    ("site_overrides/", "网站模板变更"),
    ("mkdocs.yml", "网站配置变更"),
    ("docs/", "网站文档变更"),
    ("tests/", "测试变更"),
    ("pyproject.toml", "安装与依赖配置变更"),
)
"""Label of a registry change by where the path is (first match; a folder ends with ``/``)."""

GIT_LABEL = "git 配置变更"
OTHER_LABEL = "其他文件变更"

GENERATED_FOLDERS = {
    ".cache", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv", "venv", "node_modules",
}
"""Folder names, at any depth, that only ever hold caches or installed tools."""
TOP_GENERATED = {"site", "build", "dist"}
"""Top-level folders that builds write (``site/`` is MkDocs' output)."""
_STAGING = re.compile(r"^\..+\.(building|old)-")
"""``.site.building-…``/``.site.old-…``: folders of an interrupted ``catalog build``."""
_GENERATED_FILE = re.compile(r"\.(pyc|pyo|pickle|pkl)$|\.egg-info$")


def in_catalog(path: str, prefix: str) -> str | None:
    """``path`` relative to the catalog folder ``prefix``, or ``None`` if it lies outside."""
    if not prefix:
        return path
    return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else None


def hidden(relative: str) -> bool:
    """Whether any part of the path starts with a dot (``.gitkeep`` alone is allowed as a name)."""
    parts = relative.split("/")
    return any(part.startswith(".") for part in parts[:-1]) or (parts[-1].startswith(".") and parts[-1] != ".gitkeep")


def department_data(relative: str) -> bool:
    """Whether a catalog-relative path is one department's catalog file."""
    return not hidden(relative) and layout.kind_of(relative) in ("resource", "department", "needs")


def label(path: str) -> str:
    """The Chinese label of a change to ``path`` (from the repository root) outside the catalog."""
    name = path.rsplit("/", 1)[-1]
    if name in GIT_FILES:
        return GIT_LABEL
    for area, text in AREAS:
        if path == area or (area.endswith("/") and path.startswith(area)):
            return text
    return OTHER_LABEL


def generated(path: str) -> bool:
    """Whether ``path`` lies in a cache or build-output folder, or is such a file."""
    parts = path.split("/")
    if len(parts) > 1 and parts[0] in TOP_GENERATED:
        return True
    if any(part in GENERATED_FOLDERS or _STAGING.match(part) for part in parts[:-1]):
        return True
    return any(_GENERATED_FILE.search(part) for part in parts)
