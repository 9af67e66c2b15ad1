"""Code sets of the action plan (``Literal`` types with their labels) and period arithmetic.

Pure: no database, no toolkit (labels are catalog strings marked with ``N_``,
translated where they are shown).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

from ckanext.lutsk_charter.quality.checks import PRINCIPLES


def N_(text: str) -> str:
    return text


PlanState = Literal["draft", "approved", "closed"]
PLAN_STATES: dict[str, str] = {
    "draft": N_("draft"),
    "approved": N_("approved"),
    "closed": N_("closed"),
}
MeasureStatus = Literal["planned", "in_progress", "done", "cancelled"]
MEASURE_STATUSES: dict[str, str] = {
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "cancelled": N_("cancelled"),
}
#: Statuses of a measure still to be carried out (the ones that can be overdue).
OPEN_STATUSES = frozenset({"planned", "in_progress"})
DeadlineKind = Literal["date", "quarter", "half_year", "year", "ongoing"]
DEADLINE_KINDS: dict[str, str] = {
    "date": N_("by a date"),
    "quarter": N_("a quarter"),
    "half_year": N_("a half-year"),
    "year": N_("a year"),
    "ongoing": N_("ongoing"),
}
ReportingPeriod = Literal["quarter", "half_year", "year"]
REPORTING_PERIODS: dict[str, str] = {
    "quarter": N_("every quarter"),
    "half_year": N_("every half-year"),
    "year": N_("every year"),
}
ReportState = Literal["submitted", "accepted", "returned"]
REPORT_STATES: dict[str, str] = {
    "submitted": N_("submitted"),
    "accepted": N_("accepted"),
    "returned": N_("returned"),
}
FeedbackState = Literal["pending", "approved", "rejected"]
FEEDBACK_STATES: dict[str, str] = {
    "pending": N_("awaiting moderation"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
}
#: The six principles of the International Open Data Charter (codes of ``quality.checks``).
PRINCIPLE_CODES: tuple[str, ...] = tuple(PRINCIPLES)

assert set(get_args(PlanState)) == set(PLAN_STATES)
assert set(get_args(MeasureStatus)) == set(MEASURE_STATUSES)
assert set(get_args(DeadlineKind)) == set(DEADLINE_KINDS)
assert set(get_args(ReportingPeriod)) == set(REPORTING_PERIODS)
assert set(get_args(ReportState)) == set(REPORT_STATES)
assert set(get_args(FeedbackState)) == set(FEEDBACK_STATES)

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def period_bounds(period: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of ``2024-Q3``, ``2024-H1`` or ``2024``; None when not a period."""
    if m := _QUARTER.match(period):
        year, quarter = int(m[1]), int(m[2])
        return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if m := _HALF.match(period):
        year, half = int(m[1]), int(m[2])
        return dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
    if m := _YEAR.match(period):
        year = int(m[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


def period_kind(period: str) -> ReportingPeriod | None:
    """Which kind of period ``period`` is written as."""
    if _QUARTER.match(period):
        return "quarter"
    if _HALF.match(period):
        return "half_year"
    if _YEAR.match(period):
        return "year"
    return None


def deadline_date(kind: str, deadline: str) -> dt.date | None:
    """The last day of a deadline (None for ``ongoing``); ValueError when it does not parse."""
    if kind == "ongoing":
        return None
    if kind == "date":
        return dt.date.fromisoformat(deadline)
    bounds = period_bounds(deadline)
    if bounds is None or period_kind(deadline) != kind:
        raise ValueError(deadline)
    return bounds[1]


def periods_between(kind: str, start: dt.date, end: dt.date) -> list[str]:
    """The reporting periods of ``kind`` that overlap ``start``..``end``, in order."""
    found: list[str] = []
    for year in range(start.year, end.year + 1):
        if kind == "year":
            names = [f"{year}"]
        elif kind == "quarter":
            names = [f"{year}-Q{q}" for q in range(1, 5)]
        else:
            names = [f"{year}-H{h}" for h in (1, 2)]
        for name in names:
            bounds = period_bounds(name)
            assert bounds is not None
            if bounds[1] >= start and bounds[0] <= end:
                found.append(name)
    return found


def report_due(period: str, due_day: int) -> dt.date:
    """When the report of ``period`` is due: ``due_day`` of the month after the period ends."""
    bounds = period_bounds(period)
    assert bounds is not None
    after = bounds[1] + dt.timedelta(days=1)
    return after.replace(day=min(due_day, _month_end(after.year, after.month).day))


def period_of(kind: str, day: dt.date) -> str:
    """The reporting period of ``kind`` that contains ``day``."""
    if kind == "year":
        return f"{day.year}"
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def is_overdue(status: str, deadline_day: dt.date | None, on: dt.date) -> bool:
    """An open measure whose deadline has passed by ``on`` (an ongoing one never is)."""
    return status in OPEN_STATUSES and deadline_day is not None and deadline_day < on


def reported_periods(
    kind: str,
    plan_start: dt.date,
    plan_end: dt.date,
    measure_deadline: dt.date | None,
    status: str,
) -> list[str]:
    """The periods a measure owes a report for (cancelled: none).

    Every reporting period of the plan up to the one holding the measure's
    deadline (an ongoing measure: to the plan's end).
    """
    if status == "cancelled":
        return []
    end = min(measure_deadline, plan_end) if measure_deadline else plan_end
    end = max(end, plan_start)
    return periods_between(kind, plan_start, end)


def measure_progress(
    status: str, percent: int | None, indicator_value: float | None, target: float | None
) -> int:
    """A measure's progress in percent.

    Done is 100; cancelled is 0. A measure bound to a live indicator with a
    target follows the indicator (value over target, at most 100). Otherwise
    the percent of its latest accepted report.
    """
    if status == "done":
        return 100
    if status == "cancelled":
        return 0
    if indicator_value is not None and target:
        return max(0, min(100, round(100 * indicator_value / target)))
    return percent or 0
