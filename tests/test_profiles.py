"""Jurisdiction profiles: each enforces its own regulation, cites only it or national sources, and
declares exactly the deadlines its text sets (checked article by article against
/work/shared/regulations/). Example catalogs per profile are in ``tests/profiles/<name>/``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TESTS, TODAY

from generator import applicability, deadlines
from generator.profiles import BUILTIN, RECORD_RULE, own, resolve
from generator.rules import RULES, documented
from generator.validate import validate_folder

EXAMPLES = TESTS / "profiles"
REGIONS = ("贵州", "吉林", "滨州", "修武", "广西")
PROFILES = {name: resolve(name, None)[0] for name in BUILTIN}

DEADLINES = {
    "national": {
        "catalog_update": (15, "工作日", "《政务信息资源共享管理暂行办法》（国发〔2016〕51号）"),
        "notice_reminder": (7, "自然日", "目录记录规则：公示期满前一周提醒使用部门"),
    },
    "guizhou": {
        "catalog_update": (15, "工作日", "贵州 第十条"),
        "conditional_share_answer": (10, "工作日", "贵州 第二十四条"),
    },
    "jilin": {},
    "binzhou": {
        "catalog_update": (15, "工作日", "滨州 第十一条"),
        "conditional_share_answer": (5, "工作日", "滨州 第十七条"),
    },
    "xiuwu": {
        "catalog_update": (10, "工作日", "修武 第十条"),
        "update_review": (5, "工作日", "修武 第十条"),
        "correction_check": (10, "工作日", "修武 第十四条"),
        "correction_extension": (10, "工作日", "修武 第十四条"),
    },
    "guangxi": {
        "catalog_update": (15, "工作日", "广西 第三十九条"),
        "review_answer": (3, "工作日", "广西 第二十一条（二）"),
        "review_answer_mounted": (5, "工作日", "广西 第二十七条（二）"),
        "notice": (30, "自然日", "广西 第二十二条"),
        "notice_mounted": (30, "工作日", "广西 第二十七条（三）"),
        "share_request_review": (2, "工作日", "广西 第二十九条（二）"),
        "conditional_share_answer": (5, "工作日", "广西 第二十九条（三）"),
        "share_request_push": (2, "工作日", "广西 第二十九条（四）"),
        "city_share_review": (2, "工作日", "广西 第三十条（一）"),
        "city_share_answer": (3, "工作日", "广西 第三十条（二）"),
        "city_share_final": (2, "工作日", "广西 第三十条（三）"),
        "city_share_feedback": (5, "工作日", "广西 第三十条（四）"),
        "correction_raise": (2, "工作日", "广西 第二十九条（五）"),
        "correction_check": (3, "工作日", "广西 第二十九条（五）"),
        "open_application_review": (3, "工作日", "广西 第三十三条"),
        "open_application_provide": (5, "工作日", "广西 第三十三条"),
    },
}
"""Each profile's own deadlines, as its regulation sets them; a changed number fails here."""


def test_every_builtin_profile_resolves_and_names_every_rule() -> None:
    checked = {rule.id for rule in documented() if rule.scope not in ("file", "schema") and not rule.id.startswith("F-")}
    for name, profile in PROFILES.items():
        assert profile.id == name and resolve(name, None)[1] == []
        assert checked <= set(profile.rules), f"{name}: rules without an applicability entry"


@pytest.mark.parametrize("name", BUILTIN)
def test_deadlines_are_exactly_those_of_the_regulation(name: str) -> None:
    declared = {kind: (p.days, p.unit, p.basis) for kind, p in own(name).get("deadlines", {}).items() for p in [_period(p)]}
    assert declared == DEADLINES[name]
    resolved = PROFILES[name].deadlines
    for kind, (days, unit, basis) in DEADLINES[name].items():
        assert (resolved[kind].days, resolved[kind].unit, resolved[kind].basis) == (days, unit, basis)


def _period(raw: dict[str, object]) -> object:
    from generator.profiles import Period

    return Period(**raw)  # type: ignore[arg-type]


def test_every_deadline_has_a_start_event_and_an_enforcement() -> None:
    for name, profile in PROFILES.items():
        for kind in profile.deadlines:
            meaning = deadlines.KINDS[kind]
            assert meaning.start and meaning.action, kind
            assert meaning.enforced_by == "提醒机器人" or meaning.enforced_by in RULES, kind
            enforced = meaning.enforced_by
            if enforced in RULES and kind != "notice_reminder":
                assert profile.applies(enforced), f"{name}: {kind} is declared but {enforced} is off"


