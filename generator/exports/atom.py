"""Atom feeds (RFC 4287) of the catalog's changes and of the delisting notices."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

from generator.load.model import code_to_stem
from generator.load.textsafety import XML_ILLEGAL
from generator.publish.history import CHANGES_SHOWN
from generator.publish.model import Published
from generator.publish.notices import public_summary

NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: str
    """RFC 3339 time."""
    link: str
    summary: str


def feed(feed_id: str, title: str, link: str, updated: str, entries: list[Entry]) -> bytes:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}feed")
    _add(root, "id", feed_id)
    _add(root, "title", title)
    _add(root, "updated", updated)
    ET.SubElement(root, f"{{{NS}}}link", {"rel": "alternate", "href": link})
    author = ET.SubElement(root, f"{{{NS}}}author")
    _add(author, "name", title.split(" ")[0])
    for entry in entries:
        node = ET.SubElement(root, f"{{{NS}}}entry")
        _add(node, "id", entry.id)
        _add(node, "title", entry.title)
        _add(node, "updated", entry.updated)
        if entry.link:
            ET.SubElement(node, f"{{{NS}}}link", {"rel": "alternate", "href": entry.link})
        _add(node, "summary", entry.summary)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _add(parent: ET.Element, name: str, text: str) -> None:
    """A text child; ElementTree escapes ``<``, ``&`` and ``>``, feed readers show it as text."""
    ET.SubElement(parent, f"{{{NS}}}{name}").text = XML_ILLEGAL.sub("", text)


def _name(data: Published) -> str:
    registry = data.catalog.registry
    return f"{registry.name if registry else ''}政务数据资源目录"


def changes(data: Published, base: str) -> bytes:
    by_path = {r.path: r for r in data.catalog.resources}
    entries = []
    for commit in data.commits[:CHANGES_SHOWN]:
        names = [by_path[c.path].name for c in commit.changes if c.path in by_path]
        entries.append(
            Entry(
                f"urn:git:{commit.sha}", commit.summary, commit.timestamp, data.commit_url(commit.sha),
                f"{commit.author}：{commit.summary}" + (f"（涉及：{'、'.join(names)}）" if names else ""),
            )
        )
    updated = entries[0].updated if entries else f"{data.build_date}T00:00:00+08:00"
    return feed(_id(data, "changes"), f"{_name(data)} 变更记录", base + "lists/changes/", updated, entries)


def notices(data: Published, base: str) -> bytes:
    entries = [
        Entry(
            f"{_id(data, 'notices')}:{n.code}:{n.notice_start}",
            f"公示：{n.name}（{n.code}）拟下线",
            f"{n.notice_start or data.build_date}T00:00:00+08:00",
            f"{base}resources/{code_to_stem(n.code)}/",
            public_summary(n),
        )
        for n in sorted(data.notices, key=lambda n: (n.notice_start, n.code), reverse=True)
    ]
    updated = max((e.updated for e in entries), default=f"{data.build_date}T00:00:00+08:00")
    return feed(_id(data, "notices"), f"{_name(data)} 下线公示", base + "lists/notices/", updated, entries)


def _id(data: Published, kind: str) -> str:
    registry = data.catalog.registry
    return f"urn:catalog:{registry.division_code if registry else 'catalog'}:{kind}"
