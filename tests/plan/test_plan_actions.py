"""Plans and measures through the actions: create, show, list, progress, history, deadlines."""

from __future__ import annotations

import pytest
from ckan.tests.helpers import call_action

from tests.plan.conftest import PLAN, as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def test_plan_show_list_and_progress(plan):
    shown = call_action("lutsk_charter_plan_show", context=as_user(None))
    assert shown["name"] == PLAN["name"]
    assert shown["state"] == "approved"
    assert shown["current"] is True
    assert shown["document"] == {"number": "123", "date": "2024-03-07", "url": ""}
    assert shown["periods"] == ["2024-H1", "2024-H2", "2025-H1", "2025-H2"]
    assert [p["name"] for p in call_action("lutsk_charter_plan_list", context=as_user(None))] == [
        PLAN["name"]
    ]
    progress = call_action("lutsk_charter_plan_progress", context=as_user(None), date="2024-08-01")
    assert progress["date"] == "2024-08-01"
    assert progress["totals"]["measures"] == 3
    assert progress["totals"]["overdue"] == 1  # 1.1 was due by the end of 2024-Q2
    by_number = {m["number"]: m for m in progress["measures"]}
    assert by_number["1.1"]["overdue"] is True
    assert by_number["1.2"]["overdue"] is False  # ongoing is never overdue
    assert by_number["2.1"]["overdue"] is False
    # 2024-H1 was due on 10.07.2024: missing; 2024-H2 has begun, not due yet.
    assert [(r["period"], r["state"]) for r in by_number["1.2"]["reports"]] == [
        ("2024-H1", "missing"),
        ("2024-H2", "open"),
    ]
    principles = {p["code"]: p for p in progress["principles"]}
    assert principles["open_by_default"]["measures"] == 2
    assert principles["timely_and_comprehensive"]["measures"] == 1
    assert len(principles) == 6


def test_measure_show_list_filters_and_sorts(plan, people):
    m = plan["measures"]["2.1"]
    shown = call_action("lutsk_charter_measure_show", context=as_user(None), id=m["id"])
    assert shown["lead_organization"]["name"] == "transport"
    assert shown["deadline"] == {"kind": "date", "value": "2025-06-30", "date": "2025-06-30"}
    listed = call_action(
        "lutsk_charter_measure_list",
        context=as_user(None),
        principle="open_by_default",
        sort="-number",
    )
    assert [x["number"] for x in listed] == ["1.2", "1.1"]
    led = call_action(
        "lutsk_charter_measure_list", context=as_user(None), organization_id="transport"
    )
    assert [x["number"] for x in led] == ["2.1"]
    late = call_action(
        "lutsk_charter_measure_list", context=as_user(None), overdue=True, date="2025-07-01"
    )
    assert [x["number"] for x in late] == ["1.1", "2.1"]
