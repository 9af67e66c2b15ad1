"""Background jobs (queue ``lutsk_charter``)."""

from __future__ import annotations

import logging
from typing import Any

from ckan.lib import mailer

from ckanext.lutsk_charter import notices

log = logging.getLogger(__name__)

QUEUE = "lutsk_charter"


def send_responsible_change_notice(
    notice: dict[str, Any], recipients: list[str], change_id: str | None = None
) -> int:
    """Mail a change of responsible persons to each recipient; return how many were sent.

    One failed address does not stop the others; the failure is logged, written to
    the change feed (``change_id``) where a sysadmin can resend it, and the job ends
    failed so it shows in ``ckan jobs list``.
    """
    subject, body = notices.compose(notice)
    failed = []
    error = ""
    for address in recipients:
        try:
            mailer.mail_recipient(address, address, subject, body)
        except mailer.MailerException as e:
            log.exception("Could not mail the responsible-person notice to %s", address)
            failed.append(address)
            error = str(e)
    if change_id:
        _notice_result(change_id, failed, error)
    if failed:
        raise mailer.MailerException(f"not sent to {', '.join(failed)}")
    return len(recipients)


def _notice_result(change_id: str, failed: list[str], error: str) -> None:
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    data = {"id": change_id, "state": "failed" if failed else "sent"}
    if failed:
        data["error"] = f"{', '.join(failed)}: {error}"[:500]
    try:
        tk.get_action("lutsk_charter_responsible_change_notice_result")(
            {"user": site_user["name"], "ignore_auth": True}, data
        )
    except tk.ObjectNotFound:
        log.warning("The change %s of the notice is gone", change_id)


def validate_resource(resource_id: str) -> str:
    """Validate one resource's data (the job queued by ``lutsk_charter_validation_run``)."""
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    result = tk.get_action("lutsk_charter_validation_run")(
        {"user": site_user["name"], "ignore_auth": True},
        {"resource_id": resource_id, "sync": True},
    )
    return result["status"]


def check_quality(package_ids: list[str] | None, organization_id: str | None) -> dict[str, int]:
    """Run the quality checks (the job queued by ``lutsk_charter_quality_recheck``)."""
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    if package_ids:
        changed = 0
        for package_id in package_ids:
            result = tk.get_action("lutsk_charter_quality_recheck")(
                dict(context), {"id": package_id}
            )
            changed += len(result["changed"])
        return {"changed": changed}
    data = {"organization_id": organization_id} if organization_id else {}
    result = tk.get_action("lutsk_charter_quality_recheck")(context, data)
    return {"checked": result["checked"], "changed": len(result["changed"])}


def check_links(package_id: str) -> int:
    """Check a dataset's links, then its quality (queued after saves and by ``check --links``)."""
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    result = tk.get_action("lutsk_charter_link_check")(
        {"user": site_user["name"], "ignore_auth": True}, {"id": package_id, "sync": True}
    )
    return len(result["results"])
