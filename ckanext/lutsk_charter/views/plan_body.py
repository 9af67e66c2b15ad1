"""A body's tab of the action plan: its measures, their reporting periods, the report form."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response

from ckanext.lutsk_charter.plan import pages, present
from ckanext.lutsk_charter.views.base import organization as find_organization

from .plan import (
    context,
    error_messages,
    field_errors,
    get_plan,
    keep_form,
    kept_form,
    language,
    plan_bp,
)

_ = tk._

#: Report states the executor may (re)submit for.
_OPEN_STATES = ("open", "missing", "returned")


def _member(organization: dict[str, Any]) -> bool:
    user = tk.current_user
    if not user.is_authenticated:
        return False
    if user.sysadmin:  # type: ignore[attr-defined]
        return True
    from ckan import authz

    return bool(authz.users_role_for_group_or_org(organization["id"], user.name))  # type: ignore[attr-defined]


def _returned_comments(measure_id: str) -> dict[str, dict[str, Any]]:
    """``{period: latest version}`` of the measure's reports (for the returned ones' comments)."""
    try:
        found = tk.get_action("lutsk_charter_report_list")(context(), {"measure_id": measure_id})
    except (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError):
        return {}
    found = found.get("results", []) if isinstance(found, dict) else found
    latest: dict[str, dict[str, Any]] = {}
    for report in found:
        if (
            report["period"] not in latest
            or report["version"] > latest[report["period"]]["version"]
        ):
            latest[report["period"]] = report
    return latest


@plan_bp.route("/organization/charter/<id>")
def body(id: str) -> str:
    """The body's members: its measures (lead and co-executor) and reports; admins report."""
    organization = find_organization(id)
    if not _member(organization):
        return tk.abort(403, _("Only the members of the body may see its measures of the plan."))
    try:
        plan = tk.get_action("lutsk_charter_plan_show")(context(), {})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        plan = None
    extra = {"group_dict": organization, "group_type": "organization", "organization": organization}
    if plan is None:
        return tk.render("lutsk_charter/plan/body.html", {"plan": None, **extra})
    lang = language()
    measures = tk.get_action("lutsk_charter_measure_list")(
        context(), {"plan_id": plan["id"], "organization_id": organization["id"]}
    )
    rows = []
    for measure in measures:
        view = pages.control_row(pages.measure_view(measure, lang, _), measure, _)
        lead = (measure.get("lead_organization") or {}).get("id") == organization["id"]
        view["lead_here"] = lead
        view["may_report"] = lead and _can_report(measure["id"])
        latest = _returned_comments(measure["id"]) if lead else {}
        for period in view["periods"]:
            period["latest"] = latest.get(period["period"])
            period["open"] = period["state"] in _OPEN_STATES
        values, errors = kept_form(f"report:{measure['id']}")
        view["form"] = values
        view["errors"] = field_errors(errors)
        view["error_summary"] = error_messages(errors)
        rows.append(view)
    return tk.render(
        "lutsk_charter/plan/body.html",
        {
            "plan": plan,
            "plan_texts": pages.texts(plan, ("title",), lang),
            "rows": rows,
            **extra,
        },
    )


def _can_report(measure_id: str) -> bool:
    try:
        tk.check_access("lutsk_charter_report_submit", context(), {"measure_id": measure_id})
    except tk.NotAuthorized:
        return False
    return True


@plan_bp.route("/organization/charter/<id>/report", methods=["POST"])
def report_submit(id: str) -> Response:
    """The lead executor's admins: a report for a measure and period (a new version)."""
    organization = find_organization(id)
    form = tk.request.form
    measure_id = form.get("measure_id", "")
    values = {
        k: form.get(k, "")
        for k in ("measure_id", "period", "text_uk", "text_en", "percent", "links")
    }
    data: dict[str, Any] = {
        "measure_id": measure_id,
        "period": values["period"],
        "text_uk": values["text_uk"],
        "text_en": values["text_en"],
        "percent": values["percent"],
        "links": [line.strip() for line in values["links"].splitlines() if line.strip()],
    }
    upload = tk.request.files.get("file")
    if upload is not None and upload.filename:
        data["upload"] = upload
    target = tk.h.url_for("lutsk_charter_plan.body", id=organization["name"])
    try:
        tk.get_action("lutsk_charter_report_submit")(context(), data)
    except tk.NotAuthorized:
        return tk.abort(403, _("Only the admins of the measure's lead executor may report on it."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("There is no such measure."))
    except tk.ValidationError as e:
        tk.h.flash_error(_("The report was not sent: check the marked fields."))
        keep_form(f"report:{measure_id}", values, e.error_dict)
        return tk.redirect_to(target + f"#report-{measure_id}")
    tk.h.flash_success(
        _("The report for {period} is sent; the ICT department will review it.").format(
            period=present.period_text(values["period"], _)
        )
    )
    return tk.redirect_to(target)


__all__ = ["body", "get_plan", "report_submit"]
