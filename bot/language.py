"""Which language a person writes in, and when the conversation should follow them.

`detect_language` is the contract of CONTRACTS.md. It reads the script and the letters first
(an Arabic, Ukrainian or Vietnamese letter settles a lot on its own), then asks a statistical
detector restricted to our sixteen languages. Seeded langdetect is always there; lingua, when
installed, is used for the statistical step because it is far better on one-line chat messages
(`make eval` prints both on data/eval/language).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.languages import CLOSE_GROUPS, DEFAULT, SUPPORTED, close_relatives, normalise_tag
from bot.nlu_data import examples

# Letters that only some of our languages use. A hit narrows the candidates; it never adds one.
_MARKERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("ąę", frozenset({"pl", "lt"})),
    ("ćłńśźż", frozenset({"pl"})),
    ("ėįų", frozenset({"lt"})),
    ("āēīķļņģ", frozenset({"lv"})),
    ("ūčšž", frozenset({"lv", "lt", "et", "fi"})),
    ("ăâîșțşţ", frozenset({"ro", "vi"})),
    ("õ", frozenset({"et", "vi"})),
    ("ß", frozenset({"de"})),
    ("æø", frozenset({"nb", "da"})),
    ("å", frozenset({"nb", "da", "sv", "fi"})),
    ("äö", frozenset({"sv", "fi", "et", "de"})),
    ("ü", frozenset({"de", "et"})),
    ("іїєґ", frozenset({"uk"})),
    ("ыэё", frozenset({"ru"})),
)
_VIETNAMESE = set("ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
_LATIN_LANGS = frozenset(SUPPORTED) - {"ar", "ru", "uk", "bg"}
_CYRILLIC_LANGS = frozenset({"ru", "uk", "bg"})

_NOISE = re.compile(r"(https?://\S+|www\.\S+|\S+@\S+|[@#]\w+|\d+)", re.IGNORECASE)

# A text whose letters say less than this is not evidence of anything ("ok", "😊", "112").
MIN_LETTERS = 2
# With a hint, the text must be this clear to override it. Calibrated on data/eval/language
# with every wrong hint (`make eval`): fewer false switches matter more than a few late ones.
CLEAR_CONFIDENCE = 0.80
CLEAR_MIN_LETTERS = 6
# Without a hint, a best guess needs at least this much; below it the contract's default (en).
USABLE_CONFIDENCE = 0.30
USABLE_MIN_LETTERS = 3
# Words every language borrows: they say nothing about which language a person writes.
INTERNATIONAL = frozenset({"ok", "okay", "okey", "sos", "stop", "lol", "taxi", "hotel", "wifi", "bot", "chat"})


@dataclass(frozen=True)
class Evidence:
    code: str
    confidence: float  # 0..1 among the candidates
    letters: int
    decisive: bool = False  # settled by the script or a letter only that language uses

    @property
    def usable(self) -> bool:
        """Enough to go on when there is no hint at all."""
        return self.decisive or (self.letters >= USABLE_MIN_LETTERS and self.confidence >= USABLE_CONFIDENCE)

    @property
    def clear(self) -> bool:
        if self.decisive:
            return True
        return self.confidence >= CLEAR_CONFIDENCE and self.letters >= CLEAR_MIN_LETTERS


def detect_language(text: str, hint: str | None = None) -> str:
    """One of the sixteen codes for `text`, using the channel's `hint` when the text is unclear."""
    hinted = normalise_tag(hint)
    evidence = identify(text)
    if evidence is None:
        return hinted or DEFAULT
    if hinted is None:
        return evidence.code if evidence.usable else DEFAULT
    if evidence.code == hinted or evidence.clear:
        return evidence.code
    return hinted


