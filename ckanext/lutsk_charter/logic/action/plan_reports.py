"""Actions of the action plan's reports (by the executors) and feedback (by the public)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.logic import schema_plan_reports as schema
from ckanext.lutsk_charter.logic.auth.plan import lead_member
from ckanext.lutsk_charter.logic.context import commit, is_sysadmin, session_of, user_id
from ckanext.lutsk_charter.model import plan_queries
from ckanext.lutsk_charter.model.plan import Measure, MeasureFeedback, MeasureReport
from ckanext.lutsk_charter.plan import reports, service

_ = tk._

#: The activity type of a report on the executor's organization (rendered by
#: ``templates/snippets/activities/lutsk_charter_report.html``).
REPORT_ACTIVITY = "lutsk_charter report"


def _measure(context: Context, measure_id: str) -> Measure:
    try:
        return service.get_measure(session_of(context), measure_id)
    except tk.ObjectNotFound as e:
        raise tk.ValidationError({"measure_id": [_("There is no such measure.")]}) from e


def _activity(context: Context, measure: Measure, report: MeasureReport, what: str) -> None:
    """An activity on the lead executor's organization (CKAN's activity plugin, when on)."""
    from ckan import plugins

    if not measure.lead_organization_id or not plugins.plugin_loaded("activity"):
        return
    from ckan import model

    group = model.Group.get(measure.lead_organization_id)
    actor = user_id(context) or tk.get_action("get_site_user")({"ignore_auth": True}, {})["id"]
    if group is None:
        return
    schema_ = _activity_schema()
    tk.get_action("activity_create")(
        {
            "ignore_auth": True,
            "defer_commit": True,
            "schema": schema_,
            "user": context.get("user", ""),
        },  # type: ignore[typeddict-item]
        {
            "user_id": actor,
            "object_id": group.id,
            "activity_type": REPORT_ACTIVITY,
            "data": {
                "group": {"id": group.id, "name": group.name, "title": group.title},
                "report": {
                    "id": report.id,
                    "what": what,
                    "measure_id": measure.id,
                    "measure_number": measure.number,
                    "measure_title_uk": measure.title_uk,
                    "measure_title_en": measure.title_en,
                    "period": report.period,
                    "version": report.version,
                    "state": report.state,
                },
            },
        },
    )


def _activity_schema() -> dict[str, Any]:
    """CKAN's activity schema, with our own activity type allowed for an organization."""
    from ckanext.activity.logic.schema import (  # pyright: ignore[reportMissingImports]
        default_create_activity_schema,
    )

    base = default_create_activity_schema()
    base["activity_type"] = [tk.get_validator("not_empty"), tk.get_validator("unicode_safe")]
    base["object_id"] = [
        tk.get_validator("not_missing"),
        tk.get_validator("not_empty"),
        tk.get_validator("unicode_safe"),
        tk.get_validator("group_id_exists"),
    ]
    return base


