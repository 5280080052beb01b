"""``catalog check``, ``catalog codeowners`` and ``catalog comment`` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import hostile
import pytest
from conftest import REPO
from fakeforge import FakeForge
from gitbuild import GitRepo, catalog_repo, request_delisting
from golden import assert_golden
from test_notice import HUJI, LIUDONG, land

from generator.cli import main
from generator.problems import Problem
from generator.report.github import annotate, summary
from generator.report.markdown import MARKER

SHICHANG = "catalog/shichang/102001-000001.yaml"


def masked(report: str) -> str:
    """Commit ids change with the base corpus; the golden files hold placeholders."""
    return re.sub(r"\b[0-9a-f]{7}\b", "<提交>", report)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = catalog_repo(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    return repo


def test_mixed_application_report(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    request_delisting(repo, HUJI)
    repo.replace(SHICHANG, "update_cycle: 实时", "update_cycle: 每日")
    hostile = repo.read(LIUDONG).replace("301001/000001", "301001/000007").replace("流动人口居住登记信息", "流动 @everyone <b>人口</b> | 信息")
    repo.write("catalog/gongan/301001-000007.yaml", hostile.replace("related: [101001/000001]\n", "related: [101001/000099]\n"))
    repo.commit("多项申请", "2026-03-02")
    assert main(["check", "--base", "main", "--today", "2026-03-02"]) == 1
    report = capsys.readouterr().out
    assert "@everyone" not in report and "<b>" not in report
    assert_golden("pr-report/mixed.md", masked(report))


def test_refused_execution_report_and_json(repo: GitRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    repo.branch("execute")
    repo.replace(LIUDONG, "status: 公示中", "status: 已下线")
    repo.commit("下线执行", "2026-03-20")
    out_file = tmp_path / "out" / "report.md"
    assert main(["check", "--base", "main", "--today", "2026-03-20", "--format", "json", "--report", str(out_file)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["label"]) for c in data["changes"]] == [("delist-execute", "下线执行")]
    assert [p["rule"] for p in data["problems"]] == ["P-004"]
    assert_golden("pr-report/execute-refused.md", masked(out_file.read_text(encoding="utf-8")))


def test_github_format_writes_annotations_and_summary(repo: GitRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.branch("pr")
    repo.remove(LIUDONG)
    repo.commit("删除", "2026-03-02")
    step_summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    assert main(["check", "--base", "main", "--format", "github", "--today", "2026-03-02"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"::error file={LIUDONG},title=P-001::")
    assert "### 删除 · 301001/000001" in step_summary.read_text(encoding="utf-8")


def test_clean_application_exits_0_and_bad_revision_exits_2(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.branch("pr")
    repo.replace(SHICHANG, "update_cycle: 实时", "update_cycle: 每日")
    repo.commit("修改", "2026-03-02")
    assert main(["check", "--base", "main", "--today", "2026-03-02"]) == 0
    assert "✅ 检查通过" in capsys.readouterr().out
    assert main(["check", "--base", "no-such-branch"]) == 2
    assert "找不到版本“no-such-branch”" in capsys.readouterr().err


def test_annotations_respect_the_per_step_limit() -> None:
    problems = [Problem(f"catalog/a/{i}.yaml", 1, 1, "R-001", "error", "错") for i in range(12)]
    problems += [Problem("catalog/b.yaml", 2, 1, "P-007", "warning", "警") for _ in range(3)]
    lines = annotate(problems).splitlines()
    assert sum(line.startswith("::error") for line in lines) == 10
    assert sum(line.startswith("::warning") for line in lines) == 3
    assert lines[-1].startswith("::notice::还有 2 个问题")
    assert len(summary("长" * 600_000).encode()) <= 1_000_000


def test_codeowners_generate_and_check(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--check"]) == 1
    assert main(["codeowners"]) == 0
    text = (repo.root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    for path, owners in OWNERS.items():
        assert github_owners(text, path) == owners, path
    assert main(["codeowners", "--check"]) == 0
    repo.replace("catalog/gongan/department.yaml", '["@test-gongan"]', '["@test-gongan", "@gongan-2"]')
    assert main(["codeowners", "--check"]) == 1
    repo.replace("catalog/gongan/department.yaml", '["@test-gongan", "@gongan-2"]', '["@test-gongan"]')
    assert main(["codeowners", "--flavour", "gitea"]) == 0
    gitea = (repo.root / ".gitea" / "CODEOWNERS").read_text(encoding="utf-8")
    for path, owners in OWNERS.items():
        assert gitea_owners(gitea, path) == owners, path


BUREAU = ["@test-bureau/reviewers"]
OWNERS = {
    "catalog/gongan/101001-000001.yaml": ["@test-gongan"],
    "catalog/gongan/department.yaml": ["@test-gongan"],
    "catalog/gongan/.gitattributes": BUREAU,
    "catalog/gongan/.hidden.yaml": BUREAU,
    "catalog/gongan/sub/101001-000001.yaml": BUREAU,
    "catalog/gongan/notes.txt": BUREAU,
    "catalog/registry.yaml": BUREAU,
    "catalog/legal_bases.yaml": BUREAU,
    "catalog/.gitattributes": BUREAU,
    "generator/profiles/guangxi.yaml": BUREAU,
    "generator/rules/sharing.py": BUREAU,
    "site_overrides/main.html": BUREAU,
    "mkdocs.yml": BUREAU,
    ".github/workflows/pr-check.yml": BUREAU,
    ".github/CODEOWNERS": BUREAU,
    ".gitattributes": BUREAU,
    "docs/index.md": BUREAU,
}
"""Who must approve a change to each path: a department only its own catalog files (as ``catalog
check`` classifies them), the bureau everything else."""


def github_owners(text: str, path: str) -> list[str]:
    """GitHub's reading: gitignore-style patterns, the last matching line wins."""
    import pathspec

    owners: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *names = line.split()
            if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file(path):
                owners = names
    return owners


