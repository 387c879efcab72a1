"""`forget_me`: erase the conversation at once.

The rule that runs this action says so to the person (utter_forgotten). The erasing happens in the tracker store (bot/rasa_plugins/tracker_store.py): the turn
that runs this action is deleted instead of saved. The gateway drops its own record too.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


class ActionForgetMe(Action):
    def name(self) -> Text:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        return []
