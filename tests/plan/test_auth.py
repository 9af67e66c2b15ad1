"""Who may do what with the action plan: every action for every kind of user."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests.helpers import call_action, call_auth

from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

USERS = (None, "plain", "member", "editor", "admin", "other", "sys")
EVERYONE = set(USERS)
SYSADMIN = {"sys"}
LEAD_ADMINS = {"admin", "sys"}


def _allowed(auth: str, user: str | None, data: dict) -> bool:
    context = {"user": user or "", "model": model}
    try:
        call_auth(auth, context=context, **data)
    except tk.NotAuthorized:
        return False
    return True


@pytest.mark.parametrize(
    ("auth", "who"),
    [
        ("lutsk_charter_plan_create", SYSADMIN),
        ("lutsk_charter_plan_update", SYSADMIN),
        ("lutsk_charter_plan_show", EVERYONE),
        ("lutsk_charter_plan_list", EVERYONE),
        ("lutsk_charter_plan_progress", EVERYONE),
        ("lutsk_charter_plan_export", EVERYONE),
        ("lutsk_charter_plan_import", SYSADMIN),
        ("lutsk_charter_plan_publish", SYSADMIN),
        ("lutsk_charter_plan_control", SYSADMIN),
        ("lutsk_charter_measure_create", SYSADMIN),
        ("lutsk_charter_measure_update", SYSADMIN),
        ("lutsk_charter_measure_show", EVERYONE),
        ("lutsk_charter_measure_list", EVERYONE),
        ("lutsk_charter_measure_history", EVERYONE),
        ("lutsk_charter_report_submit", LEAD_ADMINS),
        ("lutsk_charter_report_review", SYSADMIN),
        ("lutsk_charter_report_list", EVERYONE),
        ("lutsk_charter_feedback_submit", EVERYONE),
        ("lutsk_charter_feedback_review", SYSADMIN),
        ("lutsk_charter_feedback_list", EVERYONE),
        ("lutsk_charter_indicator_list", EVERYONE),
        ("lutsk_charter_indicator_snapshot", SYSADMIN),
    ],
)
def test_approved_plan(plan, auth, who):
    measure = plan["measures"]["1.1"]  # led by education
    data = {"id": plan["plan"]["id"], "measure_id": measure["id"], "plan_id": plan["plan"]["id"]}
    if auth.startswith("lutsk_charter_measure_"):
        data["id"] = measure["id"]
    assert {u for u in USERS if _allowed(auth, u, data)} == who


@pytest.mark.parametrize(
    "auth",
    [
        "lutsk_charter_plan_show",
        "lutsk_charter_plan_progress",
        "lutsk_charter_plan_export",
        "lutsk_charter_measure_show",
        "lutsk_charter_measure_list",
        "lutsk_charter_measure_history",
        "lutsk_charter_report_list",
        "lutsk_charter_feedback_submit",
        "lutsk_charter_feedback_list",
    ],
)
def test_a_draft_only_sysadmins_see(people, auth):
    draft = call_action(
        "lutsk_charter_plan_create",
        context=as_user("sys"),
        name="next-plan",
        title_uk="Наступний план",
        period_start="2026-01-01",
        period_end="2027-12-31",
    )
    measure = call_action(
        "lutsk_charter_measure_create",
        context=as_user("sys"),
        plan_id=draft["id"],
        number="1",
        title_uk="Захід",
        principles=["open_by_default"],
        deadline_kind="year",
        deadline="2026",
        lead_organization_id="education",
    )
    data = {"id": draft["id"], "plan_id": draft["id"], "measure_id": measure["id"]}
    if auth.startswith("lutsk_charter_measure_"):
        data["id"] = measure["id"]
    assert {u for u in USERS if _allowed(auth, u, data)} == SYSADMIN


def test_lists_leave_drafts_out_but_for_sysadmins(plan):
    call_action(
        "lutsk_charter_plan_create",
        context=as_user("sys"),
        name="next-plan",
        title_uk="Наступний план",
        period_start="2026-01-01",
        period_end="2027-12-31",
    )
    public = call_action("lutsk_charter_plan_list", context=as_user(None))
    assert [p["name"] for p in public] == ["charter-2024-2025"]
    everything = call_action("lutsk_charter_plan_list", context=as_user("sys"))
    assert [p["name"] for p in everything] == ["next-plan", "charter-2024-2025"]


def test_actions_refuse_through_the_api(app, plan, people):
    """Through the HTTP API: 403 for a plain user's write, 409 for bad input."""
    from ckan.tests import factories

    token = factories.APIToken(user="plain")["token"]
    response = app.post(
        "/api/action/lutsk_charter_plan_create",
        json={
            "name": "x-plan",
            "title_uk": "X",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
        headers={"Authorization": token},
        status=403,
    )
    assert response.json["success"] is False
