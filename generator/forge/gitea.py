"""Gitea API v1 (https://docs.gitea.com/api), as run by self-hosted forges on government intranets."""

from __future__ import annotations

from generator.forge import Comment, Issue, PullRequest
from generator.forge.common import (
    Fields,
    RestForge,
    comment_from,
    issue_from,
    merged_into,
    pull_from,
    quote,
)
from generator.forge.rest import Rest, listed


class Gitea(RestForge):
    PAGE_PARAM = "limit"

    def __init__(self, repo: str, token: str, api: str) -> None:
        super().__init__(repo, Rest(api, {"Authorization": f"token {token}"}))
        self._login = ""

    def login(self) -> str:
        if not self._login:
            self._login = Fields(self.rest.call("GET", "/user"), "当前账号").text("login")
        return self._login

    def merged_pull(self, sha: str) -> PullRequest | None:
        # repoGetCommitPullRequest: "Get the merged pull request of the commit"; 404 when none.
        found = self.rest.call("GET", f"{self.repo}/commits/{sha}/pull", missing_ok=True)
        return merged_into([pull_from(found)], self.default_branch()) if found is not None else None

    def comments(self, number: int) -> list[Comment]:
        # Gitea returns all comments of an issue in one list (no pagination parameters).
        found = listed(self.rest.call("GET", f"{self.repo}/issues/{number}/comments") or [], "GET 议题评论")
        return [comment_from(c) for c in found]

    def issues(self) -> list[Issue]:
        found = self.rest.pages(f"{self.repo}/issues", {"state": "all", "type": "issues"}, self.PAGE_PARAM)
        return [issue_from(i) for i in found]

    def branch_sha(self, branch: str) -> str | None:
        found = self.rest.call("GET", f"{self.repo}/branches/{quote(branch)}", missing_ok=True)
        return Fields(found, "分支信息").text("commit", "id") if found is not None else None

    def create_branch(self, branch: str, sha: str) -> None:
        self.rest.call("POST", f"{self.repo}/branches", {"new_branch_name": branch, "old_ref_name": sha})
