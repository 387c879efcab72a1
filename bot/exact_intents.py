"""The few intents the gateway must recognise without Rasa (a handed-off person saying "stop"),
read exactly as the training data says them in the conversation's language."""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, Optional

from bot.languages import SUPPORTED
from bot.nlu_data import examples
from bot.textnorm import normalise

WANTED = ("stop", "show_menu")


@lru_cache(maxsize=1)
def _table() -> Dict[str, Dict[str, str]]:
    table: Dict[str, Dict[str, str]] = {}
    for code in SUPPORTED:
        for example in examples(code):
            if example.intent in WANTED:
                table.setdefault(example.language, {})[normalise(example.text)] = example.intent
    return table


def exact_intent(text: str, language: str) -> Optional[str]:
    return _table().get(language, {}).get(normalise(text))
