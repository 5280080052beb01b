"""The deadlines domain module (generator/deadlines.py): start events, due dates, what is due."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TESTS

from generator import deadlines
from generator.catalog import load, read_folder
from generator.profiles import resolve
from generator.workdays import Calendar

EXAMPLES = TESTS / "profiles"
CALENDAR = Calendar()

NEEDS = """needs:
  - id: qiye
    name: 企业登记信息
    purpose: 核实当事人名下的企业
    items: [统一社会信用代码]
    provider: {provider}
    request: {request}
"""


def catalog_of(tmp_path: Path, profile: str, needs: str = "", resource_tail: str = "", level: str = "") -> object:
    target = tmp_path / "catalog"
    shutil.copytree(EXAMPLES / profile / "catalog", target)
    if needs:
        (target / "gongan" / "needs.yaml").write_text(needs, encoding="utf-8")
    if resource_tail:
        path = sorted((target / "gongan").glob("[0-9]*.yaml"))[0]
        path.write_text(path.read_text(encoding="utf-8") + resource_tail, encoding="utf-8")
    if level:
        registry = target / "registry.yaml"
        registry.write_text(registry.read_text(encoding="utf-8").replace("level: 市", f"level: {level}"), encoding="utf-8")
    catalog, problems = load(read_folder(target))
    assert not [p for p in problems if p.level == "error"], problems
    return catalog


def test_every_kind_names_its_start_event_action_and_enforcement() -> None:
    for kind, meaning in deadlines.KINDS.items():
        assert meaning.start and meaning.action and meaning.enforced_by, kind


def test_regional_guangxi_request_is_three_steps_not_nine_days(tmp_path: Path) -> None:
    """广西 第二十九条 for a 省-level catalog: review 2, answer 5, push 2 — each from the previous."""
    request = '{date: "2026-03-02", reviewed: "2026-03-05", answered: "2026-03-06"}'
    catalog = catalog_of(tmp_path, "guangxi", NEEDS.format(provider="gongan", request=request), level="省")
    steps = list(deadlines.share_requests(catalog, CALENDAR))
    assert [(d.kind, d.start, d.due, d.done) for d in steps] == [
        ("share_request_review", "2026-03-02", "2026-03-04", "2026-03-05"),
        ("conditional_share_answer", "2026-03-05", "2026-03-12", "2026-03-06"),
        ("share_request_push", "2026-03-06", "2026-03-10", ""),
    ]
    assert steps[0].late and not steps[1].late
    assert [d.actor for d in steps] == [deadlines.BUREAU, "gongan", deadlines.BUREAU]
    assert steps[2].overdue("2026-03-11") and not steps[2].overdue("2026-03-10")


def test_city_feedback_step_is_skipped_when_the_answer_is_no(tmp_path: Path) -> None:
    request = '{date: "2026-03-02", answered: "2026-03-04", delivered: "2026-03-05", result: 不同意, reason: 不属于共享范围}'
    catalog = catalog_of(tmp_path, "guangxi", NEEDS.format(provider="gongan", request=request))
    assert [d.kind for d in deadlines.share_requests(catalog, CALENDAR)] == ["city_share_answer", "city_share_final"]


def test_guizhou_answer_is_one_step_of_ten_working_days(tmp_path: Path) -> None:
    catalog = catalog_of(tmp_path, "guizhou", NEEDS.format(provider="gongan", request='{date: "2026-09-28"}'))
    (step,) = deadlines.share_requests(catalog, CALENDAR)
    # National Day: 10 working days from 2026-09-28 run past the holiday week (10-10 is a make-up day).
    assert (step.kind, step.due, step.period.basis) == ("conditional_share_answer", "2026-10-16", "贵州 第二十四条")


def test_xiuwu_check_with_extension_and_guangxi_raise_window(tmp_path: Path) -> None:
    tail = 'corrections:\n  - {requested: "2026-03-02", by: gongan, extended: 5}\n'
    catalog = catalog_of(tmp_path, "xiuwu", resource_tail=tail)
    resource = next(r for r in catalog.resources if r.corrections)
    (check,) = deadlines.corrections(resource, catalog.profile, CALENDAR)
    assert (check.kind, check.due) == ("correction_check", "2026-03-23")  # 10 + 5 working days
    tail = 'corrections:\n  - {requested: "2026-03-05", by: gongan, discovered: "2026-03-02"}\n'
    catalog = catalog_of(tmp_path / "gx", "guangxi", resource_tail=tail, level="省")
    resource = next(r for r in catalog.resources if r.corrections)
    raise_, check = deadlines.corrections(resource, catalog.profile, CALENDAR, "省")
    assert (raise_.kind, raise_.due, raise_.done, raise_.late) == ("correction_raise", "2026-03-04", "2026-03-05", True)
    assert (check.kind, check.due) == ("correction_check", "2026-03-10")


def test_catalog_update_starts_on_the_repeal_and_skips_delisted_entries(tmp_path: Path) -> None:
    catalog = catalog_of(tmp_path, "binzhou")
    resource = catalog.resources[0]
    bases = {key: value.__class__(**{**value.__dict__, "repealed": "2026-03-02"}) for key, value in catalog.legal_bases.items()}
    found = list(deadlines.catalog_updates(resource, bases, catalog.profile, CALENDAR))
    assert found and {(d.start, d.due, d.period.basis) for d in found} == {("2026-03-02", "2026-03-23", "滨州 第十一条")}
    delisted = resource.__class__(**{**resource.__dict__, "status": "已下线"})
    assert list(deadlines.catalog_updates(delisted, bases, catalog.profile, CALENDAR)) == []


def test_a_year_without_a_schedule_is_provisional_not_raised(tmp_path: Path) -> None:
    """A year nobody has recorded is counted from the statutory holidays and labelled 暂定
    (generator.statutory); a year before the current holiday regulation is reported, not raised."""
    catalog = catalog_of(tmp_path, "binzhou", NEEDS.format(provider="gongan", request='{date: "2099-03-02"}'))
    (step,) = deadlines.share_requests(catalog, CALENDAR)
    assert step.due and step.provisional and step.shown_due == f"{step.due}（暂定）" and step.error == ""
    assert step.state("2099-03-03") == "进行中"
    catalog = catalog_of(tmp_path / "old", "binzhou", NEEDS.format(provider="gongan", request='{date: "2003-03-02"}'))
    (step,) = deadlines.share_requests(catalog, CALENDAR)
    assert step.due == "" and "2003" in step.error and step.state("2003-04-01") == "无法计算"


def test_pull_request_answer_follows_the_profile() -> None:
    guangxi, guizhou, xiuwu = (resolve(name, None)[0] for name in ("guangxi", "guizhou", "xiuwu"))
    mounted = deadlines.pull_request(guangxi, CALENDAR, "2026-03-02", delisting=True, mounted=True)
    assert mounted is not None and (mounted.kind, mounted.due) == ("review_answer_mounted", "2026-03-09")
    plain = deadlines.pull_request(guangxi, CALENDAR, "2026-03-02", delisting=True, mounted=False)
    assert plain is not None and (plain.due, plain.period.basis) == ("2026-03-05", "广西 第二十一条（二）")
    assert deadlines.pull_request(guizhou, CALENDAR, "2026-03-02", delisting=True, mounted=False) is None
    review = deadlines.pull_request(xiuwu, CALENDAR, "2026-03-02", delisting=False, mounted=False)
    assert review is not None and (review.kind, review.due) == ("update_review", "2026-03-09")


def test_due_on_lists_what_the_bot_should_mention(tmp_path: Path) -> None:
    needs = NEEDS.format(provider="gongan", request='{date: "2026-03-02"}')
    tail = 'applications:\n  - {received: "2026-03-04", decided: "2026-03-05", result: 同意, opened: "2026-03-06"}\n'
    catalog = catalog_of(tmp_path, "guangxi", needs, tail)
    assert [d.due for d in deadlines.due_on(catalog, CALENDAR, "2026-03-03")] == ["2026-03-05"]  # within 2 days
    assert deadlines.due_on(catalog, CALENDAR, "2026-03-02", ahead=0) == []
    overdue = deadlines.due_on(catalog, CALENDAR, "2026-03-20")
    assert [(d.kind, d.overdue("2026-03-20")) for d in overdue] == [("city_share_answer", True)]


def test_guangxi_correction_deadlines_run_only_in_a_regional_catalog(tmp_path: Path) -> None:
    """广西 第二十九条 applies where "数据需求部门为自治区级行政职能部门的"; 第三十条 (city) has no
    correction step: a 市 or 县 catalog computes no correction deadline, a 省 catalog does."""
    tail = 'corrections:\n  - {requested: "2026-03-05", by: gongan, discovered: "2026-03-02"}\n'
    for level, expected in (("市", []), ("县", []), ("省", ["correction_raise", "correction_check"])):
        catalog = catalog_of(tmp_path / level, "guangxi", resource_tail=tail, level=level)
        assert [d.kind for d in deadlines.everything(catalog, CALENDAR)] == expected, level
