"""Each backend's generated configuration, loaded by the real Decap CMS in Chromium, offline.

Decap validates its configuration when it starts (its own JSON schema, then each backend's checks,
e.g. "The Gitea backend does not support editorial workflow"); a configuration it accepts shows the
login screen of its backend. Every request the page makes is recorded: none may leave 127.0.0.1
(the bundle is shipped with the site, nothing comes from a CDN).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browse import ARGS, need_chromium, serve
from conftest import REPO

from generator.cms import admin, settings, source

GITHUB = settings.resolve("https://github.com/guichuan-dsj/catalog", "", {})
GITEA = settings.resolve("https://git.example.gov.cn/bureau/catalog", "", {"app_id": "catalog-form"})
PROXY_EDITORIAL = settings.resolve("", "", {"backend": "proxy", "proxy_url": "http://127.0.0.1:9/api/v1"})
PROXY_BRANCH = settings.resolve("", "", {"backend": "proxy", "mode": "branch", "proxy_url": "http://127.0.0.1:9/api/v1"})
VARIANTS = {
    "github": (GITHUB, "使用 GitHub 登录"),
    "gitea": (GITEA, "使用 Gitea 登录"),
    "proxy-editorial": (PROXY_EDITORIAL, "登录"),
    "proxy-branch": (PROXY_BRANCH, "登录"),
}
CONFIG_ERROR = "Error loading the CMS configuration"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalog's form for every backend, and two broken configurations, under one root."""
    root = tmp_path_factory.mktemp("forms")
    site = source.read(REPO / "catalog")[0]
    for name, (chosen, _) in VARIANTS.items():
        admin.write(root / name / "admin", chosen, site)
    for name in ("broken-backend", "broken-schema"):
        admin.write(root / name / "admin", GITEA, site)
    page = root / "broken-backend" / "admin" / "gongan" / "config.yml"
    page.write_text(page.read_text(encoding="utf-8").replace("locale: zh_Hans", "publish_mode: editorial_workflow\nlocale: zh_Hans"), encoding="utf-8")
    page = root / "broken-schema" / "admin" / "gongan" / "config.yml"
    page.write_text(page.read_text(encoding="utf-8").replace("options_length: 500", "options_length: 很多", 1), encoding="utf-8")
    return root


def visit(pages: Path, paths: list[str]) -> tuple[dict[str, str], list[str]]:
    """The text each page shows once Decap has started, and every request that left 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    executable = need_chromium()
    shown: dict[str, str] = {}
    outside: list[str] = []

    def record(request: Any) -> None:
        if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            outside.append(request.url)

    with serve(pages) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        context = browser.new_context()  # one cache: the 5 MB bundle is fetched once
        context.on("request", record)
        for path in paths:
            page = context.new_page()
            page.goto(base + path)
            page.get_by_text("登录").or_(page.get_by_text(CONFIG_ERROR)).or_(page.get_by_role("heading")).first.wait_for(timeout=30000)
            shown[path] = page.inner_text("body")
            page.close()
        browser.close()
    return shown, outside


def test_decap_accepts_every_backends_configuration_and_loads_nothing_from_outside(pages: Path) -> None:
    paths = [f"{name}/admin/gongan/" for name in VARIANTS] + ["github/admin/", "proxy-editorial/admin/"]
    shown, outside = visit(pages, paths)
    for path in paths:
        expected = VARIANTS[path.split("/")[0]][1]
        assert CONFIG_ERROR not in shown[path], f"{path}: {shown[path]}"
        assert expected in shown[path], f"{path} shows {shown[path]!r}, not the login of its backend"
    assert outside == [], "the form must work without internet"


def test_branch_mode_starts_at_the_list_of_departments(pages: Path) -> None:
    shown, outside = visit(pages, ["gitea/admin/", "proxy-branch/admin/"])
    for text in shown.values():
        assert "请选择本部门的填报表单" in text and "桂川市公安局" in text and "Decap CMS 3.16.3（MIT 许可" in text
    assert outside == []


def test_decap_refuses_what_the_generator_refuses(pages: Path) -> None:
    """The same check as settings.check, by Decap itself: the browser test can tell a bad config."""
    shown, _ = visit(pages, ["broken-backend/admin/gongan/", "broken-schema/admin/gongan/"])
    assert "The Gitea backend does not support editorial workflow." in shown["broken-backend/admin/gongan/"]
    assert CONFIG_ERROR in shown["broken-schema/admin/gongan/"] and "options_length" in shown["broken-schema/admin/gongan/"]
    with pytest.raises(settings.SettingsError, match="不支持编辑工作流"):
        settings.resolve("https://git.example.gov.cn/bureau/catalog", "", {"app_id": "x", "mode": "editorial"})
