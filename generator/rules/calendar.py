"""The registry's extra holiday schedules (``catalog/holidays.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.holidays import RULE, calendar_from
from generator.problems import Problem
from generator.rules import Context, rule


@rule(RULE, "节假日安排补充文件有误", scope="catalog")
def holiday_file(context: Context) -> Iterator[Problem]:
    """
    ``catalog/holidays.yaml`` 补充 chinesecalendar 软件包尚未收录的年份的节假日安排，工作日期限
    据此计算。每个年份写明来源——国务院办公厅通知的标题和文号（文号必须是通知原文中的真实数字，
    “〔2026〕X号”这类占位符不予接受）、放假的起止日期和调休上班日；日期必须是日历上真实存在的日期并在
    该年份内，同一年份只能写一次。补充年份须经大数据主管部门审核（P-007）。

    与《全国年节及纪念日放假办法》第二条不符的地方（例如某个法定节日没有写成放假日，或调休上班日
    不是周六、周日）多半是抄写错误，作为警告提示审核人核对通知原文。

    通知尚未公布的年份不要补充：期限跨入这样的年份时，按该办法规定的节日和补假（不含调休）推算，
    在检查结果、公示通知和网站上标明“暂定”；补充该年份后自动改为确切日期。

    依据：国务院办公厅每年公布的部分节假日安排的通知；《全国年节及纪念日放假办法》（2024年11月10日
    修订）第二条、第六条；哪些期限按工作日计算见本目录规则配置的期限表（按规则配置）。

    不通过（文号是占位符）：

        years:
          - year: 2026
            source: 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕X号）
            holidays:
              - {name: 元旦, start: "2026-01-01", end: "2026-01-03"}
            workdays: []

    通过：

        years:
          - year: 2026
            source: 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）
            holidays:
              - {name: 元旦, start: "2026-01-01", end: "2026-01-03"}
              - {name: 春节, start: "2026-02-15", end: "2026-02-23"}
              - {name: 清明节, start: "2026-04-04", end: "2026-04-06"}
              - {name: 劳动节, start: "2026-05-01", end: "2026-05-05"}
              - {name: 端午节, start: "2026-06-19", end: "2026-06-21"}
              - {name: 中秋节, start: "2026-09-25", end: "2026-09-27"}
              - {name: 国庆节, start: "2026-10-01", end: "2026-10-07"}
            workdays:
              - {date: "2026-01-04", name: 元旦调休}
              - {date: "2026-02-14", name: 春节调休}
              - {date: "2026-02-28", name: 春节调休}
              - {date: "2026-05-09", name: 劳动节调休}
              - {date: "2026-09-20", name: 国庆节调休}
              - {date: "2026-10-10", name: 国庆节调休}
    """
    yield from calendar_from(context.catalog)[1]
