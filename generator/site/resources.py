"""Resource pages: one per resource code, rendered straight into the theme without Markdown.

A catalog may hold tens of thousands of resources, so their pages stay out of the navigation and
out of MkDocs' Markdown pipeline: the page body comes from ``resource.html``, and the theme's
``main.html`` wraps it (:mod:`.frame`). The URL of a resource is fixed by its code
(``resources/101001-000001/``) and survives delisting.

Each page is keyed by its inputs (:func:`key`) before anything is rendered: a page whose key an
earlier build already made is taken over from it (:mod:`generator.caching.outputs`), so a
rebuild after one resource changed renders that resource's page and the few that show it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

from generator.caching.outputs import Outputs
from generator.load import schemas
from generator.load.model import STATUS_DELISTED, Resource, code_to_stem
from generator.publish.facts import code_version, digest
from generator.publish.model import Published
from generator.site.frame import Frame
from generator.site.render import render, root_of

SECTIONS = (("metadata", "基本信息"), ("items", "信息项"), ("share", "共享属性"), ("open", "开放属性"))


def url_of(code: str) -> str:
    return f"resources/{code_to_stem(code)}/"


@cache
def item_types() -> dict[str, str]:
    """Data type letters and names, read from the schema (``C 字符型、N 数值型…``)."""
    text = schemas.schema("resource")["properties"]["items"]["items"]["properties"]["type"]["description"]
    return dict(re.findall(r"([A-Z]) ([^、。]+)", text))


def context(data: Published, resource: Resource) -> dict[str, Any]:
    """What ``resource.html`` shows besides the resource itself; every value here is in the key."""
    history = data.history.get(resource.path, ())
    return {
        "notice": next((n for n in data.notices if n.code == resource.code), None),
        "related": [(code, data.catalog.by_code.get(code)) for code in resource.related],
        "history": history,
        "delisted_on": history[0].date if history and resource.status == STATUS_DELISTED else "",
        "edit_url": data.edit_url(resource.path),
        "types": item_types(),
    }


def body(data: Published, resource: Resource, url: str) -> str:
    """The HTML inside the theme's content area of one resource page."""
    return render("resource.html", data=data, root=root_of(url), resource=resource, **context(data, resource))


def key(data: Published, resource: Resource, frame: str) -> str:
    """The page's inputs: the theme frame, the resource file's bytes and the facts of the model the
    page shows — its department, the departments it names, the legal bases it cites, its notice,
    the names of its related resources, its file's history and the address of its edit link."""
    shown = context(data, resource)
    related = [(code, other.name, other.department) if other else (code,) for code, other in shown["related"]]
    departments = {resource.department, *resource.consumers, *(other.department for _, other in shown["related"] if other)}
    return digest(
        data, "resource-page", frame, _own(data, resource, departments), shown["notice"], related, shown["history"],
        shown["delisted_on"], shown["edit_url"], data.repo_url,
    )


def search_key(data: Published, resource: Resource) -> str:
    """What the searchable element of the page (``data-pagefind-body``) shows: the resource, its
    department, the legal bases it cites and its notice, by the code and templates that show them."""
    notice = next((n for n in data.notices if n.code == resource.code), None)
    return digest(data, "resource-search", code_version(), _own(data, resource, {resource.department, *resource.consumers}), notice)


def _own(data: Published, resource: Resource, departments: set[str]) -> list[object]:
    """The resource with the departments and legal bases it shows, and the profile it is read by."""
    catalog = data.catalog
    cited = {*resource.share.basis, *resource.open.basis, *(resource.delisting.basis if resource.delisting else ())}
    return [
        resource, catalog.profile.id, [catalog.departments.get(d) for d in sorted(departments)],
        [catalog.legal_bases.get(b) for b in sorted(cited)],
    ]


class Written(NamedTuple):
    pages: int
    reused: int
    keys: dict[str, str]
    """Each page's search key (:func:`search_key`) by its folder name (``101001-000001``)."""


def write_all(data: Published, frame: Frame, outputs: Outputs) -> Written:
    """Write every resource page into ``outputs``, taking over those an earlier build made from
    the same inputs."""
    count = reused = 0
    keys: dict[str, str] = {}
    for resource in sorted(data.catalog.resources, key=lambda r: r.code):
        url = url_of(resource.code)
        page_key = key(data, resource, frame.key)
        keys[code_to_stem(resource.code)] = search_key(data, resource)
        count += 1
        if outputs.reuse(url + "index.html", page_key):
            reused += 1
            continue
        html = frame.page(resource, resource.name, body(data, resource, url), resource.summary[:120])
        outputs.write(url + "index.html", page_key, html.encode("utf-8", errors="xmlcharrefreplace"))
    return Written(count, reused, keys)
