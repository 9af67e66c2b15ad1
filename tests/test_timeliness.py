"""Timeliness by update frequency: every boundary, month ends, leap years, time zones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ckanext.lutsk_charter.demo import DATASETS
from ckanext.lutsk_charter.timeliness import PERIODS, assess

KYIV = ZoneInfo("Europe/Kyiv")
UTC = dt.timezone.utc


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=KYIV)


@pytest.mark.parametrize(
    ("frequency", "changed", "now", "state", "days_left"),
    [
        # once a month from 2025-03-10: due 2025-04-10
        ("once a month", "2025-03-10", "2025-04-02", "normal", 8),
        ("once a month", "2025-03-10", "2025-04-03", "due_soon", 7),  # exactly 7 days
        ("once a month", "2025-03-10", "2025-04-10", "due_soon", 0),  # due today
        ("once a month", "2025-03-10", "2025-04-11", "overdue", -1),
        ("once a day", "2025-03-10", "2025-03-10", "due_soon", 1),
        ("once a day", "2025-03-10", "2025-03-12", "overdue", -1),
        ("once a week", "2025-03-10", "2025-03-17", "due_soon", 0),
        ("once a week", "2025-03-10", "2025-03-18", "overdue", -1),
        ("once a quarter", "2025-01-15", "2025-04-07", "normal", 8),
        ("once a quarter", "2025-01-15", "2025-04-16", "overdue", -1),
        ("once a half year", "2025-01-15", "2025-07-08", "due_soon", 7),
        ("once a year", "2024-05-01", "2025-04-23", "normal", 8),
        ("once a year", "2024-05-01", "2025-05-01", "due_soon", 0),
        ("once a year", "2024-05-01", "2025-05-02", "overdue", -1),
        # month ends and leap years: calendar arithmetic, clamped to the month's last day
        ("once a month", "2025-01-31", "2025-02-28", "due_soon", 0),
        ("once a month", "2024-01-31", "2024-02-29", "due_soon", 0),
        ("once a month", "2024-01-31", "2024-03-01", "overdue", -1),
        ("once a quarter", "2024-11-30", "2025-02-28", "due_soon", 0),
        ("once a year", "2024-02-29", "2025-02-28", "due_soon", 0),
        ("once a year", "2024-02-29", "2025-03-01", "overdue", -1),
        ("once a half year", "2023-08-31", "2024-02-29", "due_soon", 0),
    ],
)
def test_boundaries(frequency, changed, now, state, days_left):
    result = assess(frequency, at(changed), at(now), KYIV)
    assert (result.state, result.days_left) == (state, days_left)


@pytest.mark.parametrize(
    ("frequency", "state"),
    [
        ("more than once a day", "normal"),
        ("immediately after making changes", "normal"),
        ("no longer updated", "inactive"),
        (None, "normal"),
        ("whenever", "normal"),
    ],
)
def test_frequencies_that_are_never_late(frequency, state):
    result = assess(frequency, at("2000-01-01"), at("2025-01-01"), KYIV)
    assert result.state == state
    assert result.due is None


def test_days_are_kyiv_days():
    # 2025-03-31 22:30 UTC is already 1 April in Kyiv (UTC+3 in summer time).
    changed = dt.datetime(2025, 3, 31, 22, 30, tzinfo=UTC)
    result = assess("once a month", changed, dt.datetime(2025, 5, 1, 9, tzinfo=KYIV), KYIV)
    assert result.due == dt.date(2025, 5, 1)
    assert result.state == "due_soon"
    # A naive time is CKAN's UTC.
    naive = assess("once a month", changed.replace(tzinfo=None), at("2025-05-02"), KYIV)
    assert naive.state == "overdue"


def test_every_frequency_of_the_schema_has_a_rule():
    assert set(PERIODS) | {"no longer updated"} == {d.frequency for d in DATASETS}


def test_the_demo_data_shows_the_states_it_claims():
    now = dt.datetime(2026, 11, 27, 12, tzinfo=KYIV)
    for dataset in DATASETS:
        if not dataset.resources:
            continue  # judged by metadata_modified at load time
        changed = now - dt.timedelta(days=dataset.age_days)
        assert assess(dataset.frequency, changed, now, KYIV).state == dataset.intended, dataset.name
