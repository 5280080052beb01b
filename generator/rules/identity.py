"""Who the data is about, whether it may be catalogued at all, and whether it may be opened."""

from __future__ import annotations

from collections.abc import Iterator

from generator.load.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule

PERSON_IDENTIFIERS = (
    "公民身份号码", "居民身份证号码", "身份证号码", "身份证件号码", "有效身份证件号码", "证件号码",
    "护照号码", "社会保障号码", "社会保障卡号", "手机号码",
)
"""Item names that single out a natural person by themselves (an ID or a phone number)."""
PERSON_NAMES = ("姓名", "公民姓名", "本人姓名", "户主姓名")


@rule("R-010", "缺少主体标识信息项")
def subject_identifier(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    自然人数据以身份证件号码为标识，法人数据以统一社会信用代码为标识。主体类型为“自然人”的
    资源必须有身份证件号码信息项（贵州为“居民身份证号码”或“公民身份号码”；修武为“有效身份证件
    号码”，也接受其他身份证件号码），主体类型为“法人”的资源必须有“统一社会信用代码”信息项，
    并标为主体标识（``identifier: true``）。可接受的名称来自规则配置。

    依据（按规则配置）：贵州 第十五条；修武 第十二条。其他辖区的办法没有此项规定，本规则不适用。

    不通过：

        subject_type: 法人
        items:
          - {name: 企业名称, type: C, length: 200}

    通过：

        subject_type: 法人
        items:
          - {name: 统一社会信用代码, type: C, length: 18, identifier: true}
          - {name: 企业名称, type: C, length: 200}
    """
    names = context.catalog.profile.identifiers.get(resource.subject_type)
    if not names:
        return
    for index, item in enumerate(resource.items):
        if item.name in names:
            if not item.identifier:
                yield at(resource.doc, "R-010", f"信息项“{item.name}”是{resource.subject_type}的主体标识，请加上 identifier: true", "items", index, "name")
            return
    yield at(resource.doc, "R-010", f"主体类型为{resource.subject_type}的资源必须有“{names[0]}”信息项作为主体标识", "subject_type")


@rule("R-016", "涉密数据不得纳入目录")
def classified(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    政务数据资源目录只收录非涉密数据；涉密数据按保密法律法规管理，不上共享平台，也不进本目录。
    安全级别为“涉密”的新条目不得提交；已发布的条目按下线流程申请下线，条目和历史保留在记录中。

    依据（按规则配置）：贵州 第三条、第十七条；滨州 第四条（一）；修武 第十七条（一）；广西 第二条；
    全国基线为《中华人民共和国保守国家秘密法》。

    不通过：

        security_level: 涉密

    通过：

        security_level: 敏感
    """
    if resource.security_level == "涉密":
        yield at(resource.doc, "R-016", "涉密数据不得纳入政务数据资源目录，新条目请勿提交；已发布的条目请按下线流程申请下线", "security_level")


@rule("R-034", "能识别自然人的数据不得无条件开放")
def personal_not_open(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    开放类型为“无条件开放”的数据任何人都能获取。信息项中有身份证件号码、手机号码等能单独识别
    自然人的项，或者主体类型为“自然人”且有姓名项的资源，公开就是公开个人信息：个人信息处理者
    不得公开其处理的个人信息，取得个人单独同意的除外。这样的资源开放类型只能是“依申请开放”或
    “不予开放”；确需开放的，先脱敏、去掉能识别个人的信息项，作为另一个资源编目。

    依据：《中华人民共和国个人信息保护法》第二十五条（在 ``legal_bases.yaml`` 中登记为 ``pipl-25``）。

    不通过：

        subject_type: 自然人
        items:
          - {name: 公民身份号码, type: C, length: 18, identifier: true}
          - {name: 姓名, type: C, length: 50}
        open:
          type: 无条件开放

    通过：

        open:
          type: 不予开放
          condition: 含个人身份信息
          basis: [pipl-25]
    """
    if resource.open.type != "无条件开放":
        return
    names = [item.name for item in resource.items]
    found = [n for n in names if n in PERSON_IDENTIFIERS]
    if resource.subject_type == "自然人":
        found += [n for n in names if n in PERSON_NAMES or n in (item.name for item in resource.items if item.identifier)]
    if found:
        shown = "、".join(f"“{n}”" for n in dict.fromkeys(found))
        level = "、安全级别为“公开”" if resource.security_level == "公开" else ""
        message = (
            f"信息项 {shown} 能识别自然人，资源不得无条件开放{level}：开放类型请改为“依申请开放”或“不予开放”，"
            "或脱敏后另行编目"
        )
        yield at(resource.doc, "R-034", message, "open", "type")
