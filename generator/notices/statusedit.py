"""Change a resource file's top-level ``status`` by its YAML structure, keeping every other byte.

The value's span comes from the YAML parser's events (so ``"status": 公示中``, ``status : 公示中``,
``status: '公示中'  # 备注`` and a flow mapping are all found), only that span is rewritten, and the
result is read back: it must be the same document with only ``status`` changed, or nothing is
written. A file that cannot be changed that way is a :class:`StatusError` with a Chinese reason.
"""

from __future__ import annotations

import yaml

from generator.load.yamlfile import parse
from generator.load.yamlwrite import scalar

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class StatusError(Exception):
    """The file's status cannot be changed safely (message in Chinese)."""


def current_status(content: bytes, path: str) -> str:
    """The top-level ``status`` of a resource file; raises :class:`StatusError`."""
    doc, problems = parse(content, path)
    if doc is None:
        raise StatusError(f"{path} 无法读取（{problems[0].message if problems else 'YAML 有误'}）")
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("status"), str):
        raise StatusError(f"{path} 中没有顶层的状态字段 status")
    return str(doc.data["status"])


def set_status(content: bytes, status: str, path: str = "资源文件") -> bytes:
    """``content`` with its top-level ``status`` value replaced by ``status``."""
    current_status(content, path)
    text = content.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    start, end = _span(body, path)
    updated = (bom + body[:start] + scalar(status) + body[end:]).encode("utf-8")
    before, after = parse(content, path)[0], parse(updated, path)[0]
    if before is None or after is None or after.data != {**before.data, "status": status}:
        raise StatusError(f"无法只修改 {path} 的状态字段而不改动其他内容，请手工修改")
    return updated


def _span(body: str, path: str) -> tuple[int, int]:
    """Character offsets of the top-level ``status`` value in ``body``.

    Nodes directly inside the top-level mapping alternate key, value, key, value…; a node is one
    scalar or alias event, or a whole collection from its start to its end event.
    """
    depth, nodes, wanted = 0, 0, False
    for event in yaml.parse(body, Loader=_Loader):
        if depth == 1 and isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, *_OPEN)):
            if wanted:
                if isinstance(event, yaml.ScalarEvent) and event.start_mark and event.end_mark:
                    return event.start_mark.index, event.end_mark.index
                break
            wanted = nodes % 2 == 0 and isinstance(event, yaml.ScalarEvent) and event.value == "status"
        if isinstance(event, _OPEN):
            depth += 1
        elif isinstance(event, _CLOSE):
            depth -= 1
        if depth == 1 and isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, *_CLOSE)):
            nodes += 1
    raise StatusError(f"{path} 中没有顶层的状态字段 status")
