"""Frozen records built from schema-valid catalog files.

Each record keeps the :class:`~generator.yamlfile.Document` it came from, so that any rule can
point at the exact line of the field it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.yamlfile import Document

STATUS_ACTIVE, STATUS_NOTICE, STATUS_DELISTED = "在用", "公示中", "已下线"
CLASS_DIGITS = {"基础": "1", "主题": "2", "部门": "3"}


def code_to_stem(code: str) -> str:
    """File name stem of a resource code: ``101001/000001`` → ``101001-000001``."""
    return code.replace("/", "-")


def stem_to_code(stem: str) -> str:
    return stem.replace("-", "/", 1)


@dataclass(frozen=True)
class Item:
    """One 信息项 (data item) of a resource."""

    name: str
    type: str
    """Data type letter of the 1272 guide: C N Y D T L M G B I F."""
    length: int | None = None
    identifier: bool = False
    """Whether this item identifies the data's subject (身份证号码, 统一社会信用代码)."""
    description: str = ""


@dataclass(frozen=True)
class Attribute:
    """A share or open attribute: type, condition and legal bases."""

    type: str
    condition: str = ""
    basis: tuple[str, ...] = ()
    scope: str = ""
    purpose: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    filing: dict[str, str] = field(default_factory=dict)
    """Filing (备案) of a conditional-share basis: ``ref`` and ``date`` (贵州 第二十一条)."""


@dataclass(frozen=True)
class Delisting:
    """Why a resource is (to be) delisted, and what replaces it."""

    reason: str
    basis: tuple[str, ...]
    replacement: str = ""


@dataclass(frozen=True)
class Resource:
    """One catalog entry (目录条目), as stored in ``catalog/<department>/<code>.yaml``."""

    code: str
    name: str
    classification: dict[str, str]
    """类 (``class``), 项 (``item``), optional 目 (``heading``) and 细目 (``subheading``)."""
    department: str
    summary: str
    format: dict[str, str]
    items: tuple[Item, ...]
    share: Attribute
    open: Attribute
    update_cycle: str
    published: str
    source_business: str
    subject_type: str
    security_level: str
    mounted: bool
    status: str
    provider_unit: str = ""
    usage: str = ""
    related: tuple[str, ...] = ()
    consumers: tuple[str, ...] = ()
    delisting: Delisting | None = None
    source_ref: str = ""
    """Identifier of the imported source record (e.g. the portal URL), for re-imports."""
    corrections: tuple[dict[str, Any], ...] = ()
    """Error-verification (校核) requests on this resource, as written (``corrections``)."""
    applications: tuple[dict[str, Any], ...] = ()
    """Applications for 依申请开放 data, as written (``applications``)."""
    doc: Document = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def class_code(self) -> str:
        """The classification part of the code (前段码), before the ``/``."""
        return self.code.split("/", 1)[0]

    @classmethod
    def from_document(cls, doc: Document) -> Resource:
        raw: dict[str, Any] = doc.data
        delisting = raw.get("delisting")
        return cls(
            code=raw["code"],
            name=raw["name"],
            classification=dict(raw["classification"]),
            department=raw["department"],
            summary=raw["summary"],
            format=dict(raw["format"]),
            items=tuple(Item(**item) for item in raw["items"]),
            share=_attribute(raw["share"]),
            open=_attribute(raw["open"]),
            update_cycle=raw["update_cycle"],
            published=raw["published"],
            source_business=raw["source_business"],
            subject_type=raw["subject_type"],
            security_level=raw["security_level"],
            mounted=raw["mounted"],
            status=raw["status"],
            provider_unit=raw.get("provider_unit", ""),
            usage=raw.get("usage", ""),
            related=tuple(raw.get("related", ())),
            consumers=tuple(raw.get("consumers", ())),
            delisting=(
                Delisting(
                    reason=delisting["reason"],
                    basis=tuple(delisting.get("basis", ())),
                    replacement=delisting.get("replacement", ""),
                )
                if delisting
                else None
            ),
            source_ref=raw.get("source_ref", ""),
            corrections=tuple(raw.get("corrections", ())),
            applications=tuple(raw.get("applications", ())),
            doc=doc,
        )


