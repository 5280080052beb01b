"""``catalog form-branches`` and its workflow: department branches and their pull requests (branch mode).

A real repository with a department branch the form committed to, and the fake forge (same
interface as GitHub's and Gitea's APIs, requests checked against their documented shapes).
"""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO
from fakeforge import FakeForge
from gitbuild import GitRepo, catalog_repo
from test_workflows import problems

from generator.cli import main

WORKFLOW = REPO / ".github" / "workflows" / "form-branches.yml"
RESOURCE = "catalog/gongan/301001-000001.yaml"


@pytest.fixture
def repo(tmp_path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:  # type: ignore[no-untyped-def]
    repo = catalog_repo(tmp_path / "repo")
    repo.branch("form/gongan")
    repo.replace(RESOURCE, "update_cycle: 每月", "update_cycle: 每周")
    repo.commit("修改 catalog/gongan/301001-000001.yaml（目录条目，填报表单）", "2026-03-02")
    repo.checkout("main")
    monkeypatch.chdir(repo.root)
    return repo


@pytest.mark.parametrize("flavour", ["gitea", "github"])
def test_missing_branches_are_created_and_changed_ones_get_one_pull_request(
    repo: GitRepo, flavour: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeForge(flavour) as forge:
        for name, value in forge.env.items():
            monkeypatch.setenv(name, value)
        forge.branches["form/gongan"] = repo.git("rev-parse", "form/gongan")
        forge.files[("form/gongan", RESOURCE)] = repo.git("show", f"form/gongan:{RESOURCE}").encode() + b"\n"  # what the form pushed

        assert main(["form-branches", "--remote", ""]) == 0
        dry = capsys.readouterr().out
        assert "将为 form/gongan（测试市公安局）开出拉取请求（1 个文件有修改）" in dry
        assert "将创建部门分支 form/shichang（测试市市场监督管理局）" in dry
        assert forge.writes() == [], "without --apply nothing is written"

        assert main(["form-branches", "--remote", "", "--apply"]) == 0
        done = capsys.readouterr().out
        assert "已为 form/gongan（测试市公安局）开出拉取请求 #1" in done
        assert [(p["head"], p["base"], p["title"]) for p in forge.pulls()] == [("form/gongan", "main", "测试市公安局：通过填报表单提交的目录申请")]
        assert "form/gongan" in forge.pulls()[0]["body"]
        assert forge.branches["form/shichang"] == forge.branches["main"]

        repo.git("branch", "form/shichang", "main")  # what the workflow's fetch brings
        assert main(["form-branches", "--remote", "", "--apply"]) == 0
        again = capsys.readouterr().out
        assert "form/gongan（测试市公安局）的拉取请求 #1 已开出" in again
        assert "form/shichang（测试市市场监督管理局）没有待提交的修改" in again
        assert len(forge.pulls()) == 1, "no second pull request for the same branch"
        assert forge.violations == []


def test_a_branch_not_fetched_is_reported(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeForge("gitea") as forge:
        for name, value in forge.env.items():
            monkeypatch.setenv(name, value)
        forge.branches["form/gongan"] = forge.branches["form/shichang"] = "1" * 40
        assert main(["form-branches"]) == 1
        assert "本地没有分支 origin/form/shichang" in capsys.readouterr().out


def test_without_forge_settings_it_says_which_are_missing(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("CATALOG_FORGE", "CATALOG_FORGE_REPO", "CATALOG_FORGE_TOKEN", "GITHUB_REPOSITORY", "GITHUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["form-branches"]) == 1
    assert "CATALOG_FORGE" in capsys.readouterr().err


def test_the_workflow_keeps_the_workflow_rules_and_runs_main_code() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert problems(text) == []
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["branches"]["steps"]
    assert steps[0]["with"]["ref"] == "main" and steps[0]["with"]["fetch-depth"] == 0
    assert set(workflow[True]["push"]["branches"]) == {"main", "form/**"}
    assert steps[-1]["run"] == "catalog form-branches --apply"
