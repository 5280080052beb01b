"""GitHub REST API v3 (https://docs.github.com/en/rest), for github.com and GitHub Enterprise."""

from __future__ import annotations

from generator.forge import Comment, ForgeError, Issue, PullRequest
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

ACTIONS_BOT = "github-actions[bot]"


class GitHub(RestForge):
    def __init__(self, repo: str, token: str, api: str = "https://api.github.com", login: str = "") -> None:
        headers = {
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {token}",
            "X-GitHub-Api-Version": "2022-11-28",
        }
        super().__init__(repo, Rest(api, headers))
        self._login = login

    def login(self) -> str:
        # An Actions token cannot read /user (403 "Resource not accessible by integration"): its
        # issues, comments and pull requests are by github-actions[bot]. Any other failure is an
        # error: guessing the wrong account would make the bot blind to its own markers.
        if not self._login:
            try:
                self._login = Fields(self.rest.call("GET", "/user"), "当前账号").text("login")
            except ForgeError as err:
                if err.status not in (401, 403):
                    raise
                self._login = ACTIONS_BOT
        return self._login

    def merged_pull(self, sha: str) -> PullRequest | None:
        # "Lists the merged pull request that introduced the commit to the repository."
        found = listed(self.rest.call("GET", f"{self.repo}/commits/{sha}/pulls"), "GET 提交关联的拉取请求")
        return merged_into([pull_from(p) for p in found], self.default_branch())

    def comments(self, number: int) -> list[Comment]:
        found = self.rest.pages(f"{self.repo}/issues/{number}/comments", {}, self.PAGE_PARAM)
        return [comment_from(c) for c in found]

    def issues(self) -> list[Issue]:
        found = self.rest.pages(f"{self.repo}/issues", {"state": "all"}, self.PAGE_PARAM)
        return [issue_from(i) for i in found if not (isinstance(i, dict) and "pull_request" in i)]

    def branch_sha(self, branch: str) -> str | None:
        ref = self.rest.call("GET", f"{self.repo}/git/ref/heads/{quote(branch)}", missing_ok=True)
        return Fields(ref, "分支信息").text("object", "sha") if ref is not None else None

    def create_branch(self, branch: str, sha: str) -> None:
        self.rest.call("POST", f"{self.repo}/git/refs", {"ref": f"refs/heads/{branch}", "sha": sha})
