"""A site built from an imported department shows its resources (``catalog import`` → site build).

The department's catalog is brought in from a national-template spreadsheet (here: exported from
the site test corpus, its YAML files removed, then imported), and the site is built from the result.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TESTS
from site_repo import build

from generator.importer.export import WRITERS, collect, rows
from generator.importer.mapping import load
from generator.importer.pipeline import import_files
from generator.load.yamlfile import parse

SITE_CORPUS = TESTS / "corpus" / "site" / "catalog"


def test_site_of_an_imported_department_lists_and_indexes_its_resources(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(SITE_CORPUS, catalog)
    sheet = tmp_path / "gongan.xlsx"
    sheet.write_bytes(WRITERS["xlsx"](rows(collect(catalog, "gongan"))))
    names = {}
    for path in sorted((catalog / "gongan").glob("[0-9]*.yaml")):
        data = parse(path.read_bytes(), path.name)[0].data
        names[data["code"]] = data["name"]
        path.unlink()

    [report] = import_files([sheet], "gongan", load("national"), catalog)
    assert report.refused == 0 and report.written == len(names) > 0

    build(catalog, tmp_path / "site", search=True)
    department = (tmp_path / "site" / "departments" / "gongan" / "index.html").read_text(encoding="utf-8")
    for code, name in names.items():
        page = tmp_path / "site" / "resources" / code.replace("/", "-") / "index.html"
        html = page.read_text(encoding="utf-8")
        assert name in html and "data-pagefind-body" in html, code
        assert name in department, code
    assert list((tmp_path / "site" / "pagefind").glob("fragment/*.pf_fragment"))