def _attribute(raw: dict[str, Any]) -> Attribute:
    return Attribute(
        type=raw["type"],
        condition=raw.get("condition", ""),
        basis=tuple(raw.get("basis", ())),
        scope=raw.get("scope", ""),
        purpose=tuple(raw.get("purpose", ())),
        methods=tuple(raw.get("methods", ())),
        filing=dict(raw.get("filing", {})),
    )


@dataclass(frozen=True)
class Entry:
    """What catalog-wide rules need of one resource: small, picklable, cached between runs."""

    path: str
    code: str
    name: str
    department: str
    status: str
    related: tuple[str, ...]
    replacement: str
    positions: dict[str, tuple[int, int]] = field(compare=False, repr=False)
    """1-based (line, column) of ``code``, ``name``, ``related.N`` and ``delisting.replacement``."""

    @classmethod
    def of(cls, resource: Resource) -> Entry:
        doc = resource.doc
        positions = {"code": doc.where("code"), "name": doc.where("name")}
        for index in range(len(resource.related)):
            positions[f"related.{index}"] = doc.where("related", index)
        replacement = resource.delisting.replacement if resource.delisting else ""
        if replacement:
            positions["delisting.replacement"] = doc.where("delisting", "replacement")
        return cls(
            resource.path, resource.code, resource.name, resource.department, resource.status,
            resource.related, replacement, positions,
        )

    def where(self, field_path: str) -> tuple[int, int]:
        return self.positions.get(field_path, self.positions["code"])


@dataclass(frozen=True)
class Department:
    """A provider department (提供部门), from ``catalog/<id>/department.yaml``."""

    id: str
    name: str
    uscc: str
    """统一社会信用代码 (GB 32100)."""
    item_code: str
    """Two-digit 项 code of this department's 部门信息资源."""
    contact: dict[str, str]
    reviewers: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    doc: Document = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    @classmethod
    def from_document(cls, doc: Document) -> Department:
        raw: dict[str, Any] = doc.data
        return cls(
            id=raw["id"],
            name=raw["name"],
            uscc=raw["uscc"],
            item_code=raw["item_code"],
            contact=dict(raw["contact"]),
            reviewers=tuple(raw.get("reviewers", ())),
            duties=tuple(raw.get("duties", ())),
            doc=doc,
        )


@dataclass(frozen=True)
class LegalBasis:
    """A law, regulation or rule article that resources cite by ``id``."""

    id: str
    name: str
    article: str
    issuer: str
    effective: str
    url: str = ""
    repealed: str = ""
    kind: str = ""
    """法律, 行政法规, 地方性法规, …, 上级政策: what R-002 accepts depends on the profile."""
    index: int = 0
    """Position in ``legal_bases.yaml``, for line numbers."""


@dataclass(frozen=True)
class Registry:
    """The catalog's jurisdiction, bureau and chosen profile, from ``catalog/registry.yaml``."""

    name: str
    level: str
    division_code: str
    bureau: dict[str, Any]
    profile: str
    overrides: dict[str, Any] = field(default_factory=dict)
    sample: bool = False
    site_url: str = ""
    repo_url: str = ""
    members: list[dict[str, Any]] = field(default_factory=list)
    """Lower-level registries this one aggregates (``generator.federation``), as in the YAML."""
    member_pages: int = 5000
    """Members' resources get pages of their own on this site only up to this many in all."""
    forge: dict[str, Any] = field(default_factory=dict)
    """Forge settings: ``merge_committer``, who commits the forge's merges (see generator.notices.start)."""
    doc: Document = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    @classmethod
    def from_document(cls, doc: Document) -> Registry:
        raw: dict[str, Any] = doc.data
        return cls(**{key: value for key, value in raw.items()}, doc=doc)
