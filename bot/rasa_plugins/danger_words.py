"""After the intent classifier: words of immediate danger make the message an emergency,
whatever the classifier guessed (bot/danger.py). Missing a person in danger costs far more
than telling someone who is not how to reach 112."""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.danger import in_danger
from bot.rasa_plugins.stateless import StatelessComponent

EMERGENCY = "emergency"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class DangerWords(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") == EMERGENCY or not in_danger(message.get(TEXT)):
                continue
            ranking = [e for e in (message.get(INTENT_RANKING_KEY) or []) if e.get("name") != EMERGENCY]
            message.set(INTENT, {"name": EMERGENCY, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": EMERGENCY, "confidence": 1.0}] + ranking, add_to_output=True)
        return messages
