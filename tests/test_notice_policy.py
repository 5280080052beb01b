"""``catalog check`` on notices: P-004 trusts only the forge's merges and never a provisional end;
P-008 refuses narrowing the terms of a running notice; widening them restarts it."""

from __future__ import annotations

from pathlib import Path

import pytest
from calendars import until_2026  # noqa: F401  (fixture)
from gitbuild import GitRepo, catalog_repo, request_delisting
from test_notice import HUJI, LIUDONG, land, record_2027
from test_policy import check, execute, rules


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return catalog_repo(tmp_path / "repo")


def test_a_backdated_fast_forwarded_request_cannot_be_executed(repo: GitRepo) -> None:
    repo.branch("backdated")
    request_delisting(repo, LIUDONG)
    repo.commit("下线申请", "2026-01-06")  # GIT_COMMITTER_DATE set by the applicant
    repo.checkout("main")
    repo.fast_forward("backdated")
    execute(repo, LIUDONG, "2026-03-20")
    refused = check(repo, "2026-03-20")
    assert rules(refused) == ["P-004"] and refused.blocking
    assert "无法确认公示期已满" in refused.problems[0].message
    assert "不是代码托管平台的合并提交" in refused.problems[0].message


def test_the_merge_identity_comes_from_the_base_registry(repo: GitRepo) -> None:
    """A pull request naming its own author as the forge's merge identity changes nothing."""
    repo.branch("backdated")
    request_delisting(repo, LIUDONG)
    repo.commit("下线申请", "2026-01-06")
    repo.checkout("main")
    repo.fast_forward("backdated")
    repo.branch("execute")
    repo.replace(LIUDONG, "status: 公示中", "status: 已下线")
    repo.replace("catalog/registry.yaml", "merge_committer: 代码托管平台 <forge@example.gov.cn>", "merge_committer: 测试提交人 <tester@example.gov.cn>")
    repo.commit("下线执行并改合并提交人", "2026-03-20")
    assert "P-004" in rules(check(repo, "2026-03-20"))


@pytest.mark.usefixtures("until_2026")
def test_a_provisional_end_never_lets_an_execution_pass(repo: GitRepo) -> None:
    land(repo, "late", HUJI, "2026-12-01", "2026-12-02")
    execute(repo, HUJI, "2027-01-20")
    refused = check(repo, "2027-01-20")  # after the provisional end 2027-01-14
    assert rules(refused) == ["P-004"]
    message = refused.problems[0].message
    assert "公示期截止日 2027-01-14 是暂定的" in message and "2027 年的节假日安排写入 catalog/holidays.yaml" in message
    assert refused.windows[HUJI].provisional
    repo.checkout("main")
    record_2027(repo, "2027-01-18")
    repo.checkout("execute")
    repo.git("rebase", "-q", "main")
    accepted = check(repo, "2027-01-20")
    assert accepted.problems == () and not accepted.windows[HUJI].provisional


def test_narrowing_the_terms_of_a_running_notice_is_refused(repo: GitRepo) -> None:
    land(repo, "delist", HUJI, "2026-02-05", "2026-02-06")
    repo.branch("narrow")
    repo.replace(HUJI, "mounted: true\nconsumers: [shichang]\n", "mounted: false\nconsumers: []\n")
    repo.commit("改为未挂载", "2026-02-20")
    refused = check(repo, "2026-02-20")
    assert rules(refused) == ["P-008"] and refused.blocking
    assert "不再标明已挂载数据" in refused.problems[0].message and "删去了使用部门 shichang" in refused.problems[0].message
    assert refused.problems[0].line == 25  # the mounted line


def test_widening_the_terms_shows_the_restarted_notice(repo: GitRepo) -> None:
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    repo.branch("widen")
    repo.replace(LIUDONG, "mounted: false\n", "mounted: false\nconsumers: [shichang]\n")
    repo.commit("增加使用部门", "2026-03-20")
    result = check(repo, "2026-03-20")
    assert result.problems == ()
    window = result.windows[LIUDONG]
    # Restarted on 03-20 with 30 calendar days: 04-19 is a Sunday, so the end moves to Monday 04-20.
    assert (window.notice_start, window.notice_end, window.consumers) == ("2026-03-20", "2026-04-20", ("shichang",))
