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

    parts = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))["parts"]
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
    assert build(tmp_path / "three", changed="301002-000001") == [
        "搜索索引：3 个部分，其中 2 个未变，沿用上次生成的文件，1 个只把有变化的 1 个页面补入索引"
    ]
    entries = [json.loads((tmp_path / "three" / "pagefind" / n / "pagefind-entry.json").read_text()) for n in ("part-00", "part-01", "part-02")]
    assert sum(lang["page_count"] for e in entries for lang in e["languages"].values()) == len(stems)


def test_a_few_changed_pages_are_indexed_on_their_own_and_their_old_copy_is_named(
    tmp_path: Path, monkeypatch: object
) -> None:
    """A part with a few changed pages is kept as it was; the changed pages go to the revised
    bundle and parts.json names them, so the search page drops their out-of-date copy. Past
    DELTA_MOST changes the part is indexed again and leaves the revised bundle."""
    stems = {f"30100{d}-{n:06d}": f"d{d}" for d in range(4) for n in range(3)}
    earlier: list[Generation] = []

    def build(site: Path, changed: tuple[str, ...] = (), gone: tuple[str, ...] = ()) -> dict[str, object]:
        outputs = Outputs(site, earlier)
        keys = {}
        present = {s: d for s, d in stems.items() if s not in gone}
        for stem in present:
            title = f"资源{stem}" + ("（已更新）" if stem in changed else "")
            keys[stem] = "page:" + title
            outputs.write(f"resources/{stem}/index.html", keys[stem], PAGE.format(title=title).encode())
        outputs.write("departments/d0/index.html", "page:d0", PAGE.format(title="部门").encode())
        search.index(outputs, present, part_size=5, keys=keys)
        earlier[:] = [Generation(site, outputs.made)]
        listing: dict[str, object] = json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))
        return listing

    def pages_of(site: Path, bundle: str) -> int:
        entry = json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(language["page_count"] for language in entry["languages"].values())

    assert build(tmp_path / "one") == {"parts": ["part-00", "part-01", "part-02"], "revised": []}
    one_change = "301002-000001"
    part = next(n for n in ("part-00", "part-01", "part-02") if one_change in (tmp_path / "one" / "pagefind" / n / "pages.json").read_text())
    listing = build(tmp_path / "two", changed=(one_change,), gone=("301003-000002",))
    assert listing == {"parts": ["part-00", "part-01", "part-02", "revised"],
                       "revised": [f"resources/{one_change}/", "resources/301003-000002/"]}
    assert pages_of(tmp_path / "two", "revised") == 1, "the changed page; the gone one is only named"
    kept = tmp_path / "two" / "pagefind" / part / "pagefind-entry.json"
    assert kept.stat().st_ino == (tmp_path / "one" / "pagefind" / part / "pagefind-entry.json").stat().st_ino, "kept as it was"
    assert "revised:1" not in (tmp_path / "two" / "resources" / one_change / "index.html").read_text(encoding="utf-8")

    monkeypatch.setattr(search, "DELTA_MOST", 1)  # type: ignore[attr-defined]
    listing = build(tmp_path / "three", changed=(one_change, "301002-000002"), gone=("301003-000002",))
    assert listing == {"parts": ["part-00", "part-01", "part-02"], "revised": ["resources/301003-000002/"]}, (
        "the part with two changes is indexed again; the other part still holds the gone page's old copy"
    )
    assert not (tmp_path / "three" / "pagefind" / "revised").exists()
    assert sum(pages_of(tmp_path / "three", n) for n in ("part-00", "part-01", "part-02")) == len(stems), "with the old copy"
