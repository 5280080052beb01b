"""``generator.cms``: the form's config.yml from the schemas and the profile, its settings, its files.

The browser tests (``test_cms_browser.py``, ``test_cms_e2e.py``) show Decap accepting and using what
is generated here; these tests pin what is generated.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from generator.cli import main
from generator.cms import admin, config, fields, settings, source, vendor
from generator.law.profiles import resolve as profile
from generator.load import schemas

SAMPLE = REPO / "catalog"


def site(name: str = "guangxi") -> config.Site:
    return config.Site("桂川市", "catalog", profile(name, None)[0], (config.Department("gongan", "桂川市公安局"), config.Department("shichang", "桂川市市场监督管理局")))


GITHUB = settings.FormSettings("github", "editorial", repo="guichuan-dsj/catalog")
GITEA = settings.FormSettings(
    "gitea", "branch", repo="bureau/catalog", base_url="https://git.example.gov.cn", api_root="https://git.example.gov.cn/api/v1", app_id="abc"
)


def by_name(fields_: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields_}


def form_paths(fields_: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    """Every field of a form by dotted path (list items' fields under the list's path)."""
    found: dict[str, dict[str, Any]] = {}
    for field in fields_:
        path = prefix + field["name"]
        found[path] = field
        found.update(form_paths(field.get("fields", []), path + "."))
    return found


def schema_paths(root: dict[str, Any], node: dict[str, Any] | None = None, prefix: str = "") -> dict[str, dict[str, Any]]:
    """Every property of the schema by dotted path (array items' properties under the array's path)."""
    node = schemas.resolve_ref(root, root if node is None else node) or {}
    found: dict[str, dict[str, Any]] = {}
    for key, sub in node.get("properties", {}).items():
        resolved = schemas.resolve_ref(root, sub) or {}
        found[prefix + key] = resolved
        found.update(schema_paths(root, resolved, f"{prefix}{key}."))
        items = schemas.resolve_ref(root, resolved.get("items"))
        if items and items.get("type") == "object":
            found.update(schema_paths(root, items, f"{prefix}{key}."))
    return found


def resource_form(name: str = "guangxi", collection: str = "gongan") -> list[dict[str, Any]]:
    collections = config.build(GITHUB, site(name))["collections"]
    return next(c for c in collections if c["name"] == collection)["fields"]


def both_forms() -> dict[str, dict[str, Any]]:
    """The resource form's fields, and the delisting block's from the delisting form (where it is edited)."""
    delisting = form_paths(resource_form(collection="gongan-delisting"))
    return {**form_paths(resource_form()), **{p: f for p, f in delisting.items() if p.startswith("delisting")}}


def test_every_schema_field_is_in_the_form_in_the_schema_order() -> None:
    root = schemas.schema("resource")
    wanted = schema_paths(root)
    form = both_forms()
    assert sorted(wanted) == sorted(form), "the form and resource.schema.json list different fields"
    assert [f["name"] for f in resource_form()] == list(root["properties"]), "the form's order is the writer's key order"
    for path, node in wanted.items():
        field = form[path]
        assert field["label"] == node.get("title", path.rsplit(".", 1)[-1])
        if node.get("description"):
            assert field["hint"] == node["description"]


def test_required_and_choices_follow_the_schema() -> None:
    root = schemas.schema("resource")
    form = both_forms()
    for path, node in schema_paths(root).items():
        parent = path.rsplit(".", 1)[0] if "." in path else ""
        container = schema_paths(root).get(parent) if parent else root
        items = schemas.resolve_ref(root, (container or {}).get("items")) if container else None
        required = path.rsplit(".", 1)[-1] in ((items or container or {}).get("required", ()))
        if container is not None and container is not root and container.get("type") == "object":
            # inside an optional object nothing is required by the form (Decap would block saving
            # an entry that leaves the object empty); the schema check catches a half-filled one
            required = required and form[parent]["required"]
        if path not in fields.TOOL_MANAGED:
            assert form[path]["required"] == required, path
        enum = node.get("enum") or (schemas.resolve_ref(root, node.get("items")) or {}).get("enum")
        if enum and path not in fields.SPECIAL and path not in fields.TOOL_MANAGED:
            offered = [o["value"] for o in form[path]["options"]]
            assert offered == [v for v in enum if v not in fields.EXCLUDED_CHOICES.get(path, ())], path


def test_a_new_schema_field_appears_in_the_form_and_an_unknown_shape_stops_generation(monkeypatch: pytest.MonkeyPatch) -> None:
    real = schemas.schema
    grown = copy.deepcopy(real("resource"))
    grown["properties"]["retention"] = {"title": "保存期限", "description": "数据保存的年限。", "type": "integer", "minimum": 1}
    monkeypatch.setattr(fields.schemas, "schema", lambda kind: grown if kind == "resource" else real(kind))
    retention = by_name(resource_form())["retention"]
    assert retention == {"name": "retention", "label": "保存期限", "hint": "数据保存的年限。", "required": False, "widget": "number", "value_type": "int", "min": 1}
    grown["properties"]["attachment"] = {"title": "附件", "type": "null"}
    with pytest.raises(fields.UnsupportedField, match="attachment"):
        resource_form()


def test_choices_come_from_the_profile() -> None:
    jilin = form_paths(resource_form("jilin"))
    items = [o["value"] for o in jilin["classification.item"]["options"]]
    assert items[:6] == ["人口", "法人", "空间", "电子证照", "社会信用", "宏观经济"]  # 吉林 第二十一条
    assert items[-1] == "桂川市公安局" and jilin["classification.item"]["options"][-1]["label"] == "部门：桂川市公安局"
    guizhou = form_paths(resource_form("guizhou"))
    assert [o["value"] for o in guizhou["share.type"]["options"]] == ["无条件共享", "有条件共享"]  # 贵州 第二十条
    assert "涉密" not in [o["value"] for o in guizhou["security_level"]["options"]]
    assert [o["label"] for o in guizhou["items.type"]["options"]][:3] == ["C 字符型", "N 数值型", "Y 货币型"]


def test_relations_and_tool_managed_fields() -> None:
    form = form_paths(resource_form())
    for path in ("share.basis", "open.basis"):
        assert form[path]["widget"] == "relation" and form[path]["collection"] == fields.LEGAL_BASES and form[path]["multiple"]
    assert form["consumers"]["collection"] == fields.DEPARTMENTS and form["consumers"]["value_field"] == "id"
    assert form["department"] == {**form["department"], "widget": "hidden", "default": "gongan"}
    assert form["status"]["widget"] == "catalog-readonly" and form["status"]["default"] == "在用"
    assert form["delisting"]["widget"] == "hidden" and form["source_ref"]["widget"] == "hidden"
    assert form["items"]["widget"] == "list" and form["items"]["min"] == 1
    assert form["published"]["format"] == "YYYY-MM-DD" and form["published"]["time_format"] is False


def test_one_resource_and_one_delisting_collection_per_department() -> None:
    built = config.build(GITHUB, site())
    names = [c["name"] for c in built["collections"]]
    assert names == ["gongan", "gongan-delisting", "shichang", "shichang-delisting", "legal_bases", "departments"]
    gongan, delisting = built["collections"][:2]
    assert gongan["folder"] == delisting["folder"] == "catalog/gongan"
    assert gongan["filter"] == {"field": "department", "value": "gongan"} and gongan["create"] is True
    assert delisting["filter"] == {"field": "status", "value": "在用"} and delisting["create"] is False
    assert [f["name"] for f in delisting["fields"]] == ["code", "name", "status", "mounted", "consumers", "delisting"]
    block = by_name(delisting["fields"])["delisting"]
    assert block["required"] is True and [f["name"] for f in block["fields"]] == ["reason", "basis", "replacement"]
    assert by_name(block["fields"])["basis"]["min"] == 1
    assert built["publish_mode"] == "editorial_workflow" and gongan["publish"] is False
    hidden = {c["name"]: c for c in built["collections"][-2:]}
    assert all(c["hide"] for c in hidden.values())
    assert hidden["legal_bases"]["files"][0]["file"] == "catalog/legal_bases.yaml"
    assert [f["file"] for f in hidden["departments"]["files"]] == ["catalog/gongan/department.yaml", "catalog/shichang/department.yaml"]
    one = config.build(GITHUB, site(), "shichang")
    assert [c["name"] for c in one["collections"]] == ["shichang", "shichang-delisting", "legal_bases", "departments"]


def test_backends() -> None:
    github = config.build(GITHUB, site(), "gongan")
    assert github["backend"]["name"] == "github" and github["backend"]["branch"] == "main" and github["locale"] == "zh_Hans"
    gitea = config.build(GITEA, site(), "gongan")
    assert {k: v for k, v in gitea["backend"].items() if k != "commit_messages"} == {
        "name": "gitea", "repo": "bureau/catalog", "branch": "form/gongan", "base_url": "https://git.example.gov.cn",
        "api_root": "https://git.example.gov.cn/api/v1", "app_id": "abc",
    }
    assert "publish_mode" not in gitea and "publish" not in gitea["collections"][0]
    assert gitea["backend"]["commit_messages"]["create"] == "新增编目 {{path}}（填报表单）"


def test_settings_follow_the_registry_and_refuse_what_decap_or_safety_would() -> None:
    github = settings.resolve("https://github.com/guichuan-dsj/catalog", "", {})
    assert (github.backend, github.mode, github.repo, github.branch) == ("github", "editorial", "guichuan-dsj/catalog", "main")
    gitea = settings.resolve("https://git.example.gov.cn/bureau/catalog.git", "", {"app_id": "abc"})
    assert (gitea.backend, gitea.mode, gitea.api_root) == ("gitea", "branch", "https://git.example.gov.cn/api/v1")
    proxy = settings.resolve("https://git.example.gov.cn/bureau/catalog", "", {"backend": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1"})
    assert proxy.backend_config("gongan")["proxy_url"] == "http://127.0.0.1:8081/api/v1" and proxy.mode == "editorial"
    refused = {
        "缺少设置 app_id|app_id": ("https://git.example.gov.cn/bureau/catalog", {}),
        "不支持编辑工作流": ("https://git.example.gov.cn/bureau/catalog", {"app_id": "abc", "mode": "editorial"}),
        "https://": ("https://github.com/a/b", {"base_url": "http://oauth.example.gov.cn"}),
        "proxy_url": ("", {"backend": "proxy"}),
        "无法确定": ("", {}),
        "所有者/仓库名": ("", {"backend": "github", "repo": "only-a-name"}),
        "github、gitea 或 proxy": ("", {"backend": "gitlab"}),
    }
    for message, (repo_url, given) in refused.items():
        with pytest.raises(settings.SettingsError, match=message):
            settings.resolve(repo_url, "", given)


def test_catalog_form_command_prints_and_writes_the_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["form", "--catalog", str(SAMPLE), "--print-config", "gongan"]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)
    assert printed["backend"]["repo"] == "guichuan-dsj/catalog" and printed["collections"][0]["label"] == "桂川市公安局"
    assert main(["form", "--catalog", str(SAMPLE), "--print-config", "nowhere"]) == 2
    assert "没有部门“nowhere”" in capsys.readouterr().err
    gitea = ["--backend", "gitea", "--repo", "bureau/catalog", "--base-url", "https://git.example.gov.cn", "--api-root", "https://git.example.gov.cn/api/v1"]
    assert main(["form", "--catalog", str(SAMPLE), *gitea, "--print-config"]) == 2
    assert "app_id" in capsys.readouterr().err
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["form", "--catalog", str(SAMPLE), "-o", str(first)]) == 0
    assert main(["form", "--catalog", str(SAMPLE), "-o", str(second)]) == 0
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files), "same catalog, same bytes"
    departments = sorted(p.parent.name for p in SAMPLE.glob("*/department.yaml"))
    assert {f"{d}/config.yml" for d in departments} | {"config.yml", "decap-cms.js", "form-settings.js"} <= set(files)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("首页", encoding="utf-8")
    assert main(["form", "--catalog", str(SAMPLE), "-o", str(tmp_path / "site")]) == 2
    assert "未作改动" in capsys.readouterr().err and (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "首页"
    page = (first / "gongan" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../decap-cms.js"></script>' in page and "http" not in page.replace('"http', "")
    assert "://" not in page, "the form page loads nothing from another site"


def test_branch_mode_index_lists_each_department(tmp_path: Path) -> None:
    site_ = source.read(SAMPLE)[0]
    admin.write(tmp_path, GITEA, site_)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert index.count("<li><a href=") == len(site_.departments) and '<a href="gongan/">桂川市公安局</a>' in index
    assert not (tmp_path / "config.yml").exists()
    assert yaml.safe_load((tmp_path / "gongan" / "config.yml").read_text(encoding="utf-8"))["backend"]["branch"] == "form/gongan"
    settings_js = (tmp_path / "form-settings.js").read_text(encoding="utf-8")
    data = json.loads(settings_js.removeprefix("window.CATALOG_FORM = ").removesuffix(";\n"))
    assert data["keyOrder"]["share.basis"] == 2 and "gongan-delisting" in data["delisting"]


def test_vendored_bundle_is_pinned_checked_and_small() -> None:
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    for package, info in vendor.manifest().items():
        declared = {**pinned.get("dependencies", {}), **pinned.get("devDependencies", {})}[package]
        assert declared == info["version"] == lock[f"node_modules/{package}"]["version"], package
        assert info["integrity"] == lock[f"node_modules/{package}"]["integrity"]
    for path in vendor.VENDOR.iterdir():
        assert path.stat().st_size < 5 * 1024 * 1024, f"{path.name} is over 5 MB"
    names = {f.name: f for f in vendor.files()}
    assert {"decap-cms.js", "decap-cms.js.LICENSE.txt", "DECAP-CMS-LICENSE.txt", "js-yaml.min.js", "JS-YAML-LICENSE.txt"} == set(names)
    bundle = vendor.content(names["decap-cms.js"])
    assert hashlib.sha256(bundle).hexdigest() == names["decap-cms.js"].sha256 and len(bundle) > 4_000_000
    assert bundle.startswith(b"/*! For license information please see decap-cms.js.LICENSE.txt */")
    assert b"MIT License" in vendor.content(names["DECAP-CMS-LICENSE.txt"])


def test_a_changed_vendored_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_ = tmp_path / "vendor"
    shutil.copytree(vendor.VENDOR, copy_)
    (copy_ / "js-yaml.min.js").write_bytes((copy_ / "js-yaml.min.js").read_bytes() + b"\nalert(1)\n")
    monkeypatch.setattr(vendor, "VENDOR", copy_)
    with pytest.raises(vendor.VendorError, match="校验值不符"):
        vendor.install(tmp_path / "admin")


def test_a_site_whose_form_is_not_configured_still_builds_and_says_why(tmp_path: Path) -> None:
    """The site corpus is on a Gitea host and gives no OAuth app_id: the public site is built all the same."""
    from site_repo import build, make_repo

    site = tmp_path / "site"
    build(make_repo(tmp_path / "repo"), site, search=False)
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "填报表单尚未配置" in page and "app_id" in page
    assert not (site / "admin" / "decap-cms.js").exists()
    assert (site / "guide" / "form" / "index.html").is_file()
