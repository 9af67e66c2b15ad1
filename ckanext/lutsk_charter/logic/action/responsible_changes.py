"""Actions of the change feed of the register of responsible persons: list, acknowledge, resend."""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.clock import now, today
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model import ResponsibleAssignment, ResponsibleChange
from ckanext.lutsk_charter.model import responsible as register
from ckanext.lutsk_charter.model.queries import org_summaries, user_id
from ckanext.lutsk_charter.responsible import service

log = logging.getLogger(__name__)
_ = tk._


@tk.side_effect_free
@tk.validate_action_data(schema.responsible_change_list)
def lutsk_charter_responsible_change_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The feed of changes of responsible persons across all bodies (sysadmins only).

    :param acknowledged: only changes the ICT department has (``true``) or has not
        (``false``) acknowledged (optional, default all)
    :type acknowledged: bool
    :param organization_id: only this body (optional)
    :type organization_id: string
    :param kind: only changes of this kind: ``assigned``, ``ended`` or ``corrected``
        (optional)
    :type kind: string
    :param limit: at most this many (optional, default 50)
    :type limit: int
    :param offset: skip this many (optional, default 0)
    :type offset: int

    :returns: ``{"count": n, "results": [...]}``, newest first; each result carries
        its ``assignment`` and the body's ``organization`` (id, name, title)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_responsible_change_list", context, data_dict)
    session = model.Session
    count, rows = register.change_page(
        session,
        acknowledged=bool(data_dict["acknowledged"]) if "acknowledged" in data_dict else None,
        organization_id=data_dict.get("organization_id"),
        kind=data_dict.get("kind"),
        limit=data_dict.get("limit", 50),
        offset=data_dict.get("offset", 0),
    )
    assignments = register.assignments_by_id(session, {r.assignment_id for r in rows})
    groups = org_summaries({r.organization_id for r in rows})
    day = today()
    results = []
    for row in rows:
        item = row.dictize()
        item["assignment"] = assignments[row.assignment_id].dictize(True, day)
        item["organization"] = groups.get(row.organization_id)
        results.append(item)
    return {"count": count, "results": results}


@tk.validate_action_data(schema.id_only)
def lutsk_charter_responsible_change_acknowledge(
    context: Context, data_dict: DataDict
) -> dict[str, Any]:
    """Mark a change of responsible persons as seen by the ICT department (sysadmins only).

    Acknowledging twice keeps the first acknowledgement.

    :param id: the id of the change
    :type id: string

    :returns: the change
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_responsible_change_acknowledge", context, data_dict)
    session = model.Session
    change = _locked_change(data_dict["id"])
    if change.acknowledged_at is None:
        change.acknowledged_at = now()
        change.acknowledged_by = user_id(context.get("user"))
        if not context.get("defer_commit"):
            session.commit()
    return change.dictize()


@tk.validate_action_data(schema.responsible_change_acknowledge_many)
def lutsk_charter_responsible_change_acknowledge_many(
    context: Context, data_dict: DataDict
) -> dict[str, Any]:
    """Acknowledge many changes of responsible persons at once (sysadmins only).

    With ``id``, those changes (all must exist, else nothing is acknowledged);
    without it, every change not yet acknowledged that matches the filters
    (``organization_id``, ``kind``), however many. Changes already acknowledged
    keep their first acknowledgement.

    :param id: the id of a change, or a list of them (at most 1000; optional)
    :type id: string or list of strings
    :param organization_id: without ``id``: only this body's changes (optional)
    :type organization_id: string
    :param kind: without ``id``: only changes of this kind (optional)
    :type kind: string

    :returns: ``{"count": n}``, how many changes this call acknowledged
    :rtype: dictionary
    :raises: ``ObjectNotFound`` when an ``id`` names no change
    """
    tk.check_access("lutsk_charter_responsible_change_acknowledge_many", context, data_dict)
    session = model.Session
    ids: set[str] | None = None
    if data_dict.get("id"):
        ids = set(data_dict["id"])
        if register.existing_changes(session, ids) != ids:
            raise tk.ObjectNotFound(_("There is no such change."))
    count = register.acknowledge_changes(
        session,
        ids=ids,
        organization_id=data_dict.get("organization_id"),
        kind=data_dict.get("kind"),
        at=now(),
        by=user_id(context.get("user")),
    )
    if not context.get("defer_commit"):
        session.commit()
    return {"count": count}


@tk.validate_action_data(schema.id_only)
def lutsk_charter_responsible_change_resend(
    context: Context, data_dict: DataDict
) -> dict[str, Any]:
    """Queue the e-mail notice of a change again, e.g. after the mail server failed
    (sysadmins only).

    :param id: the id of the change
    :type id: string

    :returns: the change, with ``notice_state`` ``queued`` (or ``not_queued`` when the
        queue is down, ``none`` when nobody is to be notified)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_responsible_change_resend", context, data_dict)
    session = model.Session
    change = _locked_change(data_dict["id"])
    assignment = session.get(ResponsibleAssignment, change.assignment_id)
    actor = model.User.get(change.changed_by or "")
    if assignment is None:
        raise tk.ObjectNotFound(_("There is no such assignment."))
    reason = assignment.end_reason if change.kind == "ended" else None
    service.queue_notice(context, change, assignment, reason, actor.display_name if actor else "")
    return change.dictize()


@tk.validate_action_data(schema.change_notice_result)
def lutsk_charter_responsible_change_notice_result(
    context: Context, data_dict: DataDict
) -> dict[str, Any]:
    """Record what became of a change's e-mail notice (the mail job calls it; sysadmins).

    :param id: the id of the change
    :type id: string
    :param state: ``sent`` or ``failed``
    :type state: string
    :param error: why it failed (optional)
    :type error: string

    :returns: the change
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_responsible_change_notice_result", context, data_dict)
    session = model.Session
    change = _locked_change(data_dict["id"])
    change.notice_state = data_dict["state"]
    change.notice_error = data_dict.get("error") if data_dict["state"] == "failed" else None
    change.notice_at = now()
    if not context.get("defer_commit"):
        session.commit()
    return change.dictize()


def _locked_change(change_id: str) -> ResponsibleChange:
    """The change, locked for this transaction; ``ObjectNotFound`` if there is none."""
    change = model.Session.get(ResponsibleChange, change_id, with_for_update=True)
    if change is None:
        raise tk.ObjectNotFound(_("There is no such change."))
    return change
