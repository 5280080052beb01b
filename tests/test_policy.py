"""Policy checks of ``catalog check`` on real git repositories with fixed commit dates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BASE
from gitbuild import GitRepo, catalog_repo, request_delisting
from test_notice import HUJI, LIUDONG, land

from generator import applicability, gitrepo
from generator.profiles import resolve
from generator.review import Review, review

SHICHANG = "catalog/shichang/102001-000001.yaml"


def check(repo: GitRepo, today: str, head: str = "HEAD") -> Review:
    return review(gitrepo.open_repo(repo.root), "catalog", "main", head, today)


def rules(result: Review) -> list[str]:
    return [p.rule for p in result.problems]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return catalog_repo(tmp_path / "repo")


def execute(repo: GitRepo, path: str, day: str) -> None:
    repo.branch("execute")
    repo.replace(path, "status: 公示中", "status: 已下线")
    repo.commit("下线执行", day)


def test_calendar_day_notice_29_and_30_days_refused_31_accepted(repo: GitRepo) -> None:
    """30 自然日 from the merge on 2026-03-03: days 1–30 are 03-04 … 04-02 (a Thursday, a working
    day, so no move). The notice has fully run once 30 whole days have passed: 29 days after the
    start (04-01) and on the 30th day itself (04-02) the execution is refused; from 04-03 on it is
    accepted."""
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    execute(repo, LIUDONG, "2026-04-01")
    refused = check(repo, "2026-04-01")
    assert rules(refused) == ["P-004"] and refused.blocking
    assert "公示期至 2026-04-02（北京时间），2026-04-03 起方可下线执行" in refused.problems[0].message
    assert refused.problems[0].line == 27  # the status line of the file
    assert rules(check(repo, "2026-04-02")) == ["P-004"]
    accepted = check(repo, "2026-04-03")
    assert accepted.problems == () and not accepted.blocking
    assert accepted.windows[LIUDONG].due


def test_working_day_notice_across_spring_festival(repo: GitRepo) -> None:
    land(repo, "delist", HUJI, "2026-02-05", "2026-02-06")
    execute(repo, HUJI, "2026-03-20")
    refused = check(repo, "2026-03-26")
    assert rules(refused) == ["P-004"]
    assert "30 个工作日，公示期至 2026-03-26（北京时间）" in refused.problems[0].message
    assert rules(check(repo, "2026-03-27")) == []


def test_working_day_notice_across_national_day(repo: GitRepo) -> None:
    land(repo, "delist", HUJI, "2026-09-17", "2026-09-18")
    execute(repo, HUJI, "2026-11-05")
    assert "公示期至 2026-11-05" in check(repo, "2026-11-05").problems[0].message
    assert rules(check(repo, "2026-11-06")) == []


def test_a_pull_request_cannot_shorten_its_own_notice(repo: GitRepo) -> None:
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    repo.branch("execute")
    repo.replace(LIUDONG, "status: 公示中", "status: 已下线")
    repo.replace("catalog/registry.yaml", "notice: {days: 30", "notice: {days: 1")
    repo.commit("下线执行并缩短公示期", "2026-03-10")
    assert "P-004" in rules(check(repo, "2026-03-10"))


def test_delete_is_refused(repo: GitRepo) -> None:
    repo.branch("pr")
    repo.remove(LIUDONG)
    repo.commit("删除", "2026-03-02")
    result = check(repo, "2026-03-02")
    assert [(p.rule, p.path) for p in result.problems] == [("P-001", LIUDONG)]
    assert result.changes[0].kind == "delete" and result.blocking


def test_code_change_is_refused(repo: GitRepo) -> None:
    repo.branch("pr")
    repo.git("mv", LIUDONG, "catalog/gongan/301001-000009.yaml")
    repo.replace("catalog/gongan/301001-000009.yaml", "code: 301001/000001", "code: 301001/000009")
    repo.commit("改代码", "2026-03-02")
    result = check(repo, "2026-03-02")
    assert [(c.kind, c.old_code, c.code) for c in result.changes] == [("code-change", "301001/000001", "301001/000009")]
    assert rules(result) == ["P-002"] and result.blocking


def test_code_change_in_place_is_refused(repo: GitRepo) -> None:
    repo.branch("pr")
    repo.replace(LIUDONG, "code: 301001/000001", "code: 301001/000002")
    repo.commit("改代码", "2026-03-02")
    result = check(repo, "2026-03-02")
    assert result.changes[0].kind == "code-change"
    assert "P-002" in rules(result) and "R-014" in rules(result)


def test_delisting_without_notice_is_refused(repo: GitRepo) -> None:
    repo.branch("pr")
    repo.replace(LIUDONG, "status: 在用\n", "status: 已下线\ndelisting:\n  reason: 业务已停止办理\n  basis: [pipl-13]\n")
    repo.commit("直接下线", "2026-03-02")
    result = check(repo, "2026-03-02")
    assert result.changes[0].kind == "delist-execute"
    assert rules(result) == ["P-004"] and "未经公示" in result.problems[0].message


def profile_repo(root: Path, profile: str) -> GitRepo:
    """The base test catalog under ``profile``, without the test bureau's own notice periods."""
    repo = GitRepo(root)
    shutil.copytree(BASE, root / "catalog")
    text = repo.read("catalog/registry.yaml")
    repo.write("catalog/registry.yaml", text[: text.index("# 全国性文件没有规定")].replace("profile: national", f"profile: {profile}"))
    if profile == "guizhou":  # 贵州 第十条 (使用要求), 第二十一条 (filing), 第二十四条第二款 (scope, purpose)
        for path in (HUJI, LIUDONG):
            repo.replace(path, "mounted:", "usage: 仅限本部门履职使用\nmounted:")
        repo.replace(LIUDONG, "  basis: [pipl-13]\nopen:", '  basis: [pipl-13]\n  filing: {ref: 测数备〔2025〕1号, date: "2025-01-10"}\nopen:')
        repo.replace(HUJI, "open:", "  purpose: [用于数据校核]\nopen:")
        repo.replace(LIUDONG, "open:", "  scope: 公安机关\n  purpose: [用于数据校核]\nopen:")
    repo.commit("初始目录", "2026-01-05")
    return repo