def identify(text: object) -> Evidence | None:
    """The most likely language of `text` and how sure that is, or None when nothing tells."""
    if not isinstance(text, str):
        return None
    cleaned = _NOISE.sub(" ", unicodedata.normalize("NFC", text[:2000])).lower()
    cleaned = " ".join(w for w in cleaned.split() if w.strip(".,!?") not in INTERNATIONAL)
    letters = [ch for ch in cleaned if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    scripts = _script_counts(letters)
    script = max(scripts, key=scripts.get)
    if scripts[script] == 0:
        return None
    if script == "arabic":
        return Evidence("ar", 1.0, len(letters), decisive=True)
    if script == "cyrillic":
        candidates = _CYRILLIC_LANGS
    elif script == "latin":
        if _VIETNAMESE.intersection(letters):
            return Evidence("vi", 1.0, len(letters), decisive=True)
        candidates = _LATIN_LANGS
    else:
        return None
    candidates = _narrow_by_letters(candidates, set(letters))
    if len(candidates) == 1:
        (only,) = candidates
        return Evidence(only, 1.0, len(letters), decisive=True)
    code, confidence = _statistical(cleaned, candidates)
    relatives = close_relatives(code) & candidates
    if relatives:
        code, confidence = _settle_close(cleaned, code, confidence, relatives | {code})
    return Evidence(code, confidence, len(letters))


def _script_counts(letters: list[str]) -> dict[str, int]:
    counts = {"latin": 0, "cyrillic": 0, "arabic": 0, "other": 0}
    for ch in letters:
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            counts["latin"] += 1
        elif name.startswith("CYRILLIC"):
            counts["cyrillic"] += 1
        elif name.startswith("ARABIC"):
            counts["arabic"] += 1
        else:
            counts["other"] += 1
    return counts


def _narrow_by_letters(candidates: frozenset[str], letters: set[str]) -> frozenset[str]:
    for marker_letters, languages in _MARKERS:
        if letters.intersection(marker_letters):
            narrowed = candidates & languages
            if narrowed:
                candidates = narrowed
    return candidates


def _settle_close(text: str, code: str, confidence: float, group: frozenset[str]) -> tuple[str, float]:
    """Between close languages, words only one of them uses (hvad/hva/vad) decide."""
    votes = {language: 0 for language in group}
    distinctive = distinctive_words()
    for word in _WORD.findall(text):
        owner = distinctive.get(word)
        if owner in votes:
            votes[owner] += 1
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    if ranked[0][1] > 0 and ranked[1][1] == 0:
        winner = ranked[0][0]
        return winner, max(confidence, 0.9) if winner == code else 0.9
    return code, confidence


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def distinctive_words() -> dict[str, str]:
    """Words that, within a group of close languages, only one language's training data uses.

    Learned from data/nlu (at least twice in one language, never in its close relatives), so
    the list grows with the data instead of being kept by hand.
    """
    counts: dict[str, dict[str, int]] = {}
    for group in CLOSE_GROUPS:
        for code in group:
            for example in examples(code):
                for word in set(_WORD.findall(example.text.lower())):
                    if not word.isdigit():
                        counts.setdefault(word, {}).setdefault(code, 0)
                        counts[word][code] += 1
    owners: dict[str, str] = {}
    for word, per_language in counts.items():
        if len(per_language) == 1:
            (code, count), = per_language.items()
            if count >= 2:
                owners[word] = code
    return owners


def _statistical(text: str, candidates: frozenset[str]) -> tuple[str, float]:
    scores = _lingua_scores(text, candidates)
    if scores is None:
        scores = langdetect_scores(text, candidates)
    if not scores:
        return sorted(candidates)[0], 0.0
    code = max(scores, key=scores.get)
    return code, scores[code]


# --- statistical back ends ---------------------------------------------------------------------

_LINGUA_NAMES = {
    "en": "ENGLISH", "nb": "BOKMAL", "sv": "SWEDISH", "da": "DANISH", "fi": "FINNISH",
    "et": "ESTONIAN", "lv": "LATVIAN", "lt": "LITHUANIAN", "pl": "POLISH", "de": "GERMAN",
    "ru": "RUSSIAN", "uk": "UKRAINIAN", "ro": "ROMANIAN", "bg": "BULGARIAN",
    "vi": "VIETNAMESE", "ar": "ARABIC",
}


@lru_cache(maxsize=1)
def _lingua_detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # lingua is optional: langdetect alone still meets the contract
        return None
    languages = [getattr(Language, _LINGUA_NAMES[code]) for code in SUPPORTED]
    # Preloaded: loading a language's models on first use takes seconds of CPU, and the gateway
    # would make a person wait for it. High-accuracy mode: about 460 MB, measured by `make eval`.
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def warm_up() -> None:
    """Load the detectors before the first person writes (the gateway calls this at start)."""
    _lingua_detector()
    distinctive_words()


def _lingua_scores(text: str, candidates: frozenset[str]) -> dict[str, float] | None:
    detector = _lingua_detector()
    if detector is None:
        return None
    by_name = {name: code for code, name in _LINGUA_NAMES.items()}
    raw = {
        by_name[value.language.name]: value.value
        for value in detector.compute_language_confidence_values(text)
        if value.language.name in by_name
    }
    return _renormalise(raw, candidates)


_LANGDETECT_CODES = {"no": "nb"}


@lru_cache(maxsize=1)
def _langdetect_factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0  # langdetect is random by default; the same text must give the same code
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def langdetect_scores(text: str, candidates: frozenset[str] = frozenset(SUPPORTED)) -> dict[str, float]:
    """Seeded langdetect's probabilities, restricted to `candidates` and summing to 1."""
    from langdetect.lang_detect_exception import LangDetectException

    factory = _langdetect_factory()
    try:
        detector = factory.create()
        detector.append(text)
        ranked = detector.get_probabilities()
    except LangDetectException:
        return {}
    raw: dict[str, float] = {}
    for item in ranked:
        code = _LANGDETECT_CODES.get(item.lang, item.lang)
        if code in SUPPORTED:
            raw[code] = raw.get(code, 0.0) + item.prob
    return _renormalise(raw, candidates)


def plain_langdetect(text: str) -> str:
    """The baseline `make eval` compares against: seeded langdetect, nothing else."""
    scores = langdetect_scores(text)
    return max(scores, key=scores.get) if scores else DEFAULT


def _renormalise(raw: dict[str, float], candidates: frozenset[str]) -> dict[str, float]:
    kept = {code: score for code, score in raw.items() if code in candidates and score > 0}
    total = sum(kept.values())
    return {code: score / total for code, score in kept.items()} if total else {}


# --- the conversation's language ---------------------------------------------------------------


@dataclass(frozen=True)
class LanguageState:
    code: str = DEFAULT
    chosen: bool = False  # the person picked it: it sticks


@dataclass(frozen=True)
class LanguageDecision:
    state: LanguageState
    switched: bool = False
    offer: tuple[str, ...] = ()  # ask the person: keep offer[0] or switch to offer[1]


def start(hint: str | None) -> LanguageState:
    return LanguageState(normalise_tag(hint) or DEFAULT)


def choose(code: str) -> LanguageState:
    normalised = normalise_tag(code)
    if normalised is None:
        raise ValueError("unsupported language")
    return LanguageState(normalised, chosen=True)


def follow(state: LanguageState, text: str) -> LanguageDecision:
    """What a new message from the person does to the conversation's language.

    Switches only on clear evidence; between close languages, and after the person chose a
    language, it offers the switch instead of making it.
    """
    evidence = identify(text)
    if evidence is None or evidence.code == state.code or not evidence.clear:
        return LanguageDecision(state)
    if state.chosen or evidence.code in close_relatives(state.code):
        return LanguageDecision(state, offer=(state.code, evidence.code))
    return LanguageDecision(LanguageState(evidence.code), switched=True)
