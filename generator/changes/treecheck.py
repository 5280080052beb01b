"""Problems of the merged tree itself: what git or a disk would do to the files before anyone reads them.

Input is plain data from :mod:`generator.gitrepo`: every entry of the merged tree and the paths the
pull request changed. Only what the pull request adds or changes is reported (rules F-008 for
submodules, F-020 to F-022, P-020; see :mod:`generator.rules.tree`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from generator.changes import areas
from generator.gitrepo import GITLINK_MODE, TreeEntry
from generator.problems import Problem
from generator.rules import RULES, _load_all


def problems(entries: Sequence[TreeEntry], changed: Iterable[str], prefix: str, conflicts: Sequence[str]) -> list[Problem]:
    """Every tree problem the pull request introduces; ``changed`` are paths from the repository root."""
    _load_all()
    touched = set(changed)
    found = [_problem(path, "P-020", "这个文件在申请和主分支上都被修改过，无法自动合并：请先把主分支合并进申请分支并解决冲突") for path in conflicts]
    for entry in entries:
        if entry.path not in touched:
            continue
        relative = areas.in_catalog(entry.path, prefix)
        if relative is not None and entry.mode == GITLINK_MODE:
            message = "这是一个 git 子模块（指向另一个仓库的提交），目录不会读取其中的内容：请删除它，放入真实的文件"
            found.append(_problem(entry.path, "F-008", message))
        if relative is not None and areas.hidden(relative):
            message = f"目录文件夹 {prefix or '.'}/ 中不能有以“.”开头的文件或文件夹：它不是目录条目，却可能改变网站生成时读到的内容（如 .gitattributes）。请删除它"
            found.append(_problem(entry.path, "F-020", message))
        if areas.generated(entry.path):
            found.append(_problem(entry.path, "F-022", "这是缓存或生成的文件，不能提交：请用 git rm -r --cached 把它从提交中删除"))
    found += _collisions(entries, touched)
    return sorted(set(found))


def _problem(path: str, rule_id: str, message: str) -> Problem:
    return Problem(path, 0, 0, rule_id, RULES[rule_id].level, message)


def fold(path: str) -> str:
    """The form under which Windows and macOS disks treat two paths as one."""
    folded = path.lower() if path.isascii() else unicodedata.normalize("NFC", path).casefold()
    if "./" in folded or " /" in folded or folded.endswith((".", " ")):
        folded = "/".join(part.rstrip(" .") or part for part in folded.split("/"))
    return folded


def _collisions(entries: Sequence[TreeEntry], touched: set[str]) -> list[Problem]:
    """F-021: paths (files or folders) that differ only in case, Unicode form or trailing dots."""
    paths: set[str] = set()
    for entry in entries:
        paths.add(entry.path)
        folder = entry.path.rpartition("/")[0]
        while folder and folder not in paths:
            paths.add(folder)
            folder = folder.rpartition("/")[0]
    names: dict[str, set[str]] = {}
    for path in paths:
        names.setdefault(fold(path), set()).add(path)
    colliding = {path for same in names.values() if len(same) > 1 for path in same}
    found = []
    for same in names.values():
        if len(same) < 2:
            continue
        for path in sorted(same):
            if _below(path, colliding):
                continue  # its folder is reported already
            if any(p == path or p.startswith(path + "/") for p in touched):
                others = "、".join(sorted(same - {path}))
                message = f"路径 {path} 与 {others} 只差大小写或 Unicode 写法：在 Windows 和 macOS 上检出时它们是同一个，只会留下一个。请删除或改名"
                found.append(_problem(path, "F-021", message))
    return found


def _below(path: str, folders: set[str]) -> bool:
    folder = path.rpartition("/")[0]
    while folder:
        if folder in folders:
            return True
        folder = folder.rpartition("/")[0]
    return False
