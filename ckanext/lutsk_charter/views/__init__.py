"""Pages of ckanext-lutsk_charter. Views parse the request, call actions, render."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib.pagination import Page
from ckan.types import Context, Response
from flask import Blueprint
from flask import Response as FlaskResponse

__all__ = ["bp"]

bp = Blueprint("lutsk_charter", __name__)
_ = tk._

_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@bp.before_request
def _check_csrf_token() -> None:
    """Every POST to our pages not authenticated by an API token carries a valid CSRF token.

    CKAN core exempts a view from Flask-WTF's CSRF check, for the life of the
    process, as soon as one request reaches it without a session cookie
    (``ckan_before_request`` calls ``csrf.exempt`` whenever
    ``g.login_via_auth_header`` is set: for API tokens *and* for anonymous
    requests). So we never rely on core's check for our forms: a request whose
    ``Authorization`` header holds a valid API token of the current user cannot
    be forged by another site and passes; every other one must carry the token
    of its session, whatever happened before in this process.
    """
    from flask import current_app
    from flask_wtf.csrf import validate_csrf
    from wtforms import ValidationError as CSRFValidationError

    if tk.request.method not in _UNSAFE_METHODS:
        return
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if _authenticated_by_api_token():
        return
    field = current_app.config.get("WTF_CSRF_FIELD_NAME") or "csrf_token"
    token = tk.request.form.get(field)
    for header in current_app.config.get("WTF_CSRF_HEADERS") or ("X-CSRFToken", "X-CSRF-Token"):
        token = token or tk.request.headers.get(header)
    try:
        validate_csrf(token)
    except CSRFValidationError:
        tk.abort(
            400,
            _(
                "The form has expired or did not come from this portal (its security token is"
                " missing or wrong). Open the page again and repeat what you did."
            ),
        )


def _authenticated_by_api_token() -> bool:
    """Whether the current user is the owner of a valid API token sent in the request's header."""
    from ckan.lib.api_token import get_user_from_token

    header = tk.request.headers.get(tk.config["apitoken_header_name"], "")
    if not header or not tk.current_user.is_authenticated:
        return False
    owner = get_user_from_token(header, update_access_time=False)
    return owner is not None and owner.id == tk.current_user.id  # type: ignore[attr-defined]


@bp.teardown_app_request
def _end_failed_transaction(exc: BaseException | None) -> None:
    """Whatever happened in the request, no failed transaction outlives it.

    CKAN removes the session in ``after_request``, which is skipped when the
    error page itself fails (for example after a database error in the same
    transaction): the next request on this thread would then find a failed
    transaction (``InFailedSqlTransaction``). Teardown always runs; it rolls
    back a transaction PostgreSQL has marked failed (and after any unhandled
    error), and leaves a healthy session alone.
    """
    from ckan import model

    session = model.Session()
    failed = exc is not None
    if not failed and session.in_transaction():
        try:
            raw = session.connection().connection.dbapi_connection
            failed = raw is not None and raw.info.transaction_status == _IN_ERROR
        except Exception:
            failed = True
    if failed:
        try:
            session.rollback()
        finally:
            model.Session.remove()


#: psycopg2's ``TRANSACTION_STATUS_INERROR``: the transaction has failed.
_IN_ERROR = 3


def _database_error(error: Exception) -> tuple[str, int]:
    """A database error in our pages: roll back first, so the error page and what follows work."""
    import logging

    from ckan import model

    model.Session.rollback()
    logging.getLogger(__name__).exception("Database error in %s", tk.request.path)
    return (
        tk.render(
            "error_document_template.html",
            {"code": 500, "content": _("The portal could not finish this request."), "name": ""},
        ),
        500,
    )


def _context() -> Context:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}  # type: ignore[typeddict-item]


#: The last page number our paged lists accept (1,000 pages of 100 is far past any list).
_MAX_PAGE = 100_000


def _page_number() -> int:
    """``?page=`` as a whole number from 1 to ``_MAX_PAGE``; anything else is a 400."""
    raw = tk.request.args.get("page", "1")
    if not raw.isdigit() or len(raw) > 6 or not 1 <= int(raw) <= _MAX_PAGE:
        return tk.abort(
            400,
            _("The page number must be a whole number from 1 to {last}.").format(last=_MAX_PAGE),
        )
    return int(raw)


