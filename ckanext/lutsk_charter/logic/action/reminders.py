"""Reminders to responsible persons and the ICT department of datasets due soon and overdue."""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.lib import mailer
from ckan.types import Context, DataDict
from sqlalchemy import exc as sa_exc

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.logic.action._common import now, portal_zone, today
from ckanext.lutsk_charter.model import Reminder
from ckanext.lutsk_charter.model import responsible as register
from ckanext.lutsk_charter.monitoring import reminders
from ckanext.lutsk_charter.monitoring.states import dataset_states
from ckanext.lutsk_charter.plan.reminders import compose as plan_mails

log = logging.getLogger(__name__)


@tk.validate_action_data(schema.reminders_send)
def lutsk_charter_reminders_send(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Mail each responsible person their public datasets due soon and overdue,
    and the ICT department (``ckanext.lutsk_charter.ict_emails``) a summary by body.
    Also the action plan's reminders: to a measure's lead executor (its current
    responsible persons and admins) the reports due within a week and those late
    (kind ``plan_report``), to the ICT department the late reports and overdue
    measures (``plan_summary``).

    Sysadmins only; ``ckan lutsk-charter notify`` calls it from cron. A person's
    datasets are those whose ``maintainer_email`` is theirs and all datasets of the
    bodies where they currently create or publish open data. Each recipient gets at
    most one mail of each kind (``person``, ``summary``) a day (in the portal's time
    zone): every mail sent is recorded and committed at once, so a run that fails
    part way leaves the sent ones recorded and the next run sends only the rest.
    This action commits by itself, whatever ``defer_commit`` says.

    :param dry_run: compose the mails and return them without sending or recording
        anything (optional, default ``false``)
    :type dry_run: bool

    :returns: ``{"sent": n, "skipped": n, "failed": n, "failed_recipients": [...]}``
        (``skipped``: already mailed today); with ``dry_run`` also ``"messages"``,
        each ``{"recipient", "kind", "subject", "body", "package_ids"}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_reminders_send", context, data_dict)
    session = context["session"]
    day = today()
    mails = compose(context)
    already = {
        (recipient, kind)
        for recipient, kind in session.execute(
            sa.select(Reminder.recipient, Reminder.kind).where(Reminder.day == day)
        )
    }
    result: dict[str, Any] = {"sent": 0, "skipped": 0, "failed": 0, "failed_recipients": []}
    pending = []
    for mail in mails:
        if (mail.recipient, mail.kind) in already:
            result["skipped"] += 1
        else:
            pending.append(mail)
    if data_dict.get("dry_run"):
        result["messages"] = [m.as_dict() for m in pending]
        return result
    for mail in pending:
        outcome = _send_once(session, day, mail)
        result[outcome] += 1
        if outcome == "failed":
            result["failed_recipients"].append(mail.recipient)
    return result


def compose(context: Context) -> list[reminders.Mail]:
    """Today's reminders and summaries, composed from every dataset's state."""
    session = context["session"]
    day = today()
    late = reminders.late(dataset_states(session, now(), portal_zone()))
    org_ids = sorted({s.owner_org for s in late if s.owner_org})
    persons: dict[str, list[str]] = {}
    for assignment in session.scalars(register.current_assignments(org_ids, day)):
        persons.setdefault(assignment.organization_id, []).append(assignment.email)
    group = context["model"].group_table
    bodies = {
        r.id: r.title or r.name
        for r in session.execute(
            sa.select(group.c.id, group.c.name, group.c.title).where(group.c.id.in_(org_ids))
        )
    }
    site_url = tk.config["ckan.site_url"]
    return (
        reminders.person_mails(late, persons, site_url)
        + reminders.summary_mails(late, bodies, site_url, config.ict_emails(), day)
        + plan_mails(session, day, site_url)
    )


def _send_once(session: Any, day: Any, mail: reminders.Mail) -> str:
    """Record, send, commit: ``sent``, ``skipped`` (another run got there) or ``failed``.

    The row is written before the mail goes, so a second run at the same moment
    waits on the unique key and then skips instead of mailing twice; a failed
    mail rolls its row back.
    """
    session.add(
        Reminder(
            day=day,
            recipient=mail.recipient,
            kind=mail.kind,
            package_ids=list(mail.package_ids),
            sent_at=now(),
        )
    )
    try:
        session.flush()
    except sa_exc.IntegrityError:
        session.rollback()
        return "skipped"
    try:
        mailer.mail_recipient(mail.recipient, mail.recipient, mail.subject, mail.body)
    except mailer.MailerException:
        log.exception("Could not mail the reminder (%s) to %s", mail.kind, mail.recipient)
        session.rollback()
        return "failed"
    session.commit()
    return "sent"
