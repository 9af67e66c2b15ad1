"""Pure checks of Ukrainian identifiers: no CKAN, no database.

Kept apart from ``logic/validators.py`` so the rules can be unit-tested and
reused by the CLI, the demo data and later by the quality checks.
"""

from __future__ import annotations

import re

_EDRPOU_RE = re.compile(r"^\d{8}$")
_PHONE_CHARS_RE = re.compile(r"^[\d\s()+\-.]+$")


def edrpou_check_digit(first_seven: str) -> int:
    """Return the check digit of a ЄДРПОУ code from its first seven digits.

    The State Statistics Service algorithm: weights 1..7, or 7,1..6 for codes
    between 30000000 and 60000000; when the sum mod 11 is 10 the weights are
    raised by 2 and the sum taken again; a second 10 gives 0.
    """
    digits = [int(c) for c in first_seven]
    code = int(first_seven) * 10
    weights = [7, 1, 2, 3, 4, 5, 6] if 30000000 <= code < 60000000 else [1, 2, 3, 4, 5, 6, 7]
    remainder = sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    if remainder == 10:
        remainder = sum(d * (w + 2) for d, w in zip(digits, weights, strict=False)) % 11
    return 0 if remainder == 10 else remainder


def is_valid_edrpou(value: str) -> bool:
    """True for an eight-digit ЄДРПОУ code whose last digit is its check digit."""
    if not _EDRPOU_RE.match(value):
        return False
    return edrpou_check_digit(value[:7]) == int(value[7])


def normalize_ua_phone(value: str) -> str | None:
    """Return a Ukrainian phone number as ``+380XXXXXXXXX``, or None if it is not one.

    Accepts what people type: ``+380 (332) 77-70-00``, ``0332 777000``,
    ``380332777000``.
    """
    if not _PHONE_CHARS_RE.match(value):
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) == 10 and digits.startswith("0"):
        digits = "38" + digits
    if len(digits) == 12 and digits.startswith("380"):
        return "+" + digits
    return None
