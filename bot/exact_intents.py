"""The few intents the gateway must recognise without Rasa (a handed-off person saying "stop"),
read exactly as the training data says them in the conversation's language."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

import yaml

from bot.textnorm import normalise

NLU_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"
WANTED = ("stop", "show_menu")


@lru_cache(maxsize=1)
def _table() -> Dict[str, Dict[str, str]]:
    table: Dict[str, Dict[str, str]] = {}
    for path in sorted(NLU_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu") or []:
            if block.get("intent") in WANTED:
                language = (block.get("metadata") or {}).get("language", path.stem)
                for line in str(block.get("examples", "")).splitlines():
                    if line.strip().startswith("- "):
                        table.setdefault(language, {})[normalise(line.strip()[2:])] = block["intent"]
    return table


def exact_intent(text: str, language: str) -> Optional[str]:
    return _table().get(language, {}).get(normalise(text))
