"""Policy rules on pull requests (scope ``change``): what an application may and may not do.

They are run by :mod:`generator.policy` on the classified changes of ``catalog check``, never by
``catalog validate`` (``rules.run`` skips the ``change`` scope). Each rule is called as
``check(changes, context)`` with the list of :class:`generator.changes.Change` and a
:class:`generator.policy.ChangeContext`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from generator.model import STATUS_ACTIVE, STATUS_DELISTED, STATUS_NOTICE
from generator.notices.rules import Terms
from generator.problems import Problem
from generator.rules import RULES, rule


def _problem(change: Any, rule_id: str, message: str, *path: str, side: str = "after") -> Problem:
    doc = change.after if side == "after" else change.before
    line, column = doc.where(*path) if doc is not None and path else (0, 0)
    file = change.path if side == "after" or not change.old_path else change.old_path
    return Problem(file, line, column, rule_id, RULES[rule_id].level, message, ".".join(path))


@rule("P-001", "删除了资源文件", scope="change")
def no_delete(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    已发布的目录条目不能删除，也不能私自撤下：条目只能“下线”，并且下线后条目和全部修改历史
    都永久保留，在网站上显示为“已下线”。要撤下一个条目，请提交下线申请（把状态改为“公示中”并
    写明下线信息），公示期满后再执行下线（状态改为“已下线”）。

    依据（按规则配置）：广西 第二十一条（已发布的目录不得私自删除或变更）、第四十七条（五）；
    贵州 第二十五条（停止提供须提前报备案）；其他配置为目录记录规则（条目和历史永不丢失）。

    不通过（拉取请求删除了 ``catalog/gongan/301001-000001.yaml``）：

        （文件被删除）

    通过（保留文件，提交下线申请）：

        status: 公示中
        delisting:
          reason: 职能调整，该业务已划转至市市场监督管理局
          basis: [jigou-gaige-fang-an]
    """
    for change in changes:
        if change.kind == "delete":
            message = f"不能删除资源条目 {change.code}（{change.name or '未知名称'}）：条目只能下线，不能删除。请恢复该文件；如需撤下，请提交下线申请"
            yield Problem(change.path, 0, 0, "P-001", RULES["P-001"].level, message)


