"""CODEOWNERS from the catalog: each department's reviewers own its folder, the bureau the rest.

GitHub reads ``.github/CODEOWNERS`` (gitignore-like patterns, the last matching line wins); Gitea
reads ``.gitea/CODEOWNERS`` (Go regular expressions, every matching line adds owners, ``!`` negates).
"""

from __future__ import annotations

from typing import Any

BUREAU_PATHS = ("schemas/", "generator/profiles/", ".github/", ".gitea/")
"""Folders outside the catalog that only the bureau's reviewers may approve."""

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
    lines.append("\n# 各提供部门：本部门文件夹（没有填写审核人的部门由主管部门审核）\n")
    lines += [_row(f"{base}{dept}/", owners) for dept, owners in departments.items() if owners]
    if bureau:
        lines.append("\n# 主管部门专属：即使位于部门文件夹之外的规则也只由主管部门批准\n")
        lines += [_row(f"{base}{name}", bureau) for name in ("registry.yaml", "legal_bases.yaml", "holidays.yaml")]
        lines += [_row(f"/{path}", bureau) for path in BUREAU_PATHS]
    return lines


def _gitea(folder: str, bureau: list[str], departments: dict[str, list[str]]) -> list[str]:
    base = f"{_escape(folder)}/" if folder else ""
    owned = [dept for dept, owners in departments.items() if owners]
    lines = ["\n# 各提供部门：本部门文件夹\n"]
    lines += [_row(f"{base}{dept}/.*", departments[dept]) for dept in owned]
    if bureau:
        lines.append("\n# 大数据主管部门：部门文件夹以外的全部文件（Gitea 的每条匹配规则都会加入审核人）\n")
        if owned:
            lines.append(_row(f"!{base}({'|'.join(owned)})/.*", bureau))
        else:
            lines.append(_row(".*", bureau))
    return lines


def _escape(path: str) -> str:
    return "".join(f"\\\\{ch}" if ch in ".+*?()|[]{}^$" else ch for ch in path)
