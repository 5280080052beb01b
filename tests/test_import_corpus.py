"""Import every record of the three real portal exports in ``../shared/corpus`` (see its README).

Each portal file names many provider departments; the test catalog gets one department per provider
(named as in the file) and the file is imported once per department. Every record must be written
by exactly one department or refused for a stated reason, the written files must load, and the only
errors left must be the 待补充 placeholders (R-023).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import BASE, SHARED_CORPUS, TODAY

from generator.importer.mapping import load
from generator.importer.pipeline import import_files
from generator.importer.report import FileReport
from generator.uscc import check_character, org_check_character
from generator.validate import validate_folder

PORTALS = {
    "fuzhou": ("fujian_fuzhou.json", "数据提供方"),
    "xiamen": ("fujian_xiamen.json", "数据来源"),
    "jiangxi": ("jiangxi_jiangxi.json", "数源单位"),
}

pytestmark = pytest.mark.skipif(
    not SHARED_CORPUS.is_dir(), reason=f"共享语料不存在：{SHARED_CORPUS}（真实开放平台记录，见 shared/corpus/README.md）"
)


def uscc(number: int) -> str:
    body = f"{number:08d}"
    head = "11990100" + body + org_check_character(body)
    return head + check_character(head)


def portal_catalog(root: Path, providers: list[str]) -> dict[str, str]:
    """A catalog with one department per provider; returns department id by provider name."""
    root.mkdir(parents=True)
    shutil.copy(BASE / "registry.yaml", root)
    shutil.copy(BASE / "legal_bases.yaml", root)
    ids = {}
    for index, provider in enumerate(providers, start=1):
        ident = f"d{index:02d}"
        (root / ident).mkdir()
        (root / ident / "department.yaml").write_text(
            f'id: {ident}\nname: {provider}\nuscc: "{uscc(index)}"\nitem_code: "{index:02d}"\n'
            "contact:\n  office: 办公室\n  phone: 0990-1234567\n",
            encoding="utf-8",
        )
        ids[provider] = ident
    return ids


def import_portal(root: Path, name: str) -> tuple[list[dict], dict[str, str], list[FileReport]]:
    filename, column = PORTALS[name]
    source = SHARED_CORPUS / filename
    records = json.loads(source.read_text(encoding="utf-8"))
    ids = portal_catalog(root, sorted({r[column] for r in records}))
    mapping = load(name)
    reports = [import_files([source], ident, mapping, root)[0] for ident in ids.values()]
    return records, ids, reports


@pytest.fixture(scope="module", params=sorted(PORTALS))
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp(request.param) / "catalog"
    records, ids, reports = import_portal(root, request.param)
    return request.param, root, records, ids, reports


def test_every_record_is_accounted_for(imported) -> None:
    name, _, records, ids, reports = imported
    column = PORTALS[name][1]
    written: Counter[int] = Counter()
    for report in reports:
        assert report.read == len(records)
        assert report.written + report.refused == report.read
        for outcome in report.outcomes:
            assert (outcome.action == "拒绝") == bool(outcome.reason)
            if outcome.action != "拒绝":
                assert outcome.path.startswith(f"catalog/{report.department}/")
                written[outcome.rows[0]] += 1
    assert max(written.values()) == 1, "a record was written by two departments"
    by_department = {r.department: r for r in reports}
    for number, record in enumerate(records, start=1):
        own = by_department[ids[record[column]]].outcomes[number - 1]
        assert own.rows == (number,)
        if number not in written:
            assert "重复" in own.reason, own  # refused in its own department only as a duplicate
        else:
            assert own.action == "新建"


def test_written_files_load_and_fail_only_with_placeholders(imported) -> None:
    _, root, _, _, reports = imported
    catalog, problems = validate_folder(root, "catalog", TODAY)
    files = {o.path for r in reports for o in r.outcomes if o.action != "拒绝"}
    assert files and files <= set(catalog.documents)
    errors = Counter(p.rule for p in problems if p.level == "error")
    assert set(errors) == {"R-023"}, [p for p in problems if p.rule != "R-023"][:5]
    assert errors["R-023"] == sum(len(o.placeholders) for r in reports for o in r.outcomes)
    # share attributes and data items are never in a portal export: always left to fill in
    for path in files:
        assert any(p.path == path and p.field == "share.type" for p in problems)
        assert any(p.path == path and p.field == "items.0.name" for p in problems)
    assert all("待补充" in p.message for p in problems if p.level == "error")


def test_import_is_stable_and_updates_instead_of_duplicating(imported, tmp_path: Path) -> None:
    name, root, _, _, reports = imported
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    # the same input again: nothing changes, nothing is added
    again = [import_files([Path(r.source)], r.department, load(name), root)[0] for r in reports]
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before
    assert all(o.action in ("未变", "拒绝") for r in again for o in r.outcomes)
    # the same input into a fresh catalog gives the same files (stable codes)
    fresh = tmp_path / "catalog"
    import_portal(fresh, name)
    assert {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*.yaml")} == {
        p.relative_to(root): b for p, b in before.items()
    }
