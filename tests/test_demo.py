"""The demo data loads through the action API, completely and only once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan.lib.uploader import get_resource_uploader
from ckan.tests.helpers import call_action
from ckanext.scheming.helpers import scheming_field_by_name, scheming_get_dataset_schema
from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from ckanext.lutsk_charter import demo
from ckanext.lutsk_charter.demo import BODIES, DATASETS, INTENDED, PERSONS, list835, load
from ckanext.lutsk_charter.demo.datasets import DemoResource
from ckanext.lutsk_charter.identifiers import edrpou_check_digit, is_valid_edrpou

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

SPECS = {d.name: d for d in DATASETS}


def _quiet(line: str) -> None:
    pass


def _as_site_user() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"]}


def _stored_bytes(resource: dict[str, Any]) -> bytes:
    with open(get_resource_uploader(resource).get_path(resource["id"]), "rb") as f:
        return f.read()


def _resource(dataset: str, number: int = 0) -> dict[str, Any]:
    return call_action("package_show", context=_as_site_user(), id=dataset)["resources"][number]


def test_loads_everything_once_and_search_finds_it():
    items = len(BODIES) + len(PERSONS) + len(DATASETS) + 1  # and the action plan
    first = load(echo=_quiet)
    assert first == {
        "created": items,
        "existing": 0,
        "organizations": len(BODIES),
        "datasets": len(DATASETS),
        "bodies_with_persons": len(PERSONS),
    }
    lines: list[str] = []
    second = load(echo=lines.append)
    assert second["created"] == 0
    assert second["existing"] == items
    assert len(lines) == items
    assert all(line.strip().startswith("exists") for line in lines)

    # Nothing duplicated: exactly the specs are there, the public ones for anyone.
    everything = call_action(
        "package_search", context=_as_site_user(), include_private=True, rows=100
    )
    assert sorted(d["name"] for d in everything["results"]) == sorted(SPECS)
    public = call_action("package_search", rows=100)["count"]
    assert public == sum(1 for d in DATASETS if not d.private)
    assert 25 <= len(DATASETS) <= 40
    assert len(call_action("organization_list")) == len(BODIES)

    # Every update frequency of the schema is used, and search finds each by it.
    field = scheming_field_by_name(
        scheming_get_dataset_schema("dataset")["dataset_fields"], "update_frequency"
    )
    choices = {c["value"] for c in field["choices"]}
    assert {d.frequency for d in DATASETS} == choices
    for frequency in choices:
        found = call_action(
            "package_search",
            context=_as_site_user(),
            include_private=True,
            fq=f'update_frequency:"{frequency}"',
            rows=100,
        )
        # The old portal's dataset keeps its legacy spelling ("Щороку") for `legacy check`.
        expected = {
            d.name
            for d in DATASETS
            if d.frequency == frequency and "update_frequency" not in d.legacy
        }
        assert {d["name"] for d in found["results"]} == expected, frequency

    monthly = call_action("package_search", fq='update_frequency:"once a month"', rows=100)
    assert {d["name"] for d in monthly["results"]} == {
        d.name for d in DATASETS if d.frequency == "once a month" and not d.private
    }
    assert len(monthly["results"]) >= 4


def test_what_is_loaded():
    """One load, then each part in turn (a load takes seconds: not one per check)."""
    load(echo=_quiet)
    shown = {name: call_action("package_show", context=_as_site_user(), id=name) for name in SPECS}
    _check_bodies()
    _check_passports(shown)
    _check_ages(shown)
    _check_files(shown)
    _check_persons()


def _check_bodies() -> None:
    organizations = call_action("organization_list", all_fields=True, include_extras=True)
    assert {o["name"] for o in organizations} == {b["name"] for b in BODIES}
    for organization in organizations:
        code = organization["edrpou"]
        assert len(code) == 8
        assert int(code[7]) == edrpou_check_digit(code[:7])
        assert is_valid_edrpou(code)
        assert organization["contact_phone"].startswith("+380332")
    kinds = {o["body_kind"] for o in organizations}
    assert {"executive_body", "municipal_enterprise", "institution"} <= kinds

    housing = call_action("organization_show", id="housing")
    for child in ("lutskteplo", "vodokanal", "parks"):
        assert call_action("organization_show", id=child)["parent_body"] == housing["id"]
    assert not housing.get("parent_body")


def _check_passports(shown: dict[str, dict[str, Any]]) -> None:
    # 835 items carry their legal basis and the item's name as the title.
    for name, spec in SPECS.items():
        dataset = shown[name]
        if spec.item_835:
            assert list835.ITEMS[spec.item_835] in dataset["legal_basis"]
            assert dataset["title"].startswith(
                list835.SHORT_TITLES.get(spec.item_835, list835.ITEMS[spec.item_835])
            )
        assert dataset["language"] == spec.legacy.get("language", spec.language)
        if "tags" in spec.legacy:
            assert dataset["tags"] == []  # migrated from the old portal without keywords
    assert sum(1 for s in SPECS.values() if s.item_835) >= 15
    assert {d["language"] for d in shown.values()} == {"ua", "en", "uk"}

    licences = [d.get("license_id") for d in shown.values()]
    assert licences.count("cc-by") > len(licences) / 2
    assert "other-closed" in licences
    assert not shown["museums"].get("license_id")
    assert any(not d.get("maintainer") for d in shown.values())
    assert sum(1 for d in shown.values() if d.get("maintainer_email")) > len(shown) / 2
    assert shown["budget-2025"]["charter_principles"] == ["open_by_default", "improved_governance"]
    execution = shown["budget-execution-monthly"]
    assert execution["temporal_start"] <= execution["temporal_end"]
    assert dt.date.fromisoformat(execution["data_actuality_date"]) < dt.date.today()

    closed = [d for d in shown.values() if d["private"]]
    assert len(closed) == 3
    explained = shown["personal-data-requests"]
    assert explained["closed_justification"]
    assert dt.date.fromisoformat(explained["planned_release_date"]) > dt.date.today()
    late = shown["land-lease-contracts"]
    assert dt.date.fromisoformat(late["planned_release_date"]) < dt.date.today()
    assert not shown["cctv-cameras"].get("closed_justification")

    assert shown["boiler-houses"]["resources"] == []
    links = [r for d in shown.values() for r in d["resources"] if r["url_type"] != "upload"]
    assert len(links) >= 2
    assert all(r["url"].startswith("https://data.lutskrada.gov.ua/") for r in links)


def _check_ages(shown: dict[str, dict[str, Any]]) -> None:
    """The Lutsk monitor's rule over the stored ages yields each spec's ``intended``."""
    period = {
        "once a day": relativedelta(days=1),
        "once a week": relativedelta(weeks=1),
        "once a month": relativedelta(months=1),
        "once a quarter": relativedelta(months=3),
        "once a half year": relativedelta(months=6),
        "once a year": relativedelta(years=1),
    }
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for name, spec in SPECS.items():
        dataset = shown[name]
        stamps = [dt.datetime.fromisoformat(r["last_modified"]) for r in dataset["resources"]]
        if stamps:
            changed = max(stamps)
            assert abs(now - changed - dt.timedelta(days=spec.age_days)) < dt.timedelta(hours=1)
        else:
            changed = dt.datetime.fromisoformat(dataset["metadata_modified"])
        if spec.frequency == "no longer updated":
            state = "inactive"
        elif spec.frequency not in period:
            state = "normal"
        else:
            days_left = (changed + period[spec.frequency] - now).total_seconds() / 86400
            state = "overdue" if days_left < 0 else "due_soon" if days_left <= 7 else "normal"
        assert state == INTENDED[name], name
    assert set(INTENDED.values()) == {"normal", "due_soon", "overdue", "inactive"}


def _check_files(shown: dict[str, dict[str, Any]]) -> None:
    def stored(dataset: str, number: int = 0) -> bytes:
        return _stored_bytes(shown[dataset]["resources"][number])

    resource = shown["budget-execution-monthly"]["resources"][0]
    raw = _stored_bytes(resource)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1251")
    assert text.startswith("КПКВ;Назва програми;")
    assert "Надання дошкільної освіти" in text
    assert resource["validation_options"] == {
        "encoding": "windows-1251",
        "dialect": {"csv": {"delimiter": ";"}},
    }
    assert resource["url"].endswith("/budget-execution-monthly-1.csv")

    leases = stored("property-lease")
    assert "Орендар" in leases.decode("koi8-u")
    with pytest.raises(UnicodeDecodeError):
        leases.decode("utf-8")
    assert stored("kindergartens-queue").startswith(b"\xef\xbb\xbf")
    assert b"\t" in stored("schools", 1)
    sheet = load_workbook(io.BytesIO(stored("budget-2025", 1))).active
    assert sheet["A1"].value == "КПКВ"
    assert json.loads(stored("tourist-sites"))[0]["Site"].startswith("Lubart")
    assert stored("repair-works").startswith(b"<!DOCTYPE html>")
    assert stored("advertising") == b""
    ragged = stored("housing-stock").decode().splitlines()
    assert len({line.count(",") for line in ragged[1:]}) > 1

    routes = shown["trolleybus-routes"]["resources"][0]
    assert routes["schema"]["fields"][3] == {"name": "Кількість тролейбусів", "type": "integer"}


def _check_persons() -> None:
    without = {b["name"] for b in BODIES} - set(PERSONS)
    assert without, "the monitoring needs bodies without responsible persons"
    for name in without:
        assert call_action("lutsk_charter_responsible_list", organization_id=name) == []
    stale = {d["name"] for d in call_action("lutsk_charter_stale_contacts")}
    assert {"housing-stock", "parking-lots"} <= stale
    assert "budget-2025" not in stale


def test_a_bad_spec_fails_loudly_and_leaves_nothing(monkeypatch):
    good = SPECS["schools"]
    bad_passport = dataclasses.replace(good, name="demo-bad-passport", frequency="every full moon")
    bad_resource = dataclasses.replace(
        good,
        name="demo-bad-resource",
        resources=(DemoResource("Bad", "csv", "schools", schema={"fields": "none"}),),
    )
    for spec in (bad_passport, bad_resource):
        monkeypatch.setattr(demo, "DATASETS", [spec])
        with pytest.raises(tk.ValidationError, match=spec.name):
            load(echo=_quiet)
        with pytest.raises(tk.ObjectNotFound):
            call_action("package_show", id=spec.name)


def test_the_demo_shows_every_quality_flag_and_every_band(run_jobs):
    from ckanext.lutsk_charter.quality.checks import BUILT_IN

    load(echo=_quiet)
    run_jobs()  # validations and link checks (the demo's links point off this machine)
    call_action("lutsk_charter_quality_recheck")
    flags = call_action("lutsk_charter_flag_list", status="unresolved", limit=1000)["results"]
    shown = {f["code"] for f in flags}
    assert sorted(set(BUILT_IN) - shown) == [], sorted(set(BUILT_IN) - shown)
    bands = {call_action("lutsk_charter_dataset_quality_show", id=d.name)["band"] for d in DATASETS}
    assert len(bands) >= 3
