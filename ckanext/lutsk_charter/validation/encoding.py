"""Which encoding a text file is in: by its BOM, by UTF-8 validity, else by what the text reads as.

A single-byte file decodes without error in almost any single-byte encoding, so
the bytes alone cannot tell windows-1251 from KOI8-U or windows-1252 from
ISO-8859-2. What can tell them apart is the decoded text: a wrong decoding
gives words of mixed case (``лУЦЬК``), symbols inside words (``Å±cz``), control
characters, letters from languages that never meet in one word (``tøída``),
or an unlikely letter mix. ``guess`` scores every candidate's text on these,
and the margin between the best two is the confidence reported to the publisher.

charset-normalizer was measured on the same short texts (see the README): it
takes Polish ISO-8859-2 for windows-1252 and windows-1252 quotes for
windows-1251, so this module does not rely on it.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from dataclasses import dataclass

#: Candidates for a file that is not UTF-8, as (frictionless/Python name, codec).
#: Order breaks ties: windows-1252 before ISO-8859-1 (identical but for 0x80–0x9F).
CANDIDATES = (
    ("windows-1251", "cp1251"),
    ("koi8-u", "koi8_u"),
    ("windows-1252", "cp1252"),
    ("iso-8859-1", "latin_1"),
    ("iso-8859-2", "iso8859_2"),
    ("iso-8859-7", "iso8859_7"),
)

#: What Lutsk publishers use most: a file that reads equally well either way is Cyrillic.
PRIOR = {"windows-1251": math.log(10), "koi8-u": math.log(3)}

BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)


# Letter frequencies (per cent) of the languages whose script the candidates carry.
def _frequencies(pairs: str) -> dict[str, float]:
    """``"о9.4 а7.2"`` -> ``{"о": 9.4, "а": 7.2}``."""
    return {pair[0]: float(pair[1:]) for pair in pairs.split()}


_UK = _frequencies(
    "о9.4 а7.2 н6.5 и6.1 і5.9 в5.4 т5.2 е4.9 р4.6 с4.2 к3.9 л3.6 у3.4 д3.3 м3.0 п2.9 з2.3 я2.2 "
    "ь1.7 г1.6 б1.6 ч1.3 х1.2 ц1.0 ї0.8 й0.9 ж0.9 ю0.7 є0.6 ш0.8 ф0.3 щ0.6 ґ0.05"
)
_RU = _frequencies(
    "о10.9 е8.5 а8.0 и7.4 н6.7 т6.3 с5.5 р4.7 в4.5 л4.4 к3.5 м3.2 д3.0 п2.8 у2.6 я2.0 ы1.9 "
    "ь1.7 г1.7 з1.6 б1.6 ч1.4 й1.2 х1.0 ж0.9 ш0.7 ю0.6 ц0.5 щ0.4 э0.3 ф0.3 ъ0.04 ё0.1"
)
_EL = _frequencies(
    "α12 ο9.8 ι8 ε8 τ8 σ5.5 ν6.6 η5 υ4.4 ρ4.4 π4 κ4 μ3.3 λ2.8 ω2 γ1.8 δ1.7 θ1.2 χ1.1 φ0.8 "
    "β0.6 ξ0.4 ζ0.4 ψ0.1 ς2.3 ά1.5 έ1.2 ή1 ί1.5 ό1.5 ύ0.6 ώ0.6 ϊ0.1 ΐ0.05 ϋ0.05 ΰ0.02"
)
#: The non-ASCII letters of Latin-script languages (lower case), each taken as 1.5 % of letters.
_LATIN = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "nl": "éëïóöü",
    "da": "æøåé",
    "sv": "åäöé",
    "is": "áðéíóúýþæö",
    "ca": "àçéèíïòóúü",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "hr": "čćđšž",
    "sl": "čšž",
}
LANGUAGES: dict[str, dict[str, float]] = {"uk": _UK, "ru": _RU, "el": _EL}
LANGUAGES.update({k: dict.fromkeys(v, 1.5) for k, v in _LATIN.items()})

_VOWELS = set("аеиіоуяюєїыэёαεηιουωάέήίόύώ")
#: Non-letters that are normal in data, even next to letters (apostrophes, dashes, quotes...).
_USUAL = set("’ʼ‘“”„«»–—…№°€§·\u00a0•©®™")
_EPSILON = math.log(1e-4)


@dataclass(frozen=True)
class Guess:
    encoding: str
    #: 0–100: how sure the guess is (the best candidate's share of the likelihood).
    confidence: int
    #: the runner-up (an encoding that reads differently), or ``None``
    alternative: str | None


def by_bom(head: bytes) -> str | None:
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes (the high half of ASCII) and text once decoded."""
    sample = head[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 16 or sample.count(0) < 0.1 * len(sample):
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        plausible = sum(1 for c in text if c in "\t\r\n" or (c.isprintable() and ord(c) < 0x0600))
        if plausible >= 0.95 * len(text):
            return codec
    return None


def score(text: str) -> float:
    """Log-likelihood-like plausibility of ``text`` as real writing (higher is better)."""
    letters: list[str] = []
    penalty = 0.0
    n = len(text)
    for i, char in enumerate(text):
        if ord(char) < 128:
            continue
        if char.isalpha():
            letters.append(char.lower())
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            penalty += math.log(1e-7)
        elif char in _USUAL:
            penalty += math.log(0.05)
        else:
            inside = 0 < i < n - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
            penalty += math.log(1e-6) if inside else math.log(1e-3)
    if not letters and not penalty:
        return 0.0
    # Words: their case pattern, vowels, and whether one language holds all their letters.
    for word in _words(text):
        if not (word.islower() or word.isupper() or word.istitle() or _acronym_tail(word)):
            penalty += math.log(1e-3)
        lower = word.lower()
        if len(lower) >= 4 and _is_cyrillic_or_greek(lower) and not _VOWELS.intersection(lower):
            penalty += math.log(1e-2)
        if _scripts(word) > 1:
            penalty += math.log(1e-4)
        elif _script(word[0]) == "latin":
            # Latin words have an accented letter here and there, not runs of them.
            runs = sum(
                1 for a, b in itertools.pairwise(word) if not a.isascii() and not b.isascii()
            )
            penalty += runs * math.log(0.05)
    best = max(
        sum(math.log(table[c] / 100) if c in table else _EPSILON for c in letters)
        for table in LANGUAGES.values()
    )
    return best + penalty


def guess(sample: bytes) -> Guess:
    """The likeliest single-byte encoding of ``sample`` (which is not valid UTF-8)."""
    scored: dict[str, tuple[float, str]] = {}
    for name, codec in CANDIDATES:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(text == seen for _s, seen in scored.values()):
            continue  # reads the same as an earlier candidate
        scored[name] = (score(text) + PRIOR.get(name, 0.0), text)
    if not scored:
        return Guess("windows-1251", 0, None)
    ranked = sorted(scored, key=lambda k: -scored[k][0])
    top = scored[ranked[0]][0]
    total = sum(math.exp(max(scored[k][0] - top, -50)) for k in ranked)
    return Guess(ranked[0], int(100 / total), ranked[1] if len(ranked) > 1 else None)


def _words(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for char in text:
        if char.isalpha():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return [w for w in words if not w.isascii()]


def _acronym_tail(word: str) -> bool:
    """``ЛуАЗ``, ``МсДональдс``: a capital, small letters, then capitals — still plausible."""
    return word[0].isupper() and any(c.isupper() for c in word[1:]) and word[1].islower()


def _script(char: str) -> str:
    code = ord(char)
    if 0x0400 <= code <= 0x04FF:
        return "cyrillic"
    if 0x0370 <= code <= 0x03FF:
        return "greek"
    return "latin"


def _scripts(word: str) -> int:
    return len({_script(c) for c in word})


def _is_cyrillic_or_greek(word: str) -> bool:
    return all(_script(c) != "latin" for c in word)