@rule("P-002", "修改了资源代码", scope="change")
def no_code_change(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    资源代码一经发布不能修改：使用部门、共享清单和历史记录都以代码指认资源。新的代码等于一个
    新的条目——请保留原文件不动，另行提交新增编目，再对原条目提交下线申请（可在
    ``delisting.replacement`` 中填写新代码作为替代资源）。

    依据（按规则配置）：政务信息资源目录编制指南（试行） 信息资源代码；广西 第二十一条。

    不通过（原文件 ``101001-000001.yaml`` 改名并改了代码）：

        code: 101001/000009

    通过（原条目申请下线，指向新条目）：

        code: 101001/000001
        status: 公示中
        delisting:
          reason: 资源重新编目
          basis: [bianmu-zhinan]
          replacement: 101001/000009
    """
    for change in changes:
        if change.kind == "code-change":
            message = f"资源代码不能修改（原代码 {change.old_code or '未知'}，新代码 {change.code}）：请恢复原文件，另行提交新增编目，并对原条目提交下线申请"
            yield _problem(change, "P-002", message, "code")


@rule("P-003", "已挂载数据的资源申请下线，未列出要通知的使用部门", scope="change")
def consumers_listed(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    已在共享平台挂载数据的资源申请下线时，提供部门须在公示期内逐一通知使用部门，因此下线申请
    必须写出 ``consumers``（使用部门）字段；确实没有使用部门时写 ``consumers: []``。

    依据（按规则配置）：广西 第二十七条（三）。其他辖区的办法没有此项规定，本规则不适用。

    不通过：

        mounted: true
        status: 公示中

    通过：

        mounted: true
        consumers: [shichang, minzheng]
        status: 公示中
    """
    for change in changes:
        after = change.data("after")
        if change.kind == "delist-request" and after.get("mounted") is True and "consumers" not in after:
            message = "已挂载数据的资源申请下线，须在 consumers 中列出需要通知的使用部门（没有使用部门时写 consumers: []）"
            yield _problem(change, "P-003", message, "status")


@rule("P-004", "公示期未满就执行下线", scope="change")
def notice_ran(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    下线执行（状态由“公示中”改为“已下线”）须等公示期满。公示从“公示中”状态由代码托管平台合并进
    主分支的那一天起算（以平台所做的合并提交为准，不以文件或提交中申请人可以填写的任何日期为准），
    第二天为第 1 天；公示期的长度和按工作日还是自然日计算由本辖区规则配置规定；公示期最后一天过后，
    才能合并下线执行。本辖区办法没有规定公示期的，下线申请合并后的第二天起即可执行下线。不经下线
    申请直接把“在用”改为“已下线”不允许。

    无法确认公示开始日期（“公示中”状态不是经代码托管平台合并进主分支的）时，不能执行下线。
    截止日为“暂定”（公示期跨入的年份尚未收录国务院办公厅公布的节假日安排）时也不能执行：
    须先由大数据主管部门把该年安排写入 ``catalog/holidays.yaml``，截止日确定后再执行。

    依据（按规则配置）：广西 第二十二条（目录公示 30 日）、第二十七条（三）（已挂载数据公示 30 个
    工作日）；贵州 第二十五条（停止提供须提前报备案：先提交申请，合并后方可执行，没有公示期）。
    全国基线和其他配置没有公示期，除非 ``registry.yaml`` 的 ``overrides`` 规定了公示期。

    不通过（公示期至 2026-12-24，今天是 2026-12-20）：

        status: 已下线

    通过（2026-12-25 或以后）：

        status: 已下线
    """
    profile = context.profile
    has_notice = profile.deadline("notice") is not None or profile.deadline("notice_mounted") is not None
    for change in changes:
        if change.kind != "delist-execute":
            continue
        if change.data("before").get("status") == STATUS_ACTIVE:
            message = (
                "未经公示不能直接下线：请先提交下线申请（状态改为“公示中”），公示期满后再执行下线" if has_notice
                else "不能直接下线：请先提交下线申请（状态改为“公示中”），申请合并后再执行下线"
            )
            yield _problem(change, "P-004", message, "status")
            continue
        notice = context.windows.get(change.path)
        if notice is None:
            continue
        if notice.error:
            what = "公示期已满" if notice.days else "下线申请已经合并"
            yield _problem(change, "P-004", f"无法确认{what}：{notice.error}", "status")
        elif notice.provisional:
            years = "、".join(f"{year} 年" for year in notice.missing_years)
            message = (
                f"公示期截止日 {notice.notice_end} 是暂定的：{notice.provisional_reason}。须先由大数据主管部门"
                f"按国务院办公厅的通知把 {years}的节假日安排写入 catalog/holidays.yaml，截止日确定并届满后方可下线执行（{notice.basis}）"
            )
            yield _problem(change, "P-004", message, "status")
        elif not notice.due and not notice.days:
            yield _problem(change, "P-004", f"下线申请于 {notice.notice_start} 合并，{notice.executable_from} 起方可执行下线", "status")
        elif not notice.due:
            message = (
                f"公示期未满：公示自 {notice.notice_start} 起（次日为第 1 天），{notice.days} 个{notice.unit}，"
                f"公示期至 {notice.notice_end}（北京时间），{_next_day(notice.notice_end)} 起方可下线执行（{notice.basis}）"
            )
            yield _problem(change, "P-004", message, "status")


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


@rule("P-008", "公示期间放宽了公示条件", scope="change")
def notice_terms(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    公示的条件在公示开始时确定：是否已挂载数据（决定公示期是 30 日还是 30 个工作日）和须通知的
    使用部门。公示期间不能放宽这些条件——把 ``mounted`` 从 ``true`` 改为 ``false``、删去使用部门，
    都会被拒绝；即使改动被合并，公示期和通知对象也仍按原来的条件计算。确需调整的，请先撤销下线
    （状态改回“在用”），再重新提交下线申请，公示从重新合并之日起算。

    公示期间增加使用部门或改为已挂载数据（条件变严）可以合并，但公示从该改动合并之日起重新计算，
    以便新增的使用部门得到完整的公示期；检查结果中会给出重新计算后的截止日。

    依据（按规则配置）：广西 第二十二条、第二十七条（三）（公示期间数据提供部门负责通知数据使用部门）；
    其他配置为目录记录规则（公示的条件在公示开始时确定）。

    不通过（公示中的资源删去使用部门）：

        status: 公示中
        mounted: true
        consumers: []

    通过（不改变公示条件）：

        status: 公示中
        mounted: true
        consumers: [shichang]
    """
    for change in changes:
        before, after = change.data("before"), change.data("after")
        if before.get("status") != STATUS_NOTICE or after.get("status") != STATUS_NOTICE:
            continue
        lost = Terms.of(before).narrowed_by(Terms.of(after))
        if lost:
            message = (
                f"公示期间不能放宽公示条件（{'；'.join(lost)}）：公示的条件在公示开始时已经确定。"
                "确需调整的，请先撤销下线（状态改回“在用”），再重新提交下线申请"
            )
            field = "mounted" if before.get("mounted") is True and after.get("mounted") is not True else "consumers"
            yield _problem(change, "P-008", message, field)


@rule("P-005", "状态变化不符合下线程序", scope="change")
def status_sequence(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    条目的状态只能按“在用 → 公示中 → 已下线”的顺序变化（公示期间可撤销下线，回到“在用”）。
    新增编目的状态必须是“在用”；已下线的条目不能恢复——需要时请以新代码新增编目。

    依据（按规则配置）：目录记录规则（非法规条款）；广西 第二十一条、第二十二条。

    不通过（新增的条目）：

        status: 公示中

    通过：

        status: 在用
    """
    for change in changes:
        before, after = change.data("before").get("status"), change.data("after").get("status")
        if change.kind == "add" and after not in (None, STATUS_ACTIVE):
            yield _problem(change, "P-005", f"新增编目的状态应为“{STATUS_ACTIVE}”，现在是“{after}”", "status")
        elif before == STATUS_DELISTED and after in (STATUS_ACTIVE, STATUS_NOTICE):
            yield _problem(change, "P-005", "已下线的条目不能恢复：请以新的资源代码新增编目", "status")


@rule("P-006", "共享或开放收紧", scope="change", level="warning")
def restriction(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    把共享类型改向“有条件共享”“不予共享”，或把开放类型改向“依申请开放”“不予开放”，相当于部分
    下线：须写明条件和法律依据（由 R-001 至 R-003 检查），并由大数据主管部门审核；已有使用部门的，
    提供部门须事先通知它们。本规则只提示审核人注意，不阻止合并。

    依据（按规则配置）：贵州 第二十一条、第二十五条；吉林 第二十四条；滨州 第十二条；修武 第十八条；
    广西 第二十一条；全国基线为《政务信息资源共享管理暂行办法》（国发〔2016〕51号）。

    提示（原为无条件共享）：

        share:
          type: 有条件共享
          condition: 仅向承担人口服务管理职责的部门提供
          basis: [pipl-13]

    不提示（共享范围放宽）：

        share:
          type: 无条件共享
    """
    for change in changes:
        if change.kind != "restrict":
            continue
        consumers = "、".join(change.data("after").get("consumers") or ()) or "无"
        message = f"共享/开放收紧需大数据主管部门审核：请在申请说明中写明收紧的理由和法律依据，并通知使用部门（{consumers}）"
        yield _problem(change, "P-006", message, "share")


@rule("P-007", "需要大数据主管部门审核的变更", scope="change", level="warning")
def bureau_review(changes: Sequence[Any], context: Any) -> Iterator[Problem]:
    """
    一个拉取请求只应是一个部门的一次申请。同时修改多个部门的文件夹，或同时修改部门文件夹和
    登记信息（``registry.yaml``、``legal_bases.yaml``、``holidays.yaml``、模式、规则配置），
    以及单独修改登记信息、模式和规则配置的，都需要大数据主管部门的审核人审核。本规则只提示，
    不阻止合并；CODEOWNERS 保证相应的审核人被邀请审核。

    依据（按规则配置）：目录记录规则（非法规条款）；广西 第十七条（三）、第十八条（三）（大数据主管
    部门审核目录的删除、下线、变更申请）。

    提示（同一个拉取请求修改了两个部门）：

        catalog/gongan/101001-000001.yaml
        catalog/shichang/102001-000001.yaml

    不提示：

        catalog/gongan/101001-000001.yaml
    """
    departments = sorted({c.department for c in changes if c.department})
    registry = [c for c in changes if c.kind == "registry"]
    where = context.prefix or "."
    if len(departments) > 1:
        message = f"本申请同时修改了 {len(departments)} 个部门的文件（{'、'.join(departments)}）：请拆分为每个部门一个申请，或由大数据主管部门审核"
        yield Problem(where, 0, 0, "P-007", "warning", message)
    if registry and departments:
        message = "本申请同时修改了部门文件和登记信息（登记信息、法律依据、节假日、模式或规则配置）：请拆分，或由大数据主管部门审核"
        yield Problem(where, 0, 0, "P-007", "warning", message)
    for change in registry:
        yield Problem(change.path, 0, 0, "P-007", "warning", f"{change.label}须由大数据主管部门的审核人批准")
