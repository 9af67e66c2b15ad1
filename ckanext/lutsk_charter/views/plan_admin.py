"""The ICT department's side of the action plan (sysadmins): control, review, edit forms.

Routes live on ``views.plan.plan_bp``; every one of them is for sysadmins only
(``_sysadmin`` below, then the action's own auth function).
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response

from ckanext.lutsk_charter.plan import pages, present

from .plan import (
    context,
    error_messages,
    field_errors,
    find_measure,
    get_plan,
    language,
    plan_bp,
    plan_progress,
)

_ = tk._


def _sysadmin() -> None:
    if not tk.current_user.is_authenticated or not tk.current_user.sysadmin:  # type: ignore[attr-defined]
        tk.abort(403, _("Only sysadmins (the ICT department) may control the action plan."))


def _plans() -> list[dict[str, Any]]:
    return tk.get_action("lutsk_charter_plan_list")(context(), {})


def _pending_feedback(measure_ids: set[str]) -> list[dict[str, Any]]:
    """Feedback on the plan's measures waiting for a sysadmin."""
    found = tk.get_action("lutsk_charter_feedback_list")(context(), {"state": "pending"})
    return [f for f in found if f["measure_id"] in measure_ids]


@plan_bp.route("/ckan-admin/charter")
def control() -> str:
    """Sysadmins: overdue measures, missing and returned reports, measures without an executor."""
    _sysadmin()
    plans = _plans()
    name = tk.request.args.get("plan") or None
    if not plans and not name:
        return tk.render("lutsk_charter/plan/control.html", {"plan": None, "plans": []})
    plan = get_plan(name) if name else next((p for p in plans if p["current"]), plans[0])
    progress = plan_progress(plan)
    lang = language()
    measures = progress["measures"]
    bodies = pages.body_choices(measures)
    args = tk.request.args
    problems = ("overdue", "missing", "returned", "submitted", "no_executor")
    filters = {
        "principle": args.get("principle", "")
        if args.get("principle") in present.PRINCIPLES
        else "",
        "body": args.get("body", "") if args.get("body") in {b["name"] for b in bodies} else "",
        "status": args.get("status", "") if args.get("status") in present.STATUSES else "",
        "problem": args.get("problem", "") if args.get("problem") in problems else "",
    }
    rows = [
        pages.control_row(pages.measure_view(m, lang, _), m, _)
        for m in pages.filter_measures(
            measures, filters["principle"], filters["body"], filters["status"]
        )
    ]
    if filters["problem"]:
        rows = [r for r in rows if filters["problem"] in r["problems"]]
    sort = args.get("sort", "number")
    rows = pages.sort_rows(rows, sort)
    return tk.render(
        "lutsk_charter/plan/control.html",
        {
            "plan": plan,
            "plans": plans,
            "plan_texts": pages.texts(plan, ("title",), lang),
            "rows": rows,
            "counts": pages.problem_counts(
                [pages.control_row(pages.measure_view(m, lang, _), m, _) for m in measures]
            ),
            "bodies": bodies,
            "filters": filters,
            "sort": sort,
            "statuses": present.STATUSES,
            "principle_labels": present.PRINCIPLES,
            "problems": {
                "overdue": _("overdue"),
                "missing": _("report missing"),
                "returned": _("report returned"),
                "submitted": _("report waiting for review"),
                "no_executor": _("no executor"),
            },
            "feedback": _pending_feedback({m["id"] for m in measures}),
            "measure_titles": {m["id"]: f"{m['number']}. {m['title_uk']}" for m in measures},
        },
    )


def _versions(measure_id: str, period: str) -> list[dict[str, Any]]:
    """Every version of the measure's report for ``period``, oldest first (404 when none)."""
    try:
        versions = tk.get_action("lutsk_charter_report_list")(
            context(), {"measure_id": measure_id, "period": period, "all_versions": True}
        )
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such report."))
    except tk.ValidationError as e:
        return tk.abort(409, " ".join(error_messages(e.error_dict)))
    if not versions:
        return tk.abort(404, _("There is no such report."))
    return sorted(versions, key=lambda r: r["version"])


#: The review buttons and the report state each one records.
_DECISIONS = {"accept": "accepted", "return": "returned"}


@plan_bp.route("/ckan-admin/charter/measure/<measure_id>/report/<period>", methods=["GET", "POST"])
def report_review(measure_id: str, period: str) -> Response | str:
    """Sysadmins: a report with its earlier versions; accept it or return it with a comment."""
    _sysadmin()
    versions = _versions(measure_id, period)
    latest = versions[-1]
    measure = tk.get_action("lutsk_charter_measure_show")(context(), {"id": measure_id})
    lang = language()
    errors: dict[str, Any] = {}
    form: dict[str, Any] = {}
    if tk.request.method == "POST":
        form = {k: tk.request.form.get(k, "") for k in ("decision", "comment")}
        try:
            tk.get_action("lutsk_charter_report_review")(
                context(),
                {
                    "id": latest["id"],
                    "state": _DECISIONS.get(form["decision"], form["decision"]),
                    "comment": form["comment"],
                },
            )
        except tk.NotAuthorized:
            return tk.abort(403, _("Only sysadmins may review the reports on measures."))
        except tk.ValidationError as e:
            errors = e.error_dict
        else:
            if form["decision"] == "accept":
                tk.h.flash_success(_("The report is accepted."))
            else:
                tk.h.flash_success(_("The report is returned to the executor with your comment."))
            return tk.redirect_to(
                "lutsk_charter_plan.report_review", measure_id=measure_id, period=period
            )
    view = pages.measure_view(measure, lang, _)
    page = tk.render(
        "lutsk_charter/plan/report_review.html",
        {
            "measure": view,
            "raw": measure,
            "latest": latest,
            "period_text": present.period_text(period, _),
            "versions": [
                {**r, "state_label": _(present.REPORT_STATES.get(r["state"], r["state"]))}
                for r in reversed(versions)
            ],
            "form": form,
            "errors": field_errors(errors),
            "error_summary": error_messages(errors),
        },
    )
    return (page, 409) if errors else page  # type: ignore[return-value]