def test_no_filing_ahead_deadline_the_notice_already_guarantees_it() -> None:
    for profile in PROFILES.values():
        assert "filing_ahead_mounted" not in profile.deadlines
    assert "广西 第二十七条（一）" in [u.citation for u in PROFILES["guangxi"].unchecked.values()]


@pytest.mark.parametrize("name", BUILTIN)
def test_no_profile_cites_another_jurisdiction(name: str) -> None:
    profile = PROFILES[name]
    own_region = {profile.short} if profile.short else set()
    for text in applicability.citations(profile):
        assert applicability.jurisdictions(text, REGIONS) <= own_region, (name, text)
    for row in applicability.table(profile):
        assert applicability.jurisdictions(row.citation + row.reason, REGIONS) <= own_region, (name, row)


@pytest.mark.parametrize("name", BUILTIN)
def test_rule_messages_cite_only_the_profile_s_own_regulation(name: str, tmp_path: Path) -> None:
    """Many rules fire on one bad resource; no message names another jurisdiction."""
    target = _example(name, tmp_path)
    bad = (EXAMPLES / "bad-resource.yaml").read_text(encoding="utf-8")
    (target / "gongan" / "201001-000001.yaml").write_text(bad, encoding="utf-8")
    (target / "gongan" / "needs.yaml").write_text(NEEDS.format(provider="shichang", request='{date: "2026-01-05"}'), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", TODAY)
    assert len({p.rule for p in problems}) >= 3
    own_region = {PROFILES[name].short} - {""}
    for problem in problems:
        assert applicability.jurisdictions(problem.message, REGIONS) <= own_region, problem


def test_wrong_citations_are_fixed() -> None:
    """Issue 12 §1, each checked against the regulation text."""
    guangxi, guizhou, jilin, binzhou, xiuwu = (PROFILES[n] for n in ("guangxi", "guizhou", "jilin", "binzhou", "xiuwu"))
    assert guangxi.share_types_basis == "" and guangxi.open_types_basis == "广西 第三十二条"
    assert guangxi.deadlines["review_answer"].basis == "广西 第二十一条（二）"
    for profile in PROFILES.values():  # 目录记录规则 everywhere: "誰主管，誰提供，誰負責" is not about file names
        assert (profile.setting("R-014").level, profile.setting("R-014").citation) == ("error", RECORD_RULE)
    assert "第三十二条" not in guangxi.setting("R-002").citation
    assert (xiuwu.list_bases["needs"], xiuwu.list_bases["duties"]) == ("修武 第八条", "修武 第九条")
    assert "catalog_update" not in own("jilin").get("deadlines", {})
    assert "上级政策" in binzhou.setting("R-002").accepts and "上级政策" not in jilin.setting("R-002").accepts
    for profile in (guangxi, jilin):
        assert profile.setting("R-007").level == "warning" and profile.short not in profile.setting("R-007").citation
    assert guizhou.setting("R-007").citation == "贵州 第二十二条"
    assert binzhou.status.expired == "2022-11-05" and binzhou.status.citation == "滨州 第三十三条"
    assert (guangxi.status.state, jilin.status.state) == ("征求意见稿", "节选")


@pytest.mark.parametrize("name", BUILTIN)
def test_example_catalog_is_clean_except_for_the_text_status(name: str) -> None:
    catalog, problems = validate_folder(EXAMPLES / name / "catalog", name, TODAY)
    assert catalog.profile.id == name and len(catalog.resources) == 2
    expected = [] if PROFILES[name].status.state in ("现行", "全国性文件") else [("R-041", "warning", f"{name}/registry.yaml")]
    assert [(p.rule, p.level, p.path) for p in problems] == expected


def test_registry_override_changes_a_deadline(tmp_path: Path) -> None:
    target = _example("guangxi", tmp_path)
    registry = target / "registry.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "overrides:\n  deadlines:\n    notice: {days: 45}\n",
        encoding="utf-8",
    )
    catalog, problems = validate_folder(target, "catalog", TODAY)
    assert [p.rule for p in problems] == ["R-041"]
    assert catalog.profile.deadlines["notice"].days == 45
    assert catalog.profile.deadlines["notice"].unit == "自然日"


def test_registry_override_replaces_a_rule_setting_whole(tmp_path: Path) -> None:
    target = _example("national", tmp_path)
    registry = target / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "overrides:\n  rules:\n    R-010: {level: warning}\n", encoding="utf-8")
    catalog, _ = validate_folder(target, "catalog", TODAY)
    assert catalog.profile.setting("R-010").level == "warning" and catalog.profile.setting("R-010").reason == ""


