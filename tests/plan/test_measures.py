"""Measures: bad input (409, Ukrainian), history, deadline moves, reports, feedback."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action

from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")


def _update(measure_id: str, **data):
    return call_action(
        "lutsk_charter_measure_update", context=as_user("sys"), id=measure_id, **data
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"principles": ["openness"]}, "principles"),
        (
            {"principles": "open_by_default", "deadline_kind": "quarter", "deadline": "2024-H1"},
            "deadline",
        ),
        ({"deadline_kind": "date", "deadline": "31.12.2024"}, "deadline"),
        ({"status": "finished"}, "status"),
        ({"status": "cancelled"}, "cancel_reason_uk"),
        ({"indicator_code": "no_such_indicator"}, "indicator_code"),
        ({"indicator_code": "public_datasets"}, "indicator_target"),
        ({"indicator_target": "багато", "indicator_code": "public_datasets"}, "indicator_target"),
        ({"number": 12}, "number"),
        ({"lead_organization_id": "nobody"}, "lead_organization_id"),
        ({"number": "1.2"}, "number"),  # taken in the plan
    ],
)
def test_bad_input_is_refused_in_ukrainian(plan, data, field):
    with pytest.raises(tk.ValidationError) as error:
        _update(plan["measures"]["1.1"]["id"], **data)
    assert field in error.value.error_dict


def test_bad_input_through_the_api_is_409_in_ukrainian(app, plan):
    from ckan.tests import factories

    token = factories.APIToken(user="sys")["token"]
    response = app.post(
        "/api/action/lutsk_charter_measure_update",
        json={"id": plan["measures"]["1.1"]["id"], "status": "finished"},
        headers={"Authorization": token, "Accept-Language": "uk"},
        extra_environ={"CKAN_LANG": "uk"},
        status=409,
    )
    assert response.json["success"] is False
    assert "status" in response.json["error"]


def test_history_and_deadline_moves(plan):
    measure_id = plan["measures"]["1.1"]["id"]
    with pytest.raises(tk.ValidationError) as error:
        _update(measure_id, deadline="2024-Q4")
    assert "deadline_document" in error.value.error_dict
    moved = _update(
        measure_id,
        deadline="2024-Q4",
        deadline_document="Розпорядження від 01.07.2024 № 300",
        status="in_progress",
    )
    assert moved["deadline"] == {"kind": "quarter", "value": "2024-Q4", "date": "2024-12-31"}
    assert moved["deadline_changes"][0]["old"] == {"kind": "quarter", "value": "2024-Q2"}
    assert moved["deadline_changes"][0]["document"] == "Розпорядження від 01.07.2024 № 300"
    history = call_action("lutsk_charter_measure_history", context=as_user("sys"), id=measure_id)
    assert [h["action"] for h in history] == ["created", "updated"]
    assert history[1]["changes"]["deadline"] == ["2024-Q2", "2024-Q4"]
    assert history[1]["changes"]["status"] == ["planned", "in_progress"]
    assert history[1]["user_name"] == "sys"
    public = call_action("lutsk_charter_measure_history", context=as_user(None), id=measure_id)
    assert public[1]["user_name"] is None
    # Unchanged values make no history row.
    _update(measure_id, status="in_progress")
    assert (
        len(call_action("lutsk_charter_measure_history", context=as_user("sys"), id=measure_id))
        == 2
    )


def test_overdue_is_computed_for_the_day(plan):
    measure_id = plan["measures"]["2.1"]["id"]  # by 2025-06-30
    on = lambda day: {  # noqa: E731
        m["number"]: m["overdue"]
        for m in call_action("lutsk_charter_plan_progress", context=as_user(None), date=day)[
            "measures"
        ]
    }
    assert on("2025-06-30")["2.1"] is False
    assert on("2025-07-01")["2.1"] is True
    _update(measure_id, status="done")
    assert on("2025-07-01")["2.1"] is False


def test_defer_commit_leaves_the_commit_to_the_caller(plan):
    measure_id = plan["measures"]["1.1"]["id"]
    call_action(
        "lutsk_charter_measure_update",
        context={"user": "sys", "defer_commit": True},
        id=measure_id,
        title_uk="Змінена назва",
    )
    model.Session.rollback()
    shown = call_action("lutsk_charter_measure_show", context=as_user(None), id=measure_id)
    assert shown["title_uk"] == "Захід 1.1"


def test_reports_versions_review_and_activity(plan):
    measure_id = plan["measures"]["1.2"]["id"]
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_report_submit",
            context=as_user("editor"),
            measure_id=measure_id,
            period="2024-H1",
            text_uk="Звіт",
            percent=10,
        )
    with pytest.raises(tk.ValidationError) as error:
        call_action(
            "lutsk_charter_report_submit",
            context=as_user("admin"),
            measure_id=measure_id,
            period="2023-H2",
            text_uk="Звіт",
            percent=10,
        )
    assert "period" in error.value.error_dict
    with pytest.raises(tk.ValidationError) as error:
        call_action(
            "lutsk_charter_report_submit",
            context=as_user("admin"),
            measure_id=measure_id,
            period="2024-H1",
            text_uk="Звіт",
            percent=120,
            links=["not a link"],
        )
    assert set(error.value.error_dict) == {"percent", "links"}
    first = call_action(
        "lutsk_charter_report_submit",
        context=as_user("admin"),
        measure_id=measure_id,
        period="2024-H1",
        text_uk="Зроблено частину",
        percent=30,
        links=["https://lutskrada.gov.ua/report"],
    )
    assert (first["version"], first["state"]) == (1, "submitted")
    with pytest.raises(tk.ValidationError) as error:
        call_action(
            "lutsk_charter_report_review", context=as_user("sys"), id=first["id"], state="returned"
        )
    assert "comment" in error.value.error_dict
    call_action(
        "lutsk_charter_report_review",
        context=as_user("sys"),
        id=first["id"],
        state="returned",
        comment="Додайте посилання на набори",
    )
    second = call_action(
        "lutsk_charter_report_submit",
        context=as_user("admin"),
        measure_id=measure_id,
        period="2024-H1",
        text_uk="Зроблено частину, з посиланнями",
        text_en="Part done, with links",
        percent=40,
    )
    assert second["version"] == 2
    accepted = call_action(
        "lutsk_charter_report_review", context=as_user("sys"), id=second["id"], state="accepted"
    )
    assert accepted["reviewed_at"]
    with pytest.raises(tk.ValidationError):
        call_action(
            "lutsk_charter_report_submit",
            context=as_user("admin"),
            measure_id=measure_id,
            period="2024-H1",
            text_uk="Ще раз",
            percent=50,
        )
    versions = call_action(
        "lutsk_charter_report_list",
        context=as_user("sys"),
        measure_id=measure_id,
        all_versions=True,
    )
    assert [(r["version"], r["state"]) for r in versions] == [(2, "accepted"), (1, "returned")]

    # The public sees accepted reports only; the body's members see every state.
    def listed(user):
        return call_action(
            "lutsk_charter_report_list",
            context=as_user(user),
            measure_id=measure_id,
            all_versions=True,
        )

    assert [r["version"] for r in listed(None)] == [2]
    assert len(listed("member")) == 2
    progress = call_action("lutsk_charter_plan_progress", context=as_user(None), date="2024-08-01")
    row = next(m for m in progress["measures"] if m["id"] == measure_id)
    assert row["progress"] == 40
    assert row["reports"][0]["state"] == "accepted"
    # Every step is an activity on the executor's organization.
    activities = call_action(
        "organization_activity_list", context=as_user("sys"), id="education", limit=50
    )
    ours = [a for a in activities if a["activity_type"] == "lutsk_charter report"]
    assert sorted(a["data"]["report"]["what"] for a in ours) == [
        "accepted", "returned", "submitted", "submitted",
    ]  # fmt: skip
    assert ours[0]["data"]["report"]["measure_number"] == "1.2"
    history = call_action("lutsk_charter_measure_history", context=as_user("sys"), id=measure_id)
    assert [h["action"] for h in history].count("report_submitted") == 2


def test_report_files_are_stored(plan, tmp_path, ckan_config, monkeypatch):
    from tests.conftest import upload

    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    report = call_action(
        "lutsk_charter_report_submit",
        context=as_user("admin"),
        measure_id=plan["measures"]["1.2"]["id"],
        period="2024-H1",
        text_uk="Звіт з додатком",
        percent=20,
        upload=[upload(b"a,b\n1,2\n", "dodatok.csv")],
    )
    assert report["files"] == [{"name": "dodatok.csv", "size": 8}]
    stored = list((tmp_path / "lutsk_charter" / "reports" / report["id"]).iterdir())
    assert [p.read_bytes() for p in stored] == [b"a,b\n1,2\n"]


def test_feedback_pending_moderated_and_rate_limited(plan, app, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.lutsk_charter.plan.feedback_per_hour", 2)
    measure_id = plan["measures"]["1.1"]["id"]
    for n in range(2):
        response = app.post(
            "/api/action/lutsk_charter_feedback_submit",
            json={"measure_id": measure_id, "name": "Олена", "text": f"Пропозиція {n}"},
        )
        assert response.json["result"]["state"] == "pending"
    refused = app.post(
        "/api/action/lutsk_charter_feedback_submit",
        json={"measure_id": measure_id, "name": "Олена", "text": "Ще одна"},
        status=409,
    )
    assert "text" in refused.json["error"]
    # An hour later the address may write again (the test request context may share
    # the HTTP calls' address, as on CKAN 2.11); the same e-mail from elsewhere counts too.
    from ckanext.lutsk_charter.model.plan import MeasureFeedback

    model.Session.execute(
        sa.update(MeasureFeedback).values(
            created=MeasureFeedback.created - sa.text("interval '2 hours'")
        )
    )
    model.Session.commit()
    call_action(
        "lutsk_charter_feedback_submit",
        context=as_user(None),
        measure_id=measure_id,
        name="Іван",
        email="ivan@example.com",
        text="Перша",
    )
    call_action(
        "lutsk_charter_feedback_submit",
        context=as_user(None),
        measure_id=measure_id,
        name="Іван",
        email="IVAN@example.com",
        text="Друга",
    )
    with pytest.raises(tk.ValidationError):
        call_action(
            "lutsk_charter_feedback_submit",
            context=as_user(None),
            measure_id=measure_id,
            name="Іван",
            email="ivan@example.com",
            text="Третя",
        )
    assert (
        call_action("lutsk_charter_feedback_list", context=as_user(None), measure_id=measure_id)
        == []
    )
    pending = call_action("lutsk_charter_feedback_list", context=as_user("sys"), state="pending")
    assert len(pending) == 4
    assert {p["email"] for p in pending} == {"", "ivan@example.com", "IVAN@example.com"}
    call_action(
        "lutsk_charter_feedback_review",
        context=as_user("sys"),
        id=pending[0]["id"],
        state="approved",
    )
    public = call_action(
        "lutsk_charter_feedback_list", context=as_user(None), measure_id=measure_id
    )
    assert [p["id"] for p in public] == [pending[0]["id"]]
    assert "email" not in public[0]
    from ckanext.lutsk_charter.model.plan import MeasureFeedback

    hashes = set(model.Session.scalars(sa.select(MeasureFeedback.sender_hash)))
    assert "127.0.0.1" not in hashes