def _organization(id_or_name: str) -> dict[str, Any]:
    if "\x00" in id_or_name or len(id_or_name) > 100:
        return tk.abort(404, _("Organization not found"))
    try:
        return tk.get_action("organization_show")(
            _context(), {"id": id_or_name, "include_datasets": False, "include_users": False}
        )
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, _("Organization not found"))


def _can(action: str, data: dict[str, Any]) -> bool:
    try:
        tk.check_access(action, _context(), data)
    except tk.NotAuthorized:
        return False
    return True


#: Where a refused form's values and errors wait for the page it came from.
_KEPT_FORM = "lutsk_charter_kept_form"


def _keep_form(form_id: str, values: dict[str, Any], errors: dict[str, Any]) -> None:
    """Keep what was typed into a refused form, and why, for the page it came from.

    The view then redirects back (POST/redirect/GET): the address stays the
    page's, and the page shows the values and errors once.
    """
    from flask import session

    session[_KEPT_FORM] = {
        "id": form_id,
        "values": values,
        "errors": json.loads(json.dumps(errors, default=str)),
    }


def _kept_form(form_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(values, errors)`` kept for ``form_id`` (and forgotten), or two empty dicts."""
    from flask import session

    kept = session.get(_KEPT_FORM)
    if not kept or kept.get("id") != form_id:
        return {}, {}
    session.pop(_KEPT_FORM, None)
    return kept.get("values") or {}, kept.get("errors") or {}


def _kept_end_form() -> dict[str, Any]:
    """The end form refused last: ``{"id", "values", "errors"}`` or empty."""
    from flask import session

    kept = session.get(_KEPT_FORM)
    if not kept or not str(kept.get("id", "")).startswith("end:"):
        return {}
    session.pop(_KEPT_FORM, None)
    return {"id": kept["id"][4:], "values": kept.get("values") or {}, "errors": kept["errors"]}


def _responsible_page(
    organization: dict[str, Any],
    errors: dict[str, Any] | None = None,
    form: dict[str, Any] | None = None,
) -> str:
    scope = {"organization_id": organization["id"]}
    if errors is None and form is None:
        form, errors = _kept_form(f"assign:{organization['id']}")
    end_form = _kept_end_form()
    try:
        current = tk.get_action("lutsk_charter_responsible_list")(_context(), scope)
    except tk.NotAuthorized:
        return tk.abort(403, _("Only members of the body may see its responsible persons."))
    history = (
        tk.get_action("lutsk_charter_responsible_history")(_context(), scope)
        if _can("lutsk_charter_responsible_history", scope)
        else None
    )
    return tk.render(
        "lutsk_charter/responsible.html",
        {
            "group_dict": organization,
            "group_type": "organization",
            "current": current,
            "history": history,
            "can_edit": _can("lutsk_charter_responsible_assign", scope),
            "errors": errors or {},
            "form": form or {},
            "end_form": end_form,
        },
    )


@bp.route("/organization/responsible/<id>")
def responsible(id: str) -> str:
    """A body's tab: current responsible persons, their history, and the forms for admins."""
    return _responsible_page(_organization(id))


@bp.route("/organization/responsible/<id>/assign", methods=["POST"])
def responsible_assign(id: str) -> Response | str:
    organization = _organization(id)
    if not _can("lutsk_charter_responsible_assign", {"organization_id": organization["id"]}):
        return tk.abort(403, _("Only the body's admins may change its responsible persons."))
    form = dict(tk.request.form)
    data = {
        "organization_id": organization["id"],
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
        person = tk.get_action("lutsk_charter_responsible_assign")(_context(), data)
    except tk.NotAuthorized:
        return tk.abort(403, _("Only the body's admins may change its responsible persons."))
    except tk.ValidationError as e:
        tk.h.flash_error(_("The person was not recorded: check the marked fields."))
        _keep_form(f"assign:{organization['id']}", form, e.error_dict)
        return tk.redirect_to(
            tk.h.url_for("lutsk_charter.responsible", id=organization["name"]) + "#lc-assign"
        )
    tk.h.flash_success(
        _("{name} is recorded.").format(name=person["full_name"]) + " " + _notice_text(person)
    )
    return tk.redirect_to("lutsk_charter.responsible", id=organization["name"])


def _notice_text(person: dict[str, Any]) -> str:
    """What will become of the e-mail notice, as it is (queued is not yet sent)."""
    state = person.get("notice")
    if state == "queued":
        from ckanext.lutsk_charter import config

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
    organization = _organization(id)
    form = tk.request.form
    data = {
        "id": assignment_id,
        "valid_to": form.get("valid_to") or None,
        "reason": form.get("reason", ""),
    }
    try:
        person = tk.get_action("lutsk_charter_responsible_end")(_context(), data)
    except tk.NotAuthorized:
        return tk.abort(403, _("Only the body's admins may change its responsible persons."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such assignment."))
    except tk.ValidationError as e:
        messages = [
            m for ms in e.error_dict.values() for m in (ms if isinstance(ms, list) else [ms])
        ]
        tk.h.flash_error(" ".join(str(m) for m in messages))
        _keep_form(f"end:{assignment_id}", dict(form), e.error_dict)
        return tk.redirect_to(
            tk.h.url_for("lutsk_charter.responsible", id=organization["name"])
            + f"#end-{assignment_id}"
        )
    else:
        tk.h.flash_success(
            _("The assignment of {name} has ended.").format(name=person["full_name"])
            + " "
            + _notice_text(person)
        )
    return tk.redirect_to("lutsk_charter.responsible", id=organization["name"])


_CHANGES_PER_PAGE = 50


def _change_filters() -> dict[str, str]:
    args = tk.request.args
    return {k: args[k] for k in ("organization_id", "kind") if args.get(k)}


@bp.route("/ckan-admin/responsible-changes")
def responsible_changes() -> str:
    """Sysadmins: changes of responsible persons the ICT department has not yet seen."""
    filters = _change_filters()
    page = max(1, tk.h.get_page_number(tk.request.args))
    try:
        feed = tk.get_action("lutsk_charter_responsible_change_list")(
            _context(),
            {
                "acknowledged": False,
                **filters,
                "limit": _CHANGES_PER_PAGE,
                "offset": (page - 1) * _CHANGES_PER_PAGE,
            },
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins may see the feed of changes."))
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(str(m) for ms in e.error_dict.values() for m in ms))
        filters, feed = {}, {"count": 0, "results": []}
    pager = Page(
        collection=[],
        page=page,
        url=lambda page: tk.h.url_for("lutsk_charter.responsible_changes", **filters, page=page),
        item_count=feed["count"],
        items_per_page=_CHANGES_PER_PAGE,
    )
    organizations = tk.get_action("organization_list")(
        _context(), {"all_fields": True, "limit": 1000}
    )
    return tk.render(
        "lutsk_charter/responsible_changes.html",
        {
            "feed": feed,
            "pager": pager,
            "filters": filters,
            "organizations": organizations,
            "came_from": tk.h.url_for(tk.request.full_path.rstrip("?")),  # with the language
        },
    )


@bp.route("/ckan-admin/responsible-changes/acknowledge", methods=["POST"])
def responsible_changes_acknowledge() -> Response:
    """Acknowledge the ticked changes, or every change the filters match."""
    form = tk.request.form
    came_from = form.get("came_from") or ""
    if not came_from.startswith("/") or came_from.startswith("//"):
        came_from = tk.h.url_for("lutsk_charter.responsible_changes")  # never off-site
    data: dict[str, Any]
    if form.get("scope") == "all":
        data = {k: form[k] for k in ("organization_id", "kind") if form.get(k)}
    else:
        ids = form.getlist("change")
        if not ids:
            tk.h.flash_error(_("Tick the changes to acknowledge first."))
            return tk.redirect_to(came_from)
        data = {"id": ids}
    try:
        result = tk.get_action("lutsk_charter_responsible_change_acknowledge_many")(
            _context(), data
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins may acknowledge changes."))
    except tk.ObjectNotFound as e:
        tk.h.flash_error(str(e))
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(str(m) for ms in e.error_dict.values() for m in ms))
    else:
        count = result["count"]
        tk.h.flash_success(
            tk.ungettext(
                "{count} change is acknowledged.", "{count} changes are acknowledged.", count
            ).format(count=count)
        )
    return tk.redirect_to(came_from)


@bp.route("/ckan-admin/responsible-changes/<change_id>/acknowledge", methods=["POST"])
def responsible_change_acknowledge(change_id: str) -> Response:
    try:
        tk.get_action("lutsk_charter_responsible_change_acknowledge")(_context(), {"id": change_id})
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins may acknowledge changes."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such change."))
    tk.h.flash_success(_("The change is acknowledged."))
    came_from = tk.request.form.get("came_from") or ""
    if came_from.startswith("/") and not came_from.startswith("//"):
        return tk.redirect_to(came_from)  # the same filtered page
    return tk.redirect_to("lutsk_charter.responsible_changes")


@bp.route("/ckan-admin/responsible-changes/<change_id>/resend", methods=["POST"])
def responsible_change_resend(change_id: str) -> Response:
    """Queue a change's e-mail notice again (after the mail server failed)."""
    try:
        change = tk.get_action("lutsk_charter_responsible_change_resend")(
            _context(), {"id": change_id}
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins may resend notices."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such change."))
    if change["notice_state"] == "queued":
        tk.h.flash_success(_("The notice is queued again; it will be sent in a moment."))
    else:
        tk.h.flash_error(_("The notice could not be queued: is the job queue running?"))
    return tk.redirect_to("lutsk_charter.responsible_changes")


def _sysadmin_only() -> None:
    if not tk.current_user.is_authenticated or not tk.current_user.sysadmin:  # type: ignore[attr-defined]
        tk.abort(403, _("Only sysadmins may edit the list of mandatory datasets."))


@bp.route("/ckan-admin/required-datasets")
def required_datasets() -> str:
    """Sysadmins: the Resolution 835 list, with what the city (or one body) publishes of it."""
    _sysadmin_only()
    organization_id = tk.request.args.get("organization_id") or None
    scope = {"organization_id": organization_id} if organization_id else {}
    try:
        coverage = tk.get_action("lutsk_charter_required_dataset_coverage")(_context(), scope)
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins may edit the list of mandatory datasets."))
    except tk.ValidationError:
        return tk.abort(404, _("Organization not found"))
    everything = tk.get_action("lutsk_charter_required_dataset_list")(
        _context(), {"include_inactive": True}
    )
    return tk.render(
        "lutsk_charter/required_datasets.html",
        {
            "coverage": coverage,
            "inactive": [i for i in everything if not i["active"]],
            "organization_id": organization_id or "",
        },
    )


def _required_item(code: str) -> dict[str, Any]:
    items = tk.get_action("lutsk_charter_required_dataset_list")(
        _context(), {"include_inactive": True}
    )
    item = next((i for i in items if i["code"] == code.upper()), None)
    if item is None:
        return tk.abort(404, _("There is no such item in the list of mandatory datasets."))
    return item


@bp.route("/ckan-admin/required-datasets/<code>/edit", methods=["GET", "POST"])
def required_dataset_edit(code: str) -> Response | str:
    """Sysadmins: edit an item's names, or switch it off or on."""
    _sysadmin_only()
    item = _required_item(code)
    errors: dict[str, Any] = {}
    form: dict[str, Any] = item
    if tk.request.method == "POST":
        posted = tk.request.form
        form = {
            **item,
            "name_uk": posted.get("name_uk", ""),
            "name_en": posted.get("name_en", ""),
            "active": posted.get("active") == "true",
        }
        data = {k: form[k] for k in ("name_uk", "name_en", "active")}
        try:
            tk.get_action("lutsk_charter_required_dataset_update")(
                _context(), {"code": item["code"], **data}
            )
        except tk.NotAuthorized:
            return tk.abort(403, _("Only sysadmins may edit the list of mandatory datasets."))
        except tk.ValidationError as e:
            errors = e.error_dict
            tk.h.flash_error(_("The item was not saved: check the marked fields."))
        else:
            tk.h.flash_success(_("Item {code} is saved.").format(code=item["code"]))
            return tk.redirect_to("lutsk_charter.required_datasets")
    return tk.render(
        "lutsk_charter/required_dataset_edit.html",
        {"item": item, "form": form, "errors": errors},
    )


def _validation(
    resource_id: str, legacy: bool = False
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The dataset, the resource and its validation, as the current user may see them.

    With ``legacy``, a resource that we never validated but that carries a
    ``validation_status`` from ckanext-validation gets that status as its result
    (``legacy: True``, no report).
    """
    try:
        resource = tk.get_action("resource_show")(_context(), {"id": resource_id})
        dataset = tk.get_action("package_show")(_context(), {"id": resource["package_id"]})
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not see this resource."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("This resource has not been validated."))
    try:
        result = tk.get_action("lutsk_charter_validation_show")(
            _context(), {"resource_id": resource_id}
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not see this resource."))
    except tk.ObjectNotFound:
        if not (legacy and resource.get("validation_status")):
            return tk.abort(404, _("This resource has not been validated."))
        result = {
            # What it came with; ``validation_status`` itself reads ``imported`` by now.
            "status": resource.get("validation_status_imported") or resource["validation_status"],
            "finished_at": resource.get("validation_timestamp") or None,
            "report": None,
            "legacy": True,
        }
    return dataset, resource, result


@bp.route("/dataset/<id>/resource/<resource_id>/validation")
def validation_report(id: str, resource_id: str) -> str:
    """The validation report of a resource, readable by a person."""
    from ckanext.lutsk_charter.logic.action.validation import is_validated_format

    dataset, resource, result = _validation(resource_id, legacy=True)
    return tk.render(
        "lutsk_charter/validation_report.html",
        {
            "pkg_dict": dataset,
            "resource": resource,
            "result": result,
            "can_run": is_validated_format(resource)
            and _can("lutsk_charter_validation_run", {"resource_id": resource_id}),
        },
    )


@bp.route("/dataset/<id>/resource/<resource_id>/validation/report.json")
def validation_report_json(id: str, resource_id: str) -> Response:
    """The stored report as JSON, to download."""
    _dataset, _resource, result = _validation(resource_id)
    return FlaskResponse(
        json.dumps(result, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="validation-{resource_id}.json"'},
    )


@bp.route("/dataset/<id>/resource/<resource_id>/validation/datapackage.json")
def validation_datapackage(id: str, resource_id: str) -> Response:
    """A Data Package of the resource as validated, for ``frictionless validate``."""
    from ckanext.lutsk_charter.validation.engine import datapackage

    dataset, resource, result = _validation(resource_id)
    described = ((result.get("report") or {}).get("meta") or {}).get("datapackage")
    if not described:
        return tk.abort(404, _("This validation stopped before reading the data as a table."))
    url = resource.get("url") or ""
    filename = url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or described["path"]
    package = datapackage(
        described,
        name=dataset["name"],
        title=_title(dataset, resource),
        path=filename,
        homepage=tk.url_for(
            f"{dataset['type']}_resource.read",
            id=dataset["name"],
            resource_id=resource_id,
            _external=True,
        ),
    )
    return FlaskResponse(
        json.dumps(package, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="datapackage.json"'},
    )


def _title(dataset: dict[str, Any], resource: dict[str, Any]) -> str:
    title = dataset.get("title") or dataset["name"]
    name = resource.get("name")
    return f"{title}: {name}" if name else title


@bp.route("/dataset/<id>/resource/<resource_id>/validation/run", methods=["POST"])
def validation_run(id: str, resource_id: str) -> Response:
    # Checked here too: CKAN 2.11 exempts extensions' blueprints from CSRF protection by default
    # (``ckan.csrf_protection.ignore_extensions``).
    from flask_wtf.csrf import validate_csrf
    from wtforms.validators import ValidationError as TokenRefused

    try:
        validate_csrf(tk.request.form.get(tk.config.get("WTF_CSRF_FIELD_NAME") or "_csrf_token"))
    except TokenRefused:
        return tk.abort(
            400,
            _("The form has expired or did not come from this portal: reload it and try again."),
        )
    try:
        tk.get_action("lutsk_charter_validation_run")(_context(), {"resource_id": resource_id})
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not do this with this resource."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such resource."))
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(str(m) for ms in e.error_dict.values() for m in ms))
    else:
        tk.h.flash_success(_("The data will be validated again in a moment."))
    return tk.redirect_to("lutsk_charter.validation_report", id=id, resource_id=resource_id)


def _register_error_handlers() -> None:
    import sqlalchemy as sa

    bp.register_error_handler(sa.exc.SQLAlchemyError, _database_error)


_register_error_handlers()


# Quality flags: the sysadmins' review queue and each body's flags

_FLAG_FILTERS = ("principle", "code", "severity", "status")
_PAGE_SIZE = 50


def _flag_page(organization: dict[str, Any] | None) -> str:
    query = {k: tk.request.args.get(k, "") for k in _FLAG_FILTERS}
    query["status"] = query["status"] or "open"
    page = _page_number()
    data: dict[str, Any] = {k: v for k, v in query.items() if v}
    if organization is not None:
        data["organization_id"] = organization["id"]
    elif tk.request.args.get("organization_id"):
        data["organization_id"] = tk.request.args["organization_id"]
    data.update(limit=_PAGE_SIZE, offset=(page - 1) * _PAGE_SIZE)
    try:
        flags = tk.get_action("lutsk_charter_flag_list")(_context(), data)
    except tk.NotAuthorized:
        return tk.abort(403, _("Only the body's editors and admins may see its quality flags."))
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(str(m) for ms in e.error_dict.values() for m in ms))
        flags = {"count": 0, "results": []}
    filters = {k: v for k, v in data.items() if k not in ("limit", "offset")}
    pager = Page(
        collection=[],
        page=page,
        url=lambda page: tk.h.url_for(
            tk.request.endpoint, **tk.request.view_args, **filters, page=page
        ),
        item_count=flags["count"],
        items_per_page=_PAGE_SIZE,
    )
    can_review = tk.current_user.is_authenticated and (
        tk.current_user.sysadmin
        or (
            organization is not None
            and _can("lutsk_charter_responsible_assign", {"organization_id": organization["id"]})
        )
    )
    kept, kept_errors = _kept_form("review")
    extra = {
        "flags": flags,
        "review": {"flag": kept.get("flag") or [], "note": kept.get("note") or ""},
        "review_errors": kept_errors,
        "filters": filters,
        "pager": pager,
        "can_review": can_review,
        "came_from": tk.h.url_for(tk.request.full_path.rstrip("?")),  # with the language
    }
    if organization is None:
        organizations = tk.get_action("organization_list")(
            _context(), {"all_fields": True, "limit": 1000}
        )
        return tk.render(
            "lutsk_charter/quality_queue.html", {**extra, "organizations": organizations}
        )
    return tk.render(
        "lutsk_charter/organization_quality.html",
        {**extra, "group_dict": organization, "group_type": "organization"},
    )


@bp.route("/ckan-admin/quality")
def quality_queue() -> str:
    """Sysadmins: every body's quality flags, to acknowledge or dismiss in bulk."""
    if not (tk.current_user.is_authenticated and tk.current_user.sysadmin):
        return tk.abort(403, _("Only sysadmins may see every body's quality flags."))
    return _flag_page(None)


@bp.route("/organization/quality/<id>")
def organization_quality(id: str) -> str:
    """A body's quality flags: its editors see them, its admins review them."""
    return _flag_page(_organization(id))


@bp.route("/quality/review", methods=["POST"])
def quality_review() -> Response:
    """Acknowledge or dismiss the ticked flags, with one note, all or none."""
    form = tk.request.form
    came_from = form.get("came_from") or tk.h.url_for("lutsk_charter.quality_queue")
    if not came_from.startswith("/") or came_from.startswith("//"):
        came_from = tk.h.url_for("lutsk_charter.quality_queue")  # never off-site
    ids = form.getlist("flag")
    if not ids:
        tk.h.flash_error(_("Tick the flags to review first."))
        _keep_form("review", {"flag": [], "note": form.get("note", "")}, {})
        return tk.redirect_to(came_from)
    try:
        result = tk.get_action("lutsk_charter_flag_review")(
            _context(), {"id": ids, "status": form.get("status", ""), "note": form.get("note", "")}
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("Only the body's admins may review its quality flags."))
    except tk.ObjectNotFound as e:
        tk.h.flash_error(str(e))
        _keep_form("review", {"flag": ids, "note": form.get("note", "")}, {})
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(str(m) for ms in e.error_dict.values() for m in ms))
        _keep_form("review", {"flag": ids, "note": form.get("note", "")}, e.error_dict)
    else:
        tk.h.flash_success(_("Flags reviewed: {count}.").format(count=len(result["results"])))
    return tk.redirect_to(came_from)


# Monitoring: the ICT department's dashboard (sysadmins) and each body's (its admins)

_BODY_COLUMNS = (
    "title", "public", "private", "draft", "normal", "due_soon", "overdue", "inactive",
    "excellent", "good", "sufficient", "bad", "open_flags", "creator", "publisher",
    "last_publication",
)  # fmt: skip
_DATASETS_PER_PAGE = 100
_DATASET_COLUMNS = (
    "title", "organization_title", "state", "update_frequency", "due", "days_left", "band",
    "open_flags",
)  # fmt: skip


#: Columns where more is worse: their first click sorts them from the top down.
_WORSE_WHEN_MORE = frozenset(
    {"private", "draft", "due_soon", "overdue", "inactive", "sufficient", "bad", "open_flags"}
)


def _next_sort(column: str, sort: str) -> str:
    """The sort a column's heading links to: the other way round if it is the current one,
    else worst first (most overdue, fewest public, no publisher, oldest publication)."""
    if sort.lstrip("-") == column:
        return column if sort.startswith("-") else f"-{column}"
    return f"-{column}" if column in _WORSE_WHEN_MORE else column


def _body_row(body: dict[str, Any]) -> dict[str, Any]:
    """A body's figures flattened to the dashboard's columns."""
    return {
        **{k: body.get(k) for k in ("title", "name", "public", "private", "draft", "open_flags")},
        **body["timeliness"],
        **{k: v for k, v in body["bands"].items() if k != "unscored"},
        "creator": body["creator"],
        "publisher": body["publisher"],
        "last_publication": tk.h.lutsk_charter_datetime(body["last_publication"], False),
        "last_publication_at": body["last_publication"],
    }


def _monitor(organization: dict[str, Any] | None, everything: bool = False) -> dict[str, Any]:
    """The figures and one page of datasets (every dataset when ``everything``, for exports)."""
    body = tk.request.args.get("body") or None
    page = _page_number()
    data: dict[str, Any] = {"include_datasets": True}
    if not everything:
        data.update(limit=_DATASETS_PER_PAGE, offset=(page - 1) * _DATASETS_PER_PAGE)
    if organization is not None:
        data["organization_id"] = organization["id"]
    elif body:
        data["datasets_organization_id"] = body
    if tk.request.args.get("state"):
        data["state"] = tk.request.args["state"]
    try:
        result = tk.get_action("lutsk_charter_monitor_show")(_context(), data)
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins and the body's admins may see these figures."))
    except tk.ValidationError as e:
        return tk.abort(400, " ".join(str(m) for ms in e.error_dict.values() for m in ms))
    rows = all_rows = [_body_row(b) for b in result["bodies"]]
    if body:
        rows = [r for r in rows if r["name"] == body]
    sort = tk.request.args.get("sort", "title")
    if sort.lstrip("-") in _BODY_COLUMNS:
        key = sort.lstrip("-")
        field = "last_publication_at" if key == "last_publication" else key
        present = [r for r in rows if r[field] is not None]
        present.sort(
            key=lambda r: str(r[field]).casefold() if key == "title" else r[field],
            reverse=sort.startswith("-"),
        )
        rows = present + [r for r in rows if r[field] is None]  # unknown last either way
    filters = {k: v for k, v in (("body", body), ("state", data.get("state")), ("sort", sort)) if v}
    pager = Page(
        collection=[],
        page=page,
        url=lambda page: tk.h.url_for(
            tk.request.endpoint, **tk.request.view_args, **filters, page=page
        ),
        item_count=result["datasets_count"],
        items_per_page=_DATASETS_PER_PAGE,
    )
    return {
        **result,
        "pager": pager,
        "page_datasets": result["datasets"],
        "rows": rows,
        "rows_all": all_rows,
        "sort": sort,
        "sort_links": {c: _next_sort(c, sort) for c in _BODY_COLUMNS},
        "body": body,
        "state": data.get("state", ""),
    }


#: The datasets table's coded columns: the export shows them in words, and the
#: code again in a last column for machines.
_CODED_DATASET_COLUMNS = ("state", "update_frequency", "band")


def _export_table(monitor: dict[str, Any], table: str) -> tuple[list[str], Any]:
    """Header and rows of an export: words for people, typed dates and numbers."""
    h = tk.h
    if table == "trend":
        series = h.lutsk_charter_trend_series()
        header = [_("Day"), *(h.lutsk_charter_trend_label(s) for s in series)]
        rows: Any = (
            [
                h.lutsk_charter_to_local(p["day"]),
                *(h.lutsk_charter_trend_value(p["figures"], s) for s in series),
            ]
            for p in monitor["trend"]
        )
        return header, rows
    if table == "bodies":
        header = [h.lutsk_charter_monitor_column(c, table) for c in _BODY_COLUMNS]

        def body_cell(row: dict[str, Any], column: str) -> Any:
            if column in ("creator", "publisher"):
                return h.lutsk_charter_yes_no(row[column])
            if column == "last_publication":
                return h.lutsk_charter_to_local(row.get("last_publication_at"))
            return row.get(column)

        return header, ([body_cell(r, c) for c in _BODY_COLUMNS] for r in monitor["rows"])
    header = [h.lutsk_charter_monitor_column(c, table) for c in _DATASET_COLUMNS]
    code = _("code")
    header += [
        f"{h.lutsk_charter_monitor_column(c, table)} ({code})" for c in _CODED_DATASET_COLUMNS
    ]

    def dataset_cell(row: dict[str, Any], column: str) -> Any:
        value = row.get(column)
        if column == "state":
            return h.lutsk_charter_publication_state(value)
        if column == "update_frequency":
            return h.lutsk_charter_frequency_label(value) if value else ""
        if column == "band":
            return h.lutsk_charter_band_label(value) if value else ""
        if column == "due":
            return h.lutsk_charter_to_local(value)
        return value

    rows = (
        [dataset_cell(r, c) for c in _DATASET_COLUMNS]
        + [r.get(c) or "" for c in _CODED_DATASET_COLUMNS]
        for r in monitor["datasets"]
    )
    return header, rows


def _export(monitor: dict[str, Any], table: str, fmt: str, basename: str) -> Response:
    from ckanext.lutsk_charter.monitoring.exports import MIMETYPES, table_bytes

    if fmt not in MIMETYPES or table not in ("bodies", "datasets", "trend"):
        return tk.abort(404, _("There is no such export."))
    header, rows = _export_table(monitor, table)
    sheets = {"bodies": _("Bodies"), "datasets": _("Datasets"), "trend": _("Trend")}
    content = table_bytes(header, rows, fmt, sheets[table])
    response = FlaskResponse(content, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{basename}-{table}.{fmt}"'
    return response


@bp.route("/ckan-admin/monitoring")
def monitoring() -> str:
    """Sysadmins: the publication figures of every body, trends, late datasets."""
    return tk.render("lutsk_charter/monitoring.html", {**_monitor(None), "organization": None})


@bp.route("/ckan-admin/monitoring/export/<table>.<fmt>")
def monitoring_export(table: str, fmt: str) -> Response:
    return _export(_monitor(None, everything=True), table, fmt, "monitoring")


@bp.route("/organization/monitoring/<id>")
def organization_monitoring(id: str) -> str:
    """A body's admins: its figures, trends and late datasets."""
    organization = _organization(id)
    return tk.render(
        "lutsk_charter/organization_monitoring.html",
        {
            **_monitor(organization),
            "organization": organization,
            "group_dict": organization,
            "group_type": "organization",
        },
    )


@bp.route("/organization/monitoring/<id>/export/<table>.<fmt>")
def organization_monitoring_export(id: str, table: str, fmt: str) -> Response:
    organization = _organization(id)
    return _export(
        _monitor(organization, everything=True), table, fmt, f"monitoring-{organization['name']}"
    )


def _register_download(fmt: str) -> Response:
    """The 835 register of datasets as an attachment (anyone; public datasets only)."""
    import base64

    from ckanext.lutsk_charter.monitoring.register import MEDIA_TYPES

    data: dict[str, Any] = {"format": fmt}
    if tk.request.args.get("organization"):
        data["organization_id"] = tk.request.args["organization"]
    try:
        result = tk.get_action("lutsk_charter_register_export")(_context(), data)
    except tk.ValidationError:
        return tk.abort(404, _("Organization not found"))
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not download the register of datasets."))
    if fmt == "csv":
        body = result["content"].encode("utf-8-sig")
    else:
        body = base64.b64decode(result["content"])
    return FlaskResponse(
        body,
        mimetype=MEDIA_TYPES[fmt].split(";")[0],
        headers={
            "Content-Type": MEDIA_TYPES[fmt],
            "Content-Disposition": f'attachment; filename="{result["filename"]}"',
        },
    )


@bp.route("/dataset-register.csv")
def register_csv() -> Response:
    """The register of datasets as CSV (UTF-8 with a BOM, for Excel)."""
    return _register_download("csv")


@bp.route("/dataset-register.xlsx")
def register_xlsx() -> Response:
    """The register of datasets as an XLSX workbook."""
    return _register_download("xlsx")


# The other subjects' blueprints; imported last, as they reuse the CSRF check above.
from ckanext.lutsk_charter.views import plan_admin, plan_body  # noqa: E402, F401
from ckanext.lutsk_charter.views.plan import plan_bp  # noqa: E402


def _register_plan_blueprint() -> None:
    import sqlalchemy as sa

    plan_bp.before_request(_check_csrf_token)
    plan_bp.register_error_handler(sa.exc.SQLAlchemyError, _database_error)


_register_plan_blueprint()

__all__ += ["plan_bp"]
