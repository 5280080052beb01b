"""Onboard the three real portal exports in ``../shared/corpus`` with ``--by-provider`` (see its README).

Each export names many providers. The test catalog starts with the base catalog and one department
that the export names only through an alias (or in traditional characters); every other provider
becomes a new department. Every record must come back exactly once (written, updated, unchanged or
refused with its reason), land in its provider's department, and the result must validate with only
待补充 warnings on what was written.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import BASE, SHARED_CORPUS, TODAY

from generator.importer.mapping import load
from generator.importer.onboard import import_by_provider
from generator.importer.onboard_report import OnboardReport
from generator.load.textsafety import name_key, simplified
from generator.load.uscc import check_character, org_check_character
from generator.load.yamlfile import parse
from generator.problems import has_errors
from generator.validate.files import validate_folder

PORTALS = {
    # name: (file, provider column, existing department: (folder, name, alias))
    "fuzhou": ("fujian_fuzhou.json", "数据提供方", ("fagai", "福州市發展和改革委員會", "")),
    "xiamen": ("fujian_xiamen.json", "数据来源", ("gonganju", "厦门市公安局", "")),
    "jiangxi": ("jiangxi_jiangxi.json", "数源单位", ("zrzy", "江西省自然资源厅", "省自然资源厅")),
}

pytestmark = pytest.mark.skipif(
    not SHARED_CORPUS.is_dir() and not os.environ.get("CI"),
    reason=f"共享语料不存在：{SHARED_CORPUS}（真实开放平台记录，见 shared/corpus/README.md；可设 CATALOG_SHARED_DIR）",
)


def uscc(number: int) -> str:
    body = f"{number:08d}"
    head = "11990100" + body + org_check_character(body)
    return head + check_character(head)


def portal_catalog(root: Path, existing: tuple[str, str, str]) -> None:
    """The base catalog plus one department the export names by an alias or another spelling."""
    shutil.copytree(BASE, root)
    folder, name, alias = existing
    (root / folder).mkdir()
    aliases = f"aliases: [{alias}]\n" if alias else ""
    (root / folder / "department.yaml").write_text(
        f'id: {folder}\nname: {name}\n{aliases}uscc: "{uscc(9)}"\nitem_code: "09"\n'
        "contact:\n  office: 办公室\n  phone: 0591-1234567\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module", params=sorted(PORTALS))
def onboarded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    name = request.param
    filename, _, existing = PORTALS[name]
    root = tmp_path_factory.mktemp(name) / "catalog"
    portal_catalog(root, existing)
    source = SHARED_CORPUS / filename
    report = import_by_provider([source], load(name), root)
    records = json.loads(source.read_text(encoding="utf-8"))
    return name, root, records, report


def test_every_record_is_accounted_for_once(onboarded) -> None:
    name, _, records, report = onboarded
    counts = report.counts()
    assert counts["read"] == len(records) == len(report.rows)
    assert counts["read"] == counts["written"] + counts["updated"] + counts["unchanged"] + counts["rejected"]
    assert [r.outcome.rows for r in report.rows] == [(n,) for n in range(1, len(records) + 1)]
    for entry in report.providers():
        assert entry["read"] == entry["written"] + entry["updated"] + entry["unchanged"] + entry["rejected"]
    assert sum(e["read"] for e in report.providers()) == len(records)
    # nearly every record lands as a file; the few that do not say why
    assert counts["rejected"] <= len(records) // 100, [r.outcome.reason for r in report.rows if r.outcome.reason][:5]
    for row in report.rows:
        assert (row.outcome.action == "拒绝") == bool(row.outcome.reason)


def test_each_record_lands_in_its_providers_department(onboarded) -> None:
    name, root, records, report = onboarded
    column = PORTALS[name][1]
    folder, _, _ = PORTALS[name][2]
    providers = {r[column] for r in records}
    departments: dict[str, str] = {}
    for row, record in zip(report.rows, records, strict=True):
        assert row.provider == record[column]
        assert row.outcome.path.startswith(f"catalog/{row.department}/")
        departments.setdefault(row.provider, row.department)
        assert departments[row.provider] == row.department, "one provider, one department"
    assert len(set(departments.values())) == len(providers)
    # the existing department got its records through its name in other characters or its alias
    assert folder in departments.values()
    for ident in set(departments.values()) - {folder}:
        data = parse((root / ident / "department.yaml").read_bytes(), "department.yaml")[0].data
        assert name_key(data["name"]) in {name_key(p) for p in providers}
        assert data["uscc"] == "待补充" and data["contact"] == {"office": "待补充", "phone": "待补充"}
    codes = [parse((root / i / "department.yaml").read_bytes(), "d")[0].data["item_code"] for i in departments.values()]
    assert len(set(codes)) == len(codes), "每个部门一个项代码"
    assert {d.id for d in report.new_departments} == set(departments.values()) - {folder}


def test_repeated_records_share_one_file(onboarded) -> None:
    _, root, records, report = onboarded
    unique = {json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records}
    written = {r.outcome.path for r in report.rows if r.outcome.action == "新建"}
    assert len(written) == len(unique) == report.counts()["written"]
    for row in report.rows:
        if row.outcome.action == "未变":
            assert "重复记录" in row.outcome.notes[0].text


def test_result_validates_with_only_placeholder_warnings(onboarded) -> None:
    name, root, _, report = onboarded
    _, problems = validate_folder(root, "catalog", TODAY)
    assert not has_errors(problems), [p for p in problems if p.level == "error"][:5]
    touched = {r.outcome.path for r in report.rows} | {f"catalog/{d.id}/department.yaml" for d in report.new_departments}
    found = {p.rule for p in problems if p.path in touched}
    existing = PORTALS[name][2][1]
    # The test department of the Fuzhou case is spelt in traditional script on purpose (routing after
    # traditional→simplified); its resources repeat that name as their 项, which R-035 points out.
    expected = {"R-023", "R-035"} if simplified(existing) != existing else {"R-023"}
    assert found == expected, [p for p in problems if p.path in touched and p.rule not in expected][:3]
    assert all("福州市發展和改革委員會" in p.message for p in problems if p.path in touched and p.rule == "R-035")
    assert Counter(p.rule for p in problems if p.path in touched)["R-023"] >= report.placeholders()


def test_import_is_stable_and_updates_instead_of_duplicating(onboarded, tmp_path: Path) -> None:
    name, root, records, report = onboarded
    before = {p.relative_to(root): p.read_bytes() for p in root.rglob("*.yaml")}
    again: OnboardReport = import_by_provider([Path(report.sources[0].path)], load(name), root)
    assert {p.relative_to(root): p.read_bytes() for p in root.rglob("*.yaml")} == before
    assert again.counts()["unchanged"] == len(records) and not again.new_departments
    fresh = tmp_path / "catalog"
    portal_catalog(fresh, PORTALS[name][2])
    import_by_provider([Path(report.sources[0].path)], load(name), fresh)
    assert {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*.yaml")} == before