def test_invalid_override_is_reported_at_the_registry(tmp_path: Path) -> None:
    target = _example("guangxi", tmp_path)
    registry = target / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text + "overrides:\n  deadlines:\n    notice: {days: 三十}\n", encoding="utf-8")
    catalog, problems = validate_folder(target, "catalog", TODAY)
    errors = [p for p in problems if p.level == "error"]
    assert [(p.path, p.rule) for p in errors] == [("catalog/registry.yaml", "S-004")]
    assert errors[0].line == text.count("\n") + 1
    assert "「配置覆盖」" in errors[0].message
    assert catalog.profile.deadlines["notice"].days == 30


# --- what fires, and what must not fire, under each profile ---------------------------------

NEEDS = """needs:
  - id: qiye
    name: 企业登记信息
    purpose: 核实当事人名下的企业
    items: [统一社会信用代码]
    provider: {provider}
    request: {request}
"""


def _example(name: str, tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(EXAMPLES / name / "catalog", target)
    return target


def _resource(target: Path, name: str, **changes: str) -> Path:
    path = target / "gongan" / name
    text = path.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old.replace("_", " ") in text or old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def _problems(target: Path, on: str = TODAY) -> list[tuple[str, str]]:
    _, problems = validate_folder(target, "catalog", on)
    return [(p.rule, p.level) for p in problems if p.rule != "R-041"]


def test_guizhou_fires_filing_and_usage_and_refuses_a_negative_share(tmp_path: Path) -> None:
    target = _example("guizhou", tmp_path)
    path = target / "gongan" / "301001-000001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  filing: {ref: 黔数备〔2025〕12号, date: "2025-01-10"}\n', "").replace("usage: 仅限本部门履职使用，不得向第三方提供\n", ""), encoding="utf-8")
    assert sorted(_problems(target)) == [("R-026", "error"), ("R-029", "error")]
    path.write_text(text.replace("  type: 有条件共享", "  type: 不予共享"), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", TODAY)
    assert [(p.rule, p.line) for p in problems] == [("R-006", 13)]
    assert "贵州 第二十条" in problems[0].message


def test_guizhou_has_no_notice_period_and_a_ten_day_answer(tmp_path: Path) -> None:
    """No 30-day notice under 贵州 (that is 广西 第二十二条); the answer is 10 working days."""
    guizhou = PROFILES["guizhou"]
    assert guizhou.deadline("notice") is None and guizhou.deadline("notice_mounted") is None
    assert guizhou.deadline("review_answer") is None
    target = _example("guizhou", tmp_path)
    (target / "gongan" / "needs.yaml").write_text(NEEDS.format(provider="shichang", request='{date: "2026-03-02"}'), encoding="utf-8")
    # Day 7 after the request: late under 滨州 (5 working days), not under 贵州 (10).
    assert _problems(target, "2026-03-11") == []
    assert _problems(target, "2026-03-17") == [("R-036", "warning")]


def test_jilin_refuses_a_policy_basis_for_a_negative_share(tmp_path: Path) -> None:
    target = _example("jilin", tmp_path)
    legal = target / "legal_bases.yaml"
    legal.write_text(legal.read_text(encoding="utf-8") + POLICY_BASIS, encoding="utf-8")
    _resource(target, "301001-000001.yaml", **{"basis: [weichengnian]": "basis: [shengfu-tongzhi]"})
    _, problems = validate_folder(target, "catalog", TODAY)
    found = [(p.rule, p.level) for p in problems if p.rule != "R-041"]
    assert found == [("R-002", "error")]
    assert "吉林 第二十四条" in problems[0].message and "上级政策" in problems[0].message


POLICY_BASIS = """- id: shengfu-tongzhi
  name: 某省人民政府办公厅关于加强政务数据共享的通知
  article: 第三条
  issuer: 某省人民政府办公厅
  kind: 上级政策
  effective: "2020-01-01"
"""


def test_jilin_base_resource_need_not_be_unconditional(tmp_path: Path) -> None:
    """吉林 第二十一条 builds six base libraries; it does not say "unconditional": only a warning."""
    target = _example("jilin", tmp_path)
    _resource(target, "106001-000001.yaml", **{"  type: 无条件共享": "  type: 有条件共享\n  condition: 仅限统计分析使用"})
    _, problems = validate_folder(target, "catalog", TODAY)
    found = [p for p in problems if p.rule == "R-007"]
    assert [p.level for p in found] == ["warning"]
    assert "国发〔2016〕51号" in found[0].message and "只作建议" in found[0].message


def test_binzhou_accepts_a_policy_basis_and_has_no_identifier_rule(tmp_path: Path) -> None:
    """滨州 第五条 accepts 上级政策依据 for 不予共享; 滨州 has no subject-identifier rule."""
    target = _example("binzhou", tmp_path)
    legal = target / "legal_bases.yaml"
    legal.write_text(legal.read_text(encoding="utf-8") + POLICY_BASIS, encoding="utf-8")
    _resource(target, "301001-000001.yaml", **{
        "  type: 有条件共享\n  condition: 仅限履职使用\n  basis: [jingwu]": "  type: 不予共享\n  condition: 依法不得对外提供\n  basis: [shengfu-tongzhi]",
    })
    _resource(target, "102001-000001.yaml", **{"name: 统一社会信用代码": "name: 单位代码"})
    assert _problems(target) == []


def test_binzhou_answer_is_five_working_days(tmp_path: Path) -> None:
    target = _example("binzhou", tmp_path)
    (target / "gongan" / "needs.yaml").write_text(NEEDS.format(provider="shichang", request='{date: "2026-03-02"}'), encoding="utf-8")
    assert _problems(target, "2026-03-09") == []  # day 5 (2026-03-09) is the last day
    _, problems = validate_folder(target, "catalog", "2026-03-10")
    found = [p for p in problems if p.rule == "R-036"]
    assert [p.level for p in found] == ["warning"]
    assert "提供部门答复（request.answered）的期限至 2026-03-09" in found[0].message
    assert "5 个工作日（滨州 第十七条）" in found[0].message and "应由“shichang”办理" in found[0].message


def test_xiuwu_requires_the_article_22_fields_and_limits_the_extension(tmp_path: Path) -> None:
    """修武 第二十二条 requires "说明共享条件、共享范围和具体用途"; exchange methods are only
    described ("数据资源共享交换方式主要包括数据接口、联机查询、批量下载、数据库推送等"): a missing
    ``methods`` is a warning, a missing scope or purpose an error."""
    target = _example("xiuwu", tmp_path)
    path = _resource(target, "104001-000001.yaml", **{"  methods: [数据接口]\n": ""})
    assert _problems(target) == [("R-043", "warning")]
    path.write_text(path.read_text(encoding="utf-8").replace("  scope: 全县政务部门\n", ""), encoding="utf-8")
    assert sorted(_problems(target)) == [("R-033", "error"), ("R-043", "warning")]
    target = _example("xiuwu", tmp_path / "b")
    target = _example("xiuwu", tmp_path / "c")
    path = _resource(target, "104001-000001.yaml", **{"status: 在用": 'status: 在用\ncorrections:\n  - {requested: "2026-03-02", by: gongan, extended: 15}'})
    assert ("R-037", "error") in _problems(target, "2026-03-03")
    path.write_text(path.read_text(encoding="utf-8").replace("extended: 15", "extended: 10"), encoding="utf-8")
    assert _problems(target, "2026-03-30") == []  # 10 + 10 working days from 03-02 end on 03-30
    assert _problems(target, "2026-03-31") == [("R-037", "warning")]


def test_xiuwu_has_no_answer_deadline_and_no_theme_list(tmp_path: Path) -> None:
    target = _example("xiuwu", tmp_path)
    needs = NEEDS.format(provider="shichang", request='{date: "2026-01-05"}').replace("    provider:", "    basis: [pipl-13]\n    provider:")
    (target / "gongan" / "needs.yaml").write_text(needs, encoding="utf-8")
    assert _problems(target, "2026-06-01") == []
    assert not PROFILES["xiuwu"].applies("R-028") and not PROFILES["xiuwu"].applies("R-036")


def test_guangxi_request_steps_are_counted_one_by_one(tmp_path: Path) -> None:
    """A 市 catalog under 广西: provider 3, final review 2, feedback 5 working days (第三十条); a
    provider that is a regional department first goes through the regional bureau's 2-day review
    (第三十条（一）: "数据提供部门为自治区行政职能部门的，由自治区大数据发展局在2个工作日内完成初审");
    a provider of another city does not ("由其他市数据主管部门自收到之日起在3个工作日内完成审核")."""
    target = _example("guangxi", tmp_path)
    needs = target / "gongan" / "needs.yaml"
    regional = '{date: "2026-03-02", answered: "2026-03-05", provider_level: 省}'
    needs.write_text(NEEDS.format(provider="shichang", request=regional), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", "2026-03-05")
    found = [p for p in problems if p.rule == "R-036"]
    assert ["2 个工作日（广西 第三十条（一））" in p.message for p in found] == [True]
    assert "应由自治区大数据发展局办理" in found[0].message and "应由大数据主管部门办理" not in found[0].message
    other_city = '{date: "2026-03-02", answered: "2026-03-05", provider_level: 市}'
    needs.write_text(NEEDS.format(provider="shichang", request=other_city), encoding="utf-8")
    assert _problems(target, "2026-03-05") == []  # no pre-review: the 3 working days run to 03-05
    needs.write_text(NEEDS.format(provider="shichang", request='{date: "2026-03-02", answered: "2026-03-05"}'), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", "2026-03-05")
    assert ["request.provider_level" in p.message for p in problems if p.rule == "R-036"] == [True]
    needs.write_text(NEEDS.format(provider="gongan", request='{date: "2026-03-02", answered: "2026-03-05"}'), encoding="utf-8")
    assert _problems(target, "2026-03-09") == []  # final review due 2026-03-09
    _, problems = validate_folder(target, "catalog", "2026-03-10")
    found = [p for p in problems if p.rule == "R-036"]
    assert "2 个工作日（广西 第三十条（三））" in found[0].message and "2026-03-09" in found[0].message
    assert "自治区大数据发展局完成终审和反馈" in found[0].message and "应由自治区大数据发展局办理" in found[0].message
    needs.write_text(NEEDS.format(provider="gongan", request='{date: "2026-03-02", answered: "2026-03-06"}'), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", "2026-03-06")
    assert ["逾期完成" in p.message and "3 个工作日（广西 第三十条（二））" in p.message for p in problems if p.rule == "R-036"] == [True]


def test_guangxi_does_not_require_an_open_basis_nor_an_identifier(tmp_path: Path) -> None:
    target = _example("guangxi", tmp_path)
    _resource(target, "105001-000001.yaml", **{"  type: 不予开放\n  condition: 含个人或单位敏感信息\n  basis: [pipl-13]": "  type: 依申请开放"})
    _resource(target, "105001-000001.yaml", **{"name: 统一社会信用代码": "name: 单位代码"})
    assert _problems(target) == []
    assert PROFILES["guizhou"].setting("R-003").level != "off"


def test_guangxi_open_application_review_and_provision(tmp_path: Path) -> None:
    target = _example("guangxi", tmp_path)
    path = _resource(target, "105001-000001.yaml", **{"status: 在用": 'status: 在用\napplications:\n  - {received: "2026-03-02", decided: "2026-03-05", result: 同意}'})
    assert _problems(target, "2026-03-12") == []  # opening due 5 working days after 03-05
    assert _problems(target, "2026-03-13") == [("R-038", "warning")]
    path.write_text(path.read_text(encoding="utf-8").replace("result: 同意", "result: 不同意"), encoding="utf-8")
    assert _problems(target, "2026-03-13") == [("R-038", "warning")]  # no reason given


def test_national_refuses_personal_open_data_and_has_no_delisting_rules(tmp_path: Path) -> None:
    target = _example("national", tmp_path)
    _resource(target, "301001-000001.yaml", **{"  type: 不予开放\n  condition: 含个人或单位敏感信息\n  basis: [pipl-13]": "  type: 无条件开放"})
    assert _problems(target) == [("R-034", "error")]
    national = PROFILES["national"]
    assert not national.applies("P-003") and national.deadline("notice") is None
    assert national.setting("R-001").level == "warning" and not national.applies("R-010")


def test_a_repealed_basis_is_a_warning_until_the_update_deadline_then_an_error(tmp_path: Path) -> None:
    """贵州 第十条: 15 working days from the repeal; 吉林 has no deadline: only a warning."""
    for name, expected in (("guizhou", "error"), ("jilin", "warning")):
        target = _example(name, tmp_path / name)
        legal = target / "legal_bases.yaml"
        legal.write_text(legal.read_text(encoding="utf-8").replace('  effective: "2021-11-01"', '  effective: "2021-11-01"\n  repealed: "2026-03-02"', 1), encoding="utf-8")
        before = [p for p in validate_folder(target, "catalog", "2026-03-23")[1] if p.rule == "R-005"]
        after = [p for p in validate_folder(target, "catalog", "2026-03-24")[1] if p.rule == "R-005"]
        assert before and {p.level for p in before} == {"warning"}
        assert "目录最迟于 2026-03-23（含）更新" in before[0].message
        assert {p.level for p in after} == {expected}, name


def _repeal(target: Path, day: str) -> None:
    legal = target / "legal_bases.yaml"
    legal.write_text(legal.read_text(encoding="utf-8").replace('  effective: "2021-11-01"', f'  effective: "2021-11-01"\n  repealed: "{day}"', 1), encoding="utf-8")


def test_xiuwu_update_is_an_application_in_ten_days_then_five_for_the_bureau(tmp_path: Path) -> None:
    """修武 第十条: the department applies within 10 working days, the bureau updates within 5 more
    ("应当于…之日起 10 个工作日内，向县政务服务和大数据管理局申请更新…在收到更新申请之日起 5 个
    工作日内，审核、更新"): an entry still citing the repealed basis is an error only after 10 + 5."""
    target = _example("xiuwu", tmp_path)
    _repeal(target, "2026-03-02")
    day_11 = [p for p in validate_folder(target, "catalog", "2026-03-17")[1] if p.rule == "R-005"]
    assert day_11 and {p.level for p in day_11} == {"warning"}
    assert "请最迟于 2026-03-16（含）提交更新申请；目录最迟于 2026-03-23（含）更新" in day_11[0].message
    assert "提供部门 10 个工作日内申请更新，大数据主管部门收到申请后 5 个工作日内审核、更新" in day_11[0].message
    assert {p.level for p in validate_folder(target, "catalog", "2026-03-23")[1] if p.rule == "R-005"} == {"warning"}
    assert {p.level for p in validate_folder(target, "catalog", "2026-03-24")[1] if p.rule == "R-005"} == {"error"}
    rows = {row.kind: row for row in applicability.deadline_rows(PROFILES["xiuwu"])}
    assert rows["catalog_update"].action.startswith("提供部门申请更新")
    assert applicability.deadline_rows(PROFILES["guizhou"])[0].action == "提供部门更新引用该依据的目录条目"


def test_guizhou_scope_and_purpose_are_a_recommendation_of_article_24(tmp_path: Path) -> None:
    """贵州 第二十四条第二款: "对审核通过的共享申请，数据提供部门应当明确数据的共享范围和使用用途"
    — when answering, not when cataloguing: a warning citing it, not "本辖区办法没有规定"."""
    target = _example("guizhou", tmp_path)
    _resource(target, "101001-000001.yaml", **{"  scope: 全省政务部门\n": ""})
    _, problems = validate_folder(target, "catalog", TODAY)
    found = [p for p in problems if p.rule == "R-033"]
    assert [p.level for p in found] == ["warning"] and "贵州 第二十四条第二款" in found[0].message
    assert "R-043" not in {p.rule for p in problems}  # 贵州 lists no exchange methods
    row = next(r for r in applicability.table(PROFILES["guizhou"]) if r.rule == "R-033")
    assert (row.level, row.citation) == ("warning", "贵州 第二十四条第二款") and not row.reason.startswith("本辖区办法没有")


def test_binzhou_conditional_share_without_a_condition_is_a_warning(tmp_path: Path) -> None:
    """滨州 第五条 only defines the category ("可提供給相關政務部門共享使用或僅能夠部分提供給所有政務部門
    共享使用的政務信息資源屬於有條件共享類"); it requires nothing of an entry: R-001 is a warning."""
    target = _example("binzhou", tmp_path)
    _resource(target, "301001-000001.yaml", **{"  condition: 仅限履职使用\n": ""})
    assert _problems(target) == [("R-001", "warning")]


def test_jilin_base_item_outside_the_six_libraries_is_a_warning(tmp_path: Path) -> None:
    """吉林 第二十一条 is the bureau's duty ("形成…六大基础资源库"); 第十五条第三款 allows "本地区公共数据
    资源补充目录": an item outside the six is a warning, as under the other four regions."""
    target = _example("jilin", tmp_path)
    path = _resource(target, "106001-000001.yaml", **{"  item: 宏观经济": "  item: 自然资源"})
    path.write_text(path.read_text(encoding="utf-8").replace("code: 106001/", "code: 107001/"), encoding="utf-8")
    path.rename(path.with_name("107001-000001.yaml"))
    assert _problems(target) == [("R-008", "warning")]


def test_guangxi_city_catalog_lists_the_correction_deadline_as_unchecked(tmp_path: Path) -> None:
    target = _example("guangxi", tmp_path)
    _resource(target, "105001-000001.yaml", **{"status: 在用": 'status: 在用\ncorrections:\n  - {requested: "2026-03-02", by: gongan}'})
    assert _problems(target, "2026-06-01") == []  # 市: 第三十条 has no correction step
    registry = target / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("level: 市", "level: 省"), encoding="utf-8")
    assert _problems(target, "2026-06-01") == [("R-037", "warning")]  # 省: 第二十九条（五）, 3 working days
    rows = {row.rule: row for row in applicability.table(PROFILES["guangxi"])}
    assert any(row.citation.startswith("广西 第二十九条（五）") and row.rule.startswith("U-") for row in rows.values())


def test_guangxi_county_catalog_computes_no_request_deadline(tmp_path: Path) -> None:
    """第三十条 covers "数据需求部门为市级行政职能部门的"; 第十六条: "市、县、乡、村的政务数据共享交换，
    由本市大数据主管部门负责" — no county deadline in the text: none is computed, and it is listed."""
    target = _example("guangxi", tmp_path)
    registry = target / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("level: 市", "level: 县"), encoding="utf-8")
    (target / "gongan" / "needs.yaml").write_text(NEEDS.format(provider="gongan", request='{date: "2026-03-02"}'), encoding="utf-8")
    assert _problems(target, "2026-06-01") == []
    assert PROFILES["guangxi"].steps("县") == () and PROFILES["guangxi"].steps("市")
    assert "广西 第十六条、第三十条" in [u.citation for u in PROFILES["guangxi"].unchecked.values()]


@pytest.mark.parametrize(("name", "listed"), [("jilin", True), ("binzhou", False), ("xiuwu", False), ("guangxi", False)])
def test_negative_list_named_only_where_the_text_has_one(name: str, listed: bool, tmp_path: Path) -> None:
    """Only 吉林 第二十四条 has a 共享负面清单 ("对法律、法规、规章明确规定不能共享的数据，列入共享负面清单")."""
    target = _example(name, tmp_path)
    path = target / "gongan" / "301001-000001.yaml"
    text = path.read_text(encoding="utf-8")
    share = text[text.index("share:") : text.index("open:")]
    path.write_text(text.replace(share, "share:\n  type: 不予共享\n  condition: 依法不得对外提供\n"), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", TODAY)
    found = [p for p in problems if p.rule == "R-002"]
    assert found and found[0].message.startswith("不予共享必须引用依据（share.basis）")
    assert ("共享负面清单" in found[0].message) == listed, found[0].message


DELISTING = "status: 公示中\ndelisting:\n  reason: 职能调整，该业务已划转至其他部门\n"


@pytest.mark.parametrize("name", ["guizhou", "guangxi", "national", "xiuwu"])
def test_delisting_basis_is_optional_without_data_mounted(name: str, tmp_path: Path) -> None:
    """贵州 第二十五条 asks for "正当理由说明", 广西 第二十一条 for an application: a reason, no basis."""
    target = _example(name, tmp_path)
    _resource(target, "301001-000001.yaml", **{"status: 在用\n": DELISTING})
    assert _problems(target) == []


def test_guangxi_mounted_delisting_needs_its_basis(tmp_path: Path) -> None:
    """广西 第二十七条（一）: "提前 30 个工作日内，向本级大数据主管部门提交政务数据资源下线的申请，
    说明下线的理由和依据" — only for data mounted; under 贵州 the same record passes."""
    for name, expected in (("guangxi", [("R-044", "error")]), ("guizhou", [])):
        target = _example(name, tmp_path / name)
        _resource(target, "301001-000001.yaml", **{"mounted: false\nstatus: 在用\n": "mounted: true\n" + DELISTING})
        assert _problems(target) == expected, name
        path = target / "gongan" / "301001-000001.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "  basis: [pipl-13]\n", encoding="utf-8")
        assert _problems(target) == [], name


def test_national_note_names_its_exceptions_and_the_articles_it_cites() -> None:
    """The national note promised "各项法律要求只作建议" and "不写条文序号", yet R-016 and R-034 are
    errors everywhere and national laws are cited by article: the note now says so."""
    national = PROFILES["national"]
    note = national.status.note
    errors = [row.rule for row in applicability.table(national) if row.level == "error" and row.citation.startswith("《中华人民共和国")]
    assert sorted(errors) == ["R-016", "R-034"] and all(rule in note for rule in errors)
    assert "个人信息保护法（第十条、第二十五条、第二十八条）" in note and "放假办法（第二条、第六条）" in note
    assert "条文序号已对照公开发布的法律文本核对" in note
    row = next(r for r in applicability.table(national) if r.rule == "R-006")
    assert row.citation == "" and "开放类型是目录记录规则" in row.reason and "国发〔2016〕51号" in row.reason


def test_status_notes_say_what_the_texts_are() -> None:
    """吉林: the excerpt stops at 第二十四条 of chapter 4; 贵州: the text is a press summary ("办法主要内容
    如下"); 广西 第三十二条 says "不开放" where the catalog says 不予开放."""
    assert "第二章至第四章第二十四条（第七条至第二十四条）" in PROFILES["jilin"].status.note
    assert "办法主要内容如下" in PROFILES["guizhou"].status.note and "摘要" in PROFILES["guizhou"].status.note
    row = next(r for r in applicability.table(PROFILES["guangxi"]) if r.rule == "R-006")
    assert "不开放" in row.reason and "不予开放" in row.reason


def test_xiuwu_request_without_the_requester_s_legal_basis_is_an_error(tmp_path: Path) -> None:
    """修武 第十九条（一）: the requester "负责提供与申请使用数据资源有关的法律政策依据、部门职责依据和
    政务业务需求"; no other profile asks for it."""
    for name, expected in (("xiuwu", [("R-045", "error")]), ("guizhou", []), ("binzhou", [])):
        target = _example(name, tmp_path / name)
        (target / "gongan" / "needs.yaml").write_text(NEEDS.format(provider="gongan", request='{date: "2026-03-02", answered: "2026-03-03", result: 同意}'), encoding="utf-8")
        assert _problems(target, "2026-03-04") == expected, name
    target = _example("xiuwu", tmp_path / "unconditional")  # 104001/000001 is 无条件共享: no application needed
    request = '{date: "2026-03-02", resource: 104001/000001}'
    (target / "gongan" / "needs.yaml").write_text(NEEDS.format(provider="gongan", request=request), encoding="utf-8")
    assert _problems(target, "2026-03-04") == []


REFUSED = '{{date: "2026-03-02", answered: "2026-03-03", result: 不同意, reason: 涉及个人隐私{basis}}}'


def test_jilin_refusal_needs_a_law_regulation_or_rule(tmp_path: Path) -> None:
    """吉林 第二十四条: "没有法律、法规、规章依据，公共管理和服务机构不得拒绝数据共享平台发出的共享要求"."""
    target = _example("jilin", tmp_path)
    needs = target / "gongan" / "needs.yaml"
    needs.write_text(NEEDS.format(provider="gongan", request=REFUSED.format(basis="")), encoding="utf-8")
    _, problems = validate_folder(target, "catalog", TODAY)
    found = [p for p in problems if p.rule == "R-036"]
    assert [p.level for p in found] == ["warning"] and "吉林 第二十四条" in found[0].message
    legal = target / "legal_bases.yaml"
    legal.write_text(legal.read_text(encoding="utf-8") + POLICY_BASIS, encoding="utf-8")
    needs.write_text(NEEDS.format(provider="gongan", request=REFUSED.format(basis=", basis: [shengfu-tongzhi]")), encoding="utf-8")
    assert _problems(target) == [("R-036", "warning")]  # a 上级政策 is not a law, regulation or rule
    needs.write_text(NEEDS.format(provider="gongan", request=REFUSED.format(basis=", basis: [weichengnian]")), encoding="utf-8")
    assert _problems(target) == []
    target = _example("binzhou", tmp_path / "binzhou")  # 滨州 第十七条: "对不予共享的，提供部门应当说明理由"
    (target / "gongan" / "needs.yaml").write_text(NEEDS.format(provider="gongan", request=REFUSED.format(basis="")), encoding="utf-8")
    assert _problems(target, "2026-03-04") == []


@pytest.mark.parametrize(
    ("name", "citation"),
    [
        ("guizhou", "贵州 第十条"), ("binzhou", "滨州 第十一条"), ("xiuwu", "修武 第十条"), ("guangxi", "广西 第三十九条"),
        ("xiuwu", "修武 第十四条"), ("guizhou", "贵州 第二十九条"), ("guangxi", "广西 第四十一条"),
    ],
)
def test_checkable_looking_provisions_are_listed_as_unchecked(name: str, citation: str) -> None:
    """Audit E18: the update duty also runs from "行政管理职能发生变化" (no date in the catalog); 修武
    第十四条's extension needs "经提供部门主要负责人同意" (not recorded); 贵州 第二十九条 (开放负面清单,
    开放计划); 广西 第四十一条 (withdrawal coordinated by the bureau). Each is listed with a reason."""
    rows = [row for row in applicability.table(PROFILES[name]) if row.rule.startswith("U-") and row.citation == citation]
    assert len(rows) == 1 and rows[0].reason.startswith("不检查：") and len(rows[0].reason) > 20