@tk.validate_action_data(schema.report_submit)
def lutsk_charter_report_submit(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Submit a report on a measure for a reporting period (the lead executor's admins).

    Each submission is a new version (1, 2, ...) and every version is kept; a period
    whose report was accepted takes no more. An activity is recorded on the
    executor's organization.

    :param measure_id: the measure's id
    :type measure_id: string
    :param period: the reporting period, e.g. ``2024-H1`` (one the measure owes)
    :type period: string
    :param text_uk: what was done, in Ukrainian
    :type text_uk: string
    :param text_en: the same in English (optional)
    :type text_en: string
    :param percent: how much of the measure is done, 0–100
    :type percent: int
    :param links: links to the evidence (http/https)
    :type links: list of strings
    :param upload: evidence files (multipart; at most 10 of 20 MB each)
    :type upload: file or list of files

    :returns: the report: ``id``, ``measure_id``, ``period``, ``version``,
        ``text_uk``, ``text_en``, ``percent``, ``links``, ``files`` (``name``,
        ``size``), ``state`` (``submitted``), ``reviewer_comment``,
        ``submitted_by``, ``submitted_at``, ``reviewed_by``, ``reviewed_at``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_report_submit", context, data_dict)
    session = session_of(context)
    measure = _measure(context, data_dict["measure_id"])
    plan = service.get_plan(session, measure.plan_id)
    if plan.state != "approved":
        raise tk.ValidationError({"measure_id": [_("Reports are taken only on an approved plan.")]})
    report = reports.submit(
        session, plan, measure, dict(data_dict), data_dict.get("upload") or [], user_id(context)
    )
    _activity(context, measure, report, "submitted")
    result = reports.report_dict(report)
    commit(context)
    return result


@tk.validate_action_data(schema.report_review)
def lutsk_charter_report_review(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Accept a report, or return it with a comment (sysadmins: the ICT department).

    Only the latest version of a period's report, while it is ``submitted``, can be
    reviewed; a returned report is answered by submitting a new version.

    :param id: the report's id
    :type id: string
    :param state: ``accepted`` or ``returned``
    :type state: string
    :param comment: what to fix (required when returning)
    :type comment: string

    :returns: the report, as ``lutsk_charter_report_submit`` gives it
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_report_review", context, data_dict)
    session = session_of(context)
    report = session.get(MeasureReport, data_dict["id"])
    if report is None:
        raise tk.ObjectNotFound(_("There is no such report."))
    reports.review(
        session, report, data_dict["state"], data_dict.get("comment") or "", user_id(context)
    )
    measure = session.get(Measure, report.measure_id)
    assert measure is not None
    _activity(context, measure, report, data_dict["state"])
    result = reports.report_dict(report)
    commit(context)
    return result


@tk.side_effect_free
@tk.validate_action_data(schema.report_list)
def lutsk_charter_report_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Reports on a measure, or on all measures of a plan, newest first.

    Anyone sees the accepted reports of an approved or closed plan; sysadmins and
    the members of a measure's lead executor see every state.

    :param measure_id: the measure's id (or give ``plan_id``)
    :type measure_id: string
    :param plan_id: every measure of this plan (id or name; default: the current plan)
    :type plan_id: string
    :param period: only this period
    :type period: string
    :param state: only this state (``submitted``, ``accepted``, ``returned``)
    :type state: string
    :param all_versions: every version (default: the latest of each period)
    :type all_versions: bool

    :returns: reports as ``lutsk_charter_report_submit`` gives them, with
        ``measure_number``
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_report_list", context, data_dict)
    session = session_of(context)
    if data_dict.get("measure_id"):
        measures = [service.get_measure(session, data_dict["measure_id"])]
    else:
        plan = service.get_plan(session, data_dict.get("plan_id"))
        tk.check_access("lutsk_charter_plan_show", context, {"id": plan.id})
        measures = plan_queries.plan_measures(session, plan.id)
    by_id = {m.id: m for m in measures}
    rows = plan_queries.reports_of(session, by_id, data_dict.get("period"))
    if not data_dict.get("all_versions"):
        seen: set[tuple[str, str]] = set()
        latest = []
        for row in rows:
            if (row.measure_id, row.period) not in seen:
                seen.add((row.measure_id, row.period))
                latest.append(row)
        rows = latest
    sysadmin = is_sysadmin(context)
    found = []
    for row in rows:
        measure = by_id[row.measure_id]
        if row.state != "accepted" and not (sysadmin or lead_member(context, measure)):
            continue
        if data_dict.get("state") and row.state != data_dict["state"]:
            continue
        found.append({**reports.report_dict(row), "measure_number": measure.number})
    return found


@tk.side_effect_free
@tk.validate_action_data(schema.report_file_show)
def lutsk_charter_report_file_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One evidence file of a report: its name, size and where to download it.

    Whoever may read the report may read its files: anyone for an accepted report
    of an approved or closed plan, the lead executor's members and sysadmins for
    every state.

    :param report_id: the report's id (one version)
    :type report_id: string
    :param name: the file's name as the report lists it in ``files``
    :type name: string

    :returns: ``report_id``, ``name``, ``size`` (bytes) and ``url`` (the download address)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_report_file_show", context, data_dict)
    report = session_of(context).get(MeasureReport, data_dict["report_id"])
    if report is None:
        raise tk.ObjectNotFound(tk._("There is no such report."))
    stored = next((f for f in report.files if f["name"] == data_dict["name"]), None)
    if stored is None or reports.file_path(report, stored["name"]) is None:
        raise tk.ObjectNotFound(tk._("The report has no such file."))
    return {
        "report_id": report.id,
        "name": stored["name"],
        "size": stored["size"],
        "url": tk.h.url_for(
            "lutsk_charter_plan.report_file",
            report_id=report.id,
            name=stored["name"],
            _external=True,
        ),
    }


def _address() -> str:
    try:
        return tk.request.remote_addr or ""
    except RuntimeError:  # no request: the CLI or a job
        return ""


@tk.validate_action_data(schema.feedback_submit)
def lutsk_charter_feedback_submit(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Send a comment on a measure (anyone, also anonymously). It is stored as pending
    and shown once a sysadmin approves it. One sender (by a hash of the network
    address, and by e-mail) may send ``ckanext.lutsk_charter.plan.feedback_per_hour``
    comments within an hour (default 5); more are refused (409).

    :param measure_id: the measure's id
    :type measure_id: string
    :param name: the sender's name
    :type name: string
    :param email: an e-mail address for an answer (optional; never shown publicly)
    :type email: string
    :param text: the comment (at most 5,000 characters)
    :type text: string

    :returns: ``id``, ``measure_id``, ``name``, ``text``, ``state`` (``pending``), ``created``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_feedback_submit", context, data_dict)
    measure = _measure(context, data_dict["measure_id"])
    row = reports.submit_feedback(
        session_of(context), measure, dict(data_dict), _address(), config.plan_feedback_per_hour()
    )
    result = reports.feedback_dict(row, private=False)
    commit(context)
    return result


@tk.validate_action_data(schema.feedback_review)
def lutsk_charter_feedback_review(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Approve a comment for the public page, or reject it (sysadmins only).

    :param id: the comment's id
    :type id: string
    :param state: ``approved`` or ``rejected``
    :type state: string

    :returns: the comment with ``email``, ``reviewed_by``, ``reviewed_at``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_feedback_review", context, data_dict)
    row = session_of(context).get(MeasureFeedback, data_dict["id"])
    if row is None:
        raise tk.ObjectNotFound(_("There is no such comment."))
    from ckanext.lutsk_charter.clock import now

    row.state = data_dict["state"]
    row.reviewed_by = user_id(context)
    row.reviewed_at = now()
    result = reports.feedback_dict(row, private=True)
    commit(context)
    return result


@tk.side_effect_free
@tk.validate_action_data(schema.feedback_list)
def lutsk_charter_feedback_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Comments on a measure (or, for sysadmins, on every measure), newest first.

    Anyone sees the approved comments, without e-mail; sysadmins see every state
    and the e-mails.

    :param measure_id: the measure's id (required but for sysadmins)
    :type measure_id: string
    :param state: only this state (``pending``, ``approved``, ``rejected``; sysadmins)
    :type state: string

    :returns: ``[{id, measure_id, name, text, state, created}]`` (and ``email``,
        ``reviewed_by``, ``reviewed_at`` for sysadmins)
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_feedback_list", context, data_dict)
    sysadmin = is_sysadmin(context)
    if not data_dict.get("measure_id") and not sysadmin:
        raise tk.ValidationError({"measure_id": [_("Missing value")]})
    state = data_dict.get("state") if sysadmin else "approved"
    found = plan_queries.feedback_of(session_of(context), data_dict.get("measure_id"), state)
    return [reports.feedback_dict(r, private=sysadmin) for r in found]
