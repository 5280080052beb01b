"""Catalog-wide integrity: codes, file names, references, status, one source per datum."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.model import STATUS_ACTIVE, Entry, Resource, code_to_stem
from generator.problems import Problem
from generator.rules import RULES, Context, at, rule
from generator.rules.bases import real_date
from generator.textsafety import name_key


def entry_problem(entry: Entry, rule_id: str, message: str, field: str) -> Problem:
    line, column = entry.where(field)
    return Problem(entry.path, line, column, rule_id, RULES[rule_id].level, message, field)


@rule("R-013", "资源代码重复", scope="catalog")
def unique_codes(context: Context) -> Iterator[Problem]:
    """
    资源代码在整个目录中唯一，一个代码只对应一个资源。新资源请取下一个未用的顺序码。

    依据：政务信息资源目录编制指南（试行） 信息资源代码。

    不通过（另一个文件已使用该代码）：

        code: 101001/000001

    通过：

        code: 101001/000002
    """
    first: dict[str, Entry] = {}
    for entry in context.catalog.entries:
        earlier = first.setdefault(entry.code, entry)
        if earlier is not entry:
            yield entry_problem(entry, "R-013", f"资源代码 {entry.code} 已被 {earlier.path}（{earlier.name}）使用", "code")


@rule("R-014", "文件位置与资源代码或提供部门不一致")
def file_location(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    资源文件放在提供部门的文件夹中，文件名是资源代码（“/”换成“-”），例如代码
    ``101001/000001`` 的资源由 ``gongan`` 提供，文件应为 ``catalog/gongan/101001-000001.yaml``。
    ``department`` 字段必须与文件夹一致，且该文件夹中有 ``department.yaml``。

    依据：目录记录规则（非法规条款），各辖区相同。

    不通过（文件为 ``catalog/gongan/huji.yaml``）：

        code: 101001/000001
        department: gongan

    通过（文件为 ``catalog/gongan/101001-000001.yaml``）：

        code: 101001/000001
        department: gongan
    """
    folder, name = resource.path.rsplit("/", 2)[-2:]
    expected = f"{code_to_stem(resource.code)}.yaml"
    if name != expected:
        yield at(resource.doc, "R-014", f"文件名应为 {expected}（与资源代码 {resource.code} 一致），现在是 {name}", "code")
    if resource.department != folder:
        yield at(resource.doc, "R-014", f"提供方“{resource.department}”与所在文件夹“{folder}”不一致：资源应放在提供部门的文件夹中", "department")
    elif resource.department not in context.catalog.departments:
        yield at(resource.doc, "R-014", f"文件夹“{folder}”中没有有效的 department.yaml，无法确定提供部门", "department")


@rule("R-015", "引用的资源代码不存在", scope="catalog")
def references(context: Context) -> Iterator[Problem]:
    """
    关联资源代码（``related``）和替代资源（``delisting.replacement``）必须是本目录中存在的资源，
    替代资源不能是已下线的资源，也不能是自己。

    依据：政务信息资源目录编制指南（试行） 核心元数据“关联资源代码”。

    不通过：

        related: [101001/999999]

    通过：

        related: [101001/000002]
    """
    by_code: dict[str, Entry] = {}
    for entry in context.catalog.entries:
        by_code.setdefault(entry.code, entry)
    for entry in context.catalog.entries:
        for index, code in enumerate(entry.related):
            if code not in by_code:
                yield entry_problem(entry, "R-015", f"关联资源代码 {code} 在目录中不存在", f"related.{index}")
        if entry.replacement:
            target = by_code.get(entry.replacement)
            if target is None:
                yield entry_problem(entry, "R-015", f"替代资源 {entry.replacement} 在目录中不存在", "delisting.replacement")
            elif target.code == entry.code or target.status == "已下线":
                yield entry_problem(entry, "R-015", f"替代资源 {entry.replacement} 不能是本资源或已下线的资源", "delisting.replacement")


