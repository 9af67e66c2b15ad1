"""The demo data loads through the action API, completely and only once."""

from __future__ import annotations

import datetime as dt

import pytest
from ckan.lib.uploader import get_resource_uploader
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.demo import BODIES, DATASETS, PERSONS, load
from ckanext.lutsk_charter.identifiers import is_valid_edrpou

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

FREQUENCIES = {
    "more than once a day",
    "once a day",
    "once a week",
    "once a month",
    "once a quarter",
    "once a half year",
    "once a year",
    "immediately after making changes",
    "no longer updated",
}


def test_loads_everything_once():
    first = load(echo=lambda line: None)
    items = len(BODIES) + len(PERSONS) + len(DATASETS)
    assert first["created"] == items
    assert first["existing"] == 0
    second = load(echo=lambda line: None)
    assert second["created"] == 0
    assert second["existing"] == items

    public = call_action("package_search", rows=100)["count"]
    private = sum(1 for d in DATASETS if d.extra.get("private"))
    assert public == len(DATASETS) - private
    assert 25 <= len(DATASETS) <= 40

    monthly = call_action("package_search", fq='update_frequency:"once a month"', rows=100)
    expected = {
        d.name for d in DATASETS if d.frequency == "once a month" and not d.extra.get("private")
    }
    assert {d["name"] for d in monthly["results"]} == expected

    organizations = call_action("organization_list", all_fields=True, include_extras=True)
    assert len(organizations) == len(BODIES)
    assert all(is_valid_edrpou(o["edrpou"]) for o in organizations)
    enterprise = call_action("organization_show", id="lutskteplo")
    assert enterprise["parent_body"] == call_action("organization_show", id="housing")["id"]


def test_covers_every_frequency_and_state():
    assert {d.frequency for d in DATASETS} == FREQUENCIES
    assert {d.intended for d in DATASETS} == {"normal", "due_soon", "overdue", "inactive"}
    assert any(not d.resources for d in DATASETS)
    assert any("maintainer" not in d.extra for d in DATASETS)


def test_files_are_real_and_their_age_is_kept():
    load(echo=lambda line: None)
    dataset = call_action("package_show", id="budget-execution-monthly")
    resource = dataset["resources"][0]
    with open(get_resource_uploader(resource).get_path(resource["id"]), "rb") as f:
        raw = f.read()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("windows-1251")
    assert text.startswith("КПКВ;Назва програми;")
    assert resource["validation_options"]["encoding"] == "windows-1251"

    age = dt.datetime.now() - dt.datetime.fromisoformat(resource["last_modified"])
    assert 69 <= age.days <= 70

    routes = call_action("package_show", id="trolleybus-routes")["resources"][0]
    assert routes["schema"]["fields"][3] == {"name": "Кількість тролейбусів", "type": "integer"}


def test_some_bodies_lack_persons_and_some_contacts_are_stale():
    load(echo=lambda line: None)
    without = {b["name"] for b in BODIES} - set(PERSONS)
    assert without, "the monitoring needs bodies without responsible persons"
    for name in without:
        assert call_action("lutsk_charter_responsible_list", organization_id=name) == []
    stale = {d["name"] for d in call_action("lutsk_charter_stale_contacts")}
    assert {"housing-stock", "parking-lots"} <= stale
    assert "budget-2025" not in stale
