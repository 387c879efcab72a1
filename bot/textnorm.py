"""How text is compared (pure): short answers ("Tak!" and "tak" are the same answer), and
phrases folded to lower case without diacritics for pattern matching."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

_EDGE_PUNCTUATION = re.compile(r"^[\s\.,;:!?¿¡\"'«»„“”‚‘’()\[\]…-]+|[\s\.,;:!?¿¡\"'«»„“”‚‘’()\[\]…-]+$")
_SPACES = re.compile(r"\s+")


def normalise(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _EDGE_PUNCTUATION.sub("", text)
    return _SPACES.sub(" ", text).strip()


_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ـ": ""})
_LATIN = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i", "ё": "е", "ʼ": "'", "’": "'"})
_BLANKS = re.compile(r"[ \t\u00a0\u202f\u2009]+")


def fold(text: str) -> str:
    """Lower case, no diacritics or Arabic marks, letter variants unified: people type "toten"
    for "töten" and "pasaport" for "pașaport", so patterns are written and matched folded."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LATIN)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).translate(_ARABIC)
    return _BLANKS.sub(" ", text)


_ESCAPE = re.compile(r"(\\.)")


def fold_pattern(pattern: str) -> str:
    """A regular expression folded like the text it is matched against, its escapes kept:
    casefolding would turn \\W (not a word character) into \\w (a word character)."""
    return "".join(part if _ESCAPE.fullmatch(part) else fold(part) for part in _ESCAPE.split(pattern))
