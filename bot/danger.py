"""Words of immediate danger, in any of our languages (pure).

The intent classifier learns "emergency" from examples and can miss a way of saying it that it
has not seen ("sie werden mich toeten"). These patterns are a second, independent net with high
precision: "they will kill me", "he has a knife", "locked in", "call the police". One file per
language in data/danger/, written folded (bot/textnorm.fold); every file applies to every
message, because a person in danger may write in any language. A file's `shared:` pieces (the
task words that make "help me quickly find a job" no cry) are written once and used as {{name}}.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Tuple

import yaml

from bot.textnorm import fold, fold_pattern

DANGER_DIR = Path(__file__).resolve().parent.parent / "data" / "danger"
MAX_CHARS = 2000  # a pasted job ad is read by the job-offer check, not scanned whole here


_SHARED = re.compile(r"\{\{(\w+)\}\}")


def _expand(pattern: str, shared: Dict[str, str]) -> str:
    """{{task_words}} stands for the file's shared piece of that name (which may use others):
    a list of words several patterns exclude is written once. Regex braces are single."""
    while _SHARED.search(pattern):
        pattern = _SHARED.sub(lambda found: shared[found.group(1)], pattern)
    return pattern


@lru_cache(maxsize=1)
def patterns() -> Tuple[re.Pattern, ...]:
    compiled = []
    for path in sorted(DANGER_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        shared = document.get("shared") or {}
        for pattern in (_expand(p, shared) for p in document.get("patterns") or []):
            # Line by line: "^(?!.*if)" guards read one line, and a cry on the second line
            # ("hello\nthey will kill me") is found.
            compiled.append(re.compile(fold_pattern(pattern), re.MULTILINE))
    return tuple(compiled)


def in_danger(text: object) -> bool:
    if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
        return False
    folded = fold(text[:MAX_CHARS])
    return any(pattern.search(folded) for pattern in patterns())
