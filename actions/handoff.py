"""Reaching a person at the helpline with consent (chapter 5: informed consent, confidentiality).

The person chooses what is shared (their answers; their answers and what they wrote; nothing)
and how to be in contact (chat, call-back, information). They see the exact summary, in their
language, before anything leaves; only "Send" sends it, as an event for the gateway, which runs
the handoff. What they wrote is shared only if they chose so, with phone numbers, e-mails and
document numbers taken out (except a number given for the call-back).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.countries import normalise_country
from actions.screening import FORM_WORDS, INDICATOR_WORDS, answers_from
from actions.triage import triage
from bot.handoff import SHARES, WANTS, Summary
from bot.i18n import N_
from bot.languages import normalise_tag
from bot.privacy import redact

NOTE_LIMIT = 1500
LEVEL_WORDS = {
    "urgent": N_("handoff.level.urgent"), "high": N_("handoff.level.high"), "medium": N_("handoff.level.medium"),
    "low": N_("handoff.level.low"), "none": N_("handoff.level.none"),
}
WANT_WORDS = {
    "chat": N_("handoff.want_text.chat"), "callback": N_("handoff.want_text.callback"),
    "information": N_("handoff.want_text.information"),
}
LINES = {
    "language": N_("handoff.line.language"), "country": N_("handoff.line.country"),
    "level": N_("handoff.line.level"), "forms": N_("handoff.line.forms"), "yes": N_("handoff.line.yes"),
    "unsure": N_("handoff.line.unsure"), "want": N_("handoff.line.want"), "phone": N_("handoff.line.phone"),
    "note": N_("handoff.line.note"), "nothing": N_("handoff.line.nothing"),
}
SCREENED = ("in_danger_now", "under_18")  # a check was at least started


def person_wrote(tracker: Tracker, keep_phone: Optional[str]) -> Optional[str]:
    """What the person typed in this conversation (not their button presses), redacted."""
    texts = [
        e.get("text") for e in tracker.events
        if e.get("event") == "user" and isinstance(e.get("text"), str) and not e["text"].startswith("/")
    ]
    if not texts:
        return None
    note = redact(" / ".join(texts), keep_phones=[keep_phone] if keep_phone else [])
    return note[:NOTE_LIMIT]


def build_summary(tracker: Tracker) -> Summary:
    slots = tracker.slots
    share = slots.get("handoff_share") if slots.get("handoff_share") in SHARES else "nothing"
    want = slots.get("handoff_want") if slots.get("handoff_want") in WANTS else "chat"
    phone = slots.get("handoff_phone") if want == "callback" else None
    language = normalise_tag(slots.get("language")) or "en"
    if share == "nothing":
        return Summary(language=language, share=share, want=want, phone=phone)
    answers = answers_from(slots)
    result = triage(answers)
    return Summary(
        language=language, share=share, want=want, phone=phone,
        country=normalise_country(slots.get("country")),
        level=result.level if any(q in answers for q in SCREENED) else None,
        forms=tuple(sorted(result.forms)),
        yes=tuple(q for q, a in answers.items() if a == "yes" and q in INDICATOR_WORDS),
        unsure=result.unsure,
        note=person_wrote(tracker, phone) if share == "all" else None,
    )


def summary_arguments(summary: Summary) -> Dict[str, Any]:
    """The preview, as the lines ($summary) and their variables, for the person's language."""
    lines: List[str] = [LINES["language"]]
    arguments: Dict[str, Any] = {"summary_language": [f"@language:{summary.language}"]}
    if summary.country:
        lines.append(LINES["country"])
        arguments["summary_country"] = [f"@country:{summary.country}"]
    if summary.level:
        lines.append(LINES["level"])
        arguments["summary_level"] = [LEVEL_WORDS[summary.level]]
    for key, words, values in (("forms", FORM_WORDS, summary.forms), ("yes", INDICATOR_WORDS, summary.yes),
                               ("unsure", INDICATOR_WORDS, summary.unsure)):
        if values:
            lines.append(LINES[key])
            arguments[f"summary_{key}"] = [words[v] for v in values]
    lines.append(LINES["want"])
    arguments["summary_want"] = [WANT_WORDS[summary.want]]
    if summary.phone:
        lines.append(LINES["phone"])
        arguments["summary_phone"] = summary.phone
    if summary.note:
        lines.append(LINES["note"])
        arguments["summary_note"] = summary.note
    if summary.share == "nothing":
        lines.append(LINES["nothing"])
    arguments["summary"] = lines
    return arguments


class ActionHandoffStep(Action):
    """After "how to be in contact": the number for a call-back if needed, else the preview."""

    def name(self) -> Text:
        return "action_handoff_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot("handoff_want") == "callback" and not tracker.get_slot("handoff_phone"):
            dispatcher.utter_message(response="utter_handoff_ask_phone")
            return []
        dispatcher.utter_message(response="utter_handoff_preview", **summary_arguments(build_summary(tracker)))
        return []


class ActionHandoffSend(Action):
    def name(self) -> Text:
        return "action_handoff_send"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        summary = build_summary(tracker)
        dispatcher.utter_message(response="utter_handoff_sent", json_message={"event": "handoff", "summary": summary.as_data()})
        # Sent: the choices (and the phone number) are not kept here any longer.
        return [SlotSet("handoff_share", None), SlotSet("handoff_want", None), SlotSet("handoff_phone", None)]