def test_mounted_delisting_must_list_consumers_under_guangxi(tmp_path: Path) -> None:
    """广西 第二十七条（三）: the provider notifies every consumer during the notice."""
    for profile, expected in (("guangxi", ["P-003", "R-041"]), ("guizhou", []), ("national", [])):
        repo = profile_repo(tmp_path / profile, profile)
        repo.branch("pr")
        request_delisting(repo, HUJI)
        repo.replace(HUJI, "consumers: [shichang]\n", "")
        repo.commit("下线申请", "2026-03-02")
        result = check(repo, "2026-03-02")
        assert sorted(rules(result)) == expected, profile
        if profile == "guangxi":
            p003 = next(p for p in result.problems if p.rule == "P-003")
            assert p003.message.endswith("（广西 第二十七条（三））")


def test_no_thirty_day_notice_under_guizhou(tmp_path: Path) -> None:
    """贵州 第二十五条 asks for an application filed in advance, not a 30-day notice (广西 第二十二条):
    once the application is merged, the delisting may be executed the next day."""
    repo = profile_repo(tmp_path / "guizhou", "guizhou")
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    execute(repo, LIUDONG, "2026-03-04")
    accepted = check(repo, "2026-03-04")
    assert "P-004" not in rules(accepted) and not accepted.blocking
    assert accepted.windows[LIUDONG].days == 0


def test_thirty_day_notice_under_guangxi_cites_guangxi(tmp_path: Path) -> None:
    repo = profile_repo(tmp_path / "guangxi", "guangxi")
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    execute(repo, LIUDONG, "2026-03-04")
    refused = check(repo, "2026-03-04")
    p004 = [p for p in refused.problems if p.rule == "P-004"]
    assert p004 and p004[0].message.endswith("（广西 第二十二条）") and refused.blocking
    status = [p for p in refused.problems if p.rule == "R-041"]
    assert [p.level for p in status] == ["warning"] and "征求意见稿" in status[0].message


def test_direct_delisting_is_refused_under_guizhou_citing_guizhou(tmp_path: Path) -> None:
    repo = profile_repo(tmp_path / "guizhou", "guizhou")
    repo.branch("pr")
    repo.replace(LIUDONG, "status: 在用\n", "status: 已下线\ndelisting:\n  reason: 业务已停止办理\n  basis: [pipl-13]\n")
    repo.commit("直接下线", "2026-03-02")
    result = check(repo, "2026-03-02")
    p004 = [p for p in result.problems if p.rule == "P-004"]
    assert p004 and p004[0].message.endswith("（贵州 第二十五条）") and "广西" not in p004[0].message
    # 贵州 第二十五条 asks for advance filing ("提前报省大数据发展管理局备案"): no approval, no 公示期.
    assert p004[0].message == "不能直接下线：请先提交下线申请（状态改为“公示中”），申请合并后再执行下线（贵州 第二十五条）"
    reason = next(row.reason for row in applicability.table(resolve("guizhou", None)[0]) if row.rule == "P-004")
    assert "提前报备案" in reason and "批准" not in reason


