"""An imported department is found by the site's search, in a real browser.

The department's catalog arrives as a national-template spreadsheet (exported from the site test
corpus, its YAML files removed, then ``catalog import``-ed back), the site is built, and a visitor
searches it in headless Chromium for words of the imported resources' names and data items.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from browse import browsing, need_chromium
from site_repo import build
from test_import_site import SITE_CORPUS

from generator.importer.export import WRITERS, collect, rows
from generator.importer.mapping import load
from generator.importer.pipeline import import_files
from generator.load.yamlfile import parse


def test_search_finds_imported_resources(tmp_path: Path) -> None:
    executable = need_chromium()
    catalog = tmp_path / "catalog"
    shutil.copytree(SITE_CORPUS, catalog)
    sheet = tmp_path / "gongan.xlsx"
    sheet.write_bytes(WRITERS["xlsx"](rows(collect(catalog, "gongan"))))
    imported: dict[str, dict[str, Any]] = {}
    for path in sorted((catalog / "gongan").glob("[0-9]*.yaml")):
        data = parse(path.read_bytes(), path.name)[0].data
        imported[data["code"]] = data
        path.unlink()
    [report] = import_files([sheet], "gongan", load("national"), catalog)
    assert report.written == len(imported) > 0
    build(catalog, tmp_path / "site", search=True)

    with browsing(tmp_path / "site", executable) as (page, base):
        for code, data in imported.items():
            if data["status"] == "已下线":
                continue
            page.goto(base + f"search/?q={data['name']}")
            link = page.locator(".catalog-result > a", has_text=data["name"])
            link.first.wait_for(timeout=15_000)
            link.first.click()
            page.wait_for_url(f"**/resources/{code.replace('/', '-')}/")
        item = next(iter(imported.values()))["items"][-1]["name"]
        page.goto(base + f"search/?q={item}")
        page.locator(".catalog-result > a").first.wait_for(timeout=15_000)


def test_search_index_in_parts_finds_resources_of_every_part(tmp_path: Path) -> None:
    """A large catalog's index is built in parts (here forced with a part size of 2) and merged."""
    executable = need_chromium()
    catalog = tmp_path / "catalog"
    shutil.copytree(SITE_CORPUS, catalog)
    build(catalog, tmp_path / "site", search=True, part_size=2)
    parts = json.loads((tmp_path / "site" / "pagefind" / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert len(parts) >= 2
    assert all((tmp_path / "site" / "pagefind" / name / "pagefind-entry.json").is_file() for name in parts)
    names = {}
    for path in sorted(catalog.glob("*/[0-9]*.yaml")):
        data = parse(path.read_bytes(), path.name)[0].data
        names[data["code"]] = data["name"]

    with browsing(tmp_path / "site", executable) as (page, base):
        for code, name in names.items():
            page.goto(base + f"search/?q={name}")
            link = page.locator(".catalog-result > a", has_text=name)
            link.first.wait_for(timeout=15_000)
            assert code.replace("/", "-") in (link.first.get_attribute("href") or "")
