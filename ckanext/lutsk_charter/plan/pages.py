"""What the plan's pages show, as plain dicts for the templates (pure: no DB, no toolkit).

The views fetch through the actions and hand the results here with the page's
language and CKAN's ``_``; the templates only print what comes back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .present import (
    PRINCIPLES,
    STATUS_BADGES,
    STATUSES,
    Gettext,
    executors,
    format_date,
    localized,
    measure_deadline,
    number_text,
    status_of,
)

#: The texts of a measure that have a Ukrainian and an English field.
MEASURE_TEXTS = (
    "title",
    "description",
    "expected_result",
    "indicator_text",
    "cancel_reason",
    "section",
)


def texts(record: Mapping[str, Any], fields: Iterable[str], language: str) -> dict[str, Any]:
    """``{field: {"text", "missing"}}`` in ``language`` (``missing``: shown in Ukrainian)."""
    found = {}
    for name in fields:
        value, missing = localized(record, name, language)
        found[name] = {"text": value, "missing": missing}
    return found


def sparkline(trend: Sequence[Mapping[str, Any]], width: int = 96, height: int = 24) -> str:
    """The ``points`` of an SVG polyline for ``[{day, value}]`` (empty under two values)."""
    values = [float(p["value"]) for p in trend if p.get("value") is not None]
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = width / (len(values) - 1)
    return " ".join(
        f"{round(i * step, 1)},{round(height - 2 - (v - low) / span * (height - 4), 1)}"
        for i, v in enumerate(values)
    )


def measure_view(measure: Mapping[str, Any], language: str, gettext: Gettext) -> dict[str, Any]:
    """A measure for a page: texts in the language, status and deadline in words."""
    status = status_of(measure)
    indicator = measure.get("indicator") or None
    view = {
        "id": measure.get("id"),
        "number": measure.get("number") or "",
        "texts": texts(measure, MEASURE_TEXTS, language),
        "status": status,
        "status_label": gettext(STATUSES.get(status, status)),
        "badge": STATUS_BADGES.get(status, "secondary"),
        "principles": [
            {"code": p, "label": gettext(PRINCIPLES[p])}
            for p in measure.get("principles") or ()
            if p in PRINCIPLES
        ],
        "lead": measure.get("lead_organization"),
        "co_executors": list(measure.get("co_executors") or ()),
        "executors": executors(measure, gettext),
        "deadline": measure_deadline(measure, gettext),
        "deadline_date": (measure.get("deadline") or {}).get("date"),
        "progress": measure.get("progress"),
        "indicator": None,
        "reports": list(measure.get("reports") or ()),
    }
    if indicator:
        value, target = indicator.get("value"), indicator.get("target")
        view["indicator"] = {
            **indicator,
            "value_text": number_text(value) if value is not None else "",
            "target_text": number_text(target) if target is not None else "",
            "day_text": format_date(indicator.get("day")),
            "points": sparkline(indicator.get("trend") or ()),
            "trend": [
                {**p, "day_text": format_date(p.get("day"))} for p in indicator.get("trend") or ()
            ],
        }
    return view


def body_choices(measures: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The bodies named by the measures (lead or co-executor), by title, for a filter."""
    found: dict[str, dict[str, str]] = {}
    for measure in measures:
        for body in [measure.get("lead_organization"), *(measure.get("co_executors") or ())]:
            if body:
                found[body["id"]] = body
    return sorted(found.values(), key=lambda b: (b.get("title") or b.get("name") or "").casefold())


def names_body(measure: Mapping[str, Any], body: str) -> bool:
    """Whether ``body`` (an id or a name) leads or co-executes the measure."""
    bodies = [measure.get("lead_organization"), *(measure.get("co_executors") or ())]
    return any(b and body in (b.get("id"), b.get("name")) for b in bodies)


def filter_measures(
    measures: Iterable[Mapping[str, Any]], principle: str = "", body: str = "", status: str = ""
) -> list[Mapping[str, Any]]:
    """The measures of one principle, one body and one status (shown status: overdue too)."""
    return [
        m
        for m in measures
        if (not principle or principle in (m.get("principles") or ()))
        and (not body or names_body(m, body))
        and (not status or status_of(m) == status)
    ]


def principle_rows(progress: Mapping[str, Any], gettext: Gettext) -> list[dict[str, Any]]:
    """Per principle of ``lutsk_charter_plan_progress``: its name, counts and share done."""
    rows = []
    for summary in progress.get("principles") or ():
        code = summary["code"]
        by_status = summary.get("by_status") or {}
        counted = summary.get("measures", 0) - by_status.get("cancelled", 0)
        rows.append(
            {
                "code": code,
                "label": gettext(PRINCIPLES.get(code) or str(code)),
                "measures": summary.get("measures", 0),
                "counted": counted,
                "done": by_status.get("done", 0),
                "in_progress": by_status.get("in_progress", 0),
                "planned": by_status.get("planned", 0),
                "cancelled": by_status.get("cancelled", 0),
                "overdue": summary.get("overdue", 0),
                "done_share": summary.get("done_share"),
                "progress": summary.get("progress"),
            }
        )
    return rows


def sort_rows(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Rows of the control page sorted by ``number``, ``deadline``, ``executor`` or ``status``
    (a leading ``-``: descending); unknown keys leave the order as it is."""
    key = sort.lstrip("-")
    keys = {
        "number": lambda r: _number_key(r["number"]),
        "deadline": lambda r: r.get("deadline_date") or "9999",
        "executor": lambda r: ((r.get("lead") or {}).get("title") or "\uffff").casefold(),
        "status": lambda r: list(STATUSES).index(r["status"]) if r["status"] in STATUSES else 9,
    }
    if key not in keys:
        return rows
    return sorted(rows, key=keys[key], reverse=sort.startswith("-"))


def _number_key(number: str) -> tuple[Any, ...]:
    return tuple(
        (0, int(p)) if p.isdigit() else (1, p) for p in str(number).replace("-", ".").split(".")
    )


def control_row(
    view: dict[str, Any], measure: Mapping[str, Any], gettext: Gettext
) -> dict[str, Any]:
    """A measure on the ICT control page: its view plus what needs the department's attention.

    ``problems``: ``overdue``, ``no_executor``, and per owed period ``missing``,
    ``returned`` or ``submitted`` (waiting for review); ``periods`` lists each
    owed period with its state in words.
    """
    from .present import REPORT_STATES, period_text

    problems: list[str] = []
    if view["status"] == "overdue":
        problems.append("overdue")
    if not measure.get("lead_organization"):
        problems.append("no_executor")
    periods = []
    for report in measure.get("reports") or ():
        state = report.get("state") or "open"
        if state in ("missing", "returned", "submitted") and state not in problems:
            problems.append(state)
        periods.append(
            {
                **report,
                "period_text": period_text(report.get("period") or "", gettext),
                "state_label": gettext(REPORT_STATES.get(state, state)),
            }
        )
    return {**view, "problems": problems, "periods": periods}


def problem_counts(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """How many measures have each problem (``control_row``'s ``problems``)."""
    counts: dict[str, int] = dict.fromkeys(
        ("overdue", "missing", "returned", "submitted", "no_executor"), 0
    )
    for row in rows:
        for problem in row["problems"]:
            counts[problem] = counts.get(problem, 0) + 1
    return counts
