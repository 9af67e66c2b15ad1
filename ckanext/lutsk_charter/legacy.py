"""Values of the old portal, and what they mean now (pure: no CKAN, no database).

The portal that data.lutskrada.gov.ua replaced wrote ``uk`` or ``ukr`` for the
language (data.gov.ua's code is ``ua``), spelled frequencies in many ways
(``Once a year``, ``щороку``, ``annually``) and left formats in lower case. A save
normalises these known aliases instead of refusing them; ``ckan lutsk-charter
legacy check|fix`` finds the stored datasets that still carry them.
"""

from __future__ import annotations

import re

#: language alias (lower case) → data.gov.ua code
LANGUAGE_ALIASES: dict[str, str] = {
    **dict.fromkeys(("uk", "ukr", "uk-ua", "uk_ua", "ukrainian", "українська", "укр"), "ua"),
    **dict.fromkeys(("eng", "en-gb", "en-us", "en_gb", "en_us", "english", "англійська"), "en"),
    **dict.fromkeys(("rus", "ru-ru", "ru_ru", "russian", "російська"), "ru"),
    **dict.fromkeys(("pol", "pl-pl", "polish", "польська"), "pl"),
    **dict.fromkeys(("ron", "rum", "ro-ro", "romanian", "румунська"), "ro"),
    **dict.fromkeys(("hun", "hu-hu", "hungarian", "угорська"), "hu"),
    **dict.fromkeys(("bul", "bg-bg", "bulgarian", "болгарська"), "bg"),
}
LANGUAGES = ("ua", "en", "ru", "pl", "ro", "hu", "bg")

FREQUENCIES = (
    "more than once a day",
    "once a day",
    "once a week",
    "once a month",
    "once a quarter",
    "once a half year",
    "once a year",
    "immediately after making changes",
    "no longer updated",
)
#: frequency alias (as ``_key`` makes it) → the data.gov.ua value
FREQUENCY_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "more than once per day",
            "several times a day",
            "hourly",
            "real time",
            "realtime",
            "continuous",
            "більш як один раз на день",
            "більше одного разу на день",
            "кілька разів на день",
        ),
        "more than once a day",
    ),
    **dict.fromkeys(("daily", "once per day", "every day", "щодня", "щоденно"), "once a day"),
    **dict.fromkeys(
        ("weekly", "once per week", "every week", "щотижня", "щотижнево"), "once a week"
    ),
    **dict.fromkeys(
        ("monthly", "once per month", "every month", "щомісяця", "щомісячно"), "once a month"
    ),
    **dict.fromkeys(
        ("quarterly", "once per quarter", "every quarter", "щокварталу", "щоквартально"),
        "once a quarter",
    ),
    **dict.fromkeys(
        (
            "once a half-year",
            "once per half year",
            "half yearly",
            "half-yearly",
            "semiannually",
            "semi-annually",
            "twice a year",
            "кожного півріччя",
            "щопівроку",
            "раз на півроку",
            "раз на пів року",
        ),
        "once a half year",
    ),
    **dict.fromkeys(
        ("yearly", "annually", "annual", "once per year", "every year", "щороку", "щорічно"),
        "once a year",
    ),
    **dict.fromkeys(
        (
            "immediately after changes",
            "immediately after making a change",
            "upon change",
            "on change",
            "as changed",
            "відразу після внесення змін",
            "одразу після внесення змін",
            "після внесення змін",
        ),
        "immediately after making changes",
    ),
    **dict.fromkeys(
        (
            "not updated",
            "no longer updated",
            "discontinued",
            "never",
            "більше не оновлюється",
            "не оновлюється",
        ),
        "no longer updated",
    ),
}


def _key(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().strip(".").lower().replace("’", "'"))


def language(value: str) -> str:
    """The data.gov.ua code for a known alias (any case), else ``value`` unchanged."""
    key = _key(value)
    if key in LANGUAGES:
        return key
    return LANGUAGE_ALIASES.get(key, value)


def frequency(value: str) -> str:
    """The data.gov.ua frequency for a known spelling (any case), else ``value`` unchanged."""
    key = _key(value)
    if key in FREQUENCIES:
        return key
    return FREQUENCY_ALIASES.get(key, value)


def resource_format(value: str, known: dict[str, str]) -> str:
    """A format as CKAN names it: ``csv``, ``.CSV``, ``text/csv`` → ``CSV``.

    ``known`` maps lower-case names, extensions and media types to CKAN's
    canonical name (``h.resource_formats()``); an unknown plain token (``shp``) is
    upper-cased, anything else left alone.
    """
    stripped = value.strip()
    key = stripped.lower().lstrip(".")
    if key in known:
        return known[key]
    if re.fullmatch(r"[a-z0-9]{1,10}", key):
        return key.upper()
    return stripped
