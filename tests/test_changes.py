"""Change classification: kinds and labels, readable field changes, list effects, and cost that
follows the size of the change rather than the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitbuild import GitRepo, catalog_repo, request_delisting
from test_notice import HUJI, LIUDONG, land

from generator import gitrepo
from generator.changes.classify import LABELS, classify
from generator.changes.review import review
from generator.load import yamlfile
from generator.report.effects import describe, effects
from generator.synth import vocabulary, write_catalog

SHICHANG = "catalog/shichang/102001-000001.yaml"


def doc(text: str, path: str = "gongan/x.yaml") -> yamlfile.Document:
    parsed, problems = yamlfile.parse(text.encode(), path)
    assert parsed is not None, problems
    return parsed


def test_kinds_of_status_moves() -> None:
    active = "code: 301001/000001\nname: 甲\nstatus: 在用\nshare: {type: 无条件共享}\nopen: {type: 无条件开放}\n"
    cases = {
        "delist-request": active.replace("在用", "公示中"),
        "update": active.replace("name: 甲", "name: 乙"),
        "restrict": active.replace("无条件开放", "依申请开放"),
    }
    for kind, after in cases.items():
        [change] = classify(["gongan/x.yaml"], {"gongan/x.yaml": doc(active)}, {"gongan/x.yaml": doc(after)}, "catalog")
        assert (change.kind, change.label) == (kind, LABELS[kind])
    notice = active.replace("在用", "公示中")
    for after, kind in ((active, "delist-withdraw"), (notice.replace("公示中", "已下线"), "delist-execute")):
        [change] = classify(["gongan/x.yaml"], {"gongan/x.yaml": doc(notice)}, {"gongan/x.yaml": doc(after)}, "catalog")
        assert change.kind == kind


def test_deleted_and_added_file_with_the_same_name_is_a_code_change() -> None:
    old = "code: 301001/000001\nname: 甲资源\nstatus: 在用\n"
    new = old.replace("000001", "000002")
    changes = classify(
        ["gongan/301001-000001.yaml", "gongan/301001-000002.yaml"],
        {"gongan/301001-000001.yaml": doc(old)},
        {"gongan/301001-000002.yaml": doc(new)},
        "catalog",
    )
    assert [(c.kind, c.old_code, c.code, c.old_path) for c in changes] == [
        ("code-change", "301001/000001", "301001/000002", "catalog/gongan/301001-000001.yaml")
    ]


def test_registry_department_and_schema_changes() -> None:
    changes = classify(
        ["registry.yaml", "gongan/department.yaml", "gongan/needs.yaml"],
        {"registry.yaml": doc("name: 甲\n"), "gongan/department.yaml": doc("name: 甲局\n")},
        {"registry.yaml": doc("name: 乙\n"), "gongan/department.yaml": doc("name: 乙局\n"), "gongan/needs.yaml": doc("needs: []\n")},
        "catalog",
        ["schemas/resource.schema.json"],
    )
    assert [(c.kind, c.label, c.department) for c in changes] == [
        ("department", "部门信息变更", "gongan"),
        ("department", "需求清单变更", "gongan"),
        ("registry", "登记信息变更", ""),
        ("registry", "模式或规则配置变更", ""),
    ]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return catalog_repo(tmp_path / "repo")


def test_readable_fields_and_list_effects(repo: GitRepo) -> None:
    repo.branch("pr")
    request_delisting(repo, HUJI)
    repo.replace(SHICHANG, "update_cycle: 实时", "update_cycle: 每日")
    repo.commit("申请", "2026-03-02")
    result = review(gitrepo.open_repo(repo.root), "catalog", "main", "HEAD", "2026-03-02")
    update = next(c for c in result.changes if c.path == SHICHANG)
    assert [(f.label, f.before, f.after) for f in update.fields] == [("「更新周期」", "实时", "每日")]
    assert describe(effects(result.changes)) == "公示中 +1"


def test_withdrawal_and_execution_move_the_lists(repo: GitRepo) -> None:
    land(repo, "delist", LIUDONG, "2026-03-02", "2026-03-03")
    repo.branch("execute")
    repo.replace(LIUDONG, "status: 公示中", "status: 已下线")
    repo.commit("执行", "2026-04-10")
    result = review(gitrepo.open_repo(repo.root), "catalog", "main", "HEAD", "2026-04-10")
    # 301001/000001 is 有条件共享 and 依申请开放: it leaves the catalog, the share and open lists.
    assert describe(effects(result.changes)) == "资源目录 −1，共享清单 −1，开放清单 −1，公示中 −1，已下线 +1"


def test_json_contract(repo: GitRepo) -> None:
    repo.branch("pr")
    request_delisting(repo, HUJI)
    repo.commit("申请", "2026-03-02")
    data = review(gitrepo.open_repo(repo.root), "catalog", "main", "HEAD", "2026-03-02").as_dict()
    assert set(data) == {"changes", "problems"}
    change = data["changes"][0]
    assert {"code", "department", "path", "kind", "label"} <= set(change)
    assert (change["kind"], change["label"], change["code"], change["department"]) == ("delist-request", "下线申请", "101001/000001", "gongan")
    assert change["notice"]["notice_end"] == "2026-04-14"  # 30 working days after 03-02 (清明 04-04..06)


def test_unrelated_pull_request_does_not_parse_the_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 resources; a pull request changes one. Count what the YAML parser is asked to read."""
    repo = GitRepo(tmp_path / "big")
    paths = write_catalog(repo.root / "catalog", 2000, 20, 4, 7, vocabulary(None, None))
    repo.commit("合成目录", "2026-01-05")
    target = paths[1234].relative_to(repo.root).as_posix()
    repo.branch("pr")
    text = repo.read(target)
    repo.write(target, text.replace("update_cycle:", "usage: 仅限本部门履职使用\nupdate_cycle:", 1))
    repo.commit("修改一个资源", "2026-03-02")

    parsed: list[str] = []
    real = yamlfile._parse

    def counting(raw: bytes, path: str) -> yamlfile.Document:
        parsed.append(path)
        return real(raw, path)

    monkeypatch.setattr(yamlfile, "_parse", counting)
    result = review(gitrepo.open_repo(repo.root), "catalog", "main", "HEAD", "2026-03-02")
    assert [c.kind for c in result.changes] == ["update"]
    assert not result.blocking, result.problems
    resources = [p for p in parsed if p.startswith("catalog/d") and not p.endswith("department.yaml")]
    # The changed file on both sides, plus at most the resources it refers to.
    assert len(resources) <= 4, resources
    assert len(parsed) < 60, len(parsed)  # 20 department files + registry files + the change

    # The counter does see a whole-catalog load, so the bound above means something.
    parsed.clear()
    from generator.load.catalog import load, read_folder

    load(read_folder(repo.root / "catalog"))
    assert len(parsed) > 2000
