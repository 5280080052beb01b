"""The spreadsheet layout of the national template (发改高技〔2017〕1272号), shared by export and import.

The 1272 guide's core metadata, in its order: 信息资源分类 (类/项/目/细目), 信息资源名称, 信息资源代码,
信息资源提供方 (with 提供方内部部门 and 提供方代码), 信息资源摘要, 信息资源格式, 信息项 (名称/数据类型/
数据长度), 共享属性 (共享类型/共享条件/共享方式), 开放属性 (是否向社会开放/开放条件), 更新周期, 发布日期,
关联资源代码. The regulations' extension fields follow (来源业务, 主体类型 … as in ``resource.schema.json``).

A column's ``path`` is the dotted field path in the resource YAML (``share.type``); ``items.name``
is a field of each 信息项. A path starting with ``@`` is derived from other files and ignored on
import: ``@department.name`` and ``@department.uscc`` come from ``department.yaml``, ``@open.public``
is ``是``/``否`` from ``open.type``. List values are joined with :data:`LIST_SEPARATOR`.

Two row layouts use the same columns in the same order:

* ``items`` — one row per 信息项, resource columns repeated on each row (lossless; the whole catalog);
* ``resources`` — one row per resource, each 信息项 column joined with :data:`LIST_SEPARATOR` (lists).
"""

from __future__ import annotations

from dataclasses import dataclass

LIST_SEPARATOR = "；"
"""Joins list values inside one cell (Chinese semicolon: names may contain commas)."""


@dataclass(frozen=True)
class Column:
    """One spreadsheet column."""

    header: str
    """Header text, as in the national template (extension columns: the schema's ``title``)."""
    path: str
    """Dotted field path in the resource YAML; ``items.<field>`` per 信息项; ``@…`` derived."""
    group: str = ""
    """The template's group header above this column (``信息资源分类`` …), empty if none."""

    @property
    def per_item(self) -> bool:
        return self.path.startswith("items.")

    @property
    def derived(self) -> bool:
        return self.path.startswith("@")


NATIONAL: tuple[Column, ...] = (
    Column("类", "classification.class", "信息资源分类"),
    Column("项", "classification.item", "信息资源分类"),
    Column("目", "classification.heading", "信息资源分类"),
    Column("细目", "classification.subheading", "信息资源分类"),
    Column("信息资源名称", "name"),
    Column("信息资源代码", "code"),
    Column("信息资源提供方", "@department.name"),
    Column("提供方内部部门", "provider_unit"),
    Column("信息资源提供方代码", "@department.uscc"),
    Column("信息资源摘要", "summary"),
    Column("格式分类", "format.category", "信息资源格式"),
    Column("格式类型", "format.type", "信息资源格式"),
    Column("信息项名称", "items.name", "信息项"),
    Column("数据类型", "items.type", "信息项"),
    Column("数据长度", "items.length", "信息项"),
    Column("共享类型", "share.type", "共享属性"),
    Column("共享条件", "share.condition", "共享属性"),
    Column("共享方式", "share.methods", "共享属性"),
    Column("是否向社会开放", "@open.public", "开放属性"),
    Column("开放条件", "open.condition", "开放属性"),
    Column("更新周期", "update_cycle"),
    Column("发布日期", "published"),
    Column("关联资源代码", "related"),
)
"""The national template's columns, in its order."""

EXTENSION: tuple[Column, ...] = (
    Column("主体标识", "items.identifier", "信息项"),
    Column("信息项说明", "items.description", "信息项"),
    Column("部门标识", "department", "扩展"),
    Column("开放类型", "open.type", "扩展"),
    Column("共享法律依据", "share.basis", "扩展"),
    Column("开放法律依据", "open.basis", "扩展"),
    Column("共享范围", "share.scope", "扩展"),
    Column("共享用途", "share.purpose", "扩展"),
    Column("来源业务", "source_business", "扩展"),
    Column("主体类型", "subject_type", "扩展"),
    Column("安全级别", "security_level", "扩展"),
    Column("使用要求", "usage", "扩展"),
    Column("已挂载数据", "mounted", "扩展"),
    Column("使用部门", "consumers", "扩展"),
    Column("状态", "status", "扩展"),
    Column("下线理由", "delisting.reason", "扩展"),
    Column("下线法律依据", "delisting.basis", "扩展"),
    Column("替代资源", "delisting.replacement", "扩展"),
)
"""Fields the regulations add to the 1272 metadata (see ``schemas/resource.schema.json``)."""

COLUMNS: tuple[Column, ...] = NATIONAL + EXTENSION
"""Every column of an export, national ones first."""

BOOLEAN_CELLS = {True: "是", False: "否"}
"""How ``true``/``false`` fields (``mounted``, ``items.identifier``) are written in a cell."""


def by_header() -> dict[str, Column]:
    """Columns by header text, for reading a spreadsheet back."""
    return {column.header: column for column in COLUMNS}
