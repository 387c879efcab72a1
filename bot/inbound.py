"""What a person sends, made safe to pass on: text cleaned, button payloads checked (pure)."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, Optional

_PAYLOAD = re.compile(r"^/([a-z_]{1,40})(\{.{0,600}\})?$", re.DOTALL)
# Control characters would reach logs and terminals; keep line breaks and tabs, which people type.
_KEEP = {"\n", "\t"}


@dataclass(frozen=True)
class Payload:
    intent: str
    entities: Dict[str, Any]

    def as_text(self) -> str:
        if not self.entities:
            return f"/{self.intent}"
        return f"/{self.intent}{json.dumps(self.entities, ensure_ascii=False, separators=(',', ':'))}"


def clean_text(raw: Any) -> str:
    """Printable text, NFC, without control characters and surrounding whitespace."""
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(
        ch for ch in text
        if ch in _KEEP or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )
    return text.strip()


def as_typed_text(text: str) -> str:
    """Typed text never becomes a `/intent` command for Rasa: leading slashes are dropped."""
    return text.lstrip("/").lstrip() if text.startswith("/") else text


def parse_payload(raw: Any, intents: frozenset[str]) -> Optional[Payload]:
    """A button payload we issued (`/intent` or `/intent{"key": "value"}`), or None."""
    if not isinstance(raw, str):
        return None
    match = _PAYLOAD.match(raw.strip())
    if not match or match.group(1) not in intents:
        return None
    entities: Dict[str, Any] = {}
    if match.group(2):
        try:
            entities = json.loads(match.group(2))
        except ValueError:
            return None
        if not isinstance(entities, dict) or not all(
            isinstance(k, str) and isinstance(v, (str, int, bool)) for k, v in entities.items()
        ):
            return None
    return Payload(match.group(1), entities)
