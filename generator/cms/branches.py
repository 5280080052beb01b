"""Department branches of the branch mode: each exists, and each with changes has a pull request.

Where the forge's Decap backend has no editorial workflow (Gitea), a department's form commits to
``form/<部门标识>``. The workflow ``.github/workflows/form-branches.yml`` runs :func:`run` after every push:

- a department without its branch gets one, at the tip of the base branch, so its form can open;
- a branch whose catalog differs from its merge base with the base branch, and that has no open pull
  request, gets one — titled with the department's name; later saves land in the same request.

Branch contents are read from the local clone (the workflow fetches every branch) and are only
compared, never executed or trusted for identity or time; the forge is only asked to create
branches and open pull requests. The workflow also merges the base branch into each department
branch after a merge, so that the form shows the published state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import gitrepo
from generator.cms.config import Department
from generator.cms.settings import BRANCH_PREFIX
from generator.forge import Forge, ForgeError


@dataclass(frozen=True)
class Outcome:
    """What was (or, in a dry run, would be) done for one department."""

    department: str
    branch: str
    kind: str
    """``created`` (branch made), ``opened`` (pull request opened), ``pending`` (already open),
    ``clean`` (nothing to submit) or ``missing`` (branch not in the local clone)."""
    message: str
    number: int = 0


TITLE = "{name}：通过填报表单提交的目录申请"
BODY = (
    "本拉取请求由填报表单自动开出：{name}在表单中保存的内容都提交到分支 `{branch}`，"
    "继续保存会追加到本请求中。\n\n"
    "目录检查（catalog check）的结果见检查和评论；主管部门审核人合并即为批准。"
    "如需撤回某项修改，请在表单中改回原值再保存，或告知审核人。\n"
)


def run(
    forge: Forge, repo: Any, prefix: str, departments: tuple[Department, ...], base: str, remote: str, apply: bool
) -> list[Outcome]:
    """Create missing department branches and open missing pull requests (only when ``apply``)."""
    outcomes: list[Outcome] = []
    open_heads = {pull.head: pull.number for pull in forge.pulls("open") if pull.base == base}
    base_sha = ""
    for dept in departments:
        branch = f"{BRANCH_PREFIX}{dept.id}"
        shown = f"{branch}（{dept.name}）"
        if forge.branch_sha(branch) is None:
            if apply:
                base_sha = base_sha or _forge_sha(forge, base)
                forge.create_branch(branch, base_sha)
            verb = "已创建" if apply else "将创建"
            outcomes.append(Outcome(dept.id, branch, "created", f"{verb}部门分支 {shown}，表单保存的内容提交到这里"))
            continue
        local = f"{remote}/{branch}" if remote else branch
        target = f"{remote}/{base}" if remote else base
        try:
            changed = _changed(repo, prefix, target, local)
        except gitrepo.RepoError:
            outcomes.append(Outcome(dept.id, branch, "missing", f"本地没有分支 {local}，请先 git fetch 全部分支"))
            continue
        if not changed:
            outcomes.append(Outcome(dept.id, branch, "clean", f"{shown}没有待提交的修改"))
        elif branch in open_heads:
            number = open_heads[branch]
            outcomes.append(Outcome(dept.id, branch, "pending", f"{shown}的拉取请求 #{number} 已开出，新的保存会追加到其中", number))
        elif apply:
            pull = forge.open_pull(TITLE.format(name=dept.name), BODY.format(name=dept.name, branch=branch), branch, base)
            outcomes.append(Outcome(dept.id, branch, "opened", f"已为 {shown}开出拉取请求 #{pull.number}", pull.number))
        else:
            outcomes.append(Outcome(dept.id, branch, "opened", f"将为 {shown}开出拉取请求（{len(changed)} 个文件有修改）"))
    return outcomes


def _forge_sha(forge: Forge, branch: str) -> str:
    sha = forge.branch_sha(branch)
    if sha is None:
        raise ForgeError(f"代码托管平台上没有目标分支 {branch}")
    return sha


def _changed(repo: Any, prefix: str, base: str, head: str) -> list[str]:
    """Catalog files that differ between ``head`` and its merge base with ``base``."""
    base_sha, head_sha = gitrepo.resolve(repo, base), gitrepo.resolve(repo, head)
    fork = gitrepo.merge_base(repo, base_sha, head_sha)
    old, new = gitrepo.blob_ids(repo, fork, prefix), gitrepo.blob_ids(repo, head_sha, prefix)
    return sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))
