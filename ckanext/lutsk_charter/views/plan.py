"""The Charter action plan's pages: the public plan, a measure, the documents (clause 1.3).

Views parse the request, call the plan actions (``tk.get_action``), hand the
results to ``plan.pages`` and render. The ICT control page, the review and edit
forms are in ``views/plan_admin.py``, the body's tab in ``views/plan_body.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response
from flask import Blueprint
from flask import Response as FlaskResponse

from ckanext.lutsk_charter.logic.errors import reasons as error_messages
from ckanext.lutsk_charter.plan import pages, present
from ckanext.lutsk_charter.views.base import context, keep_form, kept_form

__all__ = ["context", "error_messages", "keep_form", "kept_form", "plan_bp"]

plan_bp = Blueprint("lutsk_charter_plan", __name__)
_ = tk._


def language() -> str:
    """The page's language: ``en`` on the English UI, else Ukrainian."""
    return "en" if tk.h.lang() == "en" else "uk"


def field_errors(errors: dict[str, Any]) -> dict[str, str]:
    """``{field: "message; message"}`` for the form macros."""
    return {
        k: "; ".join(error_messages({k: v})) for k, v in errors.items() if error_messages({k: v})
    }


def get_plan(name: str | None) -> dict[str, Any]:
    """The plan (``None``: the current one) or a 404 in words."""
    if name is not None and ("\x00" in name or len(name) > 100):
        return tk.abort(404, _("There is no such action plan."))
    data = {"id": name} if name else {}
    try:
        return tk.get_action("lutsk_charter_plan_show")(context(), data)
    except tk.ObjectNotFound:
        if name is None:
            return tk.abort(404, _("There is no current action plan yet."))
        return tk.abort(404, _("There is no such action plan."))
    except tk.NotAuthorized:
        return tk.abort(404, _("There is no such action plan."))


