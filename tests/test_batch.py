"""Scale path of validation: cached per file, parallel, and equal to the plain full validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import INVALID, TODAY

from generator.caching import Store
from generator.load.catalog import read_folder
from generator.validate import batch
from generator.validate.files import validate_files

CASES = sorted(INVALID.glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_same_problems_as_full_validation(case: Path, base_catalog: Path) -> None:
    raw = case.read_bytes()
    target = raw.split(b"\n", 1)[0].decode().removeprefix("# target: ")
    (base_catalog / target).parent.mkdir(exist_ok=True)
    (base_catalog / target).write_bytes(raw)
    files = read_folder(base_catalog)
    _, expected = validate_files(files, "catalog", TODAY)
    _, found = batch.check_files(files, "catalog", TODAY, workers=1)
    assert found == expected


def test_cache_skips_unchanged_files(base_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    original = batch.read_one

    def counting(kind: str, raw: bytes, path: str):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return original(kind, raw, path)

    monkeypatch.setattr(batch, "read_one", counting)
    cache = Store(tmp_path / "cache", b"s" * 32)
    files = read_folder(base_catalog)
    first = batch.check_files(files, "catalog", TODAY, cache, workers=1)
    assert len(parsed) == 3
    parsed.clear()
    assert batch.check_files(files, "catalog", TODAY, cache, workers=1) == first
    assert parsed == []

    files["gongan/301001-000001.yaml"] = files["gongan/301001-000001.yaml"].replace("每月".encode(), "每天".encode())
    _, problems = batch.check_files(files, "catalog", TODAY, cache, workers=1)
    assert parsed == ["catalog/gongan/301001-000001.yaml"]
    assert [p.rule for p in problems] == ["S-003"]

    parsed.clear()
    files["legal_bases.yaml"] += b"\n"
    batch.check_files(files, "catalog", TODAY, cache, workers=1)
    assert len(parsed) == 3, "a context change invalidates every cached result"


def test_parallel_equals_sequential(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.synth import Vocabulary, write_catalog

    root = tmp_path / "catalog"
    words = Vocabulary(("企业登记信息", "行政许可信息", "统计监测数据"), ("名称", "地址", "日期"))
    write_catalog(root, 120, 7, 5, seed=3, words=words)
    (root / "d001" / "broken.yaml").write_text("code: [\n", encoding="utf-8")
    files = read_folder(root)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10)
    parallel = batch.check_files(files, "catalog", TODAY, workers=2)
    sequential = batch.check_files(files, "catalog", TODAY, workers=1)
    assert parallel == sequential
    assert {p.rule for p in parallel[1] if p.level == "error"} == {"F-001"}
