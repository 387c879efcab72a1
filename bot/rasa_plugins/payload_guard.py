"""First in the NLU pipeline: only well-formed `/intent` payloads of this domain reach Rasa's
payload parser; any other text that starts with "/" is read as plain text.

Rasa logs the whole message, at WARNING, when a "/..." message names an unknown intent or
has broken entities. The gateway already turns typed slashes into text, but what a person
wrote must not reach a log even if something else talks to the REST channel.
"""
from __future__ import annotations

from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.inbound import as_typed_text, parse_payload
from bot.rasa_plugins.stateless import StatelessComponent


def is_known_payload(text: str, domain: Optional[Domain]) -> bool:
    if domain is None:
        return False
    payload = parse_payload(text, frozenset(domain.intents))
    return payload is not None and set(payload.entities) <= set(domain.entities)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class PayloadGuard(StatelessComponent):
    def process(self, messages: List[Message], domain: Optional[Domain] = None) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text.lstrip().startswith("/") and not is_known_payload(text.strip(), domain):
                message.set(TEXT, as_typed_text(text.strip()) or "-")
        return messages
