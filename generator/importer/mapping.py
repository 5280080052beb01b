"""Mapping files: which source column means which field, and the declared alias tables.

Shipped mappings live in ``generator/mappings/<name>.yaml``; a path to any other mapping file may be
given instead. Their shape is ``schemas/mapping.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importer.readers import header_key
from generator.load import schemas
from generator.load.yamlfile import parse

MAPPING_DIR = Path(__file__).resolve().parent.parent / "mappings"
DEFAULT_SEPARATORS = ("；", ";", "\n")


class MappingError(Exception):
    """A mapping that cannot be used; the message is Chinese and names the file."""


@dataclass(frozen=True)
class FieldSpec:
    """How one resource field is read from the source."""

    path: str
    """Dotted field path, e.g. ``share.type``; ``items.name`` for a field of each 信息项."""
    columns: tuple[str, ...]
    """Header texts (normalised by :func:`header_key`), the first present one is used."""
    list: bool = False
    separators: tuple[str, ...] = DEFAULT_SEPARATORS
    join: str | None = None
    aliases: str = ""
    """Name of the alias (and typo) table for the value."""
    pick: str = ""
    date: bool = False

    @property
    def per_item(self) -> bool:
        return self.path.startswith("items.")


@dataclass(frozen=True)
class Mapping:
    """A parsed, schema-valid mapping file."""

    name: str
    title: str
    fields: tuple[FieldSpec, ...]
    provider: tuple[str, ...] = ()
    source_ref: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """Table → standard value → source spellings."""
    typos: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def headers(self) -> list[str]:
        """Every header the mapping knows, to find a spreadsheet's header row."""
        found = [c for spec in self.fields for c in spec.columns] + list(self.provider)
        return found + template_columns(self.source_ref)

    @property
    def has_items(self) -> bool:
        return any(spec.per_item for spec in self.fields)


def shipped() -> list[str]:
    return sorted(p.stem for p in MAPPING_DIR.glob("*.yaml"))


def load(name_or_path: str) -> Mapping:
    """The mapping called ``name_or_path`` (a shipped name) or stored at that path."""
    path = Path(name_or_path)
    if not (name_or_path.endswith((".yaml", ".yml")) or path.is_file()):
        path = MAPPING_DIR / f"{name_or_path}.yaml"
        if not path.is_file():
            raise MappingError(f"没有名为“{name_or_path}”的映射；可用的映射：{'、'.join(shipped())}，或给出映射文件的路径")
    return _load_file(path, seen=())


def _load_file(path: Path, seen: tuple[str, ...]) -> Mapping:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise MappingError(f"无法读取映射文件 {path}：{err.strerror or err}") from err
    doc, problems = parse(raw, str(path))
    if doc is not None and not problems:
        problems = schemas.validate("mapping", doc)
    if doc is None or problems:
        shown = "；".join(f"{p.path}:{p.line}:{p.column} {p.message}" for p in problems[:5])
        raise MappingError(f"映射文件有错误：{shown}")
    data: dict[str, Any] = doc.data
    aliases = _tables(data.get("aliases", {}))
    typos = _tables(data.get("typos", {}))
    parent = data.get("extends")
    if parent:
        if parent in seen:
            raise MappingError(f"映射文件 {path} 的 extends 形成了循环：{' → '.join((*seen, parent))}")
        base = _load_file(MAPPING_DIR / f"{parent}.yaml", (*seen, path.stem))
        aliases = {**base.aliases, **aliases}
        typos = {**base.typos, **typos}
    fields = tuple(_spec(key, value) for key, value in data["fields"].items())
    for spec in fields:
        if spec.aliases and spec.aliases not in aliases and spec.aliases not in typos:
            raise MappingError(f"映射文件 {path}：字段 {spec.path} 使用的别名表“{spec.aliases}”不存在")
    return Mapping(
        name=path.stem,
        title=data["title"],
        fields=fields,
        provider=tuple(header_key(c) for c in data.get("provider", ())),
        source_ref=data.get("source_ref", ""),
        defaults=dict(data.get("defaults", {})),
        aliases=aliases,
        typos=typos,
    )


def _spec(path: str, value: Any) -> FieldSpec:
    if isinstance(value, list):
        return FieldSpec(path, tuple(header_key(c) for c in value))
    return FieldSpec(
        path=path,
        columns=tuple(header_key(c) for c in value["columns"]),
        list=value.get("list", False),
        separators=tuple(value.get("separators", DEFAULT_SEPARATORS)),
        join=value.get("join"),
        aliases=value.get("aliases", ""),
        pick=value.get("pick", ""),
        date=value.get("date", False),
    )


def _tables(raw: dict[str, Any]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {name: {std: tuple(v) for std, v in table.items()} for name, table in raw.items()}


def template_columns(template: str) -> list[str]:
    """The column names used in a source-reference template such as ``{url}#{名称}``."""
    import re

    return [header_key(m) for m in re.findall(r"\{([^{}]+)\}", template)]
