"""The register of responsible persons, as a service: end, lock, record and announce changes.

The actions in ``logic/action/responsible.py`` check access and validate, then call these.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import cast

import ckan.authz as authz
import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context

from ckanext.lutsk_charter import config, jobs
from ckanext.lutsk_charter.clock import now, portal_zone, today
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model import ResponsibleAssignment, ResponsibleChange
from ckanext.lutsk_charter.model.packages import active_dataset_count
from ckanext.lutsk_charter.model.queries import admin_emails as body_admin_emails
from ckanext.lutsk_charter.model.queries import get_group, site_context, user_id

log = logging.getLogger(__name__)
_ = tk._


def is_member(context: Context, organization_id: str) -> bool:
    user = context.get("user")
    return bool(user) and (
        authz.is_sysadmin(user)
        or authz.users_role_for_group_or_org(organization_id, user) is not None
    )


def locked_assignment(context: Context, assignment_id: str) -> ResponsibleAssignment:
    """The assignment, locked for this transaction so parallel ends cannot both win."""
    assignment = model.Session.get(
        ResponsibleAssignment, assignment_id, with_for_update=True, populate_existing=True
    )
    if assignment is None:
        raise tk.ObjectNotFound(_("There is no such assignment."))
    if assignment.ended_at is not None or assignment.superseded_by is not None:
        raise tk.ValidationError({"id": [_("This assignment has already ended.")]})
    return assignment


def end(
    context: Context,
    assignment: ResponsibleAssignment,
    valid_to: dt.date | None,
    reason: str | None,
) -> None:
    assignment.valid_to = valid_to if valid_to is not None else assignment.valid_to
    assignment.ended_at = now()
    assignment.ended_by = user_id(context.get("user"))
    assignment.end_reason = reason


def record_change(
    context: Context, assignment: ResponsibleAssignment, kind: str, reason: str | None
) -> str | None:
    """Feed entry and activity in the caller's transaction; the e-mail after the commit.

    Returns what became of the e-mail notice (``queued``, ``not_queued``, ``none``),
    or None when the caller commits (``defer_commit``).
    """
    session = model.Session
    change = ResponsibleChange(
        organization_id=assignment.organization_id,
        assignment_id=assignment.id,
        kind=kind,
        changed_by=user_id(context.get("user")),
        changed_at=now(),
    )
    session.add(change)
    group = get_group(assignment.organization_id)
    group_info = {"id": group.id, "name": group.name, "title": group.title}
    actor = model.User.get(context.get("user") or "")
    if p.plugin_loaded("activity") and actor is not None:
        tk.get_action("activity_create")(
            cast(
                Context,
                {
                    **context,
                    "ignore_auth": True,
                    "defer_commit": True,
                    "schema": schema.responsible_activity(),
                },
            ),
            {
                "user_id": actor.id,
                "object_id": group.id,
                "activity_type": schema.RESPONSIBLE_ACTIVITY_TYPE,
                # Names and roles only: the stream is public, contacts are not.
                "data": {
                    "group": group_info,
                    "kind": kind,
                    "role": assignment.role,
                    "full_name": assignment.full_name,
                },
            },
        )
    if context.get("defer_commit"):
        return None
    session.commit()
    recheck_body(context, group.id)
    actor_name = actor.display_name if actor else (context.get("user") or "")
    return queue_notice(context, change, assignment, reason, actor_name)


def queue_notice(
    context: Context,
    change: ResponsibleChange,
    assignment: ResponsibleAssignment,
    reason: str | None,
    actor_name: str,
) -> str:
    """Queue the e-mail of a change and record in the feed that it is queued (or why not)."""
    session = model.Session
    group = get_group(change.organization_id)
    notice = {
        "kind": change.kind,
        "body": group.title,
        "edrpou": (getattr(group, "extras", None) or {}).get("edrpou"),
        "person": assignment.dictize(with_contacts=True, today=today()),
        "reason": reason,
        "actor": actor_name,
        "time": change.changed_at.astimezone(portal_zone()).strftime("%Y-%m-%d %H:%M"),
        "url": tk.config["ckan.site_url"].rstrip("/") + f"/organization/responsible/{group.name}",
    }
    recipients = sorted(set(config.ict_emails()) | admin_emails(context, group.id))
    state, error = "none", None
    if recipients:
        try:
            tk.enqueue_job(
                jobs.send_responsible_change_notice,
                [notice, recipients, change.id],
                title=f"lutsk_charter notice: {change.kind} {group.name}",
                queue=jobs.QUEUE,
            )
            state = "queued"
        except Exception as e:  # Redis down: the change stands, the feed says so.
            log.exception("Could not queue the notice of a responsible-person change")
            state, error = "not_queued", type(e).__name__
    change.notice_state, change.notice_error, change.notice_at = state, error, now()
    session.commit()
    return state


def recheck_body(context: Context, organization_id: str) -> None:
    """Check the body's datasets again: who is responsible is one of the checks.

    In the request for a small body, in the background above
    ``quality.recheck_in_background_above`` datasets.
    """
    count = active_dataset_count(organization_id)
    if not count:
        return
    tk.get_action("lutsk_charter_quality_recheck")(
        site_context(ignore_auth=True),
        {
            "organization_id": organization_id,
            "background": count > config.quality_recheck_in_background_above(),
        },
    )


def admin_emails(context: Context, organization_id: str) -> set[str]:
    return {email for _id, email in body_admin_emails(model.Session, [organization_id])}
