"""R-042 (issue 11): a department or legal basis named like a page the site makes (``index``)
would replace that page; the check names the file and line, and the site is not built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BASE, REPO, TODAY
from gitbuild import GitRepo
from site_repo import make_repo

from generator.cli import main
from generator.publish.source import collect
from generator.rules.reserved import RESERVED
from generator.site.pages import plan

DEPARTMENT = """id: index
name: 测试市数据资源管理局
uscc: "11990100000000051T"
item_code: "05"
contact:
  office: 数据资源科
  phone: 0990-7654000
"""
BASIS = """- id: index
  name: 中华人民共和国数据安全法
  article: 第二十一条
  issuer: 全国人民代表大会常务委员会
  effective: "2021-09-01"
"""


@pytest.mark.parametrize("kind", ["department", "basis"])
def test_a_reserved_id_stops_the_build(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "repo"
    make_repo(root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "site_overrides"):
        shutil.copytree(REPO / folder, root / folder)
    repo = GitRepo(root)
    if kind == "department":
        repo.write("catalog/index/department.yaml", DEPARTMENT)
        where = "catalog/index/department.yaml:1:1"
    else:
        repo.write("catalog/legal_bases.yaml", repo.read("catalog/legal_bases.yaml") + BASIS)
        where = f"catalog/legal_bases.yaml:{repo.read('catalog/legal_bases.yaml').count(chr(10)) - 4}:3"
    repo.commit("新增部门和依据", "2026-11-05")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))

    assert main(["validate", "--today", TODAY]) == 1
    out = capsys.readouterr().out
    assert f"{where} 错误 [R-042]" in out, out
    assert main(["build", "--date", TODAY, "-d", "site"]) == 1
    assert "[R-042]" in capsys.readouterr().out
    assert not (root / "site").exists()


def test_every_page_the_site_makes_beside_departments_and_bases_is_reserved(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "catalog")
    data = collect(tmp_path / "catalog", TODAY)
    ids = {f"departments/{d}.md" for d in data.catalog.departments} | {f"bases/{b}.md" for b in data.catalog.legal_bases}
    made = {entry.src_uri for entry in plan(data) if entry.src_uri.startswith(("departments/", "bases/"))} - ids
    from generator.rules.reserved import RESERVED_BASIS_PREFIX

    names = {uri.split("/", 1)[1].removesuffix(".md") for uri in made}
    assert made and all(name in RESERVED or name.startswith(RESERVED_BASIS_PREFIX) for name in names), names


def test_a_basis_named_like_a_regulation_page_is_refused(tmp_path: Path) -> None:
    """``bases/regulation-guangxi/`` is the page of a built-in regulation: a basis id may not take it."""
    from generator.rules.reserved import RESERVED_BASIS_PREFIX
    from generator.validate.files import validate_folder

    target = tmp_path / "catalog"
    shutil.copytree(BASE, target)
    bases = target / "legal_bases.yaml"
    bases.write_text(bases.read_text(encoding="utf-8").replace("- id: pipl-13", f"- id: {RESERVED_BASIS_PREFIX}guangxi", 1), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", "2026-03-02")
    assert [(p.rule, p.level) for p in problems if p.rule == "R-042"] == [("R-042", "error")]
