"""Triage: every rule and boundary of CONTRACTS.md, the guidelines' case stories, and monotonicity."""
import pytest
from hypothesis import given, strategies as st

from actions.triage import ANSWERS, CONTROL, FORCED, INDICATORS, LABOUR, LEVELS, triage


def yes(*ids, **others):
    return {**{i: "yes" for i in ids}, **others}


def test_no_answers_means_none():
    result = triage({})
    assert (result.level, result.forms, result.reasons) == ("none", frozenset(), ())


@pytest.mark.parametrize("indicator", ["in_danger_now", "injured_or_ill"])
def test_danger_or_injury_is_urgent_on_its_own(indicator):
    result = triage(yes(indicator))
    assert result.level == "urgent" and result.reasons == (indicator,)


def test_a_child_alone_is_not_urgent_but_a_child_with_any_sign_is():
    assert triage(yes("under_18")).level == "none"
    for sign in CONTROL + ("deceived",) + LABOUR + FORCED:
        result = triage(yes("under_18", sign))
        assert result.level == "urgent", sign
        assert result.reasons == tuple(i for i in INDICATORS if i in ("under_18", sign))


@pytest.mark.parametrize("forced, form", [("forced_sex", "sexual"), ("forced_begging", "begging"),
                                          ("forced_crime", "crime"), ("forced_marriage", "marriage")])
def test_any_forced_activity_is_high_with_its_form(forced, form):
    result = triage(yes(forced))
    assert result.level == "high" and result.forms == {form} and result.reasons == (forced,)


def test_labour_with_two_controls_is_high_with_one_it_is_medium():
    assert triage(yes("excessive_hours", "threats", "debt_bondage")).level == "high"
    medium = triage(yes("excessive_hours", "threats"))
    assert medium.level == "medium" and medium.reasons == ("threats",)


def test_two_controls_without_labour_stay_medium():
    assert triage(yes("threats", "debt_bondage")).level == "medium"


def test_deception_with_labour_is_medium_alone_it_is_low():
    result = triage(yes("deceived", "no_contract"))
    assert result.level == "medium" and result.reasons == ("deceived", "no_contract")
    assert triage(yes("deceived")).level == "low"


@pytest.mark.parametrize("indicator", LABOUR)
def test_any_labour_sign_alone_is_low_and_labour(indicator):
    result = triage(yes(indicator))
    assert result.level == "low" and result.forms == {"labour"}


@pytest.mark.parametrize("answer", ["no", "unsure", "skipped"])
def test_only_yes_raises_the_level_unsure_is_reported(answer):
    answers = {i: answer for i in INDICATORS}
    result = triage(answers)
    assert result.level == "none" and result.reasons == ()
    assert result.unsure == (INDICATORS if answer == "unsure" else ())


def test_forms_are_collected_across_groups():
    assert triage(yes("forced_sex", "forced_begging", "excessive_hours")).forms == {"sexual", "begging", "labour"}


# The five case stories of chapter 2, told as the person would answer.
def test_forest_workers_finland_is_high_labour_exploitation():
    result = triage(yes("excessive_hours", "unpaid_or_underpaid", "poor_housing", "employer_housing",
                        "earnings_taken", "documents_withheld", "restricted_movement", "threats",
                        "violence", "cannot_leave_job", in_danger_now="no", under_18="no"))
    assert result.level == "high" and result.forms == {"labour"}


def test_sham_marriage_uk_is_high_marriage():
    result = triage(yes("deceived", "documents_withheld", "forced_marriage", "confinement",
                        "restricted_movement", in_danger_now="no"))
    assert result.level == "high" and result.forms == {"marriage"}


def test_sexual_exploitation_poland_is_high_sexual():
    result = triage(yes("deceived", "documents_withheld", "forced_sex", "restricted_movement",
                        "threats", "debt_bondage", "earnings_taken"))
    assert result.level == "high" and result.forms == {"sexual"}


def test_forced_begging_oslo_is_high_begging_and_crime():
    result = triage(yes("deceived", "documents_withheld", "debt_bondage", "forced_begging",
                        "forced_crime", "violence", "threats"))
    assert result.level == "high" and result.forms == {"begging", "crime"}


def test_boys_forced_to_steal_sweden_are_urgent_as_children():
    # Never threatened or locked in, had phones: still urgent, because they were 16.
    result = triage(yes("under_18", "forced_crime", threats="no", confinement="no", isolation="no"))
    assert result.level == "urgent" and result.forms == {"crime"}
    assert result.reasons == ("under_18", "forced_crime")


answer_sets = st.dictionaries(st.sampled_from(INDICATORS), st.sampled_from(ANSWERS))


@given(answer_sets, st.sampled_from(INDICATORS))
def test_adding_a_yes_never_lowers_the_level(answers, indicator):
    before = triage(answers)
    after = triage({**answers, indicator: "yes"})
    assert LEVELS.index(after.level) >= LEVELS.index(before.level)
    assert after.forms >= before.forms


@given(answer_sets)
def test_reasons_are_yes_answers_and_only_none_has_none(answers):
    result = triage(answers)
    assert all(answers[r] == "yes" for r in result.reasons)
    assert (result.level == "none") == (result.reasons == ())
