"""Turn a named response into words in the person's language (pure: no I/O after loading).

A response is declared in domain.yml (Rasa's responses) or bot/messages.yml (the gateway's own)
as message keys; the words come from the catalogs in locales/. Variables in a translation are
written `{name}` and filled from the context; nothing else in a translation is interpreted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml
from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

from bot import i18n
from bot.i18n_extract import CHOSEN_PREFIX, COUNTRY_NAME_PREFIX, LANGUAGE_NAME_PREFIX
from bot.languages import DEFAULT, SUPPORTED, direction, native_name

ROOT = Path(__file__).resolve().parent.parent
RESPONSE_FILES = (ROOT / "domain.yml", ROOT / "bot" / "messages.yml")

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

# First-strong isolate / pop: keeps a phone number or a Latin name in one piece inside Arabic.
_FSI, _PDI = "\u2068", "\u2069"


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Message:
    text: str
    language: str
    buttons: tuple[Button, ...] = ()
    custom: Mapping[str, Any] = field(default_factory=dict)
    sender: str = "bot"  # "bot", or "staff" for a person at the helpline
    sender_name: str = ""

    @property
    def direction(self) -> str:
        return direction(self.language)

    def as_nlg(self) -> dict[str, Any]:
        """The body Rasa expects back from an NLG endpoint."""
        body: dict[str, Any] = {
            "text": self.text,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
        }
        if self.custom:
            # Signals for the gateway (`expects: free_text`, `event: forgotten`), not for people.
            body["custom"] = dict(self.custom)
        return body


class UnknownResponse(KeyError):
    pass


@lru_cache(maxsize=1)
def response_variants() -> dict[str, list[dict[str, Any]]]:
    """Every response name mapped to its variants, from all response files."""
    book: dict[str, list[dict[str, Any]]] = {}
    for path in RESPONSE_FILES:
        with path.open(encoding="utf-8") as handle:
            document = yaml.safe_load(handle) or {}
        for name, variants in (document.get("responses") or {}).items():
            book[name] = [dict(variant) for variant in variants]
    return book


def response_book() -> dict[str, dict[str, Any]]:
    """Every response name mapped to its unconditional variant."""
    return {name: select_variant(variants, {}) for name, variants in response_variants().items()}


def select_variant(variants: list[dict[str, Any]], slots: Mapping[str, Any]) -> dict[str, Any]:
    """Rasa's rule: the first variant whose slot conditions all hold, else the first plain one."""
    for variant in variants:
        conditions = variant.get("condition") or []
        if conditions and all(
            c.get("type") == "slot" and slots.get(c.get("name")) == c.get("value") for c in conditions
        ):
            return variant
    return next((v for v in variants if not v.get("condition")), variants[0])


def render(
    name: str,
    language: str,
    context: Mapping[str, Any] | None = None,
    slots: Mapping[str, Any] | None = None,
) -> Message:
    """The response `name` in `language`, with `{variables}` filled from `context`; `slots`
    choose between conditional variants as Rasa would."""
    try:
        spec = select_variant(response_variants()[name], slots or {})
    except KeyError:
        raise UnknownResponse(name) from None
    language = language if language in SUPPORTED else DEFAULT
    context = dict(context or {})
    paragraphs = []
    for token in str(spec.get("text", "")).split():
        if token.startswith(CHOSEN_PREFIX):
            # "$flags": the keys the action chose (one key, or a list shown as bullet lines).
            chosen = context.get(token[len(CHOSEN_PREFIX):])
            keys = [chosen] if isinstance(chosen, str) else list(chosen or [])
            lines = [_paragraph(key, language, context) for key in keys]
            lines = [line for line in lines if line]
            if len(lines) > 1 or isinstance(chosen, (list, tuple)):
                lines = [f"• {line}" for line in lines]
            if lines:
                paragraphs.append("\n".join(lines))
            continue
        paragraph = _paragraph(token, language, context)
        if paragraph:
            paragraphs.append(paragraph)
    buttons = tuple(
        Button(_button_title(str(b["title"]), language, context), str(b["payload"]))
        for b in spec.get("buttons") or []
    )
    custom = dict(spec.get("custom") or {})
    return Message("\n\n".join(p for p in paragraphs if p), language, buttons, custom)


def _paragraph(key: str, language: str, context: Mapping[str, Any]) -> str:
    template = i18n.gettext(language, key, _count(context))
    # A paragraph whose facts are unknown (no verified helpline here) is left out whole,
    # rather than shown with a hole in it; the rest of the response still goes out.
    if placeholders(template) <= context.keys():
        return fill(template, language, context)
    return ""


def _named(key: str, language: str) -> str:
    """A message key's text, or a language's or country's name from CLDR."""
    if key.startswith(LANGUAGE_NAME_PREFIX):
        return native_name(key[len(LANGUAGE_NAME_PREFIX):])
    if key.startswith(COUNTRY_NAME_PREFIX):
        code = key[len(COUNTRY_NAME_PREFIX):]
        return Locale.parse(language).territories.get(code, code)
    return i18n.gettext(language, key)


def _button_title(title: str, language: str, context: Mapping[str, Any]) -> str:
    if title.startswith((LANGUAGE_NAME_PREFIX, COUNTRY_NAME_PREFIX)):
        return _named(title, language)
    return fill(i18n.gettext(language, title, _count(context)), language, context)


def _count(context: Mapping[str, Any]) -> int | None:
    count = context.get("count")
    return count if isinstance(count, int) else None


def fill(template: str, language: str, context: Mapping[str, Any]) -> str:
    """Replace `{name}` with the context's value, formatted for the language.

    An unknown name stays as written so that a translation error shows instead of crashing
    the conversation; tests check that every translation uses exactly the English variables.
    """
    rtl = direction(language) == "rtl"

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in context:
            return match.group(0)
        value = format_value(context[name], language)
        return f"{_FSI}{value}{_PDI}" if rtl else value

    return _PLACEHOLDER.sub(replace, template)


def format_value(value: Any, language: str) -> str:
    """A number in the language's format; a list of message keys as a list in the language
    ("a, b and c", "a, b и c"); anything else as text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return format_decimal(value, locale=language)
    if isinstance(value, (list, tuple)):
        items = [_named(str(key), language) for key in value]
        return format_list(items, locale=language) if items else ""
    return str(value)


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))
