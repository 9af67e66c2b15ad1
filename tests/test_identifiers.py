"""The pure ЄДРПОУ and phone rules (no CKAN needed)."""

from __future__ import annotations

import pytest

from ckanext.lutsk_charter import identifiers


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("00032129", True),  # Oschadbank: weights 1..7
        ("14360570", True),  # PrivatBank: remainder 0
        ("14360571", False),  # same code, wrong check digit
        ("1436057", False),  # seven digits
        ("143605700", False),  # nine digits
        ("1436057O", False),  # a letter O for a zero
        ("", False),
    ],
)
def test_edrpou_validity(code, valid):
    assert identifiers.is_valid_edrpou(code) is valid


def test_edrpou_check_digit_uses_the_second_weights_between_30_and_60_million():
    # 3474547: weights 7,1,2,3,4,5,6 give 3*7+4+14+12+20+20+42 = 133, 133 % 11 = 1
    assert identifiers.edrpou_check_digit("3474547") == 1
    assert identifiers.is_valid_edrpou("34745471")


def test_edrpou_check_digit_falls_back_to_raised_weights_then_zero():
    # Find a prefix whose first sum is 10 mod 11 and check the rule by hand.
    prefix = next(
        f"{n:07d}"
        for n in range(1000000, 2000000)
        if sum(int(d) * w for d, w in zip(f"{n:07d}", range(1, 8), strict=False)) % 11 == 10
    )
    second = sum(int(d) * (w + 2) for d, w in zip(prefix, range(1, 8), strict=False)) % 11
    assert identifiers.edrpou_check_digit(prefix) == (0 if second == 10 else second)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+380 (332) 77-70-00", "+380332777000"),
        ("0332 777000", "+380332777000"),
        ("380332777000", "+380332777000"),
        ("+38 050 123 45 67", "+380501234567"),
        ("050.123.45.67", "+380501234567"),
        ("12345", None),
        ("+48 123 456 789", None),
        ("0332-77-70-00 ext", None),
        ("", None),
    ],
)
def test_phone_normalization(typed, stored):
    assert identifiers.normalize_ua_phone(typed) == stored
