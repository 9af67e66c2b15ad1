"""Fixtures of the action plan's tests: a plan with bodies, users of every kind, measures."""

from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskOrganization


def sysadmin_context() -> dict[str, Any]:
    return {"user": factories.Sysadmin()["name"], "ignore_auth": False}


@pytest.fixture
def people() -> dict[str, dict[str, Any]]:
    """Users of every role towards the executor body ``education`` (and one of ``transport``)."""
    users = {k: factories.User(name=k) for k in ("plain", "member", "editor", "admin", "other")}
    users["sysadmin"] = factories.Sysadmin(name="sys")
    education = LutskOrganization(
        name="education",
        title="Департамент освіти",
        users=[
            {"name": "member", "capacity": "member"},
            {"name": "editor", "capacity": "editor"},
            {"name": "admin", "capacity": "admin"},
        ],
    )
    transport = LutskOrganization(
        name="transport",
        title="Департамент транспорту",
        users=[{"name": "other", "capacity": "admin"}],
    )
    return {**users, "education": education, "transport": transport}


def as_user(name: str | None) -> dict[str, Any]:
    return {"user": name or "", "ignore_auth": False}


PLAN = {
    "name": "charter-2024-2025",
    "title_uk": "План заходів 2024–2025",
    "title_en": "Action plan 2024–2025",
    "period_start": "2024-01-01",
    "period_end": "2025-12-31",
    "document_number": "123",
    "document_date": "2024-03-07",
}


@pytest.fixture
def plan(people) -> dict[str, Any]:
    """An approved, current plan with three measures led by education (1.1 due 2024-Q2,
    1.2 ongoing, 2.1 due 2025-06-30 led by transport)."""
    ctx = as_user("sys")
    created = call_action("lutsk_charter_plan_create", context=ctx, **PLAN)
    measures = {}
    for number, lead, kind, deadline, principles in (
        ("1.1", "education", "quarter", "2024-Q2", ["open_by_default"]),
        ("1.2", "education", "ongoing", None, ["open_by_default", "accessible_and_usable"]),
        ("2.1", "transport", "date", "2025-06-30", ["timely_and_comprehensive"]),
    ):
        data = {
            "plan_id": created["id"],
            "number": number,
            "title_uk": f"Захід {number}",
            "title_en": f"Measure {number}",
            "principles": principles,
            "lead_organization_id": people[lead]["id"],
            "deadline_kind": kind,
        }
        if deadline:
            data["deadline"] = deadline
        measures[number] = call_action(
            "lutsk_charter_measure_create", context=as_user("sys"), **data
        )
    call_action(
        "lutsk_charter_plan_update",
        context=as_user("sys"),
        id=created["id"],
        state="approved",
        current=True,
    )
    return {"plan": created, "measures": measures}


EVIDENCE = "Показник,Значення\n1,2\n".encode()


@pytest.fixture
def evidence_report(plan, tmp_path, ckan_config, monkeypatch):
    """A submitted report of the education body on measure 1.2 with one evidence file."""
    from tests.conftest import upload

    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return call_action(
        "lutsk_charter_report_submit",
        context=as_user("admin"),
        measure_id=plan["measures"]["1.2"]["id"],
        period="2024-H1",
        text_uk="Звіт з додатком",
        percent=40,
        upload=[upload(EVIDENCE, "dodatok.csv")],
    )
