"""Write the form's pages into a folder (``site/admin/`` during a build).

::

    admin/index.html, config.yml     editorial mode: every department's form on one page
    admin/index.html                 branch mode: the list of departments (each has its own branch)
    admin/<部门标识>/index.html, config.yml   one department's form
    admin/decap-cms.js, js-yaml.min.js, licences      the vendored code (generator/cms/vendor)
    admin/catalog-yaml.js, catalog-form.js            the project's additions (generator/cms/static)
    admin/form-settings.js                            the schema's key order, generated

Same catalog and settings in, same bytes out.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2

from generator.cms import config, vendor
from generator.cms.settings import BRANCH_PREFIX, FormSettings
from generator.load.yamlwrite import key_order

HERE = Path(__file__).resolve().parent
STATIC = ("catalog-yaml.js", "catalog-form.js")
_templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, keep_trailing_newline=True
)
GUIDE = "guide/form/"
"""The form's page in the site's guide, relative to the site root."""


MARKER = ".catalog-form"
"""Empty file marking a folder this module wrote, so that writing again may replace it."""


class AdminError(RuntimeError):
    """The target folder holds something else; nothing was changed (message in Chinese)."""


def prepare(target: Path) -> None:
    """An empty ``target``: a previous form is replaced, any other non-empty folder is refused."""
    if target.exists():
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise AdminError(f"{target} 不是空文件夹，也不是以前生成的填报表单，为免覆盖其中的文件，未作改动；请换一个文件夹")
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / MARKER).write_bytes(b"")


def write(target: Path, settings: FormSettings, site: config.Site) -> list[str]:
    """Write the admin pages of ``site`` into ``target``; returns the files written, relative."""
    prepare(target)
    written = vendor.install(target)
    for name in STATIC:
        shutil.copyfile(HERE / "static" / name, target / name)
        written.append(name)
    _text(target / "form-settings.js", settings_script(site))
    written.append("form-settings.js")
    title = f"{site.name}政务数据资源目录填报表单"
    if settings.mode == "editorial":
        written += _form_page(target, "", title, config.build(settings, site))
    else:
        _text(target / "index.html", _index(site, title))
        written.append("index.html")
    for dept in site.departments:
        page = config.build(settings, site, dept.id)
        written += _form_page(target / dept.id, f"{dept.id}/", f"{dept.name} · {title}", page)
    return sorted(written)


def settings_script(site: config.Site) -> str:
    """``window.CATALOG_FORM``: what ``catalog-form.js`` needs to know about the schema and the collections."""
    data = {
        "keyOrder": key_order(),
        "delisting": [f"{d.id}{config.DELISTING_SUFFIX}" for d in site.departments],
        "active": "在用",
        "notice": "公示中",
    }
    return "window.CATALOG_FORM = " + json.dumps(data, ensure_ascii=False, sort_keys=True) + ";\n"


def _form_page(folder: Path, relative: str, title: str, page: dict[str, object]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    root = "../" * relative.count("/")
    _text(folder / "index.html", _templates.get_template("form.html").render(title=title, root=root))
    _text(folder / "config.yml", config.dump(page))
    return [f"{relative}index.html", f"{relative}config.yml"]


def _index(site: config.Site, title: str) -> str:
    return _templates.get_template("index.html").render(
        title=title,
        departments=site.departments,
        prefix=BRANCH_PREFIX,
        guide=f"../{GUIDE}",
        decap_version=vendor.version("decap-cms"),
    )


def _text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
