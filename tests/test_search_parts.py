"""Search index in parts: every resource page lands in exactly one part, however long the glob, and
a part whose pages did not change is taken over from the earlier generation of the site."""

from __future__ import annotations

import json
from pathlib import Path

from generator.caching.outputs import Generation, Outputs
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

    search.index(Outputs(site), stems, part_size=7_000)

    parts = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
    assert parts == ["part-00", "part-01"]
    indexed = 0
    for name in parts:
        entry = json.loads((site / "pagefind" / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed += sum(language["page_count"] for language in entry["languages"].values())
    assert indexed == len(real)
    main = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in main["languages"].values()) == 1


def test_unchanged_parts_are_taken_over_from_the_earlier_generation(tmp_path: Path, caplog: object) -> None:
    import logging

    stems = {f"30100{d}-{n:06d}": f"d{d}" for d in range(4) for n in range(3)}
    earlier: list[Generation] = []

    def build(site: Path, changed: str = "") -> list[str]:
        outputs = Outputs(site, earlier)
        keys = {}
        for stem in stems:
            title = f"资源{stem}" + ("（已更新）" if stem == changed else "")
            keys[stem] = "page:" + title
            outputs.write(f"resources/{stem}/index.html", keys[stem], PAGE.format(title=title).encode())
        outputs.write("departments/d0/index.html", "page:d0", PAGE.format(title="部门").encode())
        caplog.clear()  # type: ignore[attr-defined]
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.catalog"):  # type: ignore[attr-defined]
            search.index(outputs, stems, part_size=5, keys=keys)
        earlier[:] = [Generation(site, outputs.made)]
        return [r.getMessage() for r in caplog.records if "沿用" in r.getMessage()]  # type: ignore[attr-defined]

    assert build(tmp_path / "one") == ["搜索索引：3 个部分，其中 0 个未变，沿用上次生成的文件；主索引重建"]
    assert build(tmp_path / "two") == ["搜索索引：3 个部分，其中 3 个未变，沿用上次生成的文件"]
    for name in ("part-00", "part-01", "part-02"):
        one, two = (tmp_path / "one" / "pagefind" / name), (tmp_path / "two" / "pagefind" / name)
        assert sorted(p.name for p in two.rglob("*")) == sorted(p.name for p in one.rglob("*"))
        assert (two / "pagefind-entry.json").stat().st_ino == (one / "pagefind-entry.json").stat().st_ino, "linked"
    assert build(tmp_path / "three", changed="301002-000001") == ["搜索索引：3 个部分，其中 2 个未变，沿用上次生成的文件"]
    entries = [json.loads((tmp_path / "three" / "pagefind" / n / "pagefind-entry.json").read_text()) for n in ("part-00", "part-01", "part-02")]
    assert sum(lang["page_count"] for e in entries for lang in e["languages"].values()) == len(stems)
