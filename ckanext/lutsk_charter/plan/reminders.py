"""Reminders of the action plan's reports, sent by the daily ``notify``.

A measure's lead executor (its current responsible persons and its admins)
gets one mail a day listing the reports due within a week and those late; the
ICT department one summary of the late reports and the overdue measures.
Kinds ``plan_report`` and ``plan_summary`` of the reminder log, so each
recipient gets each kind at most once a day. Ukrainian first, English below.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ckanext.lutsk_charter.messages import N_, english, translations
from ckanext.lutsk_charter.monitoring.reminders import Mail

#: How many days before its due date a report is announced.
DUE_SOON_DAYS = 7

_REPORT_SUBJECT = N_("Action plan reports: {late} late, {due_soon} due soon")
_REPORT_INTRO = N_("Reports on measures of the Open Data Charter action plan that your body leads:")
_LATE_HEADING = N_("Late:")
_DUE_SOON_HEADING = N_("Due soon:")
_REPORT_LINE = N_("measure {number} “{title}”, period {period}, due {due}")
_RETURNED = N_("returned for changes")
_REPORT_OUTRO = N_("Submit the reports on the body's page of the portal: {url}")
_SUMMARY_SUBJECT = N_("Action plan control: {late} late reports, {overdue} overdue measures")
_SUMMARY_INTRO = N_("The Open Data Charter action plan on {day}.")
_LATE_REPORTS = N_("Late reports:")
_OVERDUE_MEASURES = N_("Overdue measures:")
_MEASURE_LINE = N_("measure {number} “{title}” ({body}), deadline {deadline}")
_NO_BODY = N_("(no executor)")


@dataclass(frozen=True, slots=True)
class Due:
    """A report a measure owes: ``late`` (due passed) or not yet (due within a week)."""

    measure_id: str
    number: str
    title: str
    organization_id: str | None
    period: str
    due: dt.date
    late: bool
    returned: bool


def owed(progress: Mapping[str, Any], day: dt.date) -> list[Due]:
    """The reports of a plan's progress (``plan.progress.progress``) to remind of on ``day``."""
    found = []
    for measure in progress["measures"]:
        for report in measure["reports"]:
            due = dt.date.fromisoformat(report["due"])
            returned = report["state"] == "returned"
            unsent = report["state"] in ("missing", "open") or returned
            if not unsent:
                continue
            late = due < day
            if not late and (due - day).days > DUE_SOON_DAYS:
                continue
            found.append(
                Due(
                    measure["id"],
                    measure["number"],
                    measure["title_uk"],
                    (measure["lead_organization"] or {}).get("id"),
                    report["period"],
                    due,
                    late,
                    returned,
                )
            )
    return found


def executor_mails(
    dues: Iterable[Due], recipients: Mapping[str, Iterable[str]], site_url: str
) -> list[Mail]:
    """One mail per address of each body with reports due; ``recipients`` maps a body to them."""
    by_address: dict[str, list[Due]] = {}
    for due in dues:
        for address in recipients.get(due.organization_id or "", []):
            by_address.setdefault(address.strip().lower(), []).append(due)
    mails = []
    for address, items in sorted(by_address.items()):
        counts = _counts(items)
        mails.append(
            Mail(
                address,
                "plan_report",
                _bilingual(lambda t, c=counts: t.gettext(_REPORT_SUBJECT).format(**c)),
                _both(lambda t, i=items: _report_body(t, i, site_url)),
                tuple(dict.fromkeys(d.measure_id for d in items)),
            )
        )
    return mails


def summary_mails(
    dues: Iterable[Due],
    overdue: list[Mapping[str, Any]],
    addresses: Iterable[str],
    day: dt.date,
) -> list[Mail]:
    """The ICT department's summary; none when nothing is late or overdue."""
    late = [d for d in dues if d.late]
    if not late and not overdue:
        return []
    counts = {"late": len(late), "overdue": len(overdue)}
    subject = _bilingual(lambda t: t.gettext(_SUMMARY_SUBJECT).format(**counts))
    body = _both(lambda t: _summary_body(t, late, overdue, day))
    ids = tuple(dict.fromkeys([*(d.measure_id for d in late), *(m["id"] for m in overdue)]))
    unique = dict.fromkeys(a.strip().lower() for a in addresses if a.strip())
    return [Mail(a, "plan_summary", subject, body, ids) for a in unique]


