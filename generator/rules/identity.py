"""Who the data is about and whether it may be catalogued at all."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import Resource
from generator.problems import Problem
from generator.rules import Context, at, rule

IDENTIFIERS = {
    "自然人": ("公民身份号码", "居民身份证号码", "身份证号码", "身份证件号码"),
    "法人": ("统一社会信用代码",),
}


@rule("R-010", "缺少主体标识信息项")
def subject_identifier(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    自然人数据以居民身份证号码为标识，法人数据以统一社会信用代码为标识。主体类型为“自然人”的
    资源必须有名为“公民身份号码”（或“居民身份证号码”）的信息项，主体类型为“法人”的资源必须有
    “统一社会信用代码”信息项，并标为主体标识（``identifier: true``）。

    依据：贵州 第十五条；修武 第十二条。

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
    names = IDENTIFIERS.get(resource.subject_type)
    if not names:
        return
    for index, item in enumerate(resource.items):
        if item.name in names:
            if not item.identifier:
                yield at(resource.doc, "R-010", f"信息项“{item.name}”是{resource.subject_type}的主体标识，请加上 identifier: true", "items", index, "name")
            return
    yield at(resource.doc, "R-010", f"主体类型为{resource.subject_type}的资源必须有“{names[0]}”信息项作为主体标识（贵州 第十五条，修武 第十二条）", "subject_type")


@rule("R-016", "涉密数据不得纳入目录")
def classified(resource: Resource, context: Context) -> Iterator[Problem]:
    """
    政务数据资源目录只收录非涉密数据；涉密数据按保密法律法规管理，不上共享平台，也不进本目录。
    安全级别为“涉密”的新条目不得提交；已发布的条目按下线流程申请下线，条目和历史保留在记录中。

    依据：贵州 第三条、第十七条。

    不通过：

        security_level: 涉密

    通过：

        security_level: 敏感
    """
    if resource.security_level == "涉密":
        yield at(resource.doc, "R-016", "涉密数据不得纳入政务数据资源目录（贵州 第三条、第十七条），新条目请勿提交；已发布的条目请按下线流程申请下线", "security_level")
