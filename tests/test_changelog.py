"""generator.publish.changelog: pull-request titles from the forges' merge messages, departments from the
changed folders, and a Chinese summary wherever a message is not Chinese.

The message shapes are those the forges write, recorded from them: GitHub's web merge (title on
the body's first line), its squash and "pull request title" messages, Gitea's ``getMergeMessage``
(services/pull/merge.go: merge, squash, fork and external-tracker forms) and GitLab's default merge
commit template (old ``See merge request !N`` and current ``group/project!N`` references).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gitbuild import FORGE, GitRepo

from generator import gitrepo
from generator.gitrepo import Change, Commit
from generator.publish import changelog
from generator.publish.changelog import Pull, departments_of, entry, is_chinese, pull_of, summary_of

RECORDED = [
    # GitHub, "Create a merge commit" with the default message.
    ("Merge pull request #2406 from mkdocs/fix-nav-titles", "Fix nav titles with HTML entities\n", Pull(2406, "Fix nav titles with HTML entities")),
    ("Merge pull request #43 from guichuan-dsj/shichang/shipin-xuke-shiyong",
     "食品经营许可信息下线公示：补充使用部门\n\n经核实应急管理局也在使用本资源。\n", Pull(43, "食品经营许可信息下线公示：补充使用部门")),
    # GitHub: a merge commit whose body is empty (the merger cleared it).
    ("Merge pull request #7 from org/branch", "", Pull(7, "")),
    # GitHub squash, and a merge commit with the "Pull request title" default.
    ("Add support for Python 3.13 (#3811)", "", Pull(3811, "Add support for Python 3.13")),
    ("更新流动人口居住登记信息的更新周期 (#41)", "* 改为每日更新\n", Pull(41, "更新流动人口居住登记信息的更新周期")),
    # Gitea: merge within one repository, from a fork, with an external tracker, squash.
    ("Merge pull request '新增职业技能等级证书信息' (#42) from renshe/zhiye-jineng into main", "", Pull(42, "新增职业技能等级证书信息")),
    ("Merge pull request 'Fix 'quoted' title' (#5) from alice/gitea:fix-title into main", "", Pull(5, "Fix 'quoted' title")),
    ("Merge pull request '补充使用部门' (!12) from form/shichang into main", "Reviewed-on: https://git.example/pulls/12\n", Pull(12, "补充使用部门")),
    ("修改部门联系电话 (#9)", "Reviewed-on: https://git.example/dsj/catalog/pulls/9\nReviewed-by: 李明 <liming@dsj.example>\n", Pull(9, "修改部门联系电话")),
    # GitLab: the current template, and an older one with a local reference.
    ("Merge branch 'gongan-update' into 'main'", "更新居住证办理信息\n\nCloses #3\n\nSee merge request guichuan/catalog!15", Pull(15, "更新居住证办理信息")),
    ("Merge branch '36262_merge_request_reference_in_merge_commit_global' into 'master'",
     "fix Merge request reference in merge commit is not global\n\nCloses #36262\n\nSee merge request !13518",
     Pull(13518, "fix Merge request reference in merge commit is not global")),
]


@pytest.mark.parametrize("subject,body,pull", RECORDED)
def test_the_forges_merge_messages_name_the_pull_request(subject: str, body: str, pull: Pull) -> None:
    assert pull_of(subject, body) == pull


@pytest.mark.parametrize(
    "subject,body",
    [
        ("Merge branch 'main' into wt-notice", ""),  # a developer's merge, no pull request
        ("Merge branch 'x' into 'main'", "标题\n"),  # GitLab shape without its reference
        ("修改流动人口居住登记信息摘要", ""),
        ("Sample: data needs of two departments, one met, one partly met, one unmet", ""),
        ("Merge pull request #abc from org/branch", "标题"),
        ("Fix (#12) in the middle", ""),
    ],
)
def test_other_messages_name_no_pull_request(subject: str, body: str) -> None:
    assert pull_of(subject, body) is None


@pytest.mark.parametrize(
    "text,chinese",
    [
        ("修改流动人口居住登记信息摘要", True),
        ("新增 <b>@someone</b> 的资源", True),
        ("更新 Decap CMS 表单配置", True),
        ("Sample catalog: fictional 桂川市 under the guangxi profile, 10 departments, 68 resources", False),
        ("Merge law fidelity (issue 12 §1 §2 §4): per-profile applicability", False),
        ("Create Resource “101001-000001”", False),
        ("R-036", False),
        ("", False),
    ],
)
def test_chinese_is_told_from_a_developers_english(text: str, chinese: bool) -> None:
    assert is_chinese(text) is chinese


SEED = (
    [Change("A", f"catalog/{d}/department.yaml") for d in ("gongan", "minzheng", "shichang", "yingji")]
    + [Change("A", f"catalog/gongan/10100{n}-000001.yaml") for n in range(1, 4)]
    + [Change("A", "catalog/legal_bases.yaml"), Change("A", "catalog/registry.yaml")]
)
NAMES = {"gongan": "桂川市公安局", "minzheng": "桂川市民政局", "shichang": "桂川市市场监督管理局", "yingji": "桂川市应急管理局"}
BUREAU = "桂川市大数据发展局"


def test_a_summary_says_what_changed_in_chinese() -> None:
    assert summary_of(SEED, "catalog") == "新增资源 3 个，新增部门信息 4 份，新增法律依据，新增目录登记信息"
    edits = [Change("M", "catalog/gongan/301001-000001.yaml"), Change("M", "catalog/minzheng/needs.yaml"),
             Change("R", "catalog/gongan/x.yaml", "catalog/jiaoyu/x.yaml"), Change("M", "catalog/holidays.yaml"),
             Change("M", "README.md")]
    assert summary_of(edits, "catalog") == "变更资源 1 个，移动资源 1 个，更新数据需求，更新节假日安排"
    assert summary_of([Change("M", "README.md")], "catalog") == "目录更新"


def test_the_department_comes_from_the_changed_folders() -> None:
    one = [Change("M", "catalog/shichang/302002-000001.yaml")]
    assert departments_of(one, "catalog", NAMES, BUREAU) == "桂川市市场监督管理局"
    assert departments_of(one + [Change("M", "catalog/minzheng/needs.yaml")], "catalog", NAMES, BUREAU) == "桂川市民政局、桂川市市场监督管理局"
    assert departments_of([Change("M", "catalog/legal_bases.yaml")], "catalog", NAMES, BUREAU) == BUREAU
    assert departments_of(SEED, "catalog", NAMES, BUREAU) == "桂川市公安局等 4 个部门、桂川市大数据发展局"
    assert departments_of([Change("A", "catalog/weizhi/x.yaml")], "catalog", NAMES, BUREAU) == "weizhi"


def _commit(summary: str, changes: list[Change]) -> Commit:
    return Commit("f" * 40, "2026-12-02", "2026-12-02T10:00:00+08:00", "Seed maintainers", summary, tuple(changes))


def test_an_entry_shows_the_title_or_a_chinese_summary_never_english() -> None:
    change = [Change("M", "catalog/shichang/302002-000001.yaml")]
    merged = entry(_commit("Merge pull request #43 from guichuan-dsj/shichang/x", change), "食品经营许可信息下线公示：补充使用部门\n", "catalog", NAMES, BUREAU)
    assert (merged.summary, merged.number, merged.author, merged.derived) == ("食品经营许可信息下线公示：补充使用部门", 43, "桂川市市场监督管理局", False)
    english = entry(_commit("Sample: the resource on notice has no data mounted", change), "", "catalog", NAMES, BUREAU)
    assert (english.summary, english.number, english.author, english.derived) == ("变更资源 1 个", 0, "桂川市市场监督管理局", True)
    titled_in_english = entry(_commit("Update shichang (#44)", change), "", "catalog", NAMES, BUREAU)
    assert (titled_in_english.summary, titled_in_english.number) == ("变更资源 1 个", 44)
    direct = entry(_commit("修改流动人口居住登记信息摘要", change), "", "catalog", NAMES, BUREAU)
    assert (direct.summary, direct.number, direct.derived) == ("修改流动人口居住登记信息摘要", 0, False)
    long = entry(_commit("很" * 300 + " (#1)", change), "", "catalog", NAMES, BUREAU)
    assert len(long.summary) == changelog.TITLE_LIMIT and long.summary.endswith("…")
    assert isinstance(merged, Commit) and merged.sha == "f" * 40 and merged.changes == tuple(change)


def test_the_titles_of_a_real_history_come_from_its_merge_commits(tmp_path: Path) -> None:
    """A real repository: a forge merge with the title in its body, a squash, a developer's commit."""
    repo = GitRepo(tmp_path)
    repo.write("catalog/gongan/a.yaml", "a: 1\n")
    repo.commit("Initial import", "2026-11-02")
    repo.branch("gongan/update")
    repo.write("catalog/gongan/a.yaml", "a: 2\n")
    repo.commit("改为每日更新", "2026-11-03")
    repo.checkout("main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #41 from guichuan-dsj/gongan/update", "-m",
             "更新流动人口居住登记信息的更新周期\n\n改为每日更新。", "gongan/update", day="2026-11-04", committer=FORGE)
    repo.write("catalog/legal_bases.yaml", "bases: []\n")
    repo.commit("登记法律依据 (#42)", "2026-11-05")
    git_repo = gitrepo.open_repo(tmp_path)
    commits = gitrepo.log(git_repo, "catalog")
    bodies = gitrepo.merge_bodies(git_repo, "catalog")
    assert list(bodies) == [commits[1].sha]
    shown = [entry(c, bodies.get(c.sha, ""), "catalog", NAMES, BUREAU) for c in commits]
    assert [(e.summary, e.number, e.author) for e in shown] == [
        ("登记法律依据", 42, BUREAU),
        ("更新流动人口居住登记信息的更新周期", 41, "桂川市公安局"),
        ("新增资源 1 个", 0, "桂川市公安局"),
    ]
