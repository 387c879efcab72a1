"""How short answers are compared: "Tak!" and "tak" are the same answer (pure)."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

_EDGE_PUNCTUATION = re.compile(r"^[\s\.,;:!?¿¡\"'«»„“”‚‘’()\[\]…-]+|[\s\.,;:!?¿¡\"'«»„“”‚‘’()\[\]…-]+$")
_SPACES = re.compile(r"\s+")


def normalise(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _EDGE_PUNCTUATION.sub("", text)
    return _SPACES.sub(" ", text).strip()
