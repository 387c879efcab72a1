"""The screening conversation (a Rasa form) around the pure planner and triage.

- `validate_screening_form` reads each answer from the intent (buttons and free text alike) and
  asks the next question the planner chooses; it ends the form when nothing can change the result.
- `action_screening_result` sets `triage_level` and `exploitation_forms` and tells the person
  what the answers suggest, why, their rights, and the next step for the level.
- `action_screening_danger` handles "I am in danger" in the middle of the check.
- `action_screening_why` answers "why do you ask this?" for the question being asked.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.screening_plan import ALL_QUESTIONS, WORK_KIND, WORK_KINDS, next_question
from actions.triage import NO, SKIPPED, UNSURE, YES, Triage, triage
from bot.i18n import N_

REQUESTED_SLOT = "requested_slot"
ANSWER_BY_INTENT = {"affirm": YES, "deny": NO, "dont_know": UNSURE, "skip": SKIPPED}
WORK_BY_INTENT = {"dont_know": UNSURE, "skip": SKIPPED}



# Plain words for the result ("because you said: someone keeps your passport ...").
FORM_WORDS = {
    "labour": N_("screening.form.labour"),
    "sexual": N_("screening.form.sexual"),
    "begging": N_("screening.form.begging"),
    "crime": N_("screening.form.crime"),
    "marriage": N_("screening.form.marriage"),
}
INDICATOR_WORDS = {
    "in_danger_now": N_("screening.indicator.in_danger_now"),
    "injured_or_ill": N_("screening.indicator.injured_or_ill"),
    "under_18": N_("screening.indicator.under_18"),
    "documents_withheld": N_("screening.indicator.documents_withheld"),
    "threats": N_("screening.indicator.threats"),
    "threat_of_denunciation": N_("screening.indicator.threat_of_denunciation"),
    "violence": N_("screening.indicator.violence"),
    "debt_bondage": N_("screening.indicator.debt_bondage"),
    "earnings_taken": N_("screening.indicator.earnings_taken"),
    "restricted_movement": N_("screening.indicator.restricted_movement"),
    "confinement": N_("screening.indicator.confinement"),
    "cannot_leave_job": N_("screening.indicator.cannot_leave_job"),
    "isolation": N_("screening.indicator.isolation"),
    "deceived": N_("screening.indicator.deceived"),
    "excessive_hours": N_("screening.indicator.excessive_hours"),
    "unpaid_or_underpaid": N_("screening.indicator.unpaid_or_underpaid"),
    "no_contract": N_("screening.indicator.no_contract"),
    "no_work_permit": N_("screening.indicator.no_work_permit"),
    "dangerous_work": N_("screening.indicator.dangerous_work"),
    "employer_housing": N_("screening.indicator.employer_housing"),
    "poor_housing": N_("screening.indicator.poor_housing"),
    "forced_sex": N_("screening.indicator.forced_sex"),
    "forced_begging": N_("screening.indicator.forced_begging"),
    "forced_crime": N_("screening.indicator.forced_crime"),
    "forced_marriage": N_("screening.indicator.forced_marriage"),
}


def answers_from(slots: Mapping[str, Any]) -> Dict[str, str]:
    return {q: slots[q] for q in ALL_QUESTIONS if slots.get(q) is not None}


def answer_for(question: str, latest_message: Optional[Dict[str, Any]]) -> Optional[str]:
    """The answer a message gives to `question`, or None when it is not an answer."""
    latest_message = latest_message or {}
    intent = (latest_message.get("intent") or {}).get("name")
    if question == WORK_KIND:
        if intent == "choose_work":
            for entity in latest_message.get("entities") or []:
                if entity.get("entity") == WORK_KIND and entity.get("value") in WORK_KINDS:
                    return entity["value"]
            return None
        return WORK_BY_INTENT.get(intent)
    return ANSWER_BY_INTENT.get(intent)


def result_arguments(result: Triage) -> Dict[str, Any]:
    """Variables for the result response; a paragraph whose list is empty is left out."""
    arguments: Dict[str, Any] = {}
    if result.forms:
        arguments["forms"] = [FORM_WORDS[f] for f in sorted(result.forms)]
    if result.reasons:
        arguments["reasons"] = [INDICATOR_WORDS[r] for r in result.reasons]
    if result.unsure:
        arguments["unsure"] = [INDICATOR_WORDS[u] for u in result.unsure]
    return arguments


def result_events(result: Triage) -> List[Dict[str, Any]]:
    return [SlotSet("triage_level", result.level), SlotSet("exploitation_forms", sorted(result.forms))]


class ValidateScreeningForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_screening_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[Text]:
        # The answered questions stay listed: rasa-sdk drops an answer to a slot that is not.
        answers = answers_from(tracker.slots)
        following = next_question(answers)
        return [q for q in ALL_QUESTIONS if q in answers] + ([following] if following else [])

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict
    ) -> List[Dict[Text, Any]]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        if requested not in ALL_QUESTIONS:
            return []
        answer = answer_for(requested, tracker.latest_message)
        return [SlotSet(requested, answer)] if answer else []


class ActionScreeningResult(Action):
    def name(self) -> Text:
        return "action_screening_result"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        answers = answers_from(tracker.slots)
        result = triage(answers)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "stop":
            dispatcher.utter_message(response="utter_screening_stopped", count=len(answers))
        # A child's result carries the child-protection paragraph (a variant on `under_18`).
        dispatcher.utter_message(response=f"utter_screening_result_{result.level}", **result_arguments(result))
        return result_events(result)


class ActionScreeningDanger(Action):
    def name(self) -> Text:
        return "action_screening_danger"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        answers = {**answers_from(tracker.slots), "in_danger_now": YES}
        result = triage(answers)
        dispatcher.utter_message(response="utter_emergency")
        return [SlotSet("in_danger_now", YES), ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), *result_events(result)]


class ActionScreeningWhy(Action):
    def name(self) -> Text:
        return "action_screening_why"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        dispatcher.utter_message(response=f"utter_why_{requested}" if requested in ALL_QUESTIONS else "utter_why_ask")
        return []
