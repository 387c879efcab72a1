"""Babel extractor for message keys named in YAML response files (domain.yml, bot/messages.yml).

babel.cfg points `pybabel extract` here, so the catalogs' template lists every key a response
uses, the same way it lists `_()` calls in templates.
"""
from __future__ import annotations

from typing import BinaryIO, Iterator

import yaml

# Response syntax beyond plain keys: a button titled "@language:pl" or "@country:NO" shows that
# name from CLDR; a text token "$name" stands for the key(s) an action chose (bot/rendering.py).
LANGUAGE_NAME_PREFIX = "@language:"
COUNTRY_NAME_PREFIX = "@country:"
CHOSEN_PREFIX = "$"


def response_keys(responses: dict) -> Iterator[str]:
    for variants in (responses or {}).values():
        for variant in variants or []:
            yield from (t for t in str(variant.get("text", "")).split() if not t.startswith(CHOSEN_PREFIX))
            for button in variant.get("buttons") or []:
                title = str(button.get("title", ""))
                if not title.startswith((LANGUAGE_NAME_PREFIX, COUNTRY_NAME_PREFIX)):
                    yield title


def extract_responses(
    fileobj: BinaryIO, keywords, comment_tags, options
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    from bot.i18n import plural_keys  # the English catalog says which keys have plural forms

    plurals = plural_keys()
    document = yaml.safe_load(fileobj) or {}
    seen: set[str] = set()
    for key in response_keys(document.get("responses", {})):
        if key not in seen:
            seen.add(key)
            if key in plurals:
                yield 0, "ngettext", (key, plurals[key]), []
            else:
                yield 0, None, key, []
