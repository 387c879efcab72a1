"""Taking contact details and document numbers out of what a person wrote (pure).

Used before anything a person typed is shown to helpline staff: phone numbers, e-mail addresses,
links and document-like numbers (passport, ID, personal, bank) become a marker such as
"[phone]", unless the person gave that number for a call-back.
"""
from __future__ import annotations

import re
from typing import Iterable

import phonenumbers

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
# Passport and ID numbers mix letters and digits (AB1234567); personal and bank numbers are long
# digit runs (IBANs start with two letters). Anything of that shape goes.
DOCUMENT = re.compile(
    r"\b[A-Z]{2}\d{2}[A-Z0-9 ]{10,30}\b"           # IBAN
    r"|\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{6,14}\b"  # passport / ID: letters and digits
    r"|\b\d[\d -]{7,}\d\b",                        # long digit runs: personal, bank, card numbers
)
REGIONS = ("NO", "SE", "FI", "DK", "DE", "PL", "EE", "LV", "LT", "GB", "RO", "BG", "UA", "VN")


def _phones(text: str) -> list[tuple[int, int, str]]:
    found: dict[tuple[int, int], str] = {}
    for region in REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            if sum(ch.isdigit() for ch in match.raw_string) >= 7:
                found.setdefault((match.start, match.end), phonenumbers.format_number(
                    match.number, phonenumbers.PhoneNumberFormat.E164))
    # Overlapping matches from different regions: keep the widest.
    kept: list[tuple[int, int, str]] = []
    for (start, end), number in sorted(found.items(), key=lambda item: (item[0][0], -item[0][1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, number))
    return kept


def redact(text: str, keep_phones: Iterable[str] = ()) -> str:
    """`text` without contact details and document numbers; phones in `keep_phones` (E.164) stay."""
    keep = set(keep_phones)
    text = EMAIL.sub("[e-mail]", text)
    text = URL.sub("[link]", text)
    protected: list[str] = []
    for start, end, number in sorted(_phones(text), reverse=True):
        if number in keep:
            protected.append(text[start:end])
            text = f"{text[:start]}\x00{len(protected) - 1}\x00{text[end:]}"
        else:
            text = text[:start] + "[phone]" + text[end:]
    text = DOCUMENT.sub("[number]", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], text)


def parse_phone(text: str, region: str | None = None) -> str | None:
    """A phone number typed for a call-back, as E.164, if it is a valid number. Without a "+",
    the conversation's country decides how it is read."""
    for region in (region, None) if region else (None,):
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None