def plan_progress(plan: dict[str, Any], day: dt.date | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": plan["id"]}
    if day:
        data["date"] = day.isoformat()
    try:
        return tk.get_action("lutsk_charter_plan_progress")(context(), data)
    except tk.ValidationError as e:
        return tk.abort(409, " ".join(error_messages(e.error_dict)))


def find_measure(progress: dict[str, Any], number_or_id: str) -> dict[str, Any]:
    """The plan's measure with this number or id, or a 404 in words."""
    for measure in progress["measures"]:
        if number_or_id in (measure["id"], measure["number"]):
            return measure
    return tk.abort(404, _("The plan has no measure {number}.").format(number=number_or_id[:20]))


def _choice(name: str, allowed: Any) -> str:
    value = tk.request.args.get(name, "")
    return value if value in allowed else ""


@plan_bp.route("/charter")
@plan_bp.route("/charter/<plan_name>")
def public(plan_name: str | None = None) -> str:
    """Anyone: the plan, its progress per Charter principle and its measures."""
    plan = get_plan(plan_name)
    progress = plan_progress(plan)
    lang = language()
    measures = progress["measures"]
    bodies = pages.body_choices(measures)
    filters = {
        "principle": _choice("principle", present.PRINCIPLES),
        "body": _choice("body", {b["name"] for b in bodies}),
        "status": _choice("status", present.STATUSES),
    }
    shown = pages.filter_measures(measures, **filters)
    sections = []
    for code, label in present.PRINCIPLES.items():
        rows = [
            pages.measure_view(m, lang, _)
            for m in shown
            if (m.get("principles") or [None])[0] == code
        ]
        if rows:
            sections.append({"code": code, "label": _(label), "measures": rows})
    try:
        plans = tk.get_action("lutsk_charter_plan_list")(context(), {})
    except tk.NotAuthorized:
        plans = []
    return tk.render(
        "lutsk_charter/plan/public.html",
        {
            "plan": plan,
            "plan_texts": pages.texts(plan, ("title", "description"), lang),
            "progress": progress,
            "totals": progress["totals"],
            "principles": pages.principle_rows(progress, _),
            "sections": sections,
            "shown_count": len(shown),
            "bodies": bodies,
            "filters": filters,
            "statuses": present.STATUSES,
            "principle_labels": present.PRINCIPLES,
            "approved_by": present.approved_by(plan, _),
            "plans": [
                {**p, "state_label": _(present.PLAN_STATES.get(p["state"], p["state"]))}
                for p in plans
                if p["id"] != plan["id"]
            ],
            "plan_state_label": _(present.PLAN_STATES.get(plan["state"], plan["state"])),
            "period": (
                present.format_date(plan.get("period_start")),
                present.format_date(plan.get("period_end")),
            ),
            "as_of": present.format_date(progress["date"]),
            "language": lang,
            "today": dt.date.fromisoformat(progress["date"]),
        },
    )


def _evidence(measure: dict[str, Any]) -> list[dict[str, str]]:
    """The evidence datasets the reader may see, by title."""
    found = []
    for dataset_id in (measure.get("evidence") or {}).get("dataset_ids") or ():
        try:
            dataset = tk.get_action("package_show")(context(), {"id": dataset_id})
        except (tk.ObjectNotFound, tk.NotAuthorized):
            continue
        found.append({"name": dataset["name"], "title": dataset.get("title") or dataset["name"]})
    return found


def _reports(measure_id: str, accepted_only: bool) -> list[dict[str, Any]]:
    try:
        reports = tk.get_action("lutsk_charter_report_list")(context(), {"measure_id": measure_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return []
    if isinstance(reports, dict):
        reports = reports.get("results") or reports.get("reports") or []
    return [r for r in reports if not accepted_only or r.get("state") == "accepted"]


def _feedback(measure_id: str) -> list[dict[str, Any]]:
    try:
        found = tk.get_action("lutsk_charter_feedback_list")(
            context(), {"measure_id": measure_id, "state": "approved"}
        )
    except (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError):
        return []
    if isinstance(found, dict):
        found = found.get("results") or []
    return [f for f in found if f.get("state", "approved") == "approved"]


@plan_bp.route("/charter/<plan_name>/measure/<number>")
def measure(plan_name: str, number: str) -> str:
    """Anyone: one measure, its indicator, deadline history, reports and public feedback."""
    plan = get_plan(plan_name)
    row = find_measure(plan_progress(plan), number)
    lang = language()
    try:
        shown = tk.get_action("lutsk_charter_measure_show")(context(), {"id": row["id"]})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return tk.abort(404, _("The plan has no measure {number}.").format(number=number[:20]))
    view = pages.measure_view({**shown, **row}, lang, _)
    reports = [
        {
            **r,
            "texts": pages.texts(r, ("text",), lang),
            "period_text": present.period_text(r.get("period") or "", _),
        }
        for r in _reports(row["id"], True)
    ]
    values, errors = kept_form(f"feedback:{row['id']}")
    return tk.render(
        "lutsk_charter/plan/measure.html",
        {
            "plan": plan,
            "plan_texts": pages.texts(plan, ("title",), lang),
            "measure": view,
            "raw": shown,
            "deadline_changes": [
                {
                    **change,
                    "old_text": present.deadline_text(
                        (change.get("old") or {}).get("kind"),
                        (change.get("old") or {}).get("value"),
                        None,
                        _,
                    ),
                    "new_text": present.deadline_text(
                        (change.get("new") or {}).get("kind"),
                        (change.get("new") or {}).get("value"),
                        None,
                        _,
                    ),
                }
                for change in shown.get("deadline_changes") or ()
            ],
            "evidence_datasets": _evidence(shown),
            "evidence_items": (shown.get("evidence") or {}).get("item_codes") or [],
            "reports": reports,
            "feedback": _feedback(row["id"]),
            "form": values,
            "errors": field_errors(errors),
            "error_summary": error_messages(errors),
            "language": lang,
        },
    )


@plan_bp.route("/charter/<plan_name>/measure/<number>/feedback", methods=["POST"])
def feedback(plan_name: str, number: str) -> Response:
    """Anyone: send feedback on a measure (shown after a sysadmin approves it)."""
    plan = get_plan(plan_name)
    row = find_measure(plan_progress(plan), number)
    form = {k: tk.request.form.get(k, "") for k in ("name", "email", "text")}
    target = tk.h.url_for(
        "lutsk_charter_plan.measure", plan_name=plan["name"], number=row["number"]
    )
    try:
        tk.get_action("lutsk_charter_feedback_submit")(
            context(),
            {
                "measure_id": row["id"],
                **form,
            },
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("Feedback on this measure is not accepted."))
    except tk.ValidationError as e:
        tk.h.flash_error(_("Your feedback was not sent: check the marked fields."))
        keep_form(f"feedback:{row['id']}", form, e.error_dict)
        return tk.redirect_to(target + "#feedback")
    tk.h.flash_success(
        _("Thank you! Your feedback is stored and will be shown after a moderator reviews it.")
    )
    return tk.redirect_to(target + "#feedback")


#: The documents of clause 1.3.
DOCUMENTS = ("plan", "progress")


@plan_bp.route("/charter/<plan_name>/<document>-<lang>.<fmt>")
def document(plan_name: str, document: str, lang: str, fmt: str) -> Response:
    """Anyone: the plan or its progress report as DOCX or XLSX, in Ukrainian or English.

    ``?date=YYYY-MM-DD`` chooses the day of a progress report (default today).
    """
    from ckanext.lutsk_charter.plan.documents import (
        LANGUAGES,
        MEDIA_TYPES,
        document_bytes,
        translator,
    )

    if document not in DOCUMENTS or lang not in LANGUAGES or fmt not in MEDIA_TYPES:
        return tk.abort(404, _("There is no such document."))
    day = None
    if tk.request.args.get("date"):
        try:
            day = dt.date.fromisoformat(tk.request.args["date"])
        except ValueError:
            return tk.abort(
                400, _("The date must be written as YYYY-MM-DD, for example 2025-07-01.")
            )
    plan = get_plan(plan_name)
    progress = plan_progress(plan, day)
    content = document_bytes(
        present.plan_document(
            plan,
            progress["measures"],
            lang,  # type: ignore[arg-type]
            translator(lang),  # type: ignore[arg-type]
            kind="progress" if document == "progress" else "plan",
            as_of=dt.date.fromisoformat(progress["date"]),
            address=tk.h.url_for(
                "lutsk_charter_plan.public", plan_name=plan["name"], _external=True
            ),
        ),
        fmt,
    )
    suffix = f"-{progress['date']}" if document == "progress" else ""
    response = FlaskResponse(content, mimetype=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{plan["name"]}-{document}{suffix}-{lang}.{fmt}"'
    )
    return response


@plan_bp.route("/charter/report/<report_id>/file/<path:name>")
def report_file(report_id: str, name: str) -> Response:
    """A report's evidence file, for whoever may read the report (else 403/404 in words)."""
    from ckan import model
    from flask import send_file

    from ckanext.lutsk_charter.plan.reports import stored_file

    if "\x00" in report_id or "\x00" in name or len(report_id) > 100 or len(name) > 300:
        return tk.abort(404, _("The report has no such file."))
    found = tk.get_action("lutsk_charter_report_file_show")(
        context(), {"report_id": report_id, "name": name}
    )
    path = stored_file(model.Session, found["report_id"], found["name"])
    if path is None:
        return tk.abort(404, _("The report has no such file."))
    return send_file(path, as_attachment=True, download_name=found["name"])
