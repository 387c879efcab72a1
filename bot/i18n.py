"""Gettext catalogs from locales/, loaded with Babel.

The .po files are the source of truth and are read directly (compiled in memory), so a
translation fix shows up on the next start without a build step and a stale .mo cannot lie.
Message ids are keys ("greet.hello"); English is a translation like any other.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.languages import DEFAULT, SUPPORTED

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


def N_(key: str) -> str:
    """Marks a catalog key for `pybabel extract` (babel.cfg: -k N_); returns it unchanged."""
    return key

DOMAIN = "messages"


def po_path(code: str) -> Path:
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(code: str):
    with po_path(code).open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


@lru_cache(maxsize=None)
def translations(code: str) -> Translations:
    """The catalog for `code`, falling back to English for a key not yet translated."""
    if code not in SUPPORTED:
        code = DEFAULT
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(code), use_fuzzy=False)
    buffer.seek(0)
    catalog = Translations(buffer, domain=DOMAIN)
    if code != DEFAULT:
        catalog.add_fallback(translations(DEFAULT))
    return catalog


@lru_cache(maxsize=None)
def plural_keys() -> dict[str, str]:
    """Keys that have plural forms, mapped to their plural id, from the English catalog."""
    return {
        message.id[0]: message.id[1]
        for message in read_catalog(DEFAULT)
        if message.id and message.pluralizable
    }


def gettext(code: str, key: str, count: int | None = None) -> str:
    catalog = translations(code)
    plural = plural_keys().get(key)
    if plural is not None:
        return catalog.ngettext(key, plural, count if count is not None else 1)
    return catalog.gettext(key)
