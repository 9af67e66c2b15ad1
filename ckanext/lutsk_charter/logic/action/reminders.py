"""Reminders to responsible persons and the ICT department of datasets due soon and overdue."""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.clock import today
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model.reminders import mailed_on
from ckanext.lutsk_charter.monitoring import remind

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
    session = model.Session
    day = today()
    mails = remind.compose(session)
    already = mailed_on(session, day)
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
        outcome = remind.send_once(session, day, mail)
        result[outcome] += 1
        if outcome == "failed":
            result["failed_recipients"].append(mail.recipient)
    return result
