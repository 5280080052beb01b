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
    据此计算。每个年份写明来源文件、放假的起止日期和调休上班日；日期必须是日历上真实存在的日期并在该年份内，
    同一年份只能写一次。国务院办公厅每年 11 月前后公布下一年的安排，公布后请及时补充：期限
    跨入未收录的年份时，系统会报错而不会按周末推算。

    依据：国务院办公厅每年公布的部分节假日安排的通知；工作日期限见广西 第二十七条、贵州 第十条。

    不通过（日期不在 2027 年内）：

        years:
          - year: 2027
            source: 国务院办公厅关于2027年部分节假日安排的通知
            holidays:
              - {name: 元旦, start: "2026-12-31", end: "2027-01-01"}
            workdays: []

    通过：

        years:
          - year: 2027
            source: 国务院办公厅关于2027年部分节假日安排的通知
            holidays:
              - {name: 元旦, start: "2027-01-01", end: "2027-01-01"}
            workdays: []
    """
    yield from calendar_from(context.catalog)[1]
