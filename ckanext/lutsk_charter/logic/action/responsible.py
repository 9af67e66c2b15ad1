"""Actions of the register of persons responsible for each body's open data."""

from __future__ import annotations

import logging
from typing import Any, cast

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import ActionResult, Context, DataDict

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.clock import now, today
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model import ResponsibleAssignment
from ckanext.lutsk_charter.model import responsible as register
from ckanext.lutsk_charter.model.queries import user_id
from ckanext.lutsk_charter.responsible import register_csv, service

log = logging.getLogger(__name__)
_ = tk._


# --- the register of responsible persons -----------------------------------------------


@tk.validate_action_data(schema.responsible_assign)
def lutsk_charter_responsible_assign(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Record a person responsible for creating or publishing a body's open data.

    The body's admins and sysadmins may call it. The change is recorded in the
    change feed and on the body's activity stream in the same transaction, and
    the ICT department and the body's admins are told by e-mail.

    :param organization_id: the id or name of the body
    :type organization_id: string
    :param role: ``creator`` or ``publisher``
    :type role: string
    :param full_name: the person's full name
    :type full_name: string
    :param email: the person's e-mail address
    :type email: string
    :param phone: a Ukrainian phone number (optional), stored as ``+380XXXXXXXXX``
    :type phone: string
    :param position: the person's position (optional)
    :type position: string
    :param user_id: the person's CKAN user, id or name (optional)
    :type user_id: string
    :param appointing_document: the order that appointed the person (optional):
        ``{"number": "...", "date": "YYYY-MM-DD", "url": "https://..."}``
    :type appointing_document: dict
    :param valid_from: first day in the role, ``YYYY-MM-DD`` (optional, default today)
    :type valid_from: string
    :param contact_public: the person agreed that their e-mail be published as the
        contact of the body's datasets (optional, default false: the body's official
        e-mail is used instead)
    :type contact_public: bool

    :returns: the assignment, with its ``id``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_responsible_assign", context, data_dict)
    session = model.Session
    document = data_dict.get("appointing_document") or {}
    assignment = ResponsibleAssignment(
        organization_id=data_dict["organization_id"],
        role=data_dict["role"],
        full_name=data_dict["full_name"],
        email=data_dict["email"],
        phone=data_dict.get("phone"),
        position=data_dict.get("position"),
        user_id=data_dict.get("user_id"),
        document_number=document.get("number"),
        document_date=document.get("date"),
        document_url=document.get("url"),
        valid_from=data_dict.get("valid_from") or today(),
        contact_public=bool(data_dict.get("contact_public", False)),
        recorded_by=user_id(context.get("user")),
        recorded_at=now(),
    )
    session.add(assignment)
    session.flush()
    notice = service.record_change(context, assignment, "assigned", reason=None)
    return {**assignment.dictize(with_contacts=True, today=today()), "notice": notice}


