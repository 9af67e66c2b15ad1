"""The reminders service: compose today's mails from every dataset's state, send each once."""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib import mailer
from sqlalchemy.exc import IntegrityError

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.clock import now, portal_zone, today
from ckanext.lutsk_charter.model import Reminder
from ckanext.lutsk_charter.model import responsible as register
from ckanext.lutsk_charter.model.queries import org_summaries
from ckanext.lutsk_charter.monitoring import reminders
from ckanext.lutsk_charter.monitoring.states import dataset_states
from ckanext.lutsk_charter.plan.reminders import compose as plan_mails

log = logging.getLogger(__name__)


def compose(session: Any) -> list[reminders.Mail]:
    """Today's reminders and summaries, composed from every dataset's state."""
    day = today()
    late = reminders.late(dataset_states(session, now(), portal_zone()))
    org_ids = sorted({s.owner_org for s in late if s.owner_org})
    persons = register.current_emails(session, org_ids, day)
    bodies = {i: body["title"] for i, body in org_summaries(org_ids).items()}
    site_url = tk.config["ckan.site_url"]
    return (
        reminders.person_mails(late, persons, site_url)
        + reminders.summary_mails(late, bodies, site_url, config.ict_emails(), day)
        + plan_mails(session, day, site_url)
    )


def send_once(session: Any, day: Any, mail: reminders.Mail) -> str:
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
    except IntegrityError:
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