@rule("R-017", "同名资源由多个部门提供（一数一源）", scope="catalog", level="warning")
def one_source(context: Context) -> Iterator[Problem]:
    """
    政务数据采集遵循“一数一源、一源多用”：同一数据应由一个部门提供，其他部门通过共享获取，
    不得重复采集、多头采集。两个部门提供同名资源时给出警告，请确认是否应改为共享使用。
    比较名称时忽略全角与半角、空格和看不见的字符，并把繁体字当作对应的简体字，
    所以“企業法人登記信息”与“企业法人登记信息”视为同名。

    依据（按规则配置）：贵州 第十四条；吉林 第十六条；滨州 第四条（三）；修武 第十二条；
    全国基线为《政务信息资源共享管理暂行办法》（国发〔2016〕51号）。

    不通过（两个部门都有）：

        name: 企业法人登记信息

    通过（只由市场监管部门提供，其他部门在 ``consumers`` 中列为使用部门）：

        name: 企业法人登记信息
    """
    by_name: dict[str, list[Entry]] = defaultdict(list)
    for entry in context.catalog.entries:
        if entry.status != "已下线":
            by_name[name_key(entry.name)].append(entry)
    for entries in by_name.values():
        departments = sorted({e.department for e in entries})
        if len(departments) < 2:
            continue
        for entry in entries:
            spelled = {e.department: e.name for e in entries if e.department != entry.department}
            others = "、".join(
                d if spelled[d] == entry.name else f"{d}（写作“{spelled[d]}”）" for d in sorted(spelled)
            )
            yield entry_problem(entry, "R-017", f"“{entry.name}”也由 {others} 提供；按一数一源原则，请确认是否应由一个部门提供、其他部门共享使用", "name")


@rule("R-018", "状态与下线信息不一致")
def status_delisting(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    状态为“公示中”或“已下线”的资源必须有 ``delisting`` 下线信息，写明下线理由（``reason``）；
    依据（``basis``）可以一并写明，只有办法要求时才必填（见 R-044）。状态为“在用”的资源不能有
    下线信息（撤销下线时请一并删去）。

    依据（按规则配置）：贵州 第二十五条（停止提供须提供正当理由说明）；其他配置为目录记录规则。

    不通过：

        status: 公示中

    通过：

        status: 公示中
        delisting:
          reason: 职能调整，该业务已划转至市市场监督管理局
          basis: [jigou-gaige-fang-an]
    """
    if resource.status == STATUS_ACTIVE and resource.delisting is not None:
        yield at(resource.doc, "R-018", "状态为“在用”的资源不应有下线信息（delisting）；撤销下线时请删去下线信息", "delisting")
    elif resource.status != STATUS_ACTIVE and resource.delisting is None:
        yield at(resource.doc, "R-018", f"状态为“{resource.status}”的资源必须有下线信息（delisting），写明下线理由（reason）", "status")


@rule("R-044", "已挂载数据的资源申请下线，没有写明依据")
def mounted_delisting_basis(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    已在共享平台挂载数据的资源申请下线，须说明下线的理由和依据：在 ``delisting.basis`` 中引用
    法律依据或文件依据（须在 ``legal_bases.yaml`` 中登记），理由写在 ``delisting.reason`` 中。
    未挂载数据的目录下线，办法没有要求写明依据。

    依据（按规则配置）：广西 第二十七条（一）（提前 30 个工作日提交下线申请，“说明下线的理由和
    依据”）。其他辖区的办法没有要求下线写明依据，本规则不适用。

    不通过：

        mounted: true
        status: 公示中
        delisting:
          reason: 职能调整，该业务已划转至市市场监督管理局

    通过：

        mounted: true
        status: 公示中
        delisting:
          reason: 职能调整，该业务已划转至市市场监督管理局
          basis: [jigou-gaige-fang-an]
    """
    if resource.status != STATUS_ACTIVE and resource.mounted and resource.delisting is not None and not resource.delisting.basis:
        yield at(resource.doc, "R-044", "已挂载数据的资源申请下线，须在 delisting.basis 中写明下线的依据", "delisting")


@rule("R-021", "日期不存在")
def real_dates(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    发布日期等日期必须是日历上真实存在的日期，且发布日期不能晚于今天。

    依据：政务信息资源目录编制指南（试行） 核心元数据“发布日期”。

    不通过：

        published: 2024-02-30

    通过：

        published: 2024-02-29
    """
    if not real_date(resource.published):
        yield at(resource.doc, "R-021", f"发布日期 {resource.published} 在日历上不存在", "published")
    elif resource.published > context.today:
        yield at(resource.doc, "R-021", f"发布日期 {resource.published} 晚于今天（{context.today}）", "published")


@rule("R-022", "使用部门不存在")
def consumers_exist(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    ``consumers`` 列出的使用部门必须是本目录中的部门（填部门文件夹名），下线时据此逐一通知。

    依据（按规则配置）：目录记录规则（非法规条款）；广西 第二十七条（三）（公示期间通知使用部门）。

    不通过：

        consumers: [gonganju]

    通过：

        consumers: [gongan, minzheng]
    """
    departments = context.catalog.departments
    for index, consumer in enumerate(resource.consumers):
        if consumer not in departments:
            yield at(resource.doc, "R-022", f"使用部门“{consumer}”不是本目录中的部门（应填部门文件夹名）", "consumers", index)
        elif consumer == resource.department:
            yield at(resource.doc, "R-022", "使用部门不能是提供部门自己", "consumers", index)
