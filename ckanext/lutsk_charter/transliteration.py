"""Ukrainian to Latin by the official transliteration (pure: no CKAN).

Cabinet of Ministers of Ukraine Resolution No. 55 of 27 January 2010 "On the
regulation of the transliteration of the Ukrainian alphabet in Latin". Є, Ї,
Й, Ю, Я are written ye, yi, y, yu, ya at the start of a word and ie, i, i, iu,
ia elsewhere; "зг" is zgh (to tell it from "ж" = zh); the soft sign and the
apostrophe are not written. The same table is in ``assets/js/slug.js`` for the
dataset form, so the URL a publisher sees while typing the title is the one the
server makes when the form is sent without one.
"""

from __future__ import annotations

import re

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia",
}  # fmt: skip
#: At the start of a word these letters are written differently.
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
#: Apostrophes as people type them: straight, typographic, the modifier letter, the backtick.
APOSTROPHES = "'’ʼ`‘"
NAME_MAX = 100
_NOT_IN_NAME = re.compile(r"[^a-z0-9_-]+")


def _is_letter(char: str) -> bool:
    return bool(char) and (char.isalpha() or char in APOSTROPHES)


def transliterate(text: str) -> str:
    """``text`` with its Ukrainian letters in Latin (other characters as they are)."""
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        if char in APOSTROPHES:
            latin = ""
        elif lower == "г" and previous.lower() == "з":
            latin = "gh"
        elif lower in _WORD_START and not _is_letter(previous):
            latin = _WORD_START[lower]
        elif lower in _LETTERS:
            latin = _LETTERS[lower]
        else:
            latin = char
        if char != lower and latin:  # keep the capital: Щ → Shch
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = char
    return "".join(out)


def slugify(text: str, max_length: int = NAME_MAX) -> str:
    """A CKAN name (lower-case Latin letters, digits, ``-`` and ``_``) from a Ukrainian title."""
    name = _NOT_IN_NAME.sub("-", transliterate(text).lower()).strip("-")
    name = re.sub("-{2,}", "-", name)
    return name[:max_length].rstrip("-")
