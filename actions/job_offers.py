"""Does a job offer show the warning signs of CONTRACTS.md? (pure, after the data files load)

Phrases come from data/job_offers/patterns/<code>.yml (one file per language, all applied: an ad
is often in another language than the person's, or in two). Amounts, contacts, the employer's
identity and the reference pay are read by language-independent code (job_offer_signals.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

import yaml

from actions import job_offer_signals as signals
from bot.textnorm import fold_pattern

DATA = Path(__file__).resolve().parent.parent / "data" / "job_offers"

STRONG = frozenset({
    "recruitment_fee", "advance_payment", "document_retention", "travel_debt", "irregular_status",
    "sexualised_job",
})
WEAK = frozenset({
    "unrealistic_pay", "no_written_contract", "housing_deduction", "vague_employer", "messenger_only",
    "urgency_pressure", "documents_upfront",
})
FLAGS = STRONG | WEAK
COSTS = frozenset({"recruitment_fee", "advance_payment", "travel_debt", "housing_deduction"})
REASSURING = frozenset({"no_fees", "written_contract", "travel_paid", "registered_company", "collective_agreement"})
MAX_CHARS = 4000
# Pay this many times the going rate is "clearly above" it; less is enough next to
# "no experience, no language needed".
UNREALISTIC_RATIO = 1.8
UNREALISTIC_RATIO_WITH_LURE = 1.3
AD_MIN_WORDS = 25


@dataclass(frozen=True)
class PayCheck:
    monthly_eur: float
    reference_eur: float
    country: Optional[str]
    sector: Optional[str]

    @property
    def ratio(self) -> float:
        return self.monthly_eur / self.reference_eur


@dataclass(frozen=True)
class JobOfferReport:
    risk: str
    flags: FrozenSet[str]
    reassuring: FrozenSet[str] = frozenset()
    country: Optional[str] = None
    pay: Optional[PayCheck] = None
    truncated: bool = False
    # Pay, contact details, a warning phrase or enough words: a short "help me" is not an ad.
    looks_like_ad: bool = True

    @property
    def strong(self) -> FrozenSet[str]:
        return self.flags & STRONG

    @property
    def weak(self) -> FrozenSet[str]:
        return self.flags & WEAK


def risk_of(flags: FrozenSet[str]) -> str:
    if flags & STRONG or len(flags & WEAK) >= 3:
        return "high"
    if flags & WEAK:
        return "medium"
    return "low"


@dataclass
class _Rules:
    match: List[re.Pattern] = field(default_factory=list)
    unless: List[re.Pattern] = field(default_factory=list)
    purpose: List[re.Pattern] = field(default_factory=list)


def _compile(pattern: str) -> re.Pattern:
    return re.compile(fold_pattern(pattern))


@lru_cache(maxsize=1)
def lexicon() -> Tuple[Dict[str, _Rules], Dict[str, List[re.Pattern]]]:
    flags: Dict[str, _Rules] = {}
    reassuring: Dict[str, List[re.Pattern]] = {}
    for path in sorted((DATA / "patterns").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for flag, spec in (document.get("flags") or {}).items():
            if flag not in FLAGS:
                raise ValueError(f"{path.name}: unknown flag {flag}")
            rules = flags.setdefault(flag, _Rules())
            rules.match += [_compile(p) for p in (spec or {}).get("match") or []]
            rules.unless += [_compile(p) for p in (spec or {}).get("unless") or []]
            rules.purpose += [_compile(p) for p in (spec or {}).get("purpose") or []]
        for name, patterns in (document.get("reassuring") or {}).items():
            if name not in REASSURING:
                raise ValueError(f"{path.name}: unknown reassuring sign {name}")
            reassuring.setdefault(name, []).extend(_compile(p) for p in patterns or [])
    return flags, reassuring


@lru_cache(maxsize=1)
def reference_data() -> Tuple[dict, dict, dict]:
    pay = yaml.safe_load((DATA / "reference_pay.yml").read_text(encoding="utf-8")) if (DATA / "reference_pay.yml").exists() else {}
    rates = yaml.safe_load((DATA / "exchange_rates.yml").read_text(encoding="utf-8")) if (DATA / "exchange_rates.yml").exists() else {}
    sectors = yaml.safe_load((DATA / "sectors.yml").read_text(encoding="utf-8"))
    return (pay or {}).get("countries") or {}, (rates or {}).get("per_eur") or {"EUR": 1.0}, sectors


# Ads that lure people are for low-skilled work; a country's median earnings overstate what such
# work pays. Without a sector figure, the reference is this share of the country's median.
LOW_SKILLED_SHARE = 0.75


def reference_pay(country: Optional[str], sector: Optional[str]) -> Optional[float]:
    """The going monthly rate in EUR for the work; for a country without figures (or none named),
    the median of the region's countries."""
    countries, _, _ = reference_data()

    def of(code: str) -> Optional[float]:
        entry = countries.get(code) or {}
        sector_value = ((entry.get("sectors") or {}).get(sector or "") or {}).get("monthly_eur")
        if sector_value:
            return float(sector_value)
        general = (entry.get("general") or {}).get("monthly_eur")
        return float(general) * LOW_SKILLED_SHARE if general else None

    if country and of(country):
        return of(country)
    values = sorted(v for v in (of(c) for c in countries) if v)
    return values[len(values) // 2] if values else None


def _matches(sentence: str, patterns: List[re.Pattern]) -> bool:
    return any(p.search(sentence) for p in patterns)


def check_job_offer(text: str, language: Optional[str] = None) -> JobOfferReport:
    """Flags, risk and what speaks for the offer. `language` is the reader's; the ad may be in any."""
    if not isinstance(text, str):
        text = ""
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    flag_rules, reassuring_rules = lexicon()
    raw_parts = signals.sentences(text)
    parts = [signals.normalise(s) for s in raw_parts]
    found: set[str] = set()
    good: set[str] = set()
    lure = False
    advance_named = False
    pay_sentences: List[str] = []
    for raw, sentence in zip(raw_parts, parts):
        here = {flag for flag, rules in flag_rules.items()
                if _matches(sentence, rules.match) and not _matches(sentence, rules.unless)}
        here, named = _fee_kind(here, sentence, flag_rules["advance_payment"].purpose)
        advance_named = advance_named or named
        if not here & COSTS:
            pay_sentences.append(raw)  # an amount next to a fee or a deduction is not pay
        if "unrealistic_pay" in here:
            here.discard("unrealistic_pay")
            lure = True  # words alone ("no experience needed") only support the pay check
        found |= here
        for name, patterns in reassuring_rules.items():
            if _matches(sentence, patterns):
                good.add(name)

    if "recruitment_fee" in found and not advance_named:
        found.discard("advance_payment")  # "to be paid before you leave" of the fee itself
    country = signals.country_of(text, _ad_language(text))
    _, rates, sector_words = reference_data()
    sector = signals.sector_of(text, sector_words)
    pay_check = _pay_check("\n".join(pay_sentences), country, sector, rates)
    if pay_check and pay_check.ratio >= (UNREALISTIC_RATIO_WITH_LURE if lure else UNREALISTIC_RATIO):
        found.add("unrealistic_pay")

    contact = signals.contacts(text)
    if (contact.messenger or contact.phone) and not (contact.company_web or contact.personal_mail):
        found.add("messenger_only")
    if not signals.employer_identified(text) and not contact.company_web:
        found.add("vague_employer")
    if signals.registered_company(text):
        good.add("registered_company")
    if "recruitment_fee" in found or "advance_payment" in found:
        good.discard("no_fees")
    if "no_written_contract" in found:
        good.discard("written_contract")
    flags = frozenset(found)
    amounts = bool(signals.pay_amounts(text, country))
    any_contact = contact.messenger or contact.phone or contact.company_web or contact.personal_mail
    phrases = bool(found - {"vague_employer", "messenger_only"}) or lure
    looks_like_ad = amounts or any_contact or phrases or len(text.split()) >= AD_MIN_WORDS
    return JobOfferReport(risk_of(flags), flags, frozenset(good), country, pay_check, truncated, looks_like_ad)


def _fee_kind(here: set, sentence: str, purpose: List[re.Pattern]) -> Tuple[set, bool]:
    """Which payment a sentence asks for, and whether it names what the money is for.

    Money asked for a visa, a medical check, a uniform or a deposit is an advance payment, even
    inside a package fee; "pay before departure" with nothing named is when the job's fee is due.
    """
    named = _matches(sentence, purpose)
    if "recruitment_fee" in here:
        here = here | {"advance_payment"} if named else here - {"advance_payment"}
    return here, named and "advance_payment" in here


def _ad_language(text: str) -> Optional[str]:
    from bot.language import identify

    evidence = identify(text)
    return evidence.code if evidence else None


def _pay_check(text: str, country: Optional[str], sector: Optional[str], rates: dict) -> Optional[PayCheck]:
    reference = reference_pay(country, sector)
    if not reference:
        return None
    # A small amount with no period ("250 EUR") may be rent, a fee or a day's pay: only amounts
    # with their period, or big enough to be a month's pay, are compared.
    amounts = [p for p in signals.pay_amounts(text, country) if p.stated or p.period == "month"]
    monthly = [p.monthly_eur(rates) for p in amounts]
    monthly = [m for m in monthly if m]
    if not monthly:
        return None
    return PayCheck(max(monthly), reference, country, sector)
