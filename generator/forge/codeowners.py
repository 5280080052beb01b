"""CODEOWNERS from the catalog: each department's reviewers own its catalog files, the bureau the rest.

A department owns only what :func:`generator.changes.areas.department_data` calls its data: the ``.yaml``
files directly in its folder, not hidden ones, not sub-folders. Every other path — the catalog's
registry files, schemas, the program and its profiles, the site, workflows, git's own files — is
the bureau's, as ``catalog check`` classifies it (``registry``).

GitHub reads ``.github/CODEOWNERS`` (gitignore-like patterns, the last matching line wins); Gitea
reads ``.gitea/CODEOWNERS`` (Go regular expressions, every matching line adds owners, ``!`` negates).
"""

from __future__ import annotations

from typing import Any

BUREAU_PATHS = ("schemas/", "generator/", ".github/", ".gitea/", ".ci/", "site_overrides/", "mkdocs.yml", "pyproject.toml", ".gitattributes")
"""Paths outside the catalog that only the bureau's reviewers may approve (also covered by ``*``;
listed so that a reader of CODEOWNERS sees them)."""

HEADER = (
    "# 由 `catalog codeowners` 根据 registry.yaml 和各部门的 department.yaml 生成，请勿手工修改。\n"
    "# 审核人有变化时，修改这些文件后重新运行 `catalog codeowners`；CI 用 `--check` 检查本文件是最新的。\n"
)


def _handles(names: Any) -> list[str]:
    return [n if n.startswith("@") else f"@{n}" for n in names or ()]


def generate(catalog: Any, folder: str, flavour: str = "github") -> str:
    """The CODEOWNERS text for ``catalog`` stored at ``folder`` (repository-relative)."""
    bureau = _handles(catalog.registry.bureau.get("reviewers") if catalog.registry else ())
    departments = {
        dept_id: _handles(dept.reviewers) for dept_id, dept in sorted(catalog.departments.items())
    }
    lines = [HEADER]
    if not bureau:
        lines.append("# 注意：registry.yaml 中没有填写主管部门审核人（bureau.reviewers），登记信息和模式无人审核。\n")
    if flavour == "gitea":
        lines += _gitea(folder, bureau, departments)
    else:
        lines += _github(folder, bureau, departments)
    return "".join(lines)


def _row(pattern: str, owners: list[str], width: int = 40) -> str:
    return f"{pattern:<{width}} {' '.join(owners)}\n"


def _github(folder: str, bureau: list[str], departments: dict[str, list[str]]) -> list[str]:
    base = f"/{folder}/" if folder else "/"
    lines = ["\n# 大数据主管部门：默认拥有全部文件（登记信息、法律依据、节假日安排、模式、规则配置、工作流）\n"]
    if bureau:
        lines.append(_row("*", bureau))
    lines.append("\n# 各提供部门：本部门文件夹中的目录文件（没有填写审核人的部门由主管部门审核）\n")
    lines += [_row(f"{base}{dept}/*.yaml", owners) for dept, owners in departments.items() if owners]
    if bureau:
        lines.append("\n# 主管部门专属：部门文件夹中的隐藏文件（如 .gitattributes）、登记信息、程序、网站和工作流\n")
        lines.append(_row(f"{base}*/.*", bureau))
        lines += [_row(f"{base}{name}", bureau) for name in ("registry.yaml", "legal_bases.yaml", "holidays.yaml")]
        lines += [_row(f"/{path}", bureau) for path in BUREAU_PATHS]
    return lines


def _gitea(folder: str, bureau: list[str], departments: dict[str, list[str]]) -> list[str]:
    base = f"{_escape(folder)}/" if folder else ""
    owned = [dept for dept, owners in departments.items() if owners]
    data = f"/{_DATA_NAME}"
    lines = ["\n# 各提供部门：本部门文件夹中的目录文件（不含隐藏文件和子文件夹）\n"]
    lines += [_row(f"{base}{dept}{data}", departments[dept]) for dept in owned]
    if bureau:
        lines.append("\n# 大数据主管部门：各部门目录文件以外的全部文件（Gitea 的每条匹配规则都会加入审核人）\n")
        if owned:
            lines.append(_row(f"!{base}({'|'.join(owned)}){data}", bureau))
        else:
            lines.append(_row(".*", bureau))
    return lines


_DATA_NAME = "[^/.][^/]*\\\\.yaml"
"""A non-hidden ``.yaml`` file directly in the folder, as a Go regular expression (``\\.`` escaped)."""


def _escape(path: str) -> str:
    return "".join(f"\\\\{ch}" if ch in ".+*?()|[]{}^$" else ch for ch in path)
