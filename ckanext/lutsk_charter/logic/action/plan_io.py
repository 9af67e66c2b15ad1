"""Actions of the action plan's control page, import, export and publication."""

from __future__ import annotations

import base64
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import config, publishing
from ckanext.lutsk_charter.clock import today
from ckanext.lutsk_charter.logic import schema_plan_reports as schema
from ckanext.lutsk_charter.logic.context import commit, session_of
from ckanext.lutsk_charter.logic.errors import flatten_errors
from ckanext.lutsk_charter.model import plan_queries
from ckanext.lutsk_charter.model.queries import org_summaries
from ckanext.lutsk_charter.plan import rows as plan_rows
from ckanext.lutsk_charter.plan import service
from ckanext.lutsk_charter.plan.progress import progress

_ = tk._


def _copy(context: Any) -> Any:
    """A fresh context for an inner action call, as CKAN expects one per call."""
    return dict(context)


def _filtered(measures: list[dict[str, Any]], data_dict: DataDict) -> list[dict[str, Any]]:
    if data_dict.get("principle"):
        measures = [m for m in measures if data_dict["principle"] in m["principles"]]
    if data_dict.get("organization_id"):
        body = data_dict["organization_id"]
        measures = [m for m in measures if (m["lead_organization"] or {}).get("id") == body]
    if data_dict.get("status"):
        measures = [m for m in measures if m["status"] == data_dict["status"]]
    return measures


def _brief(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": m["id"],
        "number": m["number"],
        "title_uk": m["title_uk"],
        "title_en": m["title_en"],
        "principles": m["principles"],
        "lead_organization": m["lead_organization"],
        "status": m["status"],
        "deadline": m["deadline"],
        "progress": m["progress"],
    }


