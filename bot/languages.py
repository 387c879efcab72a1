"""The sixteen languages of CONTRACTS.md and facts about them that come from CLDR via Babel."""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

SUPPORTED: tuple[str, ...] = (
    "en", "nb", "sv", "da", "fi", "et", "lv", "lt",
    "pl", "de", "ru", "uk", "ro", "bg", "vi", "ar",
)
DEFAULT = "en"

# Languages so close that a short text cannot tell them apart reliably: between these the bot
# asks instead of switching (DESIGN.md, Language).
CLOSE_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"nb", "da", "sv"}),
    frozenset({"ru", "uk", "bg"}),
)

# Tags people's devices send that mean one of ours. Norwegian: "no" is the macrolanguage and
# "nn" (Nynorsk) readers read Bokmål, so all three go to nb.
_ALIASES = {"no": "nb", "nn": "nb", "nob": "nb", "nno": "nb"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def normalise_tag(tag: object) -> str | None:
    """Map a channel's language tag ("en-US", "no", "PT_br") to a supported code, or None."""
    if not isinstance(tag, str):
        return None
    tag = tag.strip()
    if not _TAG.match(tag):
        return None
    primary = re.split(r"[-_]", tag)[0].lower()
    primary = _ALIASES.get(primary, primary)
    return primary if primary in SUPPORTED else None


def close_relatives(code: str) -> frozenset[str]:
    """The other languages a short text in `code` is easily confused with."""
    for group in CLOSE_GROUPS:
        if code in group:
            return group - {code}
    return frozenset()


def is_rtl(code: str) -> bool:
    return Locale.parse(code).character_order == "right-to-left"


def direction(code: str) -> str:
    return "rtl" if is_rtl(code) else "ltr"


@lru_cache(maxsize=None)
def native_name(code: str) -> str:
    """The language's name in itself, from CLDR ("polski", "العربية"), capitalised as a label."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def parse_accept_language(header: str | None) -> str | None:
    """First supported language in an Accept-Language header, by the order of quality values."""
    if not header or not isinstance(header, str):
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:32]):
        fields = part.strip().split(";")
        quality = 1.0
        for field in fields[1:]:
            key, _, value = field.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = normalise_tag(fields[0])
        if code and quality > 0:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else None


@lru_cache(maxsize=1)
def _names_index() -> dict[str, str]:
    """Every name of our languages in every one of our languages ("polski", "Polish", "польский")."""
    index: dict[str, str] = {}
    for display in SUPPORTED:
        names = Locale.parse(display).languages
        for code in SUPPORTED:
            for tag in (code, "no") if code == "nb" else (code,):
                name = names.get(tag)
                if name:
                    index.setdefault(name.casefold(), code)
    return index


def language_named(text: str) -> str | None:
    """The language a message names when the whole message is a language's name, else None."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    return _names_index().get(text.strip().strip(".!?").casefold())