def gitea_owners(text: str, path: str) -> list[str]:
    """Gitea's reading: anchored Go regular expressions (``\\\\`` escapes), ``!`` negates, all matches add."""
    owners: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *names = line.split()
            negate = pattern.startswith("!")
            matched = re.fullmatch(pattern.removeprefix("!").replace("\\\\", "\\"), path) is not None
            if matched != negate:
                owners += [n for n in names if n not in owners]
    return owners


def test_repository_codeowners_is_current(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    assert main(["codeowners", "--check"]) == 0, capsys.readouterr().err


def test_comment_command_posts_the_report(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.md"
    report.write_text("<!-- catalog-check -->\n## 报告\n", encoding="utf-8")
    with FakeForge("github") as fake:
        number = fake.add_pull("【编目】甲", head="gongan/add")
        for key, value in fake.env.items():
            monkeypatch.setenv(key, value)
        assert main(["comment", "--pr", str(number), "--report", str(report)]) == 0
        assert main(["comment", "--pr", str(number), "--report", str(report), "--head-sha", "0" * 40]) == 1
        assert fake.violations == []
    assert "已在 #1 发布检查报告评论" in capsys.readouterr().out


MENTION = re.compile(r"@(?!&#8203;)")
"""An ``@`` not followed by a zero-width space: GitHub and Gitea would notify someone."""


def _assert_inert(body: str) -> None:
    assert body.startswith(MARKER + "\n") and body.count(MARKER) == 1, "marker missing, moved or repeated"
    assert "<" not in body.removeprefix(MARKER), "raw HTML in the comment"
    assert not MENTION.search(body), "raw @-mention in the comment"
    assert "://" not in body and "](" not in body, "a link in the comment"
    for line in body.splitlines():
        assert not line.startswith("|") or line.endswith("|"), f"table row broken: {line}"


def test_hostile_values_reach_the_sticky_comment_as_inert_text(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.branch("pr")
    repo.write(f"catalog/{hostile.DEPARTMENT}/{hostile.STEM}.yaml", hostile.resource_yaml())
    quoted = hostile.SUMMARY.replace("'", "''")
    repo.replace(LIUDONG, "summary: 在本市居住半年以上的流动人口居住登记和居住证办理信息。", f"summary: '{quoted}'")
    repo.commit("<b>@someone</b> --> 申请", "2026-03-02")
    report = tmp_path / "report.md"
    main(["check", "--base", "main", "--today", "2026-03-02", "--report", str(report)])
    written = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;恶意 @&#8203;someone" in written, "the name is not shown"
    with FakeForge("github") as fake:
        number = fake.add_pull("【编目】恶意", head="shichang/add")
        for key, value in fake.env.items():
            monkeypatch.setenv(key, value)
        assert main(["comment", "--pr", str(number), "--report", str(report)]) == 0
        bodies = [c["body"] for c in fake.comments.values()]
    capsys.readouterr()
    assert len(bodies) == 1
    _assert_inert(bodies[0])
    assert "-->" not in bodies[0].removeprefix(MARKER) and "--&gt;" in bodies[0]


def test_a_forged_report_is_neutralised_before_posting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The artifact comes from a run of the pull request's own code, which may be rewritten."""
    forged = (
        "## ✅ 检查通过 @admin @org/reviewers\n"
        f"<details><summary>x</summary>{MARKER}<img src=https://evil.example/p.png></details>\n"
        "<!-- hidden --> [点我](https://evil.example) ![](https://evil.example/i.png)\n"
        f"{MARKER}\n| a | b |\n"
    )
    report = tmp_path / "report.md"
    report.write_text(forged, encoding="utf-8")
    with FakeForge("github") as fake:
        number = fake.add_pull("【编目】甲", head="gongan/add")
        for key, value in fake.env.items():
            monkeypatch.setenv(key, value)
        assert main(["comment", "--pr", str(number), "--report", str(report)]) == 0
        body = next(iter(fake.comments.values()))["body"]
    capsys.readouterr()
    _assert_inert(body)
    assert "&lt;details>" in body and "&lt;img" in body and "&lt;!-- hidden -->" in body
