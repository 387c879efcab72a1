"""Safe-migration advice: the country (asked once, remembered) and the job-offer verdict.

The ad itself is checked in the gateway (bot/dialogue.py calls actions.job_offers) and arrives
here only as its result, in the `job_*` slots: the ad's text never enters a tracker.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.countries import COUNTRIES, normalise_country
from actions.job_offers import FLAGS, REASSURING
from bot.i18n import N_

OTHER = "other"



FLAG_TEXT = {
    "recruitment_fee": N_("job_offer.flag.recruitment_fee"),
    "advance_payment": N_("job_offer.flag.advance_payment"),
    "document_retention": N_("job_offer.flag.document_retention"),
    "travel_debt": N_("job_offer.flag.travel_debt"),
    "irregular_status": N_("job_offer.flag.irregular_status"),
    "sexualised_job": N_("job_offer.flag.sexualised_job"),
    "unrealistic_pay": N_("job_offer.flag.unrealistic_pay"),
    "no_written_contract": N_("job_offer.flag.no_written_contract"),
    "housing_deduction": N_("job_offer.flag.housing_deduction"),
    "vague_employer": N_("job_offer.flag.vague_employer"),
    "messenger_only": N_("job_offer.flag.messenger_only"),
    "urgency_pressure": N_("job_offer.flag.urgency_pressure"),
    "documents_upfront": N_("job_offer.flag.documents_upfront"),
}
GOOD_TEXT = {
    "no_fees": N_("job_offer.good.no_fees"),
    "written_contract": N_("job_offer.good.written_contract"),
    "travel_paid": N_("job_offer.good.travel_paid"),
    "registered_company": N_("job_offer.good.registered_company"),
    "collective_agreement": N_("job_offer.good.collective_agreement"),
}
# Strong flags first: the person reads the most serious sign first.
FLAG_ORDER = (
    "sexualised_job", "document_retention", "recruitment_fee", "advance_payment", "travel_debt",
    "irregular_status", "unrealistic_pay", "no_written_contract", "documents_upfront", "housing_deduction",
    "messenger_only", "vague_employer", "urgency_pressure",
)


def entity(tracker: Tracker, name: str) -> Optional[str]:
    for found in tracker.latest_message.get("entities") or []:
        if found.get("entity") == name:
            return str(found.get("value"))
    return None


def split(value: Any, allowed: frozenset) -> List[str]:
    return [item for item in str(value or "").split(",") if item in allowed]


class ActionCountryInfo(Action):
    def name(self) -> Text:
        return "action_country_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        chosen = entity(tracker, "country") if intent == "choose_country" else tracker.get_slot("country")
        if chosen and chosen.lower() == OTHER:
            dispatcher.utter_message(response="utter_country_other", countries=[f"@country:{c}" for c in COUNTRIES])
            return [SlotSet("country", OTHER)]
        code = normalise_country(chosen)
        if code is None:
            dispatcher.utter_message(response="utter_ask_country")
            return [SlotSet("country", None)]
        dispatcher.utter_message(response="utter_country_info", country_code=code)
        return [SlotSet("country", code)]


class ActionJobOfferVerdict(Action):
    def name(self) -> Text:
        return "action_job_offer_verdict"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        risk = tracker.get_slot("job_risk")
        if risk not in ("low", "medium", "high"):
            dispatcher.utter_message(response="utter_job_offer_ask")
            return []
        flags = split(tracker.get_slot("job_flags"), FLAGS)
        good = split(tracker.get_slot("job_good"), REASSURING)
        arguments: Dict[str, Any] = {}
        if flags:
            arguments["flags"] = [FLAG_TEXT[f] for f in FLAG_ORDER if f in flags]
        if good:
            arguments["good"] = [GOOD_TEXT[g] for g in GOOD_TEXT if g in good]
        offered, _, usual = str(tracker.get_slot("job_pay") or "").partition("/")
        if "unrealistic_pay" in flags and offered.isdigit() and usual.isdigit():
            arguments.update(offered=int(offered), usual=int(usual))
        dispatcher.utter_message(response=f"utter_job_offer_verdict_{risk}", **arguments)
        country = normalise_country(tracker.get_slot("job_country")) or normalise_country(tracker.get_slot("country"))
        dispatcher.utter_message(response="utter_job_offer_checklist", **({"country_code": country} if country else {}))
        # The result is shown; nothing of it needs to stay.
        return [SlotSet(name, None) for name in ("job_risk", "job_flags", "job_good", "job_country", "job_pay")]
