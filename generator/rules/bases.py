"""Legal bases: every cited id exists in the code list, is in force, and the list is sound."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from generator.deadlines import catalog_updates, end
from generator.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule

_ATTRIBUTES = (("share", "共享属性"), ("open", "开放属性"), ("delisting", "下线信息"))


def _citations(resource: Resource) -> Iterator[tuple[str, str, int, str]]:
    for key, label in _ATTRIBUTES:
        attribute = getattr(resource, key)
        for index, basis in enumerate(attribute.basis if attribute else ()):
            yield key, label, index, basis


@rule("R-004", "引用的法律依据未在代码表中登记")
def basis_exists(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    资源引用的每个法律依据标识，都必须在 ``catalog/legal_bases.yaml`` 中登记（名称、条款、
    发布机关、生效日期），网站据此公布依据。这是目录的记录规则，不是某一地办法的条款。

    依据：目录记录规则（非法规条款）。

    不通过（代码表中没有 ``pipl-99``）：

        basis: [pipl-99]

    通过：

        basis: [pipl-13]
    """
    bases = context.catalog.legal_bases
    for key, label, index, basis in _citations(resource):
        if basis not in bases:
            yield at(resource.doc, "R-004", f"{label}引用的法律依据“{basis}”不在 legal_bases.yaml 中，请先登记该依据或改正标识", key, "basis", index)


@rule("R-005", "引用的法律依据已废止（目录须在期限内更新）或尚未生效")
def basis_in_force(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    法律依据废止后，引用它的目录条目须在本辖区规定的期限内更新（改引现行依据，或按新规定调整
    共享、开放属性）。期限从 ``legal_bases.yaml`` 中的废止日期（``repealed``）起算，次日为第 1 天，
    按工作日计算：期限内是警告，写明最后一天（含当天）；期满仍未更新是错误。本辖区办法规定提供部门
    先申请更新、再由大数据主管部门审核更新的，两段期限都届满仍未更新才是错误，期限内的警告同时写明
    申请更新的最后一天。尚未生效的依据给出警告。已下线的条目是历史记录，不要求更新。

    依据（按规则配置的 ``catalog_update`` 期限）：贵州 第十条、滨州 第十一条、广西 第三十九条
    （15 个工作日内更新）；修武 第十条（10 个工作日内申请更新，县政务服务和大数据管理局收到申请后
    5 个工作日内审核、更新）。吉林的办法节选没有更新期限，沿用全国基线，只作建议。法律法规修订
    （而非废止）和行政管理职能变化同样要求更新，但目录中没有它们的日期，列为“不检查”。

    不通过（``zhengfu-xinxi-gongkai-2007`` 已于 2019-05-15 废止，期限早已届满）：

        open:
          type: 不予开放
          basis: [zhengfu-xinxi-gongkai-2007]

    通过：

        open:
          type: 不予开放
          basis: [zhengfu-xinxi-gongkai-15]
    """
    bases = context.catalog.legal_bases
    labels = dict(_ATTRIBUTES)
    profile = context.catalog.profile
    for deadline in catalog_updates(resource, bases, profile, context.calendar):
        if deadline.start > context.today:
            continue
        key, _, index = deadline.at
        basis = bases[getattr(resource, str(key)).basis[int(index)]]
        head = f"{labels[str(key)]}引用的《{basis.name.strip('《》')}》{basis.article}已于 {deadline.start} 废止"
        if deadline.error:
            message, level = f"{head}：{deadline.error}", "warning"
        elif deadline.overdue(context.today):
            message, level = f"{head}，现已逾期：目录最迟应于 {deadline.shown_due}（含）更新（{deadline.period.describe()}），请改引现行依据", "error"
        else:
            apply = _apply_by(deadline.start, profile, context)
            message, level = f"{head}：{apply}目录最迟于 {deadline.shown_due}（含）更新，请改引现行依据（{deadline.period.describe()}）", "warning"
        yield at(resource.doc, "R-005", message, *deadline.at, level=level)  # type: ignore[arg-type]
    for key, label, index, basis_id in _citations(resource):
        basis = bases.get(basis_id)
        if basis is not None and basis.effective > context.today:
            yield at(resource.doc, "R-005", f"{label}引用的《{basis.name.strip('《》')}》{basis.article}将于 {basis.effective} 生效，目前尚未生效", key, "basis", index, level="warning")


def _apply_by(repealed: str, profile: Any, context: Context) -> str:
    """``请最迟于 …（含）提交更新申请；`` where the department applies and the bureau then updates."""
    period = profile.deadline("catalog_update")
    if period is None or profile.deadline("update_review") is None:
        return ""
    due, error, provisional = end(context.calendar, repealed, period)
    if error:
        return ""
    return f"请最迟于 {due}{'（暂定）' if provisional else ''}（含）提交更新申请；"


@rule("R-020", "法律依据代码表有误", scope="catalog")
def basis_list(context: Context) -> Iterator[Problem]:
    """
    ``legal_bases.yaml`` 中每个标识只能出现一次；生效日期、废止日期必须是真实存在的日期，
    且废止日期不早于生效日期。

    依据：目录记录规则（非法规条款）。

    不通过：

        - id: pipl-13
          effective: 2021-11-01
          repealed: 2021-02-30

    通过：

        - id: pipl-13
          effective: 2021-11-01
    """
    for doc in context.catalog.documents.values():
        if not doc.path.endswith("legal_bases.yaml") or not isinstance(doc.data, list):
            continue
        seen: dict[str, int] = {}
        for index, raw in enumerate(doc.data):
            if not isinstance(raw, dict):
                continue
            basis_id = raw.get("id")
            if isinstance(basis_id, str):
                if basis_id in seen:
                    first = doc.where(seen[basis_id])[0]
                    yield at(doc, "R-020", f"依据标识“{basis_id}”重复（第一次在第 {first} 行）", index, "id")
                seen.setdefault(basis_id, index)
            for key, label in (("effective", "生效日期"), ("repealed", "废止日期")):
                value = raw.get(key)
                if isinstance(value, str) and not real_date(value):
                    yield at(doc, "R-020", f"{label}“{value}”不是真实存在的日期", index, key)
            effective, repealed = raw.get("effective"), raw.get("repealed")
            if isinstance(effective, str) and isinstance(repealed, str) and repealed < effective:
                yield at(doc, "R-020", f"废止日期 {repealed} 早于生效日期 {effective}", index, "repealed")


def real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
