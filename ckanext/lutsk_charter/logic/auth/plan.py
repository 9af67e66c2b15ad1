"""Auth functions of the Charter action plan, one per action. Deny by default.

Sysadmins pass every auth function without it being called, so the functions
that return ``{"success": False}`` are sysadmin-only. Anyone reads an approved
or closed plan and its measures; a draft only sysadmins. A measure's reports
are written by the admins of its lead executor.
"""

from __future__ import annotations

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.lutsk_charter.model.plan import Measure, MeasureReport
from ckanext.lutsk_charter.model.plan_queries import plan_state

_ = tk._


def _plan_state(id_or_name: str | None) -> str | None:
    return plan_state(model.Session, id_or_name)


def _public_plan(id_or_name: str | None) -> AuthResult:
    state = _plan_state(id_or_name)
    if state is None:
        # Nothing to hide: the action answers 404.
        return {"success": True}
    if state == "draft":
        return {"success": False, "msg": _("Only sysadmins may see a draft action plan.")}
    return {"success": True}


def _measure(measure_id: str | None) -> Measure | None:
    return model.Session.get(Measure, measure_id) if measure_id else None


def _public_measure(measure_id: str | None) -> AuthResult:
    measure = _measure(measure_id)
    if measure is None:
        return {"success": True}
    return _public_plan(measure.plan_id)


def _sysadmin_only(message: str) -> AuthResult:
    return {"success": False, "msg": message}


def lutsk_charter_plan_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may manage the action plan."))


def lutsk_charter_plan_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may manage the action plan."))


@tk.auth_allow_anonymous_access
def lutsk_charter_plan_show(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_plan(data_dict.get("id"))


@tk.auth_allow_anonymous_access
def lutsk_charter_plan_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # drafts are left out for all but sysadmins


@tk.auth_allow_anonymous_access
def lutsk_charter_plan_progress(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_plan(data_dict.get("id"))


@tk.auth_allow_anonymous_access
def lutsk_charter_plan_export(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_plan(data_dict.get("id"))


def lutsk_charter_plan_import(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may manage the action plan."))


def lutsk_charter_plan_publish(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may publish the action plan."))


def lutsk_charter_plan_control(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may see the control of the action plan."))


def lutsk_charter_measure_create(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may manage the action plan."))


def lutsk_charter_measure_update(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may manage the action plan."))


@tk.auth_allow_anonymous_access
def lutsk_charter_measure_show(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_measure(data_dict.get("id"))


@tk.auth_allow_anonymous_access
def lutsk_charter_measure_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_plan(data_dict.get("plan_id"))


@tk.auth_allow_anonymous_access
def lutsk_charter_measure_history(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_measure(data_dict.get("id"))


def _lead_admin(context: Context, measure: Measure | None) -> bool:
    user = context.get("user")
    return bool(
        measure is not None
        and measure.lead_organization_id
        and user
        and authz.users_role_for_group_or_org(measure.lead_organization_id, user) == "admin"
    )


def lead_member(context: Context, measure: Measure | None) -> bool:
    """Whether the user is a member (any role) of the measure's lead executor."""
    user = context.get("user")
    return bool(
        measure is not None
        and measure.lead_organization_id
        and user
        and authz.users_role_for_group_or_org(measure.lead_organization_id, user)
    )


def lutsk_charter_report_submit(context: Context, data_dict: DataDict) -> AuthResult:
    if _lead_admin(context, _measure(data_dict.get("measure_id"))):
        return {"success": True}
    return {
        "success": False,
        "msg": _("Only the admins of the measure's lead executor may report on it."),
    }


def lutsk_charter_report_review(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may review the reports on measures."))


@tk.auth_allow_anonymous_access
def lutsk_charter_report_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_measure(data_dict.get("measure_id"))


def report_measure(report_id: str | None) -> Measure | None:
    report = model.Session.get(MeasureReport, report_id) if report_id else None
    return _measure(report.measure_id) if report else None


@tk.auth_allow_anonymous_access
def lutsk_charter_feedback_submit(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_measure(data_dict.get("measure_id"))


def lutsk_charter_feedback_review(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may moderate feedback."))


@tk.auth_allow_anonymous_access
def lutsk_charter_feedback_list(context: Context, data_dict: DataDict) -> AuthResult:
    return _public_measure(data_dict.get("measure_id"))


@tk.auth_allow_anonymous_access
def lutsk_charter_indicator_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}  # figures of public data only


def lutsk_charter_indicator_snapshot(context: Context, data_dict: DataDict) -> AuthResult:
    return _sysadmin_only(_("Only sysadmins may store the daily figures."))


@tk.auth_allow_anonymous_access
def lutsk_charter_report_file_show(context: Context, data_dict: DataDict) -> AuthResult:
    """A report's evidence file: as its report, so anyone for an accepted report of a
    public plan; the lead executor's members and sysadmins for the other states."""
    report_id = data_dict.get("report_id")
    report = model.Session.get(MeasureReport, report_id) if isinstance(report_id, str) else None
    if report is None:
        return {"success": True}  # nothing to hide: the action answers 404
    measure = _measure(report.measure_id)
    if authz.is_sysadmin(context.get("user")) or lead_member(context, measure):
        return {"success": True}
    if report.state == "accepted" and measure is not None:
        return _public_plan(measure.plan_id)
    return {
        "success": False,
        "msg": _("Only the executor's members and the ICT department see a report under review."),
    }
