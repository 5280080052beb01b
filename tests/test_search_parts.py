"""Search index in parts: every resource page lands in exactly one part, however long the glob."""

from __future__ import annotations

import json
from pathlib import Path

from generator.caching import Store
from generator.site import search

PAGE = '<html lang="zh"><body><div data-pagefind-body><h1>{title}</h1><p>{title}的登记信息。</p></div></body></html>'


def test_parts_cover_every_page_even_beyond_the_argument_limit(tmp_path: Path) -> None:
    site = tmp_path / "site"
    real = {"301001-000001": "gongan", "302001-000001": "shichang", "303001-000001": "ziran"}
    for number, stem in enumerate(real):
        page = site / "resources" / stem / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(PAGE.format(title=f"资源{number}"), encoding="utf-8")
    (site / "departments" / "gongan").mkdir(parents=True)
    (site / "departments" / "gongan" / "index.html").write_text(PAGE.format(title="公安局"), encoding="utf-8")
    # 12,000 more names make each part's glob longer than one command-line argument may be (128 KiB).
    stems = {**real, **{f"399999-{n:06d}": f"d{n % 7}" for n in range(12_000)}}

    search.index(site, stems, part_size=7_000)

    parts = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert parts == ["part-00", "part-01"]
    indexed = 0
    for name in parts:
        entry = json.loads((site / "pagefind" / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed += sum(language["page_count"] for language in entry["languages"].values())
    assert indexed == len(real)
    main = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in main["languages"].values()) == 1


def test_unchanged_parts_come_from_the_cache(tmp_path: Path, caplog: object) -> None:
    import logging

    stems = {f"30100{d}-{n:06d}": f"d{d}" for d in range(4) for n in range(3)}

    def build(site: Path, changed: str = "") -> list[str]:
        for stem in stems:
            page = site / "resources" / stem / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            title = f"资源{stem}" + ("（已更新）" if stem == changed else "")
            page.write_text(PAGE.format(title=title), encoding="utf-8")
        (site / "departments" / "d0").mkdir(parents=True, exist_ok=True)
        (site / "departments" / "d0" / "index.html").write_text(PAGE.format(title="部门"), encoding="utf-8")
        caplog.clear()  # type: ignore[attr-defined]
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.catalog"):  # type: ignore[attr-defined]
            search.index(site, stems, part_size=5, cache=Store(tmp_path / "cache", b"s" * 32))
        return [r.getMessage() for r in caplog.records if "取自缓存" in r.getMessage()]  # type: ignore[attr-defined]

    assert build(tmp_path / "one") == ["搜索索引：3 个部分，其中 0 个未变，取自缓存"]
    assert build(tmp_path / "two") == ["搜索索引：3 个部分，其中 3 个未变，取自缓存"]
    for name in ("part-00", "part-01", "part-02"):
        assert (tmp_path / "two" / "pagefind" / name / "pagefind-entry.json").read_bytes() == (
            tmp_path / "one" / "pagefind" / name / "pagefind-entry.json"
        ).read_bytes()
    assert build(tmp_path / "three", changed="301002-000001") == ["搜索索引：3 个部分，其中 2 个未变，取自缓存"]
    entries = [json.loads((tmp_path / "three" / "pagefind" / n / "pagefind-entry.json").read_text()) for n in ("part-00", "part-01", "part-02")]
    assert sum(lang["page_count"] for e in entries for lang in e["languages"].values()) == len(stems)
    assert len(list((tmp_path / "cache").iterdir())) == 3, "one cached copy per part"
