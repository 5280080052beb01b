"""Build real git repositories in a temporary folder, with a fixed author and given commit dates.

Commit times are 10:00 Asia/Shanghai on the given day unless a full timestamp is passed, so each
commit's Beijing date is exactly the day the test names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import BASE

AUTHOR = {"GIT_AUTHOR_NAME": "测试提交人", "GIT_AUTHOR_EMAIL": "tester@example.gov.cn"}
COMMITTER = {"GIT_COMMITTER_NAME": "测试提交人", "GIT_COMMITTER_EMAIL": "tester@example.gov.cn"}
FORGE = {"GIT_COMMITTER_NAME": "代码托管平台", "GIT_COMMITTER_EMAIL": "forge@example.gov.cn"}
"""The identity of the forge's merges (``forge.merge_committer`` of the base test catalog)."""


class GitRepo:
    """A repository at ``root`` with helpers to edit files and commit them on a given day."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, day: str = "2026-01-05", committer: dict[str, str] | None = None) -> str:
        stamp = day if "T" in day else f"{day}T10:00:00+08:00"
        env = {
            **os.environ,
            **AUTHOR,
            **(committer or COMMITTER),
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        done = subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True)
        return done.stdout.strip()

    def write(self, relative: str, text: str) -> None:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, 1))

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def commit(self, message: str, day: str) -> str:
        self.git("add", "-A", day=day)
        self.git("commit", "-q", "--no-verify", "-m", message, day=day)
        return self.git("rev-parse", "HEAD")

    def branch(self, name: str, start: str = "main") -> None:
        self.git("checkout", "-q", "-b", name, start)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)

    def merge(self, branch: str, day: str, message: str = "") -> str:
        """Merge ``branch`` into the current branch with a merge commit, committed by the forge."""
        self.git("merge", "-q", "--no-ff", "-m", message or f"合并 {branch}", branch, day=day, committer=FORGE)
        return self.git("rev-parse", "HEAD")

    def fast_forward(self, branch: str) -> str:
        """Fast-forward the current branch to ``branch``: its commits land as their author made them."""
        self.git("merge", "-q", "--ff-only", branch)
        return self.git("rev-parse", "HEAD")


def catalog_repo(root: Path, day: str = "2026-01-05", profile: str = "national") -> GitRepo:
    """A repository whose ``catalog/`` is the base test catalog, committed on ``day``."""
    repo = GitRepo(root)
    shutil.copytree(BASE, root / "catalog")
    if profile != "national":
        repo.replace("catalog/registry.yaml", "profile: national", f"profile: {profile}")
    repo.commit("初始目录", day)
    return repo


DELISTING = """delisting:
  reason: 职能调整，该业务已划转至市市场监督管理局
  basis: [pipl-13]
"""


def request_delisting(repo: GitRepo, relative: str, consumers: bool = True) -> None:
    """Edit a resource file into a 下线申请: status 公示中 with a delisting block."""
    repo.replace(relative, "status: 在用\n", "status: 公示中\n" + DELISTING)
