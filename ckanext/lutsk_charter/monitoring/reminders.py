"""The reminders' mails, composed from datasets' states (pure: no database, no CKAN).

Each responsible person gets one mail listing every public dataset they answer
for that is due soon or overdue: the dataset's ``maintainer_email`` and the
body's current creators and publishers. The ICT department gets one summary
with each body's counts and its overdue datasets. Texts come from the
extension's catalog through Python's gettext, Ukrainian first, English below,
as in ``notices.py``.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ckanext.lutsk_charter.messages import N_, english, translations
from ckanext.lutsk_charter.monitoring.states import DatasetState

LATE_STATES = ("due_soon", "overdue")

_PERSON_SUBJECT = N_("Open data to update: {overdue} overdue, {due_soon} due soon")
_PERSON_INTRO = N_(
    "Datasets you are responsible for on the open data portal need their data updated."
)
_OVERDUE_HEADING = N_("Overdue:")
_DUE_SOON_HEADING = N_("Due soon:")
_DUE_TODAY = N_("due today ({due})")
_PERSON_OUTRO = N_(
    "Update the data of each dataset (upload a new file or change the resource's link) "
    "by the due date. This reminder is sent once a day while a dataset is late."
)
_SUMMARY_SUBJECT = N_("Open data monitoring: {overdue} overdue, {due_soon} due soon")
_SUMMARY_INTRO = N_("Public datasets due soon and overdue, by body, on {day}.")
_SUMMARY_BODY = N_("{body}: due soon {due_soon}, overdue {overdue}")
_NO_BODY = N_("(no body)")


@dataclass(frozen=True, slots=True)
class Mail:
    """One mail to send: ``kind`` is ``person`` or ``summary``."""

    recipient: str
    kind: str
    subject: str
    body: str
    package_ids: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient,
            "kind": self.kind,
            "subject": self.subject,
            "body": self.body,
            "package_ids": list(self.package_ids),
        }


def late(states: Iterable[DatasetState]) -> list[DatasetState]:
    """The public datasets due soon or overdue, most overdue first."""
    found = [s for s in states if s.public and s.state in LATE_STATES]
    return sorted(found, key=lambda s: (s.days_left if s.days_left is not None else 0, s.name))


def recipients(state: DatasetState, persons: Mapping[str, Iterable[str]]) -> list[str]:
    """Who answers for a dataset: its maintainer and its body's current persons."""
    found = [state.maintainer_email, *persons.get(state.owner_org or "", ())]
    seen: dict[str, None] = {}
    for address in found:
        address = (address or "").strip().lower()
        if address:
            seen.setdefault(address, None)
    return list(seen)


def person_mails(
    states: Iterable[DatasetState], persons: Mapping[str, Iterable[str]], site_url: str
) -> list[Mail]:
    """One mail per recipient listing their late datasets; recipients in address order.

    ``persons`` maps a body's id to the e-mails of its current creators and publishers.
    """
    by_recipient: dict[str, list[DatasetState]] = {}
    for state in late(states):
        for address in recipients(state, persons):
            by_recipient.setdefault(address, []).append(state)
    mails = []
    for address in sorted(by_recipient):
        datasets = by_recipient[address]
        counts = _counts(datasets)
        mails.append(
            Mail(
                recipient=address,
                kind="person",
                subject=_bilingual(_subject, _PERSON_SUBJECT, counts),
                body=_both(_person_body, datasets, site_url),
                package_ids=tuple(s.id for s in datasets),
            )
        )
    return mails


def summary_mails(
    states: Iterable[DatasetState],
    bodies: Mapping[str, str],
    site_url: str,
    addresses: Iterable[str],
    day: dt.date,
) -> list[Mail]:
    """The ICT department's summary, one mail per address; none when nothing is late.

    ``bodies`` maps a body's id to its title.
    """
    datasets = late(states)
    if not datasets:
        return []
    counts = _counts(datasets)
    subject = _bilingual(_subject, _SUMMARY_SUBJECT, counts)
    body = _both(_summary_body, datasets, bodies, site_url, day)
    ids = tuple(s.id for s in datasets)
    unique = dict.fromkeys(a.strip().lower() for a in addresses if a.strip())
    return [Mail(a, "summary", subject, body, ids) for a in unique]


# --- the texts -------------------------------------------------------------------------


def _counts(datasets: list[DatasetState]) -> dict[str, int]:
    return {
        "overdue": sum(s.state == "overdue" for s in datasets),
        "due_soon": sum(s.state == "due_soon" for s in datasets),
    }


def _link(site_url: str, state: DatasetState) -> str:
    return f"{site_url.rstrip('/')}/dataset/{state.name}"


def when(t: gettext.NullTranslations, state: DatasetState) -> str:
    """ "overdue by 3 days (due 2026-01-01)" / "due in 2 days (2026-01-03)", translated."""
    due = state.due.isoformat() if state.due else "—"
    days = state.days_left or 0
    if state.state == "overdue":
        return t.ngettext(
            "overdue by {days} day (due {due})", "overdue by {days} days (due {due})", -days
        ).format(days=-days, due=due)
    if days == 0:
        return t.gettext(_DUE_TODAY).format(due=due)
    return t.ngettext("due in {days} day ({due})", "due in {days} days ({due})", days).format(
        days=days, due=due
    )


def _item(t: gettext.NullTranslations, state: DatasetState, site_url: str) -> list[str]:
    return [f"- {state.title}: {when(t, state)}", f"  {_link(site_url, state)}"]


def _person_body(t: gettext.NullTranslations, datasets: list[DatasetState], site_url: str) -> str:
    lines = [t.gettext(_PERSON_INTRO)]
    for state_name, heading in (("overdue", _OVERDUE_HEADING), ("due_soon", _DUE_SOON_HEADING)):
        group = [s for s in datasets if s.state == state_name]
        if group:
            lines += ["", t.gettext(heading)]
            for state in group:
                lines += _item(t, state, site_url)
    lines += ["", t.gettext(_PERSON_OUTRO)]
    return "\n".join(lines)


def _summary_body(
    t: gettext.NullTranslations,
    datasets: list[DatasetState],
    bodies: Mapping[str, str],
    site_url: str,
    day: dt.date,
) -> str:
    by_body: dict[str, list[DatasetState]] = {}
    for state in datasets:
        by_body.setdefault(state.owner_org or "", []).append(state)

    def title(org_id: str) -> str:
        return bodies.get(org_id) or t.gettext(_NO_BODY)

    lines = [t.gettext(_SUMMARY_INTRO).format(day=day.isoformat())]
    for org_id in sorted(by_body, key=lambda o: title(o).lower()):
        group = by_body[org_id]
        lines += ["", t.gettext(_SUMMARY_BODY).format(body=title(org_id), **_counts(group))]
        for state in group:
            if state.state == "overdue":
                lines += [f"  {line}" for line in _item(t, state, site_url)]
    return "\n".join(lines)


def _languages() -> tuple[gettext.NullTranslations, gettext.NullTranslations]:
    return translations("uk"), english()


def _subject(t: gettext.NullTranslations, message: str, counts: dict[str, int]) -> str:
    return t.gettext(message).format(**counts)


def _bilingual(text: Callable[..., str], *args: Any) -> str:
    """A subject: Ukrainian / English."""
    uk, en = _languages()
    return f"{text(uk, *args)} / {text(en, *args)}"


def _both(text: Callable[..., str], *args: Any) -> str:
    """A body: Ukrainian, then English below."""
    uk, en = _languages()
    return "\n".join([text(uk, *args), "", "-" * 60, "English", "", text(en, *args)])
