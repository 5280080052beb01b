"""The GitHub and Gitea clients against the fake forge (documented request shapes), the sticky
comment, and neutralisation of submitter text."""

from __future__ import annotations

import pytest
from fakeforge import BOT, FakeForge

from generator.forge import ForgeError, from_env
from generator.report.markdown import MARKER
from generator.report.neutral import text
from generator.sticky import post

FLAVOURS = ["github", "gitea"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_every_client_call_fits_the_documented_shapes(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        fake.files[("main", "catalog/a.yaml")] = "status: 公示中\n".encode()
        client = from_env(fake.env)
        assert client.login() == BOT
        assert client.default_branch() == "main"
        issue = client.open_issue("标题", "正文")
        comment = client.add_comment(issue.number, "评论")
        client.edit_comment(comment.id, "改过的评论")
        assert [c.body for c in client.comments(issue.number)] == ["改过的评论"]
        assert [i.title for i in client.issues()] == ["标题"]
        assert client.branch_sha("nope") is None
        client.create_branch("bot/x", client.branch_sha("main") or "")
        content, blob = client.file("catalog/a.yaml", "bot/x") or (b"", "")
        assert content.decode() == "status: 公示中\n"
        assert client.file("catalog/missing.yaml", "bot/x") is None
        client.put_file("catalog/a.yaml", "bot/x", "status: 已下线\n".encode(), "下线执行", blob)
        pull = client.open_pull("【下线执行】甲", "正文", "bot/x", "main")
        assert (pull.head, pull.base, pull.state) == ("bot/x", "main", "open")
        assert [p.number for p in client.pulls("open")] == [pull.number]
        assert client.pull(pull.number).head_sha == fake.branches["bot/x"]
        assert client.pull_files(pull.number) == []
        assert fake.violations == []
        assert fake.files[("bot/x", "catalog/a.yaml")] == "status: 已下线\n".encode()


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_pagination_reads_every_page(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        for index in range(120):
            fake.add_pull(f"申请 {index}", head=f"b{index}")
        assert len(from_env(fake.env).pulls("open")) == 120
        assert fake.violations == []


def test_refused_request_is_a_chinese_error() -> None:
    with FakeForge("github") as fake:
        client = from_env(fake.env)
        with pytest.raises(ForgeError, match="代码托管平台拒绝了请求"):
            client.pull(99)


def test_configuration_from_environment() -> None:
    with pytest.raises(ForgeError, match="CATALOG_FORGE_TOKEN"):
        from_env({"CATALOG_FORGE": "github", "CATALOG_FORGE_REPO": "a/b"})
    with pytest.raises(ForgeError, match="CATALOG_FORGE_API"):
        from_env({"CATALOG_FORGE": "gitea", "CATALOG_FORGE_REPO": "a/b", "CATALOG_FORGE_TOKEN": "t"})
    github = from_env({"GITHUB_REPOSITORY": "a/b", "GITHUB_TOKEN": "t", "GITHUB_API_URL": "https://ghe.example/api/v3"})
    assert type(github).__name__ == "GitHub"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_sticky_comment_is_edited_in_place(flavour: str) -> None:
    with FakeForge(flavour) as fake:
        number = fake.add_pull("【编目】甲", head="gongan/add")
        client = from_env(fake.env)
        # Someone quoting the marker in their own comment does not capture the bot's comment.
        fake.comments[1] = {"issue": number, "body": f"{MARKER}\n假报告", "user": "someone"}
        assert post(client, number, f"{MARKER}\n## 报告一\n") == f"已在 #{number} 发布检查报告评论"
        assert post(client, number, f"{MARKER}\n## 报告二 @everyone\n") == f"已更新 #{number} 的检查报告评论"
        assert post(client, number, f"{MARKER}\n## 报告二 @everyone\n") == f"#{number} 的检查报告评论没有变化"
        mine = [c for c in fake.comments.values() if c["user"] == BOT]
        assert len(mine) == 1
        assert mine[0]["body"].startswith(MARKER) and "@&#8203;everyone" in mine[0]["body"]
        with pytest.raises(ValueError, match="不是拉取请求"):
            post(client, number, "x", head_sha="f" * 40)
        assert fake.violations == []


def test_submitter_text_cannot_ping_inject_or_break_out() -> None:
    hostile = "甲 @everyone @org/team | 列 `x` ```\n# 标题 <img src=x onerror=alert(1)> <!-- catalog-check --> [点](javascript:x) https://evil.example"
    shown = text(hostile)
    assert "\n" not in shown
    assert "@everyone" not in shown and "@org" not in shown
    assert "<" not in shown and ">" not in shown
    assert "|" not in shown.replace("\\|", "")
    assert "`" not in shown.replace("\\`", "")
    assert "](" not in shown.replace("\\]\\(", "")
    assert "https://" not in shown
    assert len(text("长" * 1000)) <= 300
