"""Forge clients behind one small interface: what the notice bot and the comment poster need.

Two implementations speak the forges' REST APIs with the standard library only: :mod:`github`
(GitHub REST v3) and :mod:`gitea` (Gitea API v1, what self-hosted government forges run). The
repository, token and API base come from the environment (:func:`from_env`); tests run the real
clients against a fake forge server that checks each request against the documented shapes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


class ForgeError(Exception):
    """The forge refused a request, cannot be reached or answered nonsense (message in Chinese)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status of a refusal; 0 when there was no HTTP answer to speak of."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    title: str
    head: str
    """Branch name of the proposed changes."""
    base: str
    state: str
    """``open`` or ``closed`` (merged pull requests are closed)."""
    created: str
    """Creation time, ISO 8601."""
    author: str
    head_sha: str = ""
    body: str = ""
    head_repo: str = ""
    """``owner/name`` of the repository the head branch lives in (a fork's for a fork's pull
    request); empty when that repository was deleted."""
    merged_at: str = ""
    """Merge time recorded by the forge, ISO 8601; empty when not merged."""


@dataclass(frozen=True)
class Comment:
    id: int
    body: str
    author: str


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    body: str
    state: str
    author: str = ""
    """Login of the account that opened it: only the bot's own issues carry its markers."""
    created: str = ""
    """Creation time recorded by the forge, ISO 8601."""


class Forge(Protocol):
    """What the bot does on a forge. It never merges and never closes anything."""

    def login(self) -> str:
        """The account the token acts as: only its issues, comments and pull requests are the bot's."""
        ...

    def repository(self) -> str:
        """``owner/name`` of the repository (a pull request from elsewhere is a fork's)."""
        ...

    def default_branch(self) -> str: ...

    def merged_pull(self, sha: str) -> PullRequest | None:
        """The merged pull request whose merge brought commit ``sha`` into the default branch, as the
        forge records it (its ``merged_at`` is when the change reached the branch); ``None`` when the
        commit came some other way (pushed directly)."""
        ...

    def pulls(self, state: str = "open") -> list[PullRequest]: ...

    def pull(self, number: int) -> PullRequest: ...

    def pull_files(self, number: int) -> list[str]:
        """Repository paths the pull request changes."""
        ...

    def comments(self, number: int) -> list[Comment]:
        """Comments of an issue or pull request, oldest first."""
        ...

    def add_comment(self, number: int, body: str) -> Comment: ...

    def edit_comment(self, comment_id: int, body: str) -> None: ...

    def issues(self) -> list[Issue]:
        """Every issue, open and closed, without pull requests."""
        ...

    def open_issue(self, title: str, body: str) -> Issue: ...

    def branch_sha(self, branch: str) -> str | None:
        """Commit id at the tip of ``branch``, ``None`` if there is no such branch."""
        ...

    def create_branch(self, branch: str, sha: str) -> None: ...

    def file(self, path: str, ref: str) -> tuple[bytes, str] | None:
        """Contents and blob id of ``path`` at ``ref``, ``None`` if absent."""
        ...

    def put_file(self, path: str, branch: str, content: bytes, message: str, blob: str) -> None:
        """Commit new ``content`` of the existing file ``path`` (blob id ``blob``) on ``branch``."""
        ...

    def open_pull(self, title: str, body: str, head: str, base: str) -> PullRequest: ...


def from_env(environ: Mapping[str, str] | None = None) -> Forge:
    """The forge client configured by ``CATALOG_FORGE*`` (or GitHub Actions') variables."""
    env = os.environ if environ is None else environ
    kind = env.get("CATALOG_FORGE") or ("github" if env.get("GITHUB_REPOSITORY") else "")
    repo = env.get("CATALOG_FORGE_REPO") or env.get("GITHUB_REPOSITORY", "")
    token = env.get("CATALOG_FORGE_TOKEN") or env.get("GITHUB_TOKEN", "")
    api = env.get("CATALOG_FORGE_API", "")
    missing = [name for name, value in (("CATALOG_FORGE", kind), ("CATALOG_FORGE_REPO", repo), ("CATALOG_FORGE_TOKEN", token)) if not value]
    if missing:
        raise ForgeError(f"未配置代码托管平台：请设置环境变量 {'、'.join(missing)}")
    if repo.count("/") != 1:
        raise ForgeError(f"CATALOG_FORGE_REPO 应为“所有者/仓库名”，现在是“{repo}”")
    if kind == "github":
        from generator.forge.github import GitHub

        return GitHub(repo, token, api or env.get("GITHUB_API_URL") or "https://api.github.com", env.get("CATALOG_FORGE_LOGIN", ""))
    if kind == "gitea":
        from generator.forge.gitea import Gitea

        if not api:
            raise ForgeError("使用 Gitea 时须设置 CATALOG_FORGE_API，例如 https://git.example.gov.cn/api/v1")
        return Gitea(repo, token, api)
    raise ForgeError(f"CATALOG_FORGE 应为 github 或 gitea，现在是“{kind}”")
