"""``generator.importer``: readers, normalisation through alias tables, codes, re-imports, report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from conftest import TODAY

from generator.importer.mapping import load
from generator.importer.pipeline import import_files
from generator.importer.readers import SourceError
from generator.load.yamlfile import parse
from generator.validate.files import validate_folder

HEADER = ["目录名称", "简介", "数据来源", "开放类型", "数据格式", "更新频率", "发布时间", "url"]
ROWS = [
    ["停车场　基本信息 ", "本市公共停车场的名称、位置和泊位数量等信息。", "测试市公安局", "普遍开放", "['xls', 'api', 'xls']", "每天", "2023/5/6", "https://portal.test/a"],
    ["交通事故统计", "按月统计的道路交通事故起数和伤亡人数。", "测试市公安局", "无条件开发", "[csv,json]", "每 3 月", None, "https://portal.test/b"],
    ["驾驶人考试预约", "短", "测试市公安局", "安全开放", "[db]", "每 2 日", "2022-01-02", "https://portal.test/c"],
    ["其他部门的数据", "这是另一个部门提供的数据，不应导入本部门。", "测试市民政局", "普遍开放", "[xls]", "每月", "2022-01-02", "https://portal.test/d"],
    ["停车场　基本信息 ", "本市公共停车场的名称、位置和泊位数量等信息。", "测试市公安局", "普遍开放", "['xls', 'api', 'xls']", "每天", "2023/5/6", "https://portal.test/a"],
]


def write_csv(path: Path, encoding: str, rows: list[list] = ROWS) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.glob("gongan/3*.yaml"))}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_give_the_same_files(base_catalog: Path, tmp_path: Path, encoding: str) -> None:
    source = write_csv(tmp_path / "in.csv", encoding)
    [report] = import_files([source], "gongan", load("xiamen"), base_catalog)
    assert report.encoding == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8（带 BOM）", "gb18030": "GB18030"}[encoding]
    assert [o.action for o in report.outcomes] == ["新建", "新建", "新建", "拒绝", "未变"]
    assert [o.rows for o in report.outcomes] == [(2,), (3,), (4,), (5,), (6,)]
    assert "测试市民政局" in report.outcomes[3].reason and report.outcomes[3].foreign == "测试市民政局"
    # an exact repeat lands in the file of the record it repeats; nothing is refused or lost
    assert report.outcomes[4].path == report.outcomes[0].path and not report.outcomes[4].reason
    assert [n.text for n in report.outcomes[4].notes] == ["与第 2 行完全相同（重复记录），与它是同一个文件"]
    assert report.counts()["read"] == 5 and report.written + report.refused == 5


def test_values_are_normalised_only_through_alias_tables(base_catalog: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", "utf-8")
    [report] = import_files([source], "gongan", load("xiamen"), base_catalog)
    first, second, third = (parse(b, p)[0].data for p, b in files(base_catalog).items() if p != "gongan/301001-000001.yaml")
    # codes follow the department's item code, after the existing 301001/000001, in source-url order
    assert [first["code"], second["code"], third["code"]] == ["301001/000002", "301001/000003", "301001/000004"]
    assert first["name"] == "停车场 基本信息"  # full-width and stray spaces
    assert first["open"]["type"] == "无条件开放"  # 普遍开放 through the alias table
    assert first["update_cycle"] == "每日"
    assert first["format"] == {"category": "接口", "type": "xls、api"}  # list string, duplicate dropped
    assert first["published"] == "2023-05-06"
    assert first["source_ref"] == "https://portal.test/a"
    assert second["open"]["type"] == "无条件开放"  # typo, only because the typo table lists it
    assert second["update_cycle"] == "每季度"
    assert second["published"] == "待补充"  # null date
    assert third["open"]["type"] == "待补充：原值“安全开放”不在别名表中"  # never guessed
    assert third["update_cycle"] == "待补充：原值“每 2 日”不在别名表中"
    assert third["summary"] == "待补充：原值“短”不足 10 个字"
    notes = [(n.kind, n.field, n.text) for n in report.outcomes[1].notes]
    assert ("错别字", "open.type", "“无条件开发”→“无条件开放”") in notes
    assert ("规范化", "update_cycle", "“每 3 月”→“每季度”") in notes
    unknown = [(n.kind, n.field) for n in report.outcomes[2].notes]
    assert ("未识别", "open.type") in unknown and ("未识别", "update_cycle") in unknown
    assert report.normalised == 3


def test_placeholders_are_warnings_with_their_field_and_keep_the_file_unpublished(base_catalog: Path, tmp_path: Path) -> None:
    [report] = import_files([write_csv(tmp_path / "in.csv", "utf-8")], "gongan", load("xiamen"), base_catalog)
    catalog, problems = validate_folder(base_catalog, "catalog", TODAY)
    assert {p.rule for p in problems if p.level == "error"} == set()
    assert {p.rule for p in problems if p.level == "warning"} == {"R-023"}
    # the files are merged as drafts: none of them is a published resource until filled in
    assert {r.code for r in catalog.resources} == {"101001/000001", "301001/000001", "102001/000001"}
    shown = {(p.path.split("/")[-1], p.field) for p in problems}
    for outcome in report.outcomes[:3]:
        name = outcome.path.split("/")[-1]
        assert {(name, field) for field in outcome.placeholders} == {s for s in shown if s[0] == name}
    message = next(p.message for p in problems if p.field == "share.type")
    assert message.startswith("「共享属性」的「共享类型」待补充") and "无条件共享" in message


def test_reimport_after_edits_updates_and_keeps_what_the_department_filled(base_catalog: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", "utf-8")
    import_files([source], "gongan", load("xiamen"), base_catalog)
    target = base_catalog / "gongan" / "301001-000002.yaml"
    filled = target.read_text(encoding="utf-8").replace("share:\n  type: 待补充", "share:\n  type: 无条件共享")
    target.write_text(filled, encoding="utf-8")
    count = len(files(base_catalog))

    changed = [list(r) for r in ROWS]
    changed[0][1] = "本市公共停车场的名称、位置、收费标准和泊位数量等信息。"
    [report] = import_files([write_csv(tmp_path / "v2.csv", "utf-8", changed)], "gongan", load("xiamen"), base_catalog)

    assert len(files(base_catalog)) == count  # updated, not duplicated
    assert [o.action for o in report.outcomes[:3]] == ["更新", "未变", "未变"]
    data = parse(target.read_bytes(), "x")[0].data
    assert data["share"]["type"] == "无条件共享"  # what the department filled in stays
    assert "收费标准" in data["summary"]


def test_dry_run_writes_nothing(base_catalog: Path, tmp_path: Path) -> None:
    before = files(base_catalog)
    [report] = import_files([write_csv(tmp_path / "in.csv", "utf-8")], "gongan", load("xiamen"), base_catalog, dry_run=True)
    assert files(base_catalog) == before
    assert report.counts()["created"] == 3 and report.outcomes[0].path == "catalog/gongan/301001-000002.yaml"


def test_xlsx_with_title_rows_and_json_arrays(base_catalog: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["测试市公安局数据目录（导出）"])
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS[:2]:
        sheet.append(row)
    book.save(tmp_path / "in.xlsx")
    [report] = import_files([tmp_path / "in.xlsx"], "gongan", load("xiamen"), base_catalog, dry_run=True)
    assert [o.rows for o in report.outcomes] == [(4,), (5,)]
    assert report.written == 2

    records = [dict(zip(HEADER, row, strict=True)) for row in ROWS[:2]]
    (tmp_path / "in.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    [report] = import_files([tmp_path / "in.json"], "gongan", load("xiamen"), base_catalog, dry_run=True)
    assert report.unit == "条" and report.written == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", b'{"a": 1}', "顶层应为数组"),
        ("bad.json", b'[{"a": 1},', "JSON 格式错误"),
        ("bad.xlsx", b"not a zip", "不是有效的 XLSX 文件"),
        ("bad.csv", "甲,乙\n1,2\n".encode(), "找不到表头"),
        ("bad.xls", b"", "不支持的文件类型"),
    ],
)
def test_unreadable_input_names_the_file(base_catalog: Path, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(SourceError, match=message) as caught:
        import_files([tmp_path / name], "gongan", load("xiamen"), base_catalog)
    assert name in str(caught.value)
