"""The NLU training examples of data/nlu/<code>.yml, read once for everything outside Rasa that
learns from them (the gateway's exact answers, the language detector's distinctive words,
`make eval`)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Tuple

import yaml

NLU_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"


class Example(NamedTuple):
    language: str
    intent: str
    text: str


@lru_cache(maxsize=None)
def examples(code: str) -> Tuple[Example, ...]:
    path = NLU_DIR / f"{code}.yml"
    if not path.exists():
        return ()
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in document.get("nlu") or []:
        language = (block.get("metadata") or {}).get("language", code)
        for line in str(block.get("examples", "")).splitlines():
            if line.strip().startswith("- "):
                found.append(Example(language, block["intent"], line.strip()[2:].strip()))
    return tuple(found)
