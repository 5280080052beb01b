"""The MkDocs plugin ``catalog-form``: the submission form at ``/admin/`` of every built site.

Listed after ``catalog`` in ``mkdocs.yml``; its options are the form's settings
(:mod:`generator.cms.settings`), each defaulting to what the registry's ``repo_url`` implies, and
may come from the environment with MkDocs' ``!ENV`` tag. The pages are written after the site (and
its search index) is complete, so they are neither indexed nor in the navigation.

A form that cannot be configured (a Gitea repository without the OAuth ``app_id``, say) does not
stop the public site: ``/admin/`` then says what is missing, and ``catalog form --print-config``
fails with the same message.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.cms import admin, settings, source, vendor
from generator.cms.config import Site
from generator.cms.fields import UnsupportedField

log = logging.getLogger("mkdocs.plugins.catalog-form")
CATALOG_DIR_ENV = "CATALOG_DIR"
"""The catalog plugin's override of its folder; the form follows it."""

_NOT_CONFIGURED = Environment(autoescape=True).from_string(
    '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
    "<title>填报表单尚未配置</title></head><body><h1>填报表单尚未配置</h1><p>{{ reason }}</p>"
    '<p>设置方法见网站的<a href="../guide/form/">填报表单指南</a>。</p></body></html>\n'
)


class FormConfig(Config):
    enabled = opt.Type(bool, default=True)
    catalog_dir = opt.Type(str, default="catalog")
    """The catalog folder relative to ``mkdocs.yml`` (env ``CATALOG_DIR`` overrides, as for ``catalog``)."""
    folder = opt.Type(str, default="admin")
    """Where in the site the form lives."""
    backend = opt.Type(str, default="")
    mode = opt.Type(str, default="")
    repo = opt.Type(str, default="")
    branch = opt.Type(str, default="")
    base_url = opt.Type(str, default="")
    api_root = opt.Type(str, default="")
    app_id = opt.Type(str, default="")
    auth_endpoint = opt.Type(str, default="")
    proxy_url = opt.Type(str, default="")


class FormPlugin(BasePlugin[FormConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.settings: settings.FormSettings | None = None
        self.reason = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        base = Path(config.config_file_path or ".").resolve().parent
        root = (base / os.environ.get(CATALOG_DIR_ENV, self.config.catalog_dir)).resolve()
        if not root.is_dir():
            raise PluginError(f"填报表单找不到目录文件夹：{root}")
        self.site, registry = source.read(root)
        given = {name: str(self.config[name] or "") for name in settings.OPTIONS}
        try:
            self.settings = settings.resolve(registry.repo_url if registry else "", registry.site_url if registry else "", given)
            self.reason = ""
        except settings.SettingsError as err:
            self.settings, self.reason = None, str(err)
            log.info(f"填报表单未生成：{err}")
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.site is None:
            return
        target = Path(config.site_dir) / self.config.folder
        try:
            if self.settings is None:
                admin.prepare(target)
                (target / "index.html").write_text(_NOT_CONFIGURED.render(reason=self.reason), encoding="utf-8")
                return
            written = admin.write(target, self.settings, self.site)
        except (UnsupportedField, vendor.VendorError, admin.AdminError) as err:
            raise PluginError(str(err)) from None
        log.info(f"填报表单已生成：/{self.config.folder}/（{len(written)} 个文件，{len(self.site.departments)} 个部门）")
