"""Citations a citizen can read: “广西 第二十二条” becomes, on its first mention on a page, the
regulation's full name linked to its page, then the article (“《广西政务数据调度管理办法（征求
意见稿）》第二十二条”); later mentions on the same page keep the short form.

Each regulation has a page (``bases/regulation-<profile>/``) with its status and applicability table.
"""

from __future__ import annotations

import html
import re
from functools import cache

from generator.law.profiles import BUILTIN, Profile, resolve

_ARTICLE = r"第[〇一二三四五六七八九十百零]+条(?:第[一二三四五六七八九十]+款)?(?:（[一二三四五六七八九十]+）)?"


@cache
def regulations() -> dict[str, Profile]:
    """The built-in regional profiles by the short name used in citations (``广西``)."""
    found = {}
    for name in BUILTIN:
        profile = resolve(name, None)[0]
        if profile.short:
            found[profile.short] = profile
    return found


def page_of(profile_id: str) -> str:
    """The site path of a regulation's page, relative to the site root."""
    return f"bases/regulation-{profile_id}/"


@cache
def _pattern() -> re.Pattern[str]:
    names = "|".join(map(re.escape, regulations()))
    return re.compile(rf"({names}) ?({_ARTICLE})")


def source_of(profile_id: str) -> str:
    """The Markdown source of a regulation's page, relative to the docs folder."""
    return f"bases/regulation-{profile_id}.md"


def expand_markdown(text: str, bases: str = "../bases/") -> str:
    """``text`` (Markdown) with the first citation of each regulation written out and linked;
    ``bases`` is the path from the page's folder to the ``bases`` folder of the docs."""
    seen: set[str] = set()

    def full(match: re.Match[str]) -> str:
        region, article = match[1], match[2]
        if region in seen:
            return match[0]
        seen.add(region)
        profile = regulations()[region]
        return f"[《{profile.regulation}》]({bases}regulation-{profile.id}.md){article}"

    return _pattern().sub(full, text)


def expand_html(text: str, root: str) -> str:
    """Plain ``text`` escaped for HTML, with the first citation of each regulation linked."""
    seen: set[str] = set()
    out, last = [], 0
    for match in _pattern().finditer(text):
        out.append(html.escape(text[last : match.start()]))
        region, article = match[1], match[2]
        if region in seen:
            out.append(html.escape(match[0]))
        else:
            seen.add(region)
            profile = regulations()[region]
            link = f'<a href="{root}{page_of(profile.id)}">《{html.escape(profile.regulation)}》</a>'
            out.append(link + html.escape(article))
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def legal(profile: Profile, rule_id: str) -> str:
    """The article requiring ``rule_id`` under ``profile``, or empty when the rule is off there or
    rests on the catalog's format or record rules rather than a law."""
    from generator.law.profiles import FORMAT_SOURCES

    setting = profile.setting(rule_id)
    if not setting.checked or not setting.citation or setting.citation.startswith(FORMAT_SOURCES):
        return ""
    return setting.citation
