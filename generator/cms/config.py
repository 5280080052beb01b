"""Decap CMS's ``config.yml`` for one page of the form: the backend and the collections.

Each department has two folder collections over its own folder: its resources (新增和修改目录条目)
and its delisting form (下线申请), which lists only resources in use and whose saving sets the
status to 公示中 (``static/catalog-form.js``). Two hidden collections feed the choice lists: the
legal bases in ``legal_bases.yaml`` and the departments' ``department.yaml`` files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from generator.cms import fields
from generator.cms.settings import FormSettings
from generator.profiles import Profile
from generator.schemas import schema

DELISTING_SUFFIX = "-delisting"
RESOURCE_FORMAT, LIST_FORMAT = "catalog-yaml", "catalog-list"
"""Custom formats registered by ``static/catalog-form.js``: the project's YAML layout, and a
top-level list (``legal_bases.yaml``) shown to Decap as a mapping with one list, ``entries``."""

STATUSES = ("在用", "公示中", "已下线")

COMMIT_MESSAGES = {
    "create": "新增编目 {{path}}（填报表单）",
    "update": "修改 {{path}}（{{collection}}，填报表单）",
    "delete": "删除 {{path}}（填报表单）",
    "uploadMedia": "上传 {{path}}（填报表单）",
    "deleteMedia": "删除 {{path}}（填报表单）",
}
"""Commit messages in Chinese, as the department writes them; the first one titles the pull request."""


@dataclass(frozen=True)
class Department:
    id: str
    name: str


@dataclass(frozen=True)
class Site:
    """The catalog as the form needs it."""

    name: str
    """Jurisdiction, e.g. ``桂川市``."""
    prefix: str
    """The catalog folder relative to the repository root, e.g. ``catalog``."""
    profile: Profile
    departments: tuple[Department, ...]


def build(settings: FormSettings, site: Site, department: str | None = None) -> dict[str, Any]:
    """The configuration of the page of ``department``, or of every department when ``None``."""
    chosen = [d for d in site.departments if department in (None, d.id)]
    config: dict[str, Any] = {"backend": {**settings.backend_config(department), "commit_messages": COMMIT_MESSAGES}}
    if settings.mode == "editorial":
        config["publish_mode"] = "editorial_workflow"
    config.update(
        {
            "locale": "zh_Hans",
            "site_url": settings.site_url or "/",
            "display_url": settings.site_url or "/",
            "show_preview_links": False,
            "editor": {"preview": False},
            # No widget uploads anything; Decap requires a media folder all the same.
            "media_folder": ".form-media",
            "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        }
    )
    collections: list[dict[str, Any]] = []
    for dept in chosen:
        context = fields.Context(site.profile, dept.id, dept.name)
        collections.append(_resources(settings, site, dept, context))
        collections.append(_delisting(settings, site, dept, context))
    collections.append(_legal_bases(site))
    collections.append(_departments(site))
    config["collections"] = collections
    return config


def _folder(site: Site, dept: Department) -> dict[str, Any]:
    return {
        "folder": f"{site.prefix}/{dept.id}" if site.prefix else dept.id,
        "extension": "yaml",
        "format": RESOURCE_FORMAT,
        "identifier_field": "name",
        "slug": "{{code}}",
        "summary": "{{code}}　{{name}}（{{status}}）",
        "sortable_fields": [{"field": "code", "default_sort": True}, "name"],
        "delete": False,
    }


def _resources(settings: FormSettings, site: Site, dept: Department, context: fields.Context) -> dict[str, Any]:
    collection: dict[str, Any] = {
        "name": dept.id,
        "label": dept.name,
        "label_singular": "目录条目",
        "description": f"{dept.name}的政务数据资源目录条目。点“＋ 目录条目”新增编目，点一个条目修改它；申请下线请到“{dept.name}：下线申请”。",
        **_folder(site, dept),
        # Only the department's resources: department.yaml and needs.yaml have no ``department``.
        "filter": {"field": "department", "value": dept.id},
        "create": True,
        "view_filters": [{"label": status, "field": "status", "pattern": f"^{status}$"} for status in STATUSES],
        "fields": fields.resource_fields(context),
    }
    if settings.mode == "editorial":
        collection["publish"] = False  # the bureau approves by merging on the forge, not in the form
    return collection


def _delisting(settings: FormSettings, site: Site, dept: Department, context: fields.Context) -> dict[str, Any]:
    collection: dict[str, Any] = {
        "name": f"{dept.id}{DELISTING_SUFFIX}",
        "label": f"{dept.name}：下线申请",
        "label_singular": "下线申请",
        "description": "选择一个在用的条目，填写下线理由（本辖区规定须写明依据的，同时选择法律依据）后保存：条目状态改为“公示中”；主管部门审核合并后按本辖区的规定办理下线（规定了公示期的，公示期满后下线），条目始终保留。",
        **_folder(site, dept),
        "filter": {"field": "status", "value": fields.ACTIVE},
        "create": False,
        "fields": fields.delisting_fields(context),
    }
    if settings.mode == "editorial":
        collection["publish"] = False
    return collection


def _legal_bases(site: Site) -> dict[str, Any]:
    items = schema("legal_bases")["items"]["properties"]
    shown = [{"name": key, "label": items[key]["title"], "widget": "string"} for key in ("id", "name", "article")]
    path = f"{site.prefix}/legal_bases.yaml" if site.prefix else "legal_bases.yaml"
    return {
        "name": fields.LEGAL_BASES,
        "label": schema("legal_bases")["title"],
        "hide": True,
        "create": False,
        "delete": False,
        "format": LIST_FORMAT,
        "files": [
            {
                "name": fields.LEGAL_BASES,
                "label": schema("legal_bases")["title"],
                "file": path,
                "fields": [{"name": "entries", "label": "法律依据", "widget": "list", "fields": shown}],
            }
        ],
    }


def _departments(site: Site) -> dict[str, Any]:
    props = schema("department")["properties"]
    shown = [{"name": key, "label": props[key]["title"], "widget": "string"} for key in ("id", "name")]
    return {
        "name": fields.DEPARTMENTS,
        "label": schema("department")["title"],
        "hide": True,
        "create": False,
        "delete": False,
        "format": RESOURCE_FORMAT,
        "files": [
            {
                "name": dept.id,
                "label": dept.name,
                "file": f"{site.prefix}/{dept.id}/department.yaml" if site.prefix else f"{dept.id}/department.yaml",
                "fields": shown,
            }
            for dept in site.departments
        ],
    }


def dump(config: dict[str, Any]) -> str:
    """``config.yml`` text: keys in the order built, Chinese as is, one value per line."""
    header = "# 由 catalog form 根据 schemas/ 和本辖区规则配置生成，请勿手工修改。\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
