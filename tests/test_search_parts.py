"""Search index in parts: every resource page lands in exactly one part, however long the glob."""

from __future__ import annotations

import json
from pathlib import Path

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
