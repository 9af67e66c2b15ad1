"""Background jobs (queue ``lutsk_charter``)."""

from __future__ import annotations

import logging
from typing import Any

from ckan.lib import mailer

from ckanext.lutsk_charter import notices

log = logging.getLogger(__name__)

QUEUE = "lutsk_charter"


def send_responsible_change_notice(notice: dict[str, Any], recipients: list[str]) -> int:
    """Mail a change of responsible persons to each recipient; return how many were sent.

    One failed address does not stop the others; the failure is logged and the
    job ends failed so it shows in ``ckan jobs list``.
    """
    subject, body = notices.compose(notice)
    failed = []
    for address in recipients:
        try:
            mailer.mail_recipient(address, address, subject, body)
        except mailer.MailerException:
            log.exception("Could not mail the responsible-person notice to %s", address)
            failed.append(address)
    if failed:
        raise mailer.MailerException(f"not sent to {', '.join(failed)}")
    return len(recipients)


def validate_resource(resource_id: str) -> str:
    """Validate one resource's data (the job queued by ``lutsk_charter_validation_run``)."""
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    result = tk.get_action("lutsk_charter_validation_run")(
        {"user": site_user["name"], "ignore_auth": True},
        {"resource_id": resource_id, "sync": True},
    )
    return result["status"]
