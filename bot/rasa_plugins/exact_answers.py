"""An NLU component that reads a message the way its conversation's language reads it.

One model serves sixteen languages, and short answers collide across them: "tak" is yes in
Polish and thanks in Danish, "da" is yes in Romanian and Russian, "nu" is no in Romanian and
"now" in Swedish. Every training block carries `metadata: {language: <code>}`; this component
remembers, per language, the intent of each training example, and when a message's text equals
one of them in the conversation's language (the gateway sends it as message metadata), that
intent wins with full confidence. Anything else is left to the classifier before it.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.textnorm import normalise

_FILE = "answers.json"


def example_language(message: Message) -> Optional[str]:
    metadata = message.get("metadata") or {}
    intent_metadata = metadata.get("intent") if isinstance(metadata, dict) else None
    if isinstance(intent_metadata, dict):
        language = intent_metadata.get("language")
        return language if isinstance(language, str) else None
    return None


def build_table(examples: List[Message]) -> Dict[str, Dict[str, str]]:
    """language -> normalised text -> intent; texts given two intents in one language are dropped."""
    table: Dict[str, Dict[str, Optional[str]]] = {}
    for example in examples:
        language, intent = example_language(example), example.get(INTENT)
        key = normalise(example.get(TEXT))
        if not language or not intent or not key:
            continue
        known = table.setdefault(language, {})
        if key in known and known[key] != intent:
            known[key] = None
        else:
            known.setdefault(key, intent)
    return {
        language: {key: intent for key, intent in entries.items() if intent}
        for language, entries in table.items()
    }


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class ExactAnswerResolver(GraphComponent):
    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        table: Optional[Dict[str, Dict[str, str]]] = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.table = table or {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ExactAnswerResolver":
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "ExactAnswerResolver":
        try:
            with model_storage.read_from(resource) as directory:
                table = json.loads((directory / _FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            table = {}
        return cls(model_storage, resource, table)

    def train(self, training_data: TrainingData) -> Resource:
        self.table = build_table(training_data.intent_examples)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _FILE).write_text(
                json.dumps(self.table, ensure_ascii=False, sort_keys=True), encoding="utf-8"
            )
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = self.resolve(message)
            if intent is None:
                continue
            ranking = [
                entry
                for entry in (message.get(INTENT_RANKING_KEY) or [])
                if entry.get("name") != intent
            ]
            message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [{"name": intent, "confidence": 1.0}] + ranking,
                add_to_output=True,
            )
        return messages

    def resolve(self, message: Message) -> Optional[str]:
        metadata = message.get("metadata")
        language = metadata.get("language") if isinstance(metadata, dict) else None
        if not isinstance(language, str):
            return None
        return self.table.get(language, {}).get(normalise(message.get(TEXT)))