@plan_bp.route("/ckan-admin/charter/feedback/<feedback_id>/review", methods=["POST"])
def feedback_review(feedback_id: str) -> Response:
    """Sysadmins: publish a member of the public's feedback, or reject it."""
    _sysadmin()
    decision = tk.request.form.get("decision", "")
    try:
        tk.get_action("lutsk_charter_feedback_review")(
            context(),
            {
                "id": feedback_id,
                "state": {"approve": "approved", "reject": "rejected"}.get(decision, decision),
            },
        )
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such feedback."))
    except tk.ValidationError as e:
        tk.h.flash_error(" ".join(error_messages(e.error_dict)))
    else:
        if decision == "approve":
            tk.h.flash_success(_("The feedback is published on the measure's page."))
        else:
            tk.h.flash_success(_("The feedback is rejected; it is not shown."))
    return tk.redirect_to(
        tk.request.form.get("came_from") or tk.h.url_for("lutsk_charter_plan.control")
    )


_PLAN_FIELDS = (
    "name",
    "title_uk",
    "title_en",
    "description_uk",
    "description_en",
    "period_start",
    "period_end",
    "document_number",
    "document_date",
    "document_url",
    "state",
    "reporting_period",
    "report_due_day",
)


def _plan_form(plan: dict[str, Any] | None) -> Response | str:
    errors: dict[str, Any] = {}
    if plan:
        values: dict[str, Any] = {k: plan.get(k) or "" for k in _PLAN_FIELDS}
        document = plan.get("document") or {}
        values |= {f"document_{k}": document.get(k) or "" for k in ("number", "date", "url")}
        values["current"] = plan.get("current")
    else:
        values = {"state": "draft", "reporting_period": "half_year", "report_due_day": "10"}
    if tk.request.method == "POST":
        form = tk.request.form
        values = {k: form.get(k, "").strip() for k in _PLAN_FIELDS}
        values["current"] = form.get("current") == "true"
        data: dict[str, Any] = {k: v for k, v in values.items() if v != "" or k.endswith("_en")}
        action = "lutsk_charter_plan_update" if plan else "lutsk_charter_plan_create"
        if plan:
            data["id"] = plan["id"]
        try:
            saved = tk.get_action(action)(context(), data)
        except tk.NotAuthorized:
            return tk.abort(403, _("Only sysadmins may manage action plans."))
        except tk.ValidationError as e:
            errors = e.error_dict
        else:
            tk.h.flash_success(_("The action plan is saved."))
            return tk.redirect_to("lutsk_charter_plan.control", plan=saved["name"])
    page = tk.render(
        "lutsk_charter/plan/plan_form.html",
        {
            "plan": plan,
            "form": values,
            "errors": field_errors(errors),
            "error_summary": error_messages(errors),
            "states": present.PLAN_STATES,
            "reporting_periods": present.REPORTING_PERIODS,
        },
    )
    return (page, 409) if errors else page  # type: ignore[return-value]


@plan_bp.route("/ckan-admin/charter/plan/new", methods=["GET", "POST"])
def plan_new() -> Response | str:
    """Sysadmins: a new action plan (every text in Ukrainian and English)."""
    _sysadmin()
    return _plan_form(None)


@plan_bp.route("/ckan-admin/charter/plan/<plan_name>/edit", methods=["GET", "POST"])
def plan_edit(plan_name: str) -> Response | str:
    """Sysadmins: change an action plan."""
    _sysadmin()
    return _plan_form(get_plan(plan_name))


from .plan_measure_form import measure_form  # noqa: E402


@plan_bp.route("/ckan-admin/charter/<plan_name>/measure/new", methods=["GET", "POST"])
def measure_new(plan_name: str) -> Response | str:
    """Sysadmins: a new measure of the plan."""
    _sysadmin()
    return measure_form(get_plan(plan_name), None)


@plan_bp.route("/ckan-admin/charter/<plan_name>/measure/<number>/edit", methods=["GET", "POST"])
def measure_edit(plan_name: str, number: str) -> Response | str:
    """Sysadmins: change a measure: its texts, executors, deadline (with the document that
    moved it) and status (with the reason of a cancellation)."""
    _sysadmin()
    plan = get_plan(plan_name)
    row = find_measure(plan_progress(plan), number)
    measure = tk.get_action("lutsk_charter_measure_show")(context(), {"id": row["id"]})
    return measure_form(plan, measure)
