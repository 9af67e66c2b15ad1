"""The ICT department's control view and the plan published as an open dataset."""

from __future__ import annotations

import json

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from tests.conftest import LutskOrganization
from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def test_control_lists_what_is_late(plan):
    call_action(
        "lutsk_charter_measure_create",
        context=as_user("sys"),
        plan_id=plan["plan"]["id"],
        number="3.1",
        title_uk="Без виконавця",
        principles=["inclusive_development"],
        deadline_kind="ongoing",
    )
    report = call_action(
        "lutsk_charter_report_submit",
        context=as_user("admin"),
        measure_id=plan["measures"]["1.2"]["id"],
        period="2024-H1",
        text_uk="Звіт",
        percent=10,
    )
    control = call_action("lutsk_charter_plan_control", context=as_user("sys"), date="2024-08-01")
    assert [m["number"] for m in control["overdue"]] == ["1.1"]
    assert [m["number"] for m in control["without_executor"]] == ["3.1"]
    assert [(r["number"], r["period"]) for r in control["awaiting_review"]] == [("1.2", "2024-H1")]
    assert ("1.1", "2024-H1") in {(r["number"], r["period"]) for r in control["missing"]}
    h1 = next(p for p in control["periods"] if p["period"] == "2024-H1")
    assert h1["submitted"] == 1
    assert h1["due"] == "2024-07-10"
    call_action(
        "lutsk_charter_report_review",
        context=as_user("sys"),
        id=report["id"],
        state="returned",
        comment="Мало",
    )
    control = call_action(
        "lutsk_charter_plan_control",
        context=as_user("sys"),
        date="2024-08-01",
        organization_id="education",
    )
    assert [r["number"] for r in control["returned"]] == ["1.2"]
    assert control["without_executor"] == []


def test_publish_needs_the_body_then_creates_and_updates(plan, ckan_config, monkeypatch):
    with pytest.raises(tk.ValidationError):
        call_action("lutsk_charter_plan_publish", context=as_user("sys"))
    LutskOrganization(name="lutska-miska-rada")
    monkeypatch.setitem(
        ckan_config, "ckanext.lutsk_charter.register.organization", "lutska-miska-rada"
    )
    first = call_action("lutsk_charter_plan_publish", context=as_user("sys"))
    assert first["created"] is True
    assert first["measures"] == 3
    second = call_action("lutsk_charter_plan_publish", context=as_user("sys"))
    assert second["created"] is False
    assert second["resources"] == first["resources"]
    dataset = call_action("package_show", context=as_user(None), id=first["name"])
    assert sorted(r["format"] for r in dataset["resources"]) == ["CSV", "JSON"]
    exported = call_action("lutsk_charter_plan_export", context=as_user(None), format="json")
    assert json.loads(exported["content"])["totals"]["measures"] == 3
