"""``generator.importer.mapping`` and the shipped mappings in ``generator/mappings``."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer.export import EXPORT_COLUMNS
from generator.importer.mapping import MappingError, load, shipped
from generator.importer.readers import header_key


def test_shipped_mappings_load() -> None:
    assert shipped() == ["fuzhou", "jiangxi", "national", "xiamen"]
    for name in shipped():
        mapping = load(name)
        assert mapping.title and mapping.fields


def test_national_mapping_reads_every_exported_column() -> None:
    mapping = load("national")
    by_path = {spec.path: spec for spec in mapping.fields}
    for column in EXPORT_COLUMNS:
        if column.path.startswith("@"):
            continue
        if column.path == "department":
            assert header_key(column.header) in mapping.provider
            continue
        assert header_key(column.header) in by_path[column.path].columns, column


def test_portal_mappings_inherit_the_alias_tables() -> None:
    national, xiamen = load("national"), load("xiamen")
    assert xiamen.aliases["update_cycle"] == national.aliases["update_cycle"]
    assert "无条件开发" in xiamen.typos["open_type"]["无条件开放"]


def test_mapping_by_path_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "mine.yaml"
    good.write_text("title: 本地表格\nfields:\n  name: [名称]\n", encoding="utf-8")
    assert load(str(good)).name == "mine"
    with pytest.raises(MappingError, match="可用的映射"):
        load("nowhere")
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 本地表格\nfields:\n  name: {columns: [名称], aliases: missing}\n", encoding="utf-8")
    with pytest.raises(MappingError, match="别名表“missing”不存在"):
        load(str(bad))
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("title: 本地表格\nfeilds: {}\n", encoding="utf-8")
    with pytest.raises(MappingError, match="wrong.yaml:2"):
        load(str(wrong))
