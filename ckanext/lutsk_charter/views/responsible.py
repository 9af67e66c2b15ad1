"""Responsible persons: a body's tab with its forms, and the sysadmins' feed of changes."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.views import base
from ckanext.lutsk_charter.views.base import bp

_ = tk._


def _responsible_page(body: dict[str, Any]) -> str:
    scope = {"organization_id": body["id"]}
    form, errors = base.kept_form(f"assign:{body['id']}")
    current = tk.get_action("lutsk_charter_responsible_list")(base.context(), scope)
    history = (
        tk.get_action("lutsk_charter_responsible_history")(base.context(), scope)
        if base.can("lutsk_charter_responsible_history", scope)
        else None
    )
    return tk.render(
        "lutsk_charter/responsible.html",
        {
            "group_dict": body,
            "group_type": "organization",
            "current": current,
            "history": history,
            "can_edit": base.can("lutsk_charter_responsible_assign", scope),
            "errors": errors,
            "form": form,
            "end_form": base.kept_form_starting("end:"),
        },
    )


@bp.route("/organization/responsible/<id>")
def responsible(id: str) -> str:
    """A body's tab: current responsible persons, their history, and the forms for admins."""
    return _responsible_page(base.organization(id))


@bp.route("/organization/responsible/<id>/assign", methods=["POST"])
def responsible_assign(id: str) -> Response | str:
    body = base.organization(id)
    tk.check_access(
        "lutsk_charter_responsible_assign", base.context(), {"organization_id": body["id"]}
    )
    form = dict(tk.request.form)
    data = {
        "organization_id": body["id"],
        "role": form.get("role", ""),
        "full_name": form.get("full_name", ""),
        "email": form.get("email", ""),
        "phone": form.get("phone", ""),
        "position": form.get("position", ""),
        "valid_from": form.get("valid_from") or None,
        "contact_public": form.get("contact_public") == "true",
        "appointing_document": {
            "number": form.get("document_number", ""),
            "date": form.get("document_date", ""),
            "url": form.get("document_url", ""),
        },
    }
    try:
        person = tk.get_action("lutsk_charter_responsible_assign")(base.context(), data)
    except tk.ValidationError as e:
        tk.h.flash_error(_("The person was not recorded: check the marked fields."))
        base.keep_form(f"assign:{body['id']}", form, e.error_dict)
        return tk.redirect_to(
            tk.h.url_for("lutsk_charter.responsible", id=body["name"]) + "#lc-assign"
        )
    tk.h.flash_success(
        _("{name} is recorded.").format(name=person["full_name"]) + " " + _notice_text(person)
    )
    return tk.redirect_to("lutsk_charter.responsible", id=body["name"])


def _notice_text(person: dict[str, Any]) -> str:
    """What will become of the e-mail notice, as it is (queued is not yet sent)."""
    state = person.get("notice")
    if state == "queued":
        if config.ict_emails():
            return _("The ICT department will be notified by e-mail.")
        return _("The body's admins will be notified by e-mail.")
    if state == "not_queued":
        return _(
            "The e-mail notice could not be queued; the change feed shows it and a sysadmin"
            " can resend it."
        )
    return _("Nobody is set to be notified by e-mail.")


@bp.route("/organization/responsible/<id>/end/<assignment_id>", methods=["POST"])
def responsible_end(id: str, assignment_id: str) -> Response:
    body = base.organization(id)
    form = tk.request.form
    data = {
        "id": assignment_id,
        "valid_to": form.get("valid_to") or None,
        "reason": form.get("reason", ""),
    }
    try:
        person = tk.get_action("lutsk_charter_responsible_end")(base.context(), data)
    except tk.ValidationError as e:
        base.flash_errors(e)
        base.keep_form(f"end:{assignment_id}", dict(form), e.error_dict)
        return tk.redirect_to(
            tk.h.url_for("lutsk_charter.responsible", id=body["name"]) + f"#end-{assignment_id}"
        )
    tk.h.flash_success(
        _("The assignment of {name} has ended.").format(name=person["full_name"])
        + " "
        + _notice_text(person)
    )
    return tk.redirect_to("lutsk_charter.responsible", id=body["name"])


_CHANGES_PER_PAGE = 50


@bp.route("/ckan-admin/responsible-changes")
def responsible_changes() -> str:
    """Sysadmins: changes of responsible persons the ICT department has not yet seen."""
    args = tk.request.args
    filters = {k: args[k] for k in ("organization_id", "kind") if args.get(k)}
    page = max(1, tk.h.get_page_number(args))
    try:
        feed = tk.get_action("lutsk_charter_responsible_change_list")(
            base.context(),
            {
                "acknowledged": False,
                **filters,
                "limit": _CHANGES_PER_PAGE,
                "offset": (page - 1) * _CHANGES_PER_PAGE,
            },
        )
    except tk.ValidationError as e:
        base.flash_errors(e)
        filters, feed = {}, {"count": 0, "results": []}
    pages = base.pager(page, feed["count"], _CHANGES_PER_PAGE, filters)
    return tk.render(
        "lutsk_charter/responsible_changes.html",
        {
            "feed": feed,
            "pager": pages,
            "filters": filters,
            "organizations": base.organizations(),
            "came_from": base.this_page(),
        },
    )


@bp.route("/ckan-admin/responsible-changes/acknowledge", methods=["POST"])
def responsible_changes_acknowledge() -> Response:
    """Acknowledge the ticked changes, or every change the filters match."""
    form = tk.request.form
    back = base.came_from(tk.h.url_for("lutsk_charter.responsible_changes"))
    data: dict[str, Any]
    if form.get("scope") == "all":
        data = {k: form[k] for k in ("organization_id", "kind") if form.get(k)}
    else:
        ids = form.getlist("change")
        if not ids:
            tk.h.flash_error(_("Tick the changes to acknowledge first."))
            return tk.redirect_to(back)
        data = {"id": ids}
    try:
        result = tk.get_action("lutsk_charter_responsible_change_acknowledge_many")(
            base.context(), data
        )
    except tk.ObjectNotFound as e:
        tk.h.flash_error(str(e))
    except tk.ValidationError as e:
        base.flash_errors(e)
    else:
        count = result["count"]
        tk.h.flash_success(
            tk.ungettext(
                "{count} change is acknowledged.", "{count} changes are acknowledged.", count
            ).format(count=count)
        )
    return tk.redirect_to(back)


@bp.route("/ckan-admin/responsible-changes/<change_id>/acknowledge", methods=["POST"])
def responsible_change_acknowledge(change_id: str) -> Response:
    tk.get_action("lutsk_charter_responsible_change_acknowledge")(base.context(), {"id": change_id})
    tk.h.flash_success(_("The change is acknowledged."))
    return tk.redirect_to(base.came_from(tk.h.url_for("lutsk_charter.responsible_changes")))


@bp.route("/ckan-admin/responsible-changes/<change_id>/resend", methods=["POST"])
def responsible_change_resend(change_id: str) -> Response:
    """Queue a change's e-mail notice again (after the mail server failed)."""
    change = tk.get_action("lutsk_charter_responsible_change_resend")(
        base.context(), {"id": change_id}
    )
    if change["notice_state"] == "queued":
        tk.h.flash_success(_("The notice is queued again; it will be sent in a moment."))
    else:
        tk.h.flash_error(_("The notice could not be queued: is the job queue running?"))
    return tk.redirect_to("lutsk_charter.responsible_changes")
