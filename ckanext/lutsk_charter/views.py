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


def _context() -> Context:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}  # type: ignore[typeddict-item]


def _organization(id_or_name: str) -> dict[str, Any]:
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


def _responsible_page(
    organization: dict[str, Any],
    errors: dict[str, Any] | None = None,
    form: dict[str, Any] | None = None,
) -> str:
    scope = {"organization_id": organization["id"]}
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
        "valid_from": form.get("valid_from", ""),
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
        return _responsible_page(organization, e.error_dict, form)
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
        "valid_to": form.get("valid_to", ""),
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
    else:
        tk.h.flash_success(
            _("The assignment of {name} has ended.").format(name=person["full_name"])
            + " "
            + _notice_text(person)
        )
    return tk.redirect_to("lutsk_charter.responsible", id=organization["name"])


@bp.route("/ckan-admin/responsible-changes")
def responsible_changes() -> str:
    """Sysadmins: changes of responsible persons the ICT department has not yet seen."""
    try:
        feed = tk.get_action("lutsk_charter_responsible_change_list")(
            _context(), {"acknowledged": False, "limit": 200}
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins may see the feed of changes."))
    return tk.render("lutsk_charter/responsible_changes.html", {"feed": feed})


@bp.route("/ckan-admin/responsible-changes/<change_id>/acknowledge", methods=["POST"])
def responsible_change_acknowledge(change_id: str) -> Response:
    try:
        tk.get_action("lutsk_charter_responsible_change_acknowledge")(_context(), {"id": change_id})
    except tk.NotAuthorized:
        return tk.abort(403, _("Only sysadmins may acknowledge changes."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such change."))
    tk.h.flash_success(_("The change is acknowledged."))
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


def _validation(resource_id: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The dataset, the resource and its validation, as the current user may see them."""
    try:
        resource = tk.get_action("resource_show")(_context(), {"id": resource_id})
        dataset = tk.get_action("package_show")(_context(), {"id": resource["package_id"]})
        result = tk.get_action("lutsk_charter_validation_show")(
            _context(), {"resource_id": resource_id}
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not see this resource."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("This resource has not been validated."))
    return dataset, resource, result


@bp.route("/dataset/<id>/resource/<resource_id>/validation")
def validation_report(id: str, resource_id: str) -> str:
    """The validation report of a resource, readable by a person."""
    dataset, resource, result = _validation(resource_id)
    return tk.render(
        "lutsk_charter/validation_report.html",
        {
            "pkg_dict": dataset,
            "resource": resource,
            "result": result,
            "can_run": _can("lutsk_charter_validation_run", {"resource_id": resource_id}),
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


@bp.route("/dataset/<id>/resource/<resource_id>/validation/run", methods=["POST"])
def validation_run(id: str, resource_id: str) -> Response:
    try:
        tk.get_action("lutsk_charter_validation_run")(_context(), {"resource_id": resource_id})
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not do this with this resource."))
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(str(m) for ms in e.error_dict.values() for m in ms))
    else:
        tk.h.flash_success(_("The data will be validated again in a moment."))
    return tk.redirect_to("lutsk_charter.validation_report", id=id, resource_id=resource_id)


# Quality flags: the sysadmins' review queue and each body's flags

_FLAG_FILTERS = ("principle", "code", "severity", "status")
_PAGE_SIZE = 50


def _flag_page(organization: dict[str, Any] | None) -> str:
    query = {k: tk.request.args.get(k, "") for k in _FLAG_FILTERS}
    query["status"] = query["status"] or "open"
    page = max(1, tk.h.get_page_number(tk.request.args))
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
    extra = {
        "flags": flags,
        "filters": filters,
        "pager": pager,
        "can_review": can_review,
        "came_from": tk.request.full_path,
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
    if not came_from.startswith("/"):
        came_from = tk.h.url_for("lutsk_charter.quality_queue")  # never off-site
    ids = form.getlist("flag")
    if not ids:
        tk.h.flash_error(_("Tick the flags to review first."))
        return tk.redirect_to(came_from)
    try:
        result = tk.get_action("lutsk_charter_flag_review")(
            _context(), {"id": ids, "status": form.get("status", ""), "note": form.get("note", "")}
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("Only the body's admins may review its quality flags."))
    except tk.ObjectNotFound as e:
        tk.h.flash_error(str(e))
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(str(m) for ms in e.error_dict.values() for m in ms))
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


def _body_row(body: dict[str, Any]) -> dict[str, Any]:
    """A body's figures flattened to the dashboard's columns."""
    return {
        **{k: body.get(k) for k in ("title", "name", "public", "private", "draft", "open_flags")},
        **body["timeliness"],
        **{k: v for k, v in body["bands"].items() if k != "unscored"},
        "creator": body["creator"],
        "publisher": body["publisher"],
        "last_publication": (body["last_publication"] or "")[:10],
    }


def _monitor(organization: dict[str, Any] | None, everything: bool = False) -> dict[str, Any]:
    """The figures and one page of datasets (every dataset when ``everything``, for exports)."""
    body = tk.request.args.get("body") or None
    page = max(1, tk.h.get_page_number(tk.request.args))
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
        rows.sort(
            key=lambda r: (r[key] is None, r[key] if key != "title" else str(r[key]).casefold()),
            reverse=sort.startswith("-"),
        )
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
        "body": body,
        "state": data.get("state", ""),
    }


def _export(monitor: dict[str, Any], table: str, fmt: str, basename: str) -> Response:
    from ckanext.lutsk_charter.monitoring.exports import MIMETYPES, table_bytes

    if fmt not in MIMETYPES or table not in ("bodies", "datasets", "trend"):
        return tk.abort(404, _("There is no such export."))
    if table == "trend":
        series = tk.h.lutsk_charter_trend_series()
        header = [_("Day"), *(tk.h.lutsk_charter_trend_label(s) for s in series)]
        rows: Any = (
            [p["day"], *(tk.h.lutsk_charter_trend_value(p["figures"], s) for s in series)]
            for p in monitor["trend"]
        )
    else:
        columns = _BODY_COLUMNS if table == "bodies" else _DATASET_COLUMNS
        source = monitor["rows"] if table == "bodies" else monitor["datasets"]
        header = [tk.h.lutsk_charter_monitor_column(c, table) for c in columns]
        rows = ([r.get(c) for c in columns] for r in source)
    content = table_bytes(header, rows, fmt)
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