def _counts(items: list[Due]) -> dict[str, int]:
    late = sum(1 for d in items if d.late)
    return {"late": late, "due_soon": len(items) - late}


def _line(t: gettext.NullTranslations, due: Due) -> str:
    text = t.gettext(_REPORT_LINE).format(
        number=due.number, title=due.title, period=due.period, due=due.due.strftime("%d.%m.%Y")
    )
    return f"  - {text}" + (f" ({t.gettext(_RETURNED)})" if due.returned else "")


def _report_body(t: gettext.NullTranslations, items: list[Due], site_url: str) -> str:
    lines = [t.gettext(_REPORT_INTRO), ""]
    for heading, wanted in ((_LATE_HEADING, True), (_DUE_SOON_HEADING, False)):
        chosen = [d for d in items if d.late is wanted]
        if chosen:
            lines += [t.gettext(heading), *(_line(t, d) for d in chosen), ""]
    lines.append(t.gettext(_REPORT_OUTRO).format(url=f"{site_url}/charter"))
    return "\n".join(lines)


def _summary_body(
    t: gettext.NullTranslations, late: list[Due], overdue: list[Mapping[str, Any]], day: dt.date
) -> str:
    lines = [t.gettext(_SUMMARY_INTRO).format(day=day.strftime("%d.%m.%Y")), ""]
    if late:
        lines += [t.gettext(_LATE_REPORTS), *(_line(t, d) for d in late), ""]
    if overdue:
        lines.append(t.gettext(_OVERDUE_MEASURES))
        for m in overdue:
            body = (m["lead_organization"] or {}).get("title") or t.gettext(_NO_BODY)
            deadline = m["deadline"]["value"] or m["deadline"]["date"] or ""
            lines.append(
                "  - "
                + t.gettext(_MEASURE_LINE).format(
                    number=m["number"], title=m["title_uk"], body=body, deadline=deadline
                )
            )
    return "\n".join(lines)


def _languages() -> tuple[gettext.NullTranslations, gettext.NullTranslations]:
    return translations("uk"), english()


def _bilingual(text: Any) -> str:
    uk, en = _languages()
    return f"{text(uk)} / {text(en)}"


def _both(text: Any) -> str:
    uk, en = _languages()
    return "\n".join([text(uk), "", "-" * 60, "English", "", text(en)])


def compose(session: Any, day: dt.date, site_url: str) -> list[Mail]:
    """Today's reminders of every approved plan's reports."""
    from ckanext.lutsk_charter import config
    from ckanext.lutsk_charter.model import plan_queries
    from ckanext.lutsk_charter.model import responsible as register
    from ckanext.lutsk_charter.model.queries import admin_emails
    from ckanext.lutsk_charter.plan.progress import progress

    dues: list[Due] = []
    overdue: list[Mapping[str, Any]] = []
    for plan in plan_queries.plans(session, "approved", with_drafts=False):
        figures = progress(session, plan, day)
        dues += owed(figures, day)
        overdue += [m for m in figures["measures"] if m["overdue"]]
    org_ids = sorted({d.organization_id for d in dues if d.organization_id})
    recipients: dict[str, list[str]] = {}
    for assignment in register.current_assignees(session, org_ids, day):
        recipients.setdefault(assignment.organization_id, []).append(assignment.email)
    admins = admin_emails(session, org_ids)
    for organization_id, email in admins:
        recipients.setdefault(organization_id, []).append(email)
    return executor_mails(dues, recipients, site_url) + summary_mails(
        dues, overdue, config.ict_emails(), day
    )
