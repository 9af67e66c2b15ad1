"""The demo loads an illustrative action plan with measures, reports and feedback."""

from __future__ import annotations

from collections import Counter

import pytest
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.demo import load
from ckanext.lutsk_charter.demo import plan as demo_plan
from tests.conftest import site_context
from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def test_demo_plan():
    load(echo=lambda line: None)
    shown = call_action("lutsk_charter_plan_show", context=as_user(None))
    assert shown["name"] == demo_plan.PLAN_NAME
    assert "(приклад)" in shown["title_uk"]
    assert "(example)" in shown["title_en"]
    assert shown["document"]["number"] == "123"
    assert shown["document"]["date"] == "2024-03-07"
    call_action("lutsk_charter_indicator_snapshot", context=site_context())
    progress = call_action("lutsk_charter_plan_progress", context=as_user(None))
    measures = progress["measures"]
    assert 16 <= len(measures) <= 20
    assert {p["code"] for p in progress["principles"] if p["measures"]} == {
        p["code"] for p in progress["principles"]
    }
    statuses = Counter(m["status"] for m in measures)
    assert statuses["done"] >= 3
    assert statuses["cancelled"] == 1
    assert progress["totals"]["overdue"] >= 3
    bound = [m for m in measures if m["indicator"]]
    assert len(bound) >= 5
    # Every binding has its stored value of today; a share of nothing stays null.
    assert all(m["indicator"]["day"] == progress["date"] for m in bound)
    assert all(
        (m["indicator"]["value"] is None) == (m["indicator"]["denominator"] == 0) for m in bound
    )
    assert sum(1 for m in bound if m["indicator"]["value"] is not None) >= 5
    assert all(not m["translation_missing"] for m in measures)
    states = Counter(r["state"] for m in measures for r in m["reports"])
    assert states["accepted"] >= 3
    assert states["submitted"] >= 1
    assert states["missing"] >= 1
    returned = call_action(
        "lutsk_charter_report_list", context=site_context(), state="returned", all_versions=True
    )
    assert len(returned) == 1
    assert returned[0]["reviewer_comment"]
    feedback = call_action("lutsk_charter_feedback_list", context=site_context())
    assert sorted(f["state"] for f in feedback) == ["approved", "pending"]
