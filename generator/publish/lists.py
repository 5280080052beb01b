"""The published lists (清单): which resources each one holds, and why it exists.

Pure selections over :class:`~generator.publish.model.Published`, used by the list pages and by the
downloads alike, so a page and its download always agree.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.load.model import STATUS_DELISTED, STATUS_NOTICE, Resource
from generator.publish.model import Published


@dataclass(frozen=True)
class ResourceList:
    """A list of resources published by the bureau."""

    slug: str
    """File name of the page and the downloads, e.g. ``share-negative``."""
    title: str
    intro: str
    """What the list is and which article requires it (Chinese)."""
    select: Callable[[Published], tuple[Resource, ...]]
    basis_of: str = ""
    """``share``/``open``/``delisting``: show that attribute's condition and legal bases."""
    rule: str = ""
    """The rule whose article (under the catalog's profile) requires the list; shown after ``intro``."""
    intro_without_notice: str = ""
    """``intro`` for a profile whose regulation sets no public notice before delisting (贵州,
    吉林, 滨州, 修武 and the national baseline have none): the list must not promise one."""

    def intro_for(self, profile: Any) -> str:
        """What the list is under ``profile``: a notice is spoken of only where its text sets one."""
        if self.intro_without_notice and profile.deadline("notice") is None:
            return self.intro_without_notice
        return self.intro


def _pick(test: Callable[[Resource], bool]) -> Callable[[Published], tuple[Resource, ...]]:
    """A list's selection, made once per publish model: every page of a list, its count on the
    department and list pages and its downloads ask for it (at 50,000 resources, 224 selections of
    a whole catalog took 20 s of a one-resource rebuild)."""
    made: weakref.WeakKeyDictionary[Published, tuple[Resource, ...]] = weakref.WeakKeyDictionary()

    def select(data: Published) -> tuple[Resource, ...]:
        found = made.get(data)
        if found is None:
            found = tuple(sorted((r for r in data.catalog.resources if test(r)), key=lambda r: r.code))
            made[data] = found
        return found

    return select


def _listed(resource: Resource) -> bool:
    return resource.status != STATUS_DELISTED


RESOURCE_LISTS: tuple[ResourceList, ...] = (
    ResourceList(
        "share",
        "共享清单",
        "可供政务部门共享的数据资源：无条件共享和有条件共享的资源，有条件共享的写明共享条件和依据。",
        _pick(lambda r: _listed(r) and r.share.type in ("无条件共享", "有条件共享")),
        "share",
        "R-001",
    ),
    ResourceList(
        "share-negative",
        "共享负面清单",
        "不予共享的数据资源，逐条列明不予共享的理由和依据。",
        _pick(lambda r: _listed(r) and r.share.type == "不予共享"),
        "share",
        "R-002",
    ),
    ResourceList(
        "open",
        "开放清单",
        "向社会开放的数据资源：无条件开放和依申请开放；依申请开放的资源同时公布申请条件和依据。",
        _pick(lambda r: _listed(r) and r.open.type in ("无条件开放", "依申请开放")),
        "open",
        "R-006",
    ),
    ResourceList(
        "open-negative",
        "开放负面清单",
        "不予开放的数据资源，逐条公布不予开放的理由和依据。",
        _pick(lambda r: _listed(r) and r.open.type == "不予开放"),
        "open",
        "R-003",
    ),
    ResourceList(
        "notices",
        "公示",
        "已批准下线、正在公示的资源。公示期满后方可下线；公示期的长短和是否须通知使用部门由本辖区"
        "办法规定。",
        _pick(lambda r: r.status == STATUS_NOTICE),
        "delisting",
        "P-004",
        "已申请下线、尚未下线（状态为“公示中”）的资源。本目录所依据的办法没有规定下线前的公示期。",
    ),
    ResourceList(
        "delisted",
        "已下线",
        "公示期满后下线的资源。条目和变更历史永久保留，页面和地址不变。",
        _pick(lambda r: r.status == STATUS_DELISTED),
        "delisting",
        "P-001",
        "已下线的资源。条目和变更历史永久保留，页面和地址不变。",
    ),
)

BY_SLUG = {entry.slug: entry for entry in RESOURCE_LISTS}
