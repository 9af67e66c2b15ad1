"""A plan's progress on a day: per measure, per principle and overall.

Six queries whatever the number of measures: the plan, its measures, the bodies
they name, the latest version of each report, the stored indicator values and
their trends (``model.plan``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ckanext.lutsk_charter.model.plan import DB, Measure, MeasureReport, Plan
from ckanext.lutsk_charter.model.plan_queries import (
    indicator_trends,
    indicator_values_on,
    latest_reports,
    measures_of,
)
from ckanext.lutsk_charter.plan import codes
from ckanext.lutsk_charter.plan.service import bodies_of, measure_dict, plan_dict

TREND_DAYS = 90


def _pair(measure: Measure) -> tuple[str, str]:
    return (measure.indicator_code or "", measure.indicator_organization_id or "")


def report_periods(
    plan: Plan, measure: Measure, reports: list[MeasureReport], day: dt.date
) -> list[dict[str, Any]]:
    """The periods the measure owes a report for that have begun by ``day``, with the
    state of the latest version: ``accepted``, ``submitted``, ``returned``, ``missing``
    (due and not sent) or ``open`` (not due yet)."""
    by_period = {r.period: r for r in reports}
    found = []
    for period in codes.reported_periods(
        plan.reporting_period, plan.period_start, plan.period_end, measure.deadline_date,
        measure.status,
    ):  # fmt: skip
        bounds = codes.period_bounds(period)
        assert bounds is not None
        if bounds[0] > day:
            break
        due = codes.report_due(period, plan.report_due_day)
        report = by_period.get(period)
        state = report.state if report is not None else "missing" if due < day else "open"
        found.append(
            {
                "period": period,
                "due": due.isoformat(),
                "state": state,
                "version": report.version if report else None,
                "percent": report.percent if report else None,
                "report_id": report.id if report else None,
            }
        )
    return found


def _accepted_percent(reports: list[MeasureReport]) -> int | None:
    for report in reports:  # newest period first
        if report.state == "accepted":
            return report.percent
    return None


def progress(session: DB, plan: Plan, day: dt.date) -> dict[str, Any]:
    """The shape of ``lutsk_charter_plan_progress`` (see its docstring)."""
    measures = measures_of(session, plan.id)
    bodies = bodies_of(session, measures)
    reports = latest_reports(session, [m.id for m in measures])
    pairs = [_pair(m) for m in measures if m.indicator_code]
    values = indicator_values_on(session, pairs, day)
    trends = indicator_trends(session, pairs, day - dt.timedelta(days=TREND_DAYS), day)
    rows = []
    for measure in measures:
        own_reports = reports.get(measure.id, [])
        indicator = None
        stored = None
        if measure.indicator_code:
            stored = values.get(_pair(measure))
            value = stored.value if stored else None
            indicator = {
                "code": measure.indicator_code,
                "organization_id": measure.indicator_organization_id,
                "value": value,
                "numerator": stored.numerator if stored else None,
                "denominator": stored.denominator if stored else None,
                "day": stored.day.isoformat() if stored else None,
                "target": measure.indicator_target,
                "target_date": (
                    measure.indicator_target_date.isoformat()
                    if measure.indicator_target_date
                    else None
                ),
                "progress": (
                    codes.measure_progress("in_progress", None, value, measure.indicator_target)
                    if value is not None
                    else None
                ),
                "trend": [
                    {"day": d.isoformat(), "value": v} for d, v in trends.get(_pair(measure), [])
                ],
            }
        percent = _accepted_percent(own_reports)
        rows.append(
            {
                **measure_dict(measure, bodies, day),
                "progress": codes.measure_progress(
                    measure.status,
                    percent,
                    stored.value if stored else None,
                    measure.indicator_target,
                ),
                "reported_percent": percent,
                "indicator": indicator,
                "reports": report_periods(plan, measure, own_reports, day),
            }
        )
    return {
        "plan": plan_dict(plan),
        "date": day.isoformat(),
        "totals": _summary(rows),
        "principles": [
            {"code": code, **_summary([r for r in rows if code in r["principles"]])}
            for code in codes.PRINCIPLE_CODES
        ],
        "measures": rows,
    }


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_status = dict.fromkeys(codes.MEASURE_STATUSES, 0)
    for row in rows:
        by_status[row["status"]] += 1
    counted = [r for r in rows if r["status"] != "cancelled"]
    return {
        "measures": len(rows),
        "by_status": by_status,
        "overdue": sum(1 for r in rows if r["overdue"]),
        "done_share": round(100 * by_status["done"] / len(counted)) if counted else None,
        "progress": round(sum(r["progress"] for r in counted) / len(counted)) if counted else None,
    }