@tk.validate_action_data(schema.responsible_end)
def lutsk_charter_responsible_end(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """End a current assignment; the record stays in the body's history.

    The body's admins and sysadmins may call it.

    :param id: the id of the assignment
    :type id: string
    :param valid_to: the day the assignment ends, ``YYYY-MM-DD`` (optional, default
        today, when it stops being current); not before the assignment's ``valid_from``
    :type valid_to: string
    :param reason: why the assignment ends (optional)
    :type reason: string

    :returns: the ended assignment
    :rtype: dictionary
    :raises: ``ValidationError`` when the assignment has already ended
    """
    tk.check_access("lutsk_charter_responsible_end", context, data_dict)
    assignment = service.locked_assignment(context, data_dict["id"])
    valid_to = data_dict.get("valid_to") or today()
    if valid_to < assignment.valid_from:
        raise tk.ValidationError(
            {"valid_to": [_("The end date cannot be earlier than the start date.")]}
        )
    service.end(context, assignment, valid_to, data_dict.get("reason"))
    notice = service.record_change(context, assignment, "ended", reason=data_dict.get("reason"))
    return {**assignment.dictize(with_contacts=True, today=today()), "notice": notice}


@tk.validate_action_data(schema.responsible_correct)
def lutsk_charter_responsible_correct(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Correct a current assignment (a misspelt name, a wrong e-mail, a late order).

    The body's admins and sysadmins may call it. The old record is kept, marked
    as superseded, and a corrected copy replaces it; the history shows both.

    :param id: the id of the assignment to correct
    :type id: string
    :param full_name, email, phone, position, user_id, appointing_document, valid_from,
        contact_public: the fields to change, as in ``lutsk_charter_responsible_assign``
    :param reason: what was wrong (optional)
    :type reason: string

    :returns: the corrected copy, with a new ``id`` and ``supersedes`` set
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_responsible_correct", context, data_dict)
    old = service.locked_assignment(context, data_dict["id"])
    document = data_dict.get("appointing_document")
    new = ResponsibleAssignment(
        organization_id=old.organization_id,
        role=old.role,
        full_name=data_dict.get("full_name", old.full_name),
        email=data_dict.get("email", old.email),
        phone=data_dict.get("phone", old.phone),
        position=data_dict.get("position", old.position),
        user_id=data_dict.get("user_id", old.user_id),
        document_number=document["number"] if document else old.document_number,
        document_date=document["date"] if document else old.document_date,
        document_url=document["url"] if document else old.document_url,
        valid_from=data_dict.get("valid_from", old.valid_from),
        contact_public=data_dict.get("contact_public", old.contact_public),
        recorded_by=user_id(context.get("user")),
        recorded_at=now(),
        supersedes=old.id,
    )
    model.Session.add(new)
    model.Session.flush()
    old.superseded_by = new.id
    service.end(context, old, None, data_dict.get("reason") or _("corrected"))
    service.record_change(context, new, "corrected", reason=data_dict.get("reason"))
    return new.dictize(with_contacts=True, today=today())


@tk.validate_action_data(schema.responsible_load)
def lutsk_charter_responsible_load(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Load persons into the register from CSV text: its first load (sysadmins only).

    All or nothing: every line is checked with the schema of
    ``lutsk_charter_responsible_assign`` first, and if any is bad nothing is
    loaded; then every line is assigned in one transaction. No notices are
    mailed for a load. ``ckan lutsk-charter responsible import`` calls it.

    Columns: ``organization`` (id or name), ``role``, ``full_name``, ``email``,
    ``phone``, ``position``, ``document_number``, ``document_date``,
    ``document_url``, ``valid_from`` (the first four are needed).

    :param csv: the CSV text, with a header line
    :type csv: string
    :param dry_run: only check the lines (optional, default false)
    :type dry_run: bool

    :returns: ``{"lines": n, "loaded": n, "dry_run": bool}``
    :rtype: dictionary
    :raises: ``ValidationError`` with ``csv``: one translated message per bad
        line, naming the line's number (the header is line 1)
    """
    tk.check_access("lutsk_charter_responsible_load", context, data_dict)
    rows, problems = register_csv.parse(data_dict["csv"], context)
    if problems:
        raise tk.ValidationError({"csv": problems})
    dry_run = bool(data_dict.get("dry_run"))
    if dry_run:
        return {"lines": len(rows), "loaded": 0, "dry_run": True}
    session = model.Session
    assign = tk.get_action("lutsk_charter_responsible_assign")
    inner = cast(
        Context,
        {"user": context.get("user"), "ignore_auth": True, "defer_commit": True},
    )
    try:
        for row in rows:
            assign(dict(inner), row)  # type: ignore[arg-type]
    except Exception:
        session.rollback()
        raise
    if not context.get("defer_commit"):
        session.commit()
    return {"lines": len(rows), "loaded": len(rows), "dry_run": False}


@tk.side_effect_free
@tk.validate_action_data(schema.organization_only)
def lutsk_charter_responsible_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The persons currently responsible for a body's open data.

    Anyone may see names and roles (unless
    ``ckanext.lutsk_charter.responsible_persons_public`` is off); e-mails and
    phones are given only to the body's members and sysadmins.

    :param organization_id: the id or name of the body
    :type organization_id: string

    :returns: the current assignments, by role and start date
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_responsible_list", context, data_dict)
    organization_id = data_dict["organization_id"]
    day = today()
    rows = register.current_assignees(model.Session, [organization_id], day)
    with_contacts = service.is_member(context, organization_id)
    return [row.dictize(with_contacts=with_contacts, today=day) for row in rows]


@tk.side_effect_free
@tk.validate_action_data(schema.organization_only)
def lutsk_charter_responsible_history(
    context: Context, data_dict: DataDict
) -> list[dict[str, Any]]:
    """Every assignment a body ever had, newest first (members of the body and sysadmins).

    :param organization_id: the id or name of the body
    :type organization_id: string

    :returns: the assignments, each with ``current`` telling whether it holds today
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_responsible_history", context, data_dict)
    day = today()
    rows = register.assignment_history(model.Session, data_dict["organization_id"])
    return [row.dictize(with_contacts=True, today=day) for row in rows]


@tk.side_effect_free
@tk.validate_action_data(schema.stale_contacts)
def lutsk_charter_stale_contacts(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Datasets whose ``maintainer_email`` is no current responsible person of their body.

    The body's own official ``contact_email`` is not stale either.

    Sysadmins only. Datasets without a ``maintainer_email`` are not listed here
    (a quality check reports those).

    :param organization_id: only this body (optional)
    :type organization_id: string

    :returns: ``{"id", "name", "title", "organization_id", "maintainer_email"}`` per dataset
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_stale_contacts", context, data_dict)
    rows = register.stale_contacts(model.Session, today(), data_dict.get("organization_id"))
    official: dict[str, str] = {}

    def _official(organization_id: str | None) -> str:
        # The body's official address (what a private contact is replaced by) is not stale.
        key = organization_id or ""
        if key not in official:
            group = model.Group.get(key) if key else None
            official[key] = (
                (_extras(group).get("contact_email") or "").strip().lower() if group else ""
            )
        return official[key]

    return [
        {
            "id": r.id,
            "name": r.name,
            "title": r.title,
            "organization_id": r.owner_org,
            "maintainer_email": r.maintainer_email,
        }
        for r in rows
        if (r.maintainer_email or "").strip().lower() != _official(r.owner_org)
    ]


# --- core actions, extended ----------------------------------------------------------


@tk.chained_action
def package_create(
    up_func: Any, context: Context, data_dict: DataDict
) -> ActionResult.PackageCreate:
    """Create a dataset; an empty maintainer becomes the body's current publisher.

    Only when ``ckanext.lutsk_charter.fill_maintainer_from_publisher`` is on and
    the body has a current publisher (the earliest appointed, if several). A
    person's e-mail is private: it becomes ``maintainer_email`` (which CKAN
    publishes in package_show, search, the activity stream and the register)
    only when the assignment says ``contact_public``; otherwise the body's
    official ``contact_email`` fills it (or nothing, when the body has none).
    """
    if (
        config.fill_maintainer_from_publisher()
        and not data_dict.get("maintainer")
        and not data_dict.get("maintainer_email")
        and data_dict.get("owner_org")
    ):
        group = model.Group.get(data_dict["owner_org"])
        if group is not None:
            publishers = register.current_assignees(
                model.Session, [group.id], today(), role="publisher"
            )
            publisher = publishers[0] if publishers else None
            if publisher is not None:
                email = (
                    publisher.email
                    if publisher.contact_public
                    else (_extras(group).get("contact_email") or "")
                )
                data_dict = {
                    **data_dict,
                    "maintainer": publisher.full_name,
                    "maintainer_email": email,
                }
    return up_func(context, data_dict)


def _extras(group: Any) -> dict[str, Any]:
    """An organization's custom fields (``extras``, which CKAN's types do not declare)."""
    return dict(getattr(group, "extras", None) or {})
