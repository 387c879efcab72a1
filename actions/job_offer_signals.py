"""What an ad says that does not depend on its language (pure): amounts of pay, contact details,
company identifiers, the country and the sector of the work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from babel import Locale

from bot.languages import SUPPORTED
from bot.textnorm import fold

normalise = fold  # lower case, no diacritics, letter variants unified (bot/textnorm.py)

_SENTENCE_END = re.compile(r"(?:[.!?;]+(?=\s|$)|\n+|[•●▪►✅✔️➡️👉🔹🔸⭐️★]+|(?m:^[ \t]*[-–—]\s))")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


# --- pay ----------------------------------------------------------------------------------------

CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "evro": "EUR", "евро": "EUR", "євро": "EUR",
    "يورو": "EUR", "nok": "NOK", "sek": "SEK", "dkk": "DKK", "kr": "KR", "kr.": "KR", "kroner": "KR",
    "kronor": "SEK", "krone": "KR", "pln": "PLN", "zl": "PLN", "zloty": "PLN", "zlotych": "PLN",
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "£": "GBP", "gbp": "GBP", "pounds": "GBP",
    "lei": "RON", "ron": "RON", "bgn": "BGN", "лв": "BGN", "лева": "BGN", "грн": "UAH", "uah": "UAH",
    "руб": "RUB", "rub": "RUB", "chf": "CHF", "czk": "CZK", "huf": "HUF",
    # currencies written as words, as people write them in their own language
    "злотых": "PLN", "злотый": "PLN", "злотих": "PLN", "злоти": "PLN", "eiro": "EUR", "euru": "EUR",
    "eurų": "EUR", "евра": "EUR", "доллар": "USD", "долларов": "USD", "доларів": "USD", "долара": "USD",
    "фунтов": "GBP", "крон": "KR", "крони": "KR", "дол": "USD", "دولار": "USD", "يورو": "EUR", "đô": "USD",
}
# "kr" is the krone or krona: which one follows from the country of the ad.
KRONE_BY_COUNTRY = {"NO": "NOK", "SE": "SEK", "DK": "DKK"}

PERIOD_WORDS = {
    "hour": ("h", "hr", "hour", "hours", "time", "timen", "timme", "timmen", "tunti", "tunnissa", "t", "tund",
             "stunde", "std", "stunda", "valanda", "val", "godz", "godzine", "godzina", "час", "година", "год",
             "ora", "oră", "ore", "часа", "gio", "saat", "ساعه", "ساعة",
             # inflected and adverbial forms ("per hour" as people write it)
             "hourly", "tunnilt", "tunnis", "stundā", "stundu", "valandą", "valandai", "godzinę", "stündlich",
             "годину", "giờ", "ساعيا"),
    "day": ("day", "dag", "dagen", "paiva", "paev", "diena", "dien", "dzien", "tag", "день", "доба", "zi",
            "ден", "ngay", "يوم",
            "daily", "dagligt", "dagligen", "paivassa", "paevas", "dienā", "dieną", "dziennie", "täglich",
            "сутки", "добу", "zilnic", "дневно", "يوميا",
            # a night's or a shift's pay, as dancers', hostesses' and shift workers' ads give it
            "night", "evening", "shift", "nat", "natt", "natten", "aften", "kvall", "kvallen", "yo", "ilta",
            "illassa", "yossa", "ohtu", "ohtus", "vakars", "vakara", "naktis", "nakti", "noc", "wieczor",
            "nacht", "abend", "schicht", "noapte", "noaptea", "seara", "ночь", "вечер", "смена", "смену", "ніч",
            "вечір", "зміна", "зміну", "нощ", "смяна", "dem", "ليله", "ليلة", "وردية"),
    "week": ("week", "uke", "vecka", "uge", "viikko", "nadal", "nedela", "savaite", "tydzien", "woche",
             "неделя", "тиждень", "saptamana", "седмица", "tuan", "اسبوع",
             "weekly", "uken", "ukentlig", "veckan", "ugen", "ugentlig", "viikossa", "nadalas", "nedēļā",
             "savaitę", "tydzień", "tygodniowo", "tygodnia", "wöchentlich", "неделю", "тижня",
             "săptămânal", "săptămână", "седмично", "اسبوعيا"),
    "month": ("month", "mnd", "maned", "manad", "kk", "kuukausi", "kuu", "menesis", "men", "mies", "miesiac",
              "monat", "мес", "месяц", "місяць", "луна", "luna", "месец", "thang", "شهر", "monthly", "netto",
              "brutto", "måneden", "mnd.", "månaden", "månadslön", "kuukaudessa", "kuussa", "kuus", "mēnesī",
              "mėnesį", "mėn", "miesięcznie", "miesiąc", "monatlich", "месячно", "місячно",
              "lunar", "lună", "месечно", "شهريا", "الشهر"),
}
_PERIOD_LOOKUP = {period: frozenset(normalise(n) for n in names) for period, names in PERIOD_WORDS.items()}
HOURS_PER = {"hour": 160.0, "day": 21.0, "week": 4.33, "month": 1.0}

_NUMBER = r"\d{1,3}(?:[ .,\u00a0\u202f']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?[kк]?"
_CURRENCY = "|".join(sorted((re.escape(c) for c in CURRENCIES), key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?:(?P<cur1>{_CURRENCY})\s?(?P<num1>{_NUMBER})|(?P<num2>{_NUMBER})\s?(?:(?:-|–|до|to|do|bis|iki|lidz|kuni)\s?"
    rf"(?P<num3>{_NUMBER}))?\s?(?P<cur2>{_CURRENCY}))(?P<after>[^\d]{{0,24}})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Pay:
    amount: float
    currency: str
    period: str  # hour, day, week or month (guessed when the ad does not say)
    stated: bool = True  # the ad said the period ("/h", "per month"); else it is a guess

    def monthly_eur(self, per_eur: dict[str, float]) -> Optional[float]:
        rate = per_eur.get(self.currency)
        if not rate:
            return None
        return self.amount / rate * HOURS_PER[self.period]


def _to_number(raw: str) -> Optional[float]:
    raw = raw.strip().lower()
    thousands = raw.endswith(("k", "к"))
    raw = raw.rstrip("kк").strip()
    raw = re.sub(r"[ \u00a0\u202f']", "", raw)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):
        raw = re.sub(r"[.,]", "", raw)
    elif re.fullmatch(r"\d{1,3}([.,]\d{3})+[.,]\d{1,2}", raw):
        raw = re.sub(r"[.,](?=\d{3})", "", raw).replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value * 1000 if thousands else value


def _period(after: str) -> Optional[str]:
    # The first period word wins: "29 800 SEK kuus + õhtu- ja nädalavahetuse lisad" is monthly.
    for word in re.findall(r"\w+", normalise(after))[:3]:
        for period, names in _PERIOD_LOOKUP.items():
            if word in names:
                return period
    if re.search(r"/\s?(h|t)\b", after.lower()):
        return "hour"
    return None


def pay_amounts(text: str, country: Optional[str]) -> list[Pay]:
    """Every amount of money in the ad with its currency and period ("up to" ranges: the top)."""
    found = []
    for match in _AMOUNT.finditer(normalise(text)):
        raw_number = match.group("num1") or match.group("num3") or match.group("num2")
        currency = CURRENCIES.get((match.group("cur1") or match.group("cur2") or "").lower())
        number = _to_number(raw_number) if raw_number else None
        if not currency or not number or number <= 0:
            continue
        if currency == "KR":
            currency = KRONE_BY_COUNTRY.get(country or "", "NOK")
        stated = _period(match.group("after") or "")
        found.append(Pay(number, currency, stated or _guess_period(number, currency), stated is not None))
    return found


def _guess_period(number: float, currency: str) -> str:
    # Without a stated period, the size of the number says it (EUR-like scales; others scaled).
    scale = {"NOK": 11, "SEK": 11, "DKK": 7.5, "PLN": 4.3, "RON": 5, "UAH": 45, "RUB": 100, "CZK": 25, "HUF": 400, "BGN": 2}.get(currency, 1)
    value = number / scale
    if value < 60:
        return "hour"
    if value < 400:
        return "day"
    return "month"


# --- contacts and the employer ------------------------------------------------------------------

MESSENGERS = ("whatsapp", "whats app", "whatsap", "wa.me", "viber", "telegram", "t.me", "signal", "wechat",
              "imo", "messenger", "вайбер", "ватсап", "вацап", "вотсап", "телеграм", "واتساب", "واتس", "تلغرام",
              "تيليجرام", "فايبر", "zalo")
PERSONAL_MAIL = ("gmail.", "yahoo.", "hotmail.", "outlook.", "live.", "mail.ru", "yandex.", "wp.pl", "o2.pl",
                 "interia.", "onet.", "ukr.net", "abv.bg", "icloud.", "gmx.", "web.de", "inbox.lv", "proton")
LEGAL_FORMS = re.compile(
    r"(?<!\w)(as|asa|ab|oy|oyj|aps|a/s|gmbh|ag|kg|ug|e\.k\.|sp\. ?z ?o\.? ?o\.?|s\.?a\.|srl|s\.r\.l\.|oü|ou|sia|uab"
    r"|ltd|ltd\.|limited|llc|inc|bv|b\.v\.|nv|ооо|тов|еоод|оод|ад|ип|cong ty|tnhh|شركة|spolka|spółka|sas|sarl"
    r"|s\.r\.o\.|sro|a\.s\.)(?!\w)",
    re.IGNORECASE,
)
REGISTRATION = re.compile(
    r"(org\.? ?n(r|o)\.?|organisasjonsnummer|org\.?nummer|organisationsnummer|y-?tunnus|cvr|hrb|hra|krs|nip|regon"
    r"|registrikood|reg\.? ?(nr|no|kods)|registracijas|imones kodas|company (no|number)|companies house|ičo|ico"
    r"|цвр|єдрпоу|еик|егрн|инн)"
    r"\s*[:.#]?\s*\d", re.IGNORECASE,
)
ADDRESS = re.compile(
    r"(\b(ul\.|ulica|gate|gata|gatan|veien|vegen|vei|vägen|vej|gade|straße|strasse|str\.|katu|tie|iela|gatve|gatvė"
    r"|tanav|tänav|mnt|strada(?!\w)|str-da|bulevard|бул\.|ул\.|улица|вул\.|вулиця|duong|đường|شارع)\s*\S*\s*\d+)"
    r"|\b\d{4,5}[ \t]+[A-ZÆØÅÄÖÜŁŚŻ][a-zæøåäöüłśż]+",
)
URL = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|no|se|fi|dk|de|pl|ee|lv|lt|eu|co\.uk|uk|nl|ro|bg|ua|org|net)\b(/\S*)?",
                 re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w/])(\+|00)?\d[\d \-().]{6,}\d")


@dataclass(frozen=True)
class Contacts:
    messenger: bool
    phone: bool
    company_web: bool  # a site or e-mail on a company's own domain
    personal_mail: bool


def contacts(text: str) -> Contacts:
    lower = text.lower()
    mails = [m.group(0).lower() for m in EMAIL.finditer(text)]
    company_mail = any(not any(p in mail.split("@")[1] for p in PERSONAL_MAIL) for mail in mails)
    without_mail = EMAIL.sub(" ", text)
    urls = [u.group(0).lower() for u in URL.finditer(without_mail)]
    company_site = any(not any(m in url for m in ("wa.me", "t.me", "facebook.", "fb.", "instagram.", "tiktok."))
                       for url in urls)
    phones = [p.group(0) for p in PHONE.finditer(without_mail)]
    return Contacts(
        messenger=any(m in lower for m in MESSENGERS),
        phone=any(len(re.sub(r"\D", "", p)) >= 8 for p in phones),
        company_web=company_mail or company_site,
        personal_mail=bool(mails) and not company_mail,
    )


# A company named without its legal form: "CleanTeam Nord (Valby) søger", "EuroWork Solutions is
# hiring", "Агенція «ЄвроСтарт»". A name is capitalised words before a hiring verb, or anything
# after the word for agency or company; pronouns and bare nouns ("We are hiring", "Firma szuka")
# name nobody.
_UPPER = "A-ZÆØÅÄÖÜÕŁŚŻŹĆŃÓŽŠČĀĒĪŪĢĶĻŅĖĘĮŲȘȚĂÂÎА-ЯЁЄІЇҐ"
_NAME_WORD = rf"(?:[{_UPPER}][\w'’.-]*|&|\+)"
HIRING = (
    r"is hiring|are hiring|hiring|hires|recruits|is recruiting|is looking for|seeks|selecting|søger|søker|söker"
    r"|trenger|behöver|rekrutterer|rekryterar|ansætter|ansetter|anställer|etsii|hakee|rekrytoi|otsib|värbab"
    r"|meklē|pieņem darbā|ieško|įdarbina|szuka|zatrudni|poszukuje|sucht|stellt ein|caută|angajează|recrutează"
    r"|търси|наема|ищет|набирает|приглашает|нанимает|шукає|набирає|запрошує|tuyển|cần tuyển|تبحث|يبحث|تطلب|توظف"
)
NAMED_BEFORE_HIRING = re.compile(
    rf"(?<![\w])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})\s*(?:\([^()\n]{{2,40}}\)|,\s*[{_UPPER}][\w-]+)?\s*[–-]?\s*(?:{HIRING})\b"
)
NAMED_AFTER_LABEL = re.compile(
    r"\b(?i:agency|agentur|agentuur|agentūra|aģentūra|agencja|agentia|agenția|agenţia|company|employer|arbeidsgiver"
    r"|arbetsgivare|arbejdsgiver|firma|selskap|företag|virksomhed|yritys|ettevõte|uzņēmums|įmonė|pracodawca"
    r"|arbeitgeber|angajator|агентство|агенция|агенція|компания|компанія|фирма|фірма|работодател|работодатель"
    r"|роботодавець|công ty|وكالة|الشركة)\b(?:\s+[^\W\d]+)?\s*[:–-]?\s*[«\"„“'(]?\s*[" + _UPPER + r"][\w'’-]+",
)
NOBODY = frozenset({
    "we", "vi", "wir", "my", "мы", "ми", "ние", "noi", "me", "mes", "mēs", "chúng", "nous", "i", "you",
    "company", "agency", "firma", "firm", "employer", "agentur", "компания", "фирма", "агентство", "агенция",
    "агенція", "компанія", "фірма", "work", "job", "jobs", "urgent", "norway", "poland", "germany", "sweden",
})


def _named_before_hiring(text: str) -> bool:
    """Only names that look like a brand count: a capital inside a word (CleanTeam), an "&",
    three capitalised words, or a place in brackets or after a comma. A single capitalised word
    is a sentence start, a German noun or a city ("in Frankfurt sucht")."""
    for found in NAMED_BEFORE_HIRING.finditer(text):
        name = found.group("name")
        words = name.split()
        if words[0].lower().strip(".") in NOBODY or name.isupper():
            continue
        camel = any(any(c.isupper() for c in w[1:]) and not w.isupper() for w in words)
        placed = found.group(0)[len(name):].lstrip()[:1] in ("(", ",")
        if camel or "&" in words or len(words) >= 3 or (placed and len(words) >= 2):
            return True
    return False


def employer_identified(text: str) -> bool:
    return bool(LEGAL_FORMS.search(text) or REGISTRATION.search(text) or ADDRESS.search(text)
                or NAMED_AFTER_LABEL.search(text) or _named_before_hiring(text))


def registered_company(text: str) -> bool:
    return bool(REGISTRATION.search(text))


# --- where and what -----------------------------------------------------------------------------

PAY_COUNTRIES = ("NO", "SE", "FI", "DK", "DE", "PL", "EE", "LV", "LT", "GB", "NL")
CITIES = {
    "NO": ("oslo", "bergen", "trondheim", "stavanger", "tromso", "alesund", "kristiansand", "drammen", "bodo"),
    "SE": ("stockholm", "goteborg", "gothenburg", "malmo", "uppsala", "umea", "vasteras", "orebro", "lulea"),
    "FI": ("helsinki", "helsingfors", "tampere", "turku", "oulu", "espoo", "vantaa", "rovaniemi", "kuopio"),
    "DK": ("kobenhavn", "copenhagen", "aarhus", "odense", "aalborg", "esbjerg"),
    "DE": ("berlin", "hamburg", "munchen", "munich", "koln", "frankfurt", "stuttgart", "dusseldorf", "leipzig", "bremen"),
    "PL": ("warszawa", "warsaw", "krakow", "wroclaw", "gdansk", "poznan", "lodz", "szczecin", "katowice"),
    "EE": ("tallinn", "tartu", "narva", "parnu"),
    "LV": ("riga", "daugavpils", "liepaja", "jelgava"),
    "LT": ("vilnius", "kaunas", "klaipeda", "siauliai"),
    "GB": ("london", "manchester", "birmingham", "glasgow", "liverpool", "leeds"),
    "NL": ("amsterdam", "rotterdam", "den haag", "utrecht", "eindhoven"),
}


@lru_cache(maxsize=1)
def _country_stems() -> list[tuple[str, str]]:
    stems: list[tuple[str, str]] = []
    for display in SUPPORTED:
        territories = Locale.parse(display).territories
        for country in PAY_COUNTRIES:
            name = territories.get(country)
            if name:
                word = normalise(name)
                stems.append((word[: max(4, len(word) - 2)] if len(word) > 5 else word, country))
    for country, cities in CITIES.items():
        stems.extend((city, country) for city in cities)
    return sorted(set(stems), key=lambda item: -len(item[0]))


# Ads recruit people from the country of their language to another one: when an ad names both,
# its own language's country is where the workers come from, not where the job is.
HOME_COUNTRY = {"nb": "NO", "sv": "SE", "da": "DK", "fi": "FI", "et": "EE", "lv": "LV", "lt": "LT", "pl": "PL", "de": "DE"}


def country_of(text: str, ad_language: Optional[str] = None) -> Optional[str]:
    """The country the ad names most often (names in all 16 languages, and big cities)."""
    normalised = normalise(text)
    counts: dict[str, int] = {}
    for stem, country in _country_stems():
        hits = len(re.findall(rf"(?<!\w){re.escape(stem)}", normalised))
        if hits:
            counts[country] = counts.get(country, 0) + hits
    home = HOME_COUNTRY.get(ad_language or "")
    if home in counts and len(counts) > 1:
        del counts[home]
    return max(counts, key=counts.get) if counts else None


def sector_of(text: str, keywords: dict[str, Iterable[str]]) -> Optional[str]:
    normalised = normalise(text)
    scores = {sector: sum(normalised.count(normalise(word)) for word in words) for sector, words in keywords.items()}
    best = max(scores, key=scores.get) if scores else None
    return best if best and scores[best] > 0 else None