def test_guizhou_execution_on_the_day_the_application_lands_names_no_notice(tmp_path: Path) -> None:
    repo = profile_repo(tmp_path / "guizhou", "guizhou")
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    execute(repo, LIUDONG, "2026-03-03")
    p004 = [p for p in check(repo, "2026-03-03").problems if p.rule == "P-004"]
    assert [p.message for p in p004] == ["下线申请于 2026-03-03 合并，2026-03-04 起方可执行下线（贵州 第二十五条）"]


def test_new_entry_must_be_active_and_delisted_cannot_return(repo: GitRepo) -> None:
    repo.branch("pr")
    text = repo.read(LIUDONG).replace("301001/000001", "301001/000005").replace("流动人口居住登记信息", "流动人口新登记信息")
    repo.write("catalog/gongan/301001-000005.yaml", text.replace("status: 在用\n", "status: 公示中\n" + "delisting:\n  reason: 测试理由说明\n  basis: [pipl-13]\n"))
    repo.commit("新增", "2026-03-02")
    result = check(repo, "2026-03-02")
    assert [c.kind for c in result.changes] == ["add"]
    assert rules(result) == ["P-005"]


def test_restriction_and_two_departments_are_flagged_not_blocked(repo: GitRepo) -> None:
    repo.branch("pr")
    repo.replace(LIUDONG, "type: 依申请开放", "type: 不予开放")
    repo.replace(SHICHANG, "update_cycle: 实时", "update_cycle: 每日")
    repo.commit("收紧并修改", "2026-03-02")
    result = check(repo, "2026-03-02")
    kinds = {c.path: c.kind for c in result.changes}
    assert kinds == {LIUDONG: "restrict", SHICHANG: "update"}
    assert sorted({(p.rule, p.level) for p in result.problems}) == [("P-006", "warning"), ("P-007", "warning")]
    assert not result.blocking


def rename_department(repo: GitRepo, old: str, new: str) -> None:
    """A reorganisation: the department's folder, id and its resources' ``department`` change."""
    repo.git("mv", f"catalog/{old}", f"catalog/{new}")
    for path in sorted((repo.root / "catalog" / new).glob("*.yaml")):
        relative = path.relative_to(repo.root).as_posix()
        text = repo.read(relative).replace(f"id: {old}\n", f"id: {new}\n").replace(f"department: {old}\n", f"department: {new}\n")
        repo.write(relative, text)


def test_renamed_department_folder_is_a_move_not_a_deletion(repo: GitRepo) -> None:
    repo.branch("reorganise")
    rename_department(repo, "gongan", "gonganju")
    repo.commit("机构改革：部门文件夹改名", "2026-03-12")
    result = check(repo, "2026-03-20")
    moved = {c.path: c for c in result.changes if c.code}
    assert {c.kind for c in moved.values()} == {"update"}
    assert moved["catalog/gonganju/301001-000001.yaml"].old_path == "catalog/gongan/301001-000001.yaml"
    assert "文件移至新文件夹" in moved["catalog/gonganju/301001-000001.yaml"].label
    # Neither a deletion (P-001) nor a code change (P-002): only the bureau's review of two folders.
    assert rules(result) == ["P-007"] and not result.blocking


def test_notice_runs_on_across_a_folder_rename(repo: GitRepo) -> None:
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    rename_department(repo, "gongan", "gonganju")
    repo.commit("机构改革：部门文件夹改名", "2026-03-20")
    moved = LIUDONG.replace("/gongan/", "/gonganju/")
    execute(repo, moved, "2026-04-03")
    accepted = check(repo, "2026-04-03")
    assert accepted.problems == () and accepted.windows[moved].notice_start == "2026-03-03"


def test_rename_and_execution_in_one_pull_request_keeps_the_start(repo: GitRepo) -> None:
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    repo.branch("both")
    rename_department(repo, "gongan", "gonganju")
    moved = LIUDONG.replace("/gongan/", "/gonganju/")
    repo.replace(moved, "status: 公示中", "status: 已下线")
    repo.commit("改名并下线执行", "2026-04-01")
    assert sorted(rules(check(repo, "2026-04-01"))) == ["P-004", "P-007"]
    assert "P-004" not in rules(check(repo, "2026-04-03"))
