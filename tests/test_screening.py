"""The screening check: which questions, how many, and what a person is told at the end."""
import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import (ActionScreeningResult, ActionScreeningWhy, ValidateScreeningForm,
                               answer_for, result_arguments)
from actions.screening_plan import ALL_QUESTIONS, FORCED_BY_WORK, next_question, simulate
from actions.triage import triage
from bot.rendering import ROOT

VIGNETTES = {
    v["name"]: (set(v["answered_yes"]), v["work"], v["level"], set(v["forms"]))
    for v in yaml.safe_load((ROOT / "data" / "eval" / "screening.yml").read_text(encoding="utf-8"))["vignettes"]
    if v["clear"]  # the case stories and the other clear cases: at most 12 questions
}


interview = simulate


@pytest.mark.parametrize("name", VIGNETTES)
def test_the_case_stories_reach_the_outcome_we_defend(name):
    yes, work, level, forms = VIGNETTES[name]
    asked, answers = interview(yes, work)
    result = triage(answers)
    assert (result.level, result.forms) == (level, forms)
    assert len(asked) <= 12, asked


def test_a_clear_case_needs_no_more_than_twelve_questions_on_average():
    counts = [len(interview(yes, work)[0]) for yes, work, _, _ in VIGNETTES.values()]
    assert sum(counts) / len(counts) <= 12


def test_safety_comes_first_then_age():
    asked, _ = interview(set(), "site")
    assert asked[:3] == ["in_danger_now", "under_18", "injured_or_ill"]


@pytest.mark.parametrize("answer", ["in_danger_now", "injured_or_ill"])
def test_danger_or_injury_ends_the_check_at_once(answer):
    asked, answers = interview({answer}, "site")
    assert asked[-1] == answer and triage(answers).level == "urgent"


def test_a_child_is_asked_on_after_saying_so():
    asked, _ = interview({"under_18"}, "home")
    assert len(asked) > 3


@pytest.mark.parametrize("work", ["site", "services"])
def test_nobody_in_ordinary_work_is_asked_about_sex_begging_crime_or_marriage(work):
    asked, _ = interview(set(), work)
    assert not set(asked) & set(FORCED_BY_WORK["other"])


def test_no_question_is_asked_twice_and_every_question_exists():
    for yes, work, _, _ in VIGNETTES.values():
        asked, _ = interview(yes, work)
        assert len(asked) == len(set(asked)) and set(asked) <= set(ALL_QUESTIONS)


@pytest.mark.parametrize("intent, answer", [("affirm", "yes"), ("deny", "no"), ("dont_know", "unsure"),
                                            ("skip", "skipped"), ("greet", None), ("stop", None)])
def test_answers_come_from_buttons_and_free_text_alike(intent, answer):
    assert answer_for("threats", {"intent": {"name": intent}}) == answer


def test_the_kind_of_work_comes_from_its_button():
    message = {"intent": {"name": "choose_work"}, "entities": [{"entity": "work_kind", "value": "street"}]}
    assert answer_for("work_kind", message) == "street"
    assert answer_for("work_kind", {"intent": {"name": "dont_know"}}) == "unsure"
    assert answer_for("work_kind", {"intent": {"name": "affirm"}}) is None


def tracker(slots, intent="affirm", requested=None):
    slots = {**slots, "requested_slot": requested}
    return Tracker("x", slots, {"intent": {"name": intent}, "entities": []}, [], False, None,
                   {"name": "screening_form"}, "action_listen")


async def test_the_form_takes_the_answer_and_asks_what_the_planner_chooses():
    form = ValidateScreeningForm()
    events = await form.get_extraction_events(CollectingDispatcher(), tracker({}, "deny", "in_danger_now"), {})
    assert events == [SlotSet("in_danger_now", "no")]
    required = await form.required_slots([], CollectingDispatcher(), tracker({"in_danger_now": "no"}), {})
    assert required == ["in_danger_now", "under_18"]


async def test_the_result_sets_the_contract_slots_and_explains_why():
    dispatcher = CollectingDispatcher()
    slots = {"in_danger_now": "no", "documents_withheld": "yes", "threats": "unsure", "forced_begging": "yes"}
    events = await ActionScreeningResult().run(dispatcher, tracker(slots, "affirm"), {})
    assert SlotSet("triage_level", "high") in events and SlotSet("exploitation_forms", ["begging"]) in events
    [message] = dispatcher.messages
    assert message["response"] == "utter_screening_result_high"
    assert message["reasons"] == ["screening.indicator.forced_begging"]
    assert message["unsure"] == ["screening.indicator.threats"]


async def test_stopping_early_still_gives_the_result_so_far():
    dispatcher = CollectingDispatcher()
    events = await ActionScreeningResult().run(dispatcher, tracker({"in_danger_now": "no", "under_18": "no"}, "stop"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_screening_stopped", "utter_screening_result_none"]
    assert dispatcher.messages[0]["count"] == 2
    assert SlotSet("triage_level", "none") in events


def test_a_child_gets_the_child_protection_message_with_the_result():
    from bot.rendering import render
    child = render("utter_screening_result_urgent", "en", {}, {"under_18": "yes"}).text
    adult = render("utter_screening_result_urgent", "en", {}, {"under_18": "no"}).text
    assert "under 18" in child and "under 18" not in adult
    assert child.index("112") < child.index("under 18")  # 112 first
    assert "under 18" in render("utter_screening_result_none", "en", {}, {"under_18": "yes"}).text


async def test_why_explains_the_question_being_asked():
    dispatcher = CollectingDispatcher()
    await ActionScreeningWhy().run(dispatcher, tracker({}, "why_ask", "debt_bondage"), {})
    assert dispatcher.messages[0]["response"] == "utter_why_debt_bondage"


def test_an_empty_result_leaves_out_the_paragraphs_it_cannot_fill():
    assert result_arguments(triage({})) == {}


from hypothesis import given, settings, strategies as st  # noqa: E402

from actions.triage import ANSWERS, INDICATORS  # noqa: E402
from bot.languages import SUPPORTED  # noqa: E402
from bot.rendering import render  # noqa: E402


@settings(max_examples=120, deadline=None)
@given(st.dictionaries(st.sampled_from(INDICATORS), st.sampled_from(ANSWERS)), st.sampled_from(SUPPORTED))
def test_every_result_has_a_next_step_and_every_urgent_one_carries_112(answers, language):
    result = triage(answers)
    message = render(f"utter_screening_result_{result.level}", language, result_arguments(result), answers)
    assert message.buttons, "a result without a way on"
    if result.level == "urgent":
        assert "112" in message.text and message.text.index("112") < 400
