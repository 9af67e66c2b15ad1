"""The SQL form of the timeliness rules agrees with ``timeliness.assess`` (real Postgres)."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from ckan import model

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.model import monitoring_rules as rules_sql

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

KYIV = ZoneInfo("Europe/Kyiv")
FREQUENCIES = [*timeliness.PERIODS, timeliness.INACTIVE, "", "hourly"]
UTC = dt.timezone.utc
CHANGES = [
    dt.datetime(2026, 1, 31, 10, tzinfo=UTC),
    dt.datetime(2028, 1, 31, 10, tzinfo=UTC),  # a leap year's February
    dt.datetime(2024, 2, 29, 10, tzinfo=UTC),
    dt.datetime(2026, 10, 31, 23, 30, tzinfo=UTC),  # already 1 November in Kyiv
    dt.datetime(2026, 11, 4, 10, tzinfo=UTC),
    dt.datetime(2026, 11, 20, 21, 59, tzinfo=UTC),
    dt.datetime(2026, 3, 28, 22, 30, tzinfo=UTC),  # the night summer time starts
]
TODAYS = [dt.date(2026, 11, 27), dt.date(2026, 12, 1), dt.date(2026, 2, 28), dt.date(2028, 2, 29)]


def test_sql_rules_agree_with_python_at_every_boundary():
    cases = list(itertools.product(FREQUENCIES, CHANGES, TODAYS))
    values = sa.values(
        sa.column("n", sa.Integer),
        sa.column("frequency", sa.UnicodeText),
        sa.column("changed", sa.DateTime(timezone=True)),
        sa.column("today", sa.Date),
        name="cases",
    ).data([(n, f, c, t) for n, (f, c, t) in enumerate(cases)])
    due = rules_sql.due_day(values.c.frequency, values.c.changed, "Europe/Kyiv")
    query = sa.select(
        values.c.n, due.label("due"), rules_sql.state(values.c.frequency, due, values.c.today)
    )
    rows = {n: (due, state) for n, due, state in model.Session.execute(query)}
    assert len(rows) == len(cases)
    for n, (frequency, changed, today) in enumerate(cases):
        now = dt.datetime.combine(today, dt.time(12), KYIV)
        expected = timeliness.assess(frequency, changed, now, KYIV)
        assert rows[n] == (expected.due, expected.state), (frequency, changed, today)
