"""The `language` slot follows the language the gateway chose for each message.

The gateway decides the language (bot/language.py) and sends it as message metadata; this action
is the slot's custom mapping, so Rasa runs it after every user message. A `/choose_language`
payload's entity is the person's explicit pick and wins over the metadata.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.languages import normalise_tag


def message_language(latest_message: Optional[Dict[Text, Any]]) -> Optional[str]:
    latest_message = latest_message or {}
    for entity in latest_message.get("entities") or []:
        if entity.get("entity") == "language":
            chosen = normalise_tag(entity.get("value"))
            if chosen:
                return chosen
    metadata = latest_message.get("metadata")
    if isinstance(metadata, dict):
        return normalise_tag(metadata.get("language"))
    return None


class ActionSyncLanguage(Action):
    def name(self) -> Text:
        return "action_sync_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        language = message_language(tracker.latest_message)
        if language and language != tracker.get_slot("language"):
            return [SlotSet("language", language)]
        return []
