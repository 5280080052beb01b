"""``catalog harvest``: a province harvests two city members (git, path) and a county (DCAT over HTTP).

Real git repositories (``federation_repo``), a real local HTTP server with If-Modified-Since, the
command line end to end; snapshots compared byte for byte.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from federation_repo import Federation, federation

from generator.cli import main
from generator.federation import snapshot, sources
from generator.federation.members import Member

DAY = "2026-11-22"


@pytest.fixture
def fed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    with federation(tmp_path) as found:
        yield found


def harvest(fed: Federation, capsys: pytest.CaptureFixture[str], *extra: str, day: str = DAY) -> tuple[int, dict]:
    code = main(["harvest", "--catalog", str(fed.catalog), "--date", day, "--format", "json", *extra])
    return code, {m["code"]: m for m in json.loads(capsys.readouterr().out)["members"]}


def lines(fed: Federation, code: str) -> list[str]:
    return (fed.province.root / "members" / code / "resources.jsonl").read_text(encoding="utf-8").splitlines()


def test_first_harvest_snapshots_every_member_with_provenance(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    code, found = harvest(fed, capsys)
    assert code == 0
    assert {c: (m["added"], m["changed"], m["delisted"], m["error"]) for c, m in found.items()} == {
        "450100": (3, 0, 0, ""), "450200": (3, 0, 0, ""), "450221": (3, 0, 0, ""),
    }
    manifest = json.loads((fed.province.root / "members" / "450100" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["revision"] == fed.city1.git("rev-parse", "HEAD") and manifest["harvested"] == DAY
    assert manifest["source"] == {"git": str(fed.city1.root), "ref": "main"}
    city = [json.loads(line) for line in lines(fed, "450100")]
    assert [r["id"] for r in city] == ["450100:101001/000001", "450100:102001/000001", "450100:301001/000001"]
    assert city[0]["page"] == "https://city1.example.gov.cn/resources/101001-000001/"
    assert city[2]["share_basis"] == ["中华人民共和国个人信息保护法 第十三条"]
    county = json.loads(lines(fed, "450221")[0])
    assert county["id"] == "450221:101001/000001" and county["page"].startswith("https://county.example.gov.cn/")


def test_snapshots_are_deterministic(fed: Federation, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    harvest(fed, capsys)
    first = {p.relative_to(fed.province.root): p.read_bytes() for p in (fed.province.root / "members").rglob("*.*")}
    again = tmp_path / "again"
    main(["harvest", "--catalog", str(fed.catalog), "--date", DAY, "--members-dir", str(again)])
    capsys.readouterr()
    second = {Path("members") / p.relative_to(again): p.read_bytes() for p in again.rglob("*.*")}
    assert first == second


def test_changes_show_as_added_changed_and_delisted_lines(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    harvest(fed, capsys)
    before = lines(fed, "450100")
    fed.city1.replace("catalog/gongan/101001-000001.yaml", "户籍地址等基本登记信息", "户籍地址、迁移记录等基本登记信息")
    fed.city1.remove("catalog/shichang/102001-000001.yaml")
    added = fed.city1.read("catalog/gongan/301001-000001.yaml").replace("301001/000001", "301001/000002").replace("流动人口", "暂住人口")
    fed.city1.write("catalog/gongan/301001-000002.yaml", added)
    fed.city1.commit("更新目录", "2026-11-20")
    code, found = harvest(fed, capsys, "--member", "450100", day="2026-11-23")
    assert code == 0 and set(found) == {"450100"}
    assert (found["450100"]["added"], found["450100"]["changed"], found["450100"]["delisted"]) == (1, 1, 1)
    after = lines(fed, "450100")
    changed = set(after) - set(before)
    assert len(after) == 4 and len(changed) == 3  # one line each: added, changed, delisted (kept, marked)
    gone = next(json.loads(line) for line in after if "102001/000001" in line)
    assert gone["status"] == "已下线"
    assert json.loads((fed.province.root / "members" / "450200" / "manifest.json").read_text(encoding="utf-8"))["harvested"] == DAY


def test_nothing_new_leaves_the_snapshot_untouched_and_http_asks_conditionally(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    harvest(fed, capsys)
    members = fed.province.root / "members"
    before = {p: p.read_bytes() for p in members.rglob("*.*")}
    code, found = harvest(fed, capsys, day="2026-11-30")
    assert code == 0 and found["450221"]["not_modified"] is True  # 304 on If-Modified-Since
    assert {p: p.read_bytes() for p in members.rglob("*.*")} == before


def test_unreachable_member_keeps_its_last_good_snapshot(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    harvest(fed, capsys)
    kept = lines(fed, "450221")
    (fed.served / "dcat.jsonld").unlink()
    code, found = harvest(fed, capsys, day="2026-11-24")
    assert code == 1
    assert "HTTP 404" in found["450221"]["error"] and not found["450100"]["error"]
    assert lines(fed, "450221") == kept
    manifest = json.loads((fed.province.root / "members" / "450221" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed"] == "2026-11-24" and manifest["harvested"] == DAY and "HTTP 404" in manifest["error"]


def test_member_failing_its_own_profile_is_refused(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    fed.city2.replace("catalog/gongan/101001-000001.yaml", "update_cycle: 每日", "update_cycle: 每两天")
    fed.city2.commit("写错更新周期", "2026-11-20")
    code, found = harvest(fed, capsys)
    assert code == 1 and "未通过校验" in found["450200"]["error"] and "101001-000001.yaml" in found["450200"]["error"]
    assert not (fed.province.root / "members" / "450200" / "resources.jsonl").exists()


def test_cross_level_list_check_flags_unconditional_sharing_of_the_upper_negative_list(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    _, found = harvest(fed, capsys)
    for code in ("450100", "450200", "450221"):
        [flag] = found[code]["flags"]
        assert flag.startswith(f"户籍人口基本信息（{code}:101001/000001）为无条件共享") and "吉林 第二十四条" in flag
        assert "中华人民共和国个人信息保护法 第十三条" in flag
    main(["harvest", "--catalog", str(fed.catalog), "--date", DAY])
    assert "上下级清单不一致" in capsys.readouterr().out


def test_text_report(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["harvest", "--catalog", str(fed.catalog), "--date", DAY]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("450100 测试市（") and out[0].endswith("共 3 条；新增 3、变更 0、下线 0")
    assert out[-1] == "合计：3 个下级目录，3 个已抓取，0 个失败"


def test_unknown_member_is_a_usage_error(fed: Federation, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["harvest", "--catalog", str(fed.catalog), "--member", "999999"]) == 2
    assert "999999" in capsys.readouterr().err


def test_hostile_json_is_refused_without_recursion() -> None:
    member = Member("450221", "测试县", "national", "url", "http://x/")
    with pytest.raises(sources.HarvestError, match="嵌套超过"):
        sources.from_download(member, b"[" * 100_000 + b"]" * 100_000, "dcat.jsonld")
    assert sources.depth('{"a": "[[[[", "b": [[1]]}') == 3


def test_portal_export_member_through_an_import_mapping(tmp_path: Path) -> None:
    export = [
        {"标题": "测试数据一", "数源单位": "省测试厅", "开放类型": "无条件开放", "数据格式": "[xls]", "发布时间": "2022-06-10", "url": "https://p.example/1"},
        {"标题": "测试数据二", "数源单位": "省测试厅", "开放类型": "安全开放", "数据格式": "[xls]", "发布时间": "2022-06-10", "url": "https://p.example/2"},
    ]
    member = Member("360000", "江西省", "national", "path", "export.json", mapping="jiangxi")
    records, left_out = sources.from_download(member, json.dumps(export, ensure_ascii=False).encode(), "export.json")
    assert [r["id"] for r in records] == ["360000:https://p.example/1", "360000:https://p.example/2"]
    assert records[0]["department"] == "省测试厅" and records[0]["open_type"] == "无条件开放"
    assert records[1]["open_type"] == "" and not left_out  # 安全开放 is not guessed


def test_snapshot_reader_skips_oversized_lines(tmp_path: Path) -> None:
    path = tmp_path / "resources.jsonl"
    path.write_text('{"code": "1"}\n' + "x" * (snapshot.MAX_LINE + 1) + "\n", encoding="utf-8")
    assert [r["code"] for r in snapshot.iter_records(path)] == ["1"]
    assert os.path.getsize(path) > snapshot.MAX_LINE
