"""Quality flags on the real stack: after-save checks, life-cycle, review, search, links."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import QualityFlag
from tests.conftest import site_context, upload

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

CSV = "id,name\n1,Луцьк\n".encode()


def _flags(dataset_id: str, status: str = "unresolved") -> dict[str, dict]:
    result = call_action(
        "lutsk_charter_flag_list", package_id=dataset_id, status=status, limit=1000
    )
    return {(f["code"], f["resource_id"]): f for f in result["results"]}


def _codes(dataset_id: str, status: str = "unresolved") -> set[str]:
    return {code for code, _ in _flags(dataset_id, status)}


def _assign(organization_id: str, role: str, email: str) -> None:
    call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=organization_id,
        role=role,
        full_name="Олена Петрівна Іваненко",
        email=email,
    )


def test_a_save_flags_what_is_missing_at_once(dataset):
    codes = _codes(dataset["id"])
    assert {
        "no_resources",
        "no_groups",
        "no_responsible_person",
        "no_actuality_date",
        "license_not_open",
    } <= codes
    assert "no_tags" not in codes and "closed_without_justification" not in codes
    quality = call_action("lutsk_charter_dataset_quality_show", id=dataset["id"])
    assert quality["band"] in ("bad", "sufficient")
    assert quality["principles"]["accessible_and_usable"] < 1
    # of open_by_default's three checks only the licence fails (public dataset)
    assert quality["principles"]["open_by_default"] == 0.67


def test_fixing_resolves_and_a_return_opens_a_new_flag(dataset):
    assert "no_resources" in _codes(dataset["id"])
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="data.csv",
        format="CSV",
        upload=upload(CSV, "data.csv"),
    )
    assert "no_resources" not in _codes(dataset["id"])
    assert "no_resources" in _codes(dataset["id"], "resolved")
    assert ("no_table_schema", resource["id"]) in _flags(dataset["id"])

    call_action("resource_delete", context=site_context(), id=resource["id"])
    flags = call_action(
        "lutsk_charter_flag_list", package_id=dataset["id"], code="no_resources", status="unresolved"
    )["results"]
    resolved = call_action(
        "lutsk_charter_flag_list", package_id=dataset["id"], code="no_resources", status="resolved"
    )["results"]
    assert len(flags) == 1 and len(resolved) == 1
    assert flags[0]["id"] != resolved[0]["id"]
    assert resolved[0]["resolved_at"]


def test_a_dismissed_flag_stays_dismissed_until_its_arguments_change(dataset):
    call_action(
        "package_patch", context=site_context(), id=dataset["id"], notes="Коротко про дані."
    )
    flag = _flags(dataset["id"])[("description_too_short", None)]
    call_action(
        "lutsk_charter_flag_review", id=flag["id"], status="dismissed", note="Так і має бути"
    )
    call_action("lutsk_charter_quality_recheck", id=dataset["id"])
    again = _flags(dataset["id"])[("description_too_short", None)]
    assert again["id"] == flag["id"] and again["status"] == "dismissed"
    assert again["review_note"] == "Так і має бути"
    indexed = call_action("package_search", fq=f"id:{dataset['id']}", fl="id")
    assert indexed["count"] == 1
    assert (
        call_action("package_search", fq="charter_flags:description_too_short")["count"] == 0
    )

    call_action(
        "package_patch", context=site_context(), id=dataset["id"], notes="Інший короткий опис."
    )
    reopened = _flags(dataset["id"])[("description_too_short", None)]
    assert reopened["id"] == flag["id"] and reopened["status"] == "open"
    assert reopened["args"]["length"] == len("Інший короткий опис.")


def test_search_filters_by_open_flag_codes_and_bands(dataset):
    other = call_action(
        "package_create",
        context=site_context(),
        name="other-dataset",
        title="Інший набір",
        owner_org=dataset["owner_org"],
        notes="Опис " * 30,
        tag_string="бюджет",
        update_frequency="once a year",
        purpose_of_collecting_information="Облік.",
        data_actuality_date="2026-01-01",
        license_id="cc-by",
    )
    found = call_action("package_search", fq="charter_flags:no_actuality_date")
    assert {d["name"] for d in found["results"]} == {dataset["name"]}
    assert other["name"] not in {d["name"] for d in found["results"]}
    by_score = call_action(
        "package_search", q="*:*", sort="charter_score desc", **{"facet.field": '["charter_band", "charter_flags"]'}
    )
    assert by_score["count"] == 2
    assert set(by_score["search_facets"]["charter_flags"]["items"][0]) >= {"name", "count"}
    bands = {i["name"] for i in by_score["search_facets"]["charter_band"]["items"]}
    assert bands <= {"excellent", "good", "sufficient", "bad"} and bands
