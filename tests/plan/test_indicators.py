"""Live indicators against the monitoring and coverage figures they come from."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model.plan import IndicatorValue
from tests.conftest import LutskDataset, add_csv, site_context
from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


@pytest.fixture
def data(people):
    education, transport = people["education"], people["transport"]
    late = LutskDataset(owner_org=education["id"], name="late", update_frequency="once a month")
    add_csv(late, days_ago=60)
    fine = LutskDataset(
        owner_org=education["id"],
        name="fine",
        update_frequency="once a year",
        required_dataset="ALL-2",
    )
    add_csv(fine, days_ago=3)
    LutskDataset(owner_org=transport["id"], name="closed", private=True)
    for role in ("creator", "publisher"):
        call_action(
            "lutsk_charter_responsible_assign",
            context=site_context(),
            organization_id=transport["id"],
            role=role,
            full_name="Петренко Іван",
            email=f"{role}@lutskrada.gov.ua",
        )
    return people


def _values(organization_id: str | None = None) -> dict[str, dict]:
    data = {"organization_id": organization_id} if organization_id else {}
    return {
        i["code"]: i
        for i in call_action("lutsk_charter_indicator_list", context=as_user(None), **data)
    }


def test_indicators_match_their_sources(data):
    monitor = call_action("lutsk_charter_monitor_show", context=site_context())
    city = monitor["city"]
    values = _values()
    assert values["public_datasets"]["value"] == city["public"] == 2
    overdue = city["timeliness"]["overdue"]
    assert values["datasets_not_overdue"]["numerator"] == city["public"] - overdue
    assert values["datasets_not_overdue"]["denominator"] == city["public"]
    assert values["datasets_not_overdue"]["value"] == round(
        100 * (city["public"] - overdue) / city["public"], 1
    )
    good = city["bands"]["excellent"] + city["bands"]["good"]
    assert values["datasets_good_or_better"]["numerator"] == good
    bodies = monitor["bodies"]
    both = sum(1 for b in bodies if b["creator"] and b["publisher"])
    assert (
        values["bodies_with_persons"]["numerator"],
        values["bodies_with_persons"]["denominator"],
    ) == (both, len(bodies))
    assert values["bodies_with_persons"]["value"] == 50.0
    coverage = call_action("lutsk_charter_required_dataset_coverage", context=site_context())
    assert values["required_published"]["numerator"] == coverage["totals"]["published"] == 1
    assert values["required_published"]["denominator"] == coverage["totals"]["required"]
    assert values["required_current"]["numerator"] == coverage["totals"]["current"]
    # Two CSVs of public datasets, none with a schema, none validated yet.
    assert (
        values["tabular_with_schema"]["numerator"],
        values["tabular_with_schema"]["denominator"],
    ) == (0, 2)
    assert values["validation_passing"]["value"] is None


def test_one_body_matches_its_own_figures(data):
    education = data["education"]["id"]
    monitor = call_action(
        "lutsk_charter_monitor_show", context=site_context(), organization_id=education
    )
    body = monitor["bodies"][0]
    values = _values(education)
    assert values["public_datasets"]["value"] == body["public"]
    assert (
        values["datasets_not_overdue"]["numerator"]
        == body["public"] - body["timeliness"]["overdue"]
    )
    coverage = call_action(
        "lutsk_charter_required_dataset_coverage", context=site_context(), organization_id=education
    )
    assert values["required_published"]["numerator"] == coverage["totals"]["published"]
    assert values["required_published"]["denominator"] == coverage["totals"]["required"]
    assert values["required_current"]["numerator"] == coverage["totals"]["current"]
    assert values["bodies_with_persons"]["value"] == 0.0


def test_snapshot_stores_daily_values_once_and_progress_follows(data, plan):
    call_action("lutsk_charter_indicator_snapshot", context=site_context())
    call_action("lutsk_charter_indicator_snapshot", context=site_context())
    rows = model.Session.scalars(
        sa.select(IndicatorValue).where(
            IndicatorValue.code == "public_datasets", IndicatorValue.organization_id == ""
        )
    ).all()
    assert [r.value for r in rows] == [2.0]
    measure = plan["measures"]["1.2"]
    call_action(
        "lutsk_charter_measure_update",
        context=as_user("sys"),
        id=measure["id"],
        indicator_code="public_datasets",
        indicator_target=4,
    )
    progress = call_action("lutsk_charter_plan_progress", context=as_user(None))
    row = next(m for m in progress["measures"] if m["id"] == measure["id"])
    assert row["indicator"]["value"] == 2.0
    assert row["indicator"]["progress"] == 50
    assert row["progress"] == 50
    assert [p["value"] for p in row["indicator"]["trend"]] == [2.0]
    trend = _values()["public_datasets"]["trend"]
    assert [t["value"] for t in trend] == [2.0]


@pytest.mark.ckan_config(
    "ckan.plugins",
    "lutsk_charter scheming_datasets scheming_organizations activity lutsk_charter_test_indicator",
)
def test_other_plugins_add_indicators(people):
    values = _values()
    assert values["test_bodies"]["value"] == 2.0
    assert values["test_bodies"]["label"] == "Bodies counted by a test plugin"
    stored = call_action("lutsk_charter_indicator_snapshot", context=site_context())
    assert stored["indicators"] == 9
