"""Lazily loaded resources (generator/load/lazy.py) and the catalog folder by digests
(generator/load/snapshot.py): a rebuild reads and parses only the files it needs, and what it
reads is what a full load gives."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from conftest import TODAY

from generator.caching import Store
from generator.load import snapshot
from generator.load.catalog import load, read_folder
from generator.load.lazy import LazyResource
from generator.validate import batch


def test_a_resource_checked_before_is_lazy_and_equal_to_a_full_load(base_catalog: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "cache", b"k" * 32)
    first = batch.check_catalog(snapshot.Folder(base_catalog, store), "catalog", TODAY, store)
    assert not any(isinstance(r, LazyResource) for r in first.catalog.resources), "checked just now: parsed"
    folder = snapshot.Folder(base_catalog, store)
    assert folder.read_count == 0, "an unchanged folder is not read again"
    again = batch.check_catalog(folder, "catalog", TODAY, store)
    assert again.problems == first.problems and again.count == first.count
    full, _ = load(read_folder(base_catalog), "catalog")
    expected = {r.path: r for r in full.resources}
    lazy = list(again.catalog.resources)
    assert lazy and all(isinstance(r, LazyResource) for r in lazy)
    assert [r.path for r in lazy] == [r.path for r in full.resources]
    for resource in lazy:
        assert "items" not in resource.__dict__, "not parsed before a field outside the summary is read"
        assert resource.code == expected[resource.path].code and resource.item_names() == expected[resource.path].item_names()
        assert resource.share == expected[resource.path].share and resource.delisting == expected[resource.path].delisting
        assert resource.summary == expected[resource.path].summary, "a list row's text is known without the file"
        assert "items" not in resource.__dict__
        for field in dataclasses.fields(expected[resource.path]):
            assert getattr(resource, field.name) == getattr(expected[resource.path], field.name), field.name
        assert resource.doc.data == expected[resource.path].doc.data
        assert resource == expected[resource.path]


def test_a_changed_file_is_read_and_a_file_changed_after_validation_is_refused(base_catalog: Path, tmp_path: Path) -> None:
    store = Store(tmp_path / "cache", b"k" * 32)
    batch.check_catalog(snapshot.Folder(base_catalog, store), "catalog", TODAY, store)
    target = sorted(base_catalog.glob("*/1*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8").replace("summary: ", "summary: 已核对。", 1), encoding="utf-8")
    folder = snapshot.Folder(base_catalog, store)
    assert folder.read_count == 1
    checked = batch.check_catalog(folder, "catalog", TODAY, store)
    changed = next(r for r in checked.catalog.resources if r.path.endswith(target.name))
    assert not isinstance(changed, LazyResource) and changed.summary.startswith("已核对。")
    other = next(r for r in checked.catalog.resources if isinstance(r, LazyResource))
    path = base_catalog / other.path.removeprefix("catalog/")
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("summary: ", "summary: 偷改：", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(snapshot.Changed, match="在生成过程中被修改"):
        _ = other.items


def test_a_summary_cached_by_an_older_version_is_not_used(base_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cached summaries' shape is the code's (load/lazy.py): a cache written before a field was
    added to the summary is checked again, not read into a resource missing that field."""
    store = Store(tmp_path / "cache", b"k" * 32)
    batch.check_catalog(snapshot.Folder(base_catalog, store), "catalog", TODAY, store)
    lazy_source = Path(batch.__file__).resolve().parent.parent / "load" / "lazy.py"
    real = Path.read_bytes

    def newer(path: Path) -> bytes:
        data = real(path)
        return data + b"\n# a newer summary\n" if path.resolve() == lazy_source else data

    monkeypatch.setattr(Path, "read_bytes", newer)
    again = batch.check_catalog(snapshot.Folder(base_catalog, store), "catalog", TODAY, store)
    assert not any(isinstance(r, LazyResource) for r in again.catalog.resources), "the old cache is not used"
