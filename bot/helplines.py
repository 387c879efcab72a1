"""The helplines people are pointed to, from the country files in data/countries/.

Only entries marked `verified: true` (the number was read on the official source, see the
file's `source` and `checked`) with a known `opening` are ever shown. Which one a deployment uses
is configured with VEIVIS_HELPLINE (an id), else the first such helpline of VEIVIS_COUNTRY. A
country without one gets none: never another country's number. Responses then leave out the
paragraphs that name a helpline, and 112 stays.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import shortnumberinfo
import yaml
from babel import Locale
from babel.dates import format_interval
from babel.lists import format_list

from bot import i18n
from bot.i18n import N_
from bot.rendering import fill

COUNTRIES_DIR = Path(__file__).resolve().parent.parent / "data" / "countries"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")



HOURS_ALWAYS = N_("helpline.hours.always")
HOURS_WEEKLY = N_("helpline.hours.weekly")


@dataclass(frozen=True)
class Opening:
    always: bool = False
    days: tuple[str, ...] = ()
    opens: time | None = None
    closes: time | None = None


@dataclass(frozen=True)
class Helpline:
    id: str
    country: str
    name: str
    phone: str
    opening: Opening
    url: str | None = None


def _opening(raw: Any) -> Opening:
    if raw == "always":
        return Opening(always=True)
    days = tuple(raw["days"])
    if not set(days) <= set(DAYS):
        raise ValueError(f"unknown day in {days}")
    return Opening(days=days, opens=time.fromisoformat(raw["from"]), closes=time.fromisoformat(raw["to"]))


@lru_cache(maxsize=1)
def verified_helplines() -> tuple[Helpline, ...]:
    found: list[Helpline] = []
    for path in sorted(COUNTRIES_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in document.get("helplines") or []:
            if entry.get("verified") is True and entry.get("phone") and entry.get("opening"):
                found.append(
                    Helpline(
                        id=entry["id"],
                        country=str(document["code"]).upper(),
                        name=entry["name"],
                        phone=entry["phone"],
                        opening=_opening(entry["opening"]),
                        url=entry.get("url"),
                    )
                )
    return tuple(found)


def select(helpline_id: str | None, country: str) -> Helpline | None:
    helplines = verified_helplines()
    for helpline in helplines:
        if helpline.id == helpline_id:
            return helpline
    for helpline in helplines:
        if helpline.country == country.upper():
            return helpline
    return None


def format_phone(number: str, country: str) -> str:
    """International format for a full number; a national short number (116 006) as published."""
    if number.startswith("+"):
        parsed = phonenumbers.parse(number, None)
        if not phonenumbers.is_valid_number(parsed):
            raise ValueError(f"not a valid phone number: {number}")
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    parsed = phonenumbers.parse(number, country)
    # libphonenumber does not list every harmonised 116 number; the data file is the source.
    if not shortnumberinfo.is_possible_short_number(parsed):
        raise ValueError(f"not a valid short number in {country}: {number}")
    return number


def hours_text(opening: Opening, language: str) -> str:
    if opening.always:
        return i18n.gettext(language, HOURS_ALWAYS)
    locale = Locale.parse(language)
    names = locale.days["format"]["wide"]
    indexes = [DAYS.index(day) for day in opening.days]
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        days = f"{names[indexes[0]]}–{names[indexes[-1]]}"
    else:
        days = format_list([names[i] for i in indexes], locale=locale)
    hours = format_interval(opening.opens, opening.closes, "Hm", locale=locale)
    return fill(i18n.gettext(language, HOURS_WEEKLY), language, {"days": days, "opening": hours})


def context(helpline: Helpline | None, language: str) -> dict[str, str]:
    """The variables every response may use to point to the helpline (none without one)."""
    if helpline is None:
        return {}
    return {
        "helpline_name": helpline.name,
        "helpline_phone": format_phone(helpline.phone, helpline.country),
        "helpline_hours": hours_text(helpline.opening, language),
    }
