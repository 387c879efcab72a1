"""What the bot tells a person about working in one of the nine countries (pure).

Facts come from the `display` block of data/countries/<cc>.yml, which keeps only what was
verified on an official source; a fact that is missing there is simply not said.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency
from babel.units import format_unit

from bot import helplines
from bot.helplines import format_phone
from bot.i18n import N_

COUNTRIES_DIR = Path(__file__).resolve().parent.parent / "data" / "countries"
COUNTRIES = ("NO", "SE", "FI", "DK", "DE", "PL", "EE", "LV", "LT")


@lru_cache(maxsize=1)
def displays() -> Dict[str, Dict[str, Any]]:
    found = {}
    for code in COUNTRIES:
        document = yaml.safe_load((COUNTRIES_DIR / f"{code.lower()}.yml").read_text(encoding="utf-8"))
        found[code] = document.get("display") or {}
    return found


def country_name(code: str, language: str) -> str:
    return Locale.parse(language).territories.get(code, code)


def normalise_country(value: Any) -> Optional[str]:
    code = str(value or "").strip().upper()
    return code if code in COUNTRIES else None


def context(code: str, language: str) -> Dict[str, Any]:
    """Variables for the country responses; only the facts the country's file has."""
    facts = displays().get(code, {})
    found: Dict[str, Any] = {"country_name": country_name(code, language)}
    for key in ("register", "inspectorate", "permit_authority", "union"):
        entry = facts.get(key)
        if entry:
            found[f"{key}_name"] = entry["name"]
            found[f"{key}_url"] = entry["url"]
            if entry.get("phone"):
                found[f"{key}_phone"] = format_phone(entry["phone"], code)
    if facts.get("weekly_hours"):
        found["weekly_hours"] = int(facts["weekly_hours"])
    reflection = facts.get("reflection")
    if reflection:
        found["reflection"] = format_unit(reflection["value"], f"duration-{reflection['unit']}", locale=language)
    wage = facts.get("minimum_wage") or {}
    if wage.get("kind") == "statutory":
        found["minimum_wage"] = format_currency(wage["amount"], wage["currency"], locale=language)
        found["minimum_wage_since"] = format_date(date.fromisoformat(str(wage["since"])), "long", locale=language)
    return found


def minimum_wage_kind(code: str) -> Optional[str]:
    return (displays().get(code, {}).get("minimum_wage") or {}).get("kind")



MINIMUM_WAGE_RULES = {
    "statutory": N_("country.min_wage.statutory"),
    "agreements_general": N_("country.min_wage.agreements_general"),
    "agreements_only": N_("country.min_wage.agreements_only"),
}


REFLECTION_RULES = {
    None: N_("country.reflection"),
    "up_to": N_("country.reflection.up_to"),
    "at_least": N_("country.reflection.at_least"),
}
# Where the inspectorate's own pages say it checks pay (minimum rates), the bot says so; elsewhere
# it says "safety and working conditions", which is true of all of them.
INSPECTORATE_RULES = {True: N_("country.inspectorate"), False: N_("country.inspectorate_conditions")}


def response_context(code: str, language: str) -> Dict[str, Any]:
    """`context` plus the choice of paragraphs and the country's own helpline, for the NLG."""
    facts = displays().get(code, {})
    found = context(code, language)
    rule = MINIMUM_WAGE_RULES.get(minimum_wage_kind(code) or "")
    if rule and (rule != MINIMUM_WAGE_RULES["statutory"] or "minimum_wage" in found):
        found["minimum_wage_rule"] = rule
    if facts.get("reflection"):
        found["reflection_rule"] = REFLECTION_RULES.get(facts["reflection"].get("bound"))
    if facts.get("inspectorate"):
        found["inspectorate_rule"] = INSPECTORATE_RULES[bool(facts["inspectorate"].get("checks_pay"))]
    helpline = helplines.select(None, code)
    if helpline is not None:
        found.update({f"country_{k}": v for k, v in helplines.context(helpline, language).items()})
    return found
