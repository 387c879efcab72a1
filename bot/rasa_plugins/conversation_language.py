"""Gives every message the conversation's language as an entity, so the `language` slot follows
the gateway (CONTRACTS.md: REST metadata `language` sets it) without a call to the action server.

Text messages get the entity directly. A button payload is rewritten by Rasa's own payload
parser, which keeps only the entities written in the payload, so the language is added there:
"/show_menu" becomes '/show_menu{"language": "pl"}'. A payload that already names a language
(`/choose_language{"language": "uk"}`) keeps its own: that is the person's explicit choice.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.languages import normalise_tag
from bot.rasa_plugins.stateless import StatelessComponent

ENTITY = "language"
_ANY_INTENT = frozenset()


def metadata_language(message: Message) -> Optional[str]:
    metadata = message.get("metadata")
    return normalise_tag(metadata.get(ENTITY)) if isinstance(metadata, dict) else None


def with_language(payload_text: str, language: str) -> str:
    """'/intent' or '/intent{...}' with the language added unless the payload names one."""
    intent, _, entities = payload_text.partition("{")
    values: Dict[str, Any] = json.loads("{" + entities) if entities else {}
    values.setdefault(ENTITY, language)
    return f"{intent}{json.dumps(values, ensure_ascii=False)}"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class ConversationLanguage(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            language = metadata_language(message)
            text = message.get(TEXT)
            if language is None or not isinstance(text, str):
                continue
            if text.startswith("/"):
                # PayloadGuard ran first: anything still starting with "/" is a valid payload.
                message.set(TEXT, with_language(text, language))
            else:
                entity = {"entity": ENTITY, "value": language, "start": 0, "end": 0,
                          "extractor": self.__class__.__name__}
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
