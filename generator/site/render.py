"""The Jinja environment of the generated content (templates in ``generator/templates/site``).

Templates receive ``data`` (:class:`~generator.publish.model.Published`), ``root`` (the relative URL
of the site root from the page, ending in ``/``) and the helpers registered here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator.load.model import code_to_stem
from generator.site import citations, fields

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"

STATUS_CLASSES = {"在用": "active", "公示中": "notice", "已下线": "delisted"}


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["stem"] = code_to_stem
    env.filters["dept_name"] = _department_name
    env.globals["label"] = lambda path, kind="resource": fields.label(kind, path)
    env.globals["status_class"] = lambda status: STATUS_CLASSES.get(status, "active")
    env.globals["cite"] = lambda text, root: Markup(citations.expand_html(text, root))
    env.globals["legal_citation"] = citations.legal
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` with ``context``."""
    return environment().get_template(template).render(**context)


_INDENT = re.compile(r"\n\s+")
_KEEP = ("<pre", "<textarea")


def compact(html: str) -> str:
    """``html`` without indentation and blank lines (the theme's templates are mostly that).

    Pages holding ``<pre>`` or ``<textarea>``, where white space shows, are returned unchanged.
    """
    if any(tag in html for tag in _KEEP):
        return html
    return _INDENT.sub("\n", html)


def theme_text(text: str) -> str:
    """``text`` from the catalog, escaped for the MkDocs theme.

    The theme's Jinja environment does not autoescape: it prints page titles and descriptions
    as HTML (``<title>{{ page.meta.title }}``, ``content="{{ page.meta.description }}"``, the
    header and the navigation). Every catalog value handed to the theme goes through here.
    """
    return str(escape(text))


def root_of(url: str) -> str:
    """Relative path from the page at site URL ``url`` (``departments/gongan/``) to the root."""
    depth = url.count("/")
    return "../" * depth if depth else "./"


@jinja2.pass_context
def _department_name(context: Any, department: str) -> str:
    """The department's name, from the ``data`` in the template's context."""
    found = context["data"].catalog.departments.get(department)
    return str(found.name) if found else department