@tk.side_effect_free
@tk.validate_action_data(schema.plan_control)
def lutsk_charter_plan_control(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The ICT department's control of a plan on a day (sysadmins only).

    :param id: the plan's id or name (default: the current plan)
    :type id: string
    :param date: the day (default today)
    :type date: string
    :param principle: only measures serving this principle
    :type principle: string
    :param organization_id: only measures this body leads
    :type organization_id: string
    :param status: only measures in this status
    :type status: string

    :returns: ``plan``, ``date``, ``overdue`` (measures), ``without_executor``
        (measures), ``missing`` / ``returned`` / ``awaiting_review`` (reports: the
        measure's fields plus ``period``, ``due``, ``report_id``) and ``periods``
        (per reporting period begun by the day: ``period``, ``due``, ``missing``,
        ``returned``, ``submitted``, ``accepted`` counts)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_plan_control", context, data_dict)
    plan = service.get_plan(session_of(context), data_dict.get("id"))
    day = data_dict.get("date") or today()
    figures = progress(session_of(context), plan, day)
    measures = _filtered(figures["measures"], data_dict)
    by_state: dict[str, list[dict[str, Any]]] = {"missing": [], "returned": [], "submitted": []}
    periods: dict[str, dict[str, Any]] = {}
    for m in measures:
        for r in m["reports"]:
            counts = periods.setdefault(
                r["period"],
                {"period": r["period"], "due": r["due"], "missing": 0, "returned": 0,
                 "submitted": 0, "accepted": 0, "open": 0},
            )  # fmt: skip
            counts[r["state"]] += 1
            if r["state"] in by_state:
                by_state[r["state"]].append(
                    {
                        **_brief(m),
                        "period": r["period"],
                        "due": r["due"],
                        "report_id": r["report_id"],
                    }
                )
    return {
        "plan": figures["plan"],
        "date": figures["date"],
        "overdue": [_brief(m) for m in measures if m["overdue"]],
        "without_executor": [
            _brief(m) for m in measures if not m["lead_organization"] and m["status"] != "cancelled"
        ],
        "missing": by_state["missing"],
        "returned": by_state["returned"],
        "awaiting_review": by_state["submitted"],
        "periods": sorted(periods.values(), key=lambda p: p["period"]),
    }


@tk.side_effect_free
@tk.validate_action_data(schema.plan_export)
def lutsk_charter_plan_export(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A plan's measures with their progress on a day, as rows, CSV or JSON.

    The rows' first columns are those ``lutsk_charter_plan_import`` reads (so an
    export imports back); then ``deadline_date``, ``overdue``, ``progress``,
    ``indicator_value`` and ``reports``. No CSV cell is a live formula.

    :param id: the plan's id or name (default: the current plan)
    :type id: string
    :param date: the day of the progress (default today)
    :type date: string
    :param format: ``rows`` (default), ``csv`` or ``json`` (the whole
        ``lutsk_charter_plan_progress``)
    :type format: string

    :returns: ``{"filename", "format", "columns", "rows"}`` and for csv/json ``content``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_plan_export", context, data_dict)
    plan = service.get_plan(session_of(context), data_dict.get("id"))
    figures = progress(session_of(context), plan, data_dict.get("date") or today())
    rows = plan_rows.export_rows(figures["measures"])
    fmt = data_dict.get("format") or "rows"
    result: dict[str, Any] = {
        "filename": f"{plan.name}-{figures['date']}.{'csv' if fmt == 'rows' else fmt}",
        "format": fmt,
        "columns": [*plan_rows.COLUMNS, *plan_rows.PROGRESS_COLUMNS],
        "rows": rows,
    }
    if fmt == "csv":
        result["content"] = plan_rows.csv_text(rows)
    elif fmt == "json":
        result["content"] = plan_rows.json_text(figures)
    return result


def _bodies_by_name(context: Context) -> dict[str, str]:
    found: dict[str, str] = {}
    for body in org_summaries(None, session_of(context)).values():
        found[body["name"]] = found[body["id"]] = body["id"]
    return found


def _messages(error: tk.ValidationError) -> str:
    """``field: reason reason; field: reason`` of a row's problems."""
    by_field: dict[str, list[str]] = {}
    for problem in flatten_errors(error.error_dict or {}):
        by_field.setdefault(problem["field"], []).append(problem["reason"])
    return "; ".join(f"{field}: {' '.join(texts)}" for field, texts in by_field.items())


@tk.validate_action_data(schema.plan_import)
def lutsk_charter_plan_import(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Load a plan's measures from a table (sysadmins only): all or nothing.

    One measure per row, the columns of ``lutsk_charter_plan_export`` (``number``,
    ``title_uk``, ``principles`` — codes, comma-separated —, ``deadline_kind``
    required; bodies by name). A row whose number the plan has updates that
    measure, any other creates one. When a row is bad nothing is stored and the
    error lists every bad line by its number in the file (the header is line 1).

    :param id: the plan's id or name
    :type id: string
    :param upload: the file (CSV or XLSX), or give ``content``
    :type upload: file
    :param content: the file's content: CSV text, or XLSX in base64
    :type content: string
    :param format: ``csv`` or ``xlsx`` (default: from the upload's name, else csv)
    :type format: string
    :param dry_run: check every row, store nothing (default false)
    :type dry_run: bool

    :returns: ``{"created": n, "updated": n, "unchanged": n, "rows": n, "dry_run": bool}``
    :rtype: dictionary
    :raises: ``ValidationError`` (409): ``{"rows": ["рядок 3: ...", ...]}`` or ``{"upload": [...]}``
    """
    tk.check_access("lutsk_charter_plan_import", context, data_dict)
    session = session_of(context)
    plan = service.get_plan(session, data_dict["id"])
    content, fmt = _content(data_dict)
    try:
        table = plan_rows.read_table(content, fmt)
    except plan_rows.BadFile as e:
        raise tk.ValidationError(
            {
                "upload": [
                    _("The file cannot be read as a table of measures ({reason}).").format(reason=e)
                ]
            }
        ) from e
    bodies = _bodies_by_name(context)
    existing = {m.number: m.id for m in plan_queries.plan_measures(session, plan.id)}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    errors: list[str] = []
    outer = session.begin_nested()
    inner_context: Any = {
        "user": context.get("user", ""),
        "session": session,
        "defer_commit": True,
        "ignore_auth": True,
    }
    for line, values in table:
        data = plan_rows.measure_data(values, bodies)
        savepoint = session.begin_nested()
        try:
            number = data.get("number", "")
            if number in existing:
                before = len(service.history(session, existing[number]))
                tk.get_action("lutsk_charter_measure_update")(
                    _copy(inner_context), {**data, "id": existing[number]}
                )
                changed = len(service.history(session, existing[number])) > before
                counts["updated" if changed else "unchanged"] += 1
            else:
                created = tk.get_action("lutsk_charter_measure_create")(
                    _copy(inner_context), {**data, "plan_id": plan.id}
                )
                existing[number] = created["id"]
                counts["created"] += 1
            savepoint.commit()
        except tk.ValidationError as e:
            savepoint.rollback()
            errors.append(_("line {line}: {problems}").format(line=line, problems=_messages(e)))
    if errors or data_dict.get("dry_run"):
        outer.rollback()
    else:
        outer.commit()
    if errors:
        raise tk.ValidationError({"rows": errors})
    if not data_dict.get("dry_run"):
        commit(context)
    return {**counts, "rows": len(table), "dry_run": bool(data_dict.get("dry_run"))}


def _content(data_dict: DataDict) -> tuple[bytes, str]:
    upload = data_dict.get("upload")
    fmt = data_dict.get("format")
    if upload is not None:
        name = (getattr(upload, "filename", "") or "").lower()
        fmt = fmt or ("xlsx" if name.endswith(".xlsx") else "csv")
        return upload.read(), fmt
    content = data_dict.get("content")
    if not content:
        raise tk.ValidationError({"upload": [_("Send the file of measures (upload or content).")]})
    fmt = fmt or "csv"
    if fmt == "xlsx":
        try:
            return base64.b64decode(content, validate=True), fmt
        except ValueError as e:
            raise tk.ValidationError({"content": [_("XLSX content must be in base64.")]}) from e
    return content.encode("utf-8"), fmt


_DATASET = {
    "title": "План заходів з впровадження принципів Міжнародної хартії відкритих даних",
    "notes": (
        "Чинний план заходів Луцької міської ради з впровадження принципів Міжнародної "
        "хартії відкритих даних: заходи за принципами Хартії, виконавці, строки, "
        "індикатори, стан виконання та звіти. Формується автоматично з даних порталу щодня."
    ),
    "tag_string": "хартія відкритих даних, план заходів, відкриті дані",
    "update_frequency": "once a day",
    "purpose_of_collecting_information": (
        "Оприлюднення плану заходів з впровадження принципів Міжнародної хартії відкритих "
        "даних і стану його виконання (розпорядження міського голови)."
    ),
    "legal_basis": "Розпорядження міського голови від 07.03.2024 № 123",
    "language": "ua",
    "license_id": "cc-by",
}
_RESOURCES = {
    "csv": {"name": "Заходи та стан виконання (CSV)", "format": "CSV", "mimetype": "text/csv"},
    "json": {
        "name": "План і стан виконання (JSON)",
        "format": "JSON",
        "mimetype": "application/json",
    },
}


@tk.validate_action_data(schema.plan_publish)
def lutsk_charter_plan_publish(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish the current plan and its progress as a dataset with a CSV and a JSON resource.

    Sysadmins only; ``ckan lutsk-charter plan publish`` runs it from cron. The
    dataset named by ``ckanext.lutsk_charter.plan.dataset`` is created (owned by
    the body named by ``ckanext.lutsk_charter.register.organization``) or
    updated, and its two files are replaced by today's export.

    :param id: the plan's id or name (default: the current plan)
    :type id: string

    :returns: ``{"dataset_id", "name", "created", "measures",
        "resources": {"csv": id, "json": id}}``
    :rtype: dictionary
    :raises: ``ValidationError`` when ``ckanext.lutsk_charter.register.organization``
        is not set or names no organization
    """
    tk.check_access("lutsk_charter_plan_publish", context, data_dict)
    plan = service.get_plan(session_of(context), data_dict.get("id"))
    if plan.state == "draft":
        raise tk.ValidationError({"id": [_("A draft plan is not published.")]})
    owner = config.register_organization()
    group = model.Group.get(owner) if owner else None
    if group is None or not group.is_organization:
        raise tk.ValidationError(
            {
                "organization": [
                    _("Set ckanext.lutsk_charter.register.organization to the body that publishes.")
                ]
            }
        )
    figures = progress(session_of(context), plan, today())
    rows = plan_rows.export_rows(figures["measures"])
    contents = {
        "csv": plan_rows.csv_text(rows).encode("utf-8"),
        "json": plan_rows.json_text(figures).encode("utf-8"),
    }
    user = context.get("user", "")
    fields = {**_DATASET, "name": config.plan_dataset(), "owner_org": group.id, "private": False}
    dataset, created = publishing.ensure_dataset(user, fields)
    files = [
        publishing.File(
            fmt, {"name": meta["name"], "format": meta["format"]}, contents[fmt], meta["mimetype"]
        )
        for fmt, meta in _RESOURCES.items()
    ]
    resources = publishing.replace_files(user, dataset, files)
    return {**publishing.published(dataset, created, resources), "measures": len(rows)}
