"""Flags that lead to the fix: they name the resource, link to the place to fix, stay
open while failed data waits for its re-check, weigh on the score, and follow the body's
register of responsible persons at once."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter import helpers
from tests.conftest import LutskDataset, LutskOrganization, add_csv, site_context, upload

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

GOOD = "id,назва\n1,Ліцей № 1\n2,Гімназія № 2\n".encode()
BAD = b"id,name\n1,a,extra\nx\n"


def _open(dataset: dict, code: str) -> list[dict]:
    flags = call_action(
        "lutsk_charter_flag_list", context=site_context(), package_id=dataset["id"], code=code
    )
    return flags["results"]


def _validate(resource: dict) -> None:
    call_action(
        "lutsk_charter_validation_run",
        context=site_context(),
        resource_id=resource["id"],
        sync=True,
    )


def _recheck() -> None:
    call_action("lutsk_charter_quality_recheck", context=site_context())


def test_a_failed_validation_stays_open_while_the_new_file_waits(run_jobs):
    dataset = LutskDataset()
    resource = add_csv(dataset, data=BAD)
    _validate(resource)
    _recheck()
    (flag,) = _open(dataset, "validation_failed")
    assert flag["resource_id"] == resource["id"]

    # A new file: its validation is queued (pending) and the after-save check runs.
    call_action(
        "resource_patch",
        context=site_context(),
        id=resource["id"],
        upload=upload(GOOD, "data.csv"),
    )
    status = call_action(
        "lutsk_charter_validation_show", context=site_context(), resource_id=resource["id"]
    )["status"]
    assert status == "pending"
    _recheck()
    assert [f["id"] for f in _open(dataset, "validation_failed")] == [flag["id"]]

    run_jobs()  # the validation runs and passes
    _recheck()
    assert _open(dataset, "validation_failed") == []


def test_failing_data_lowers_the_score():
    failing, passing = LutskDataset(), LutskDataset()
    _validate(add_csv(failing, data=BAD))
    _validate(add_csv(passing, data=GOOD))
    _recheck()
    scores = {
        d["id"]: call_action(
            "lutsk_charter_dataset_quality_show", context=site_context(), id=d["id"]
        )
        for d in (failing, passing)
    }
    assert scores[failing["id"]]["score"] < scores[passing["id"]]["score"]


def _assign(body: dict, role: str) -> dict:
    return call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role=role,
        full_name="Петренко Іван",
        email=f"{role}@lutskrada.gov.ua",
    )


def test_assigning_and_ending_a_person_checks_the_body_again():
    body = LutskOrganization()
    dataset = LutskDataset(owner_org=body["id"])
    _recheck()
    assert _open(dataset, "no_responsible_person")
    _assign(body, "creator")
    publisher = _assign(body, "publisher")
    assert _open(dataset, "no_responsible_person") == []  # no nightly run needed

    call_action(
        "lutsk_charter_responsible_end",
        context=site_context(),
        id=publisher["id"],
        reason="Звільнення",
    )
    (flag,) = _open(dataset, "no_responsible_person")
    assert flag["args"] == {"roles": ["publisher"]}


@pytest.mark.ckan_config("ckanext.lutsk_charter.quality.recheck_in_background_above", "1")
def test_a_large_body_is_checked_again_in_the_background(run_jobs):
    body = LutskOrganization()
    datasets = [LutskDataset(owner_org=body["id"]) for _ in range(2)]
    _recheck()
    _assign(body, "creator")
    _assign(body, "publisher")
    assert all(_open(d, "no_responsible_person") for d in datasets)  # not yet: queued
    run_jobs()
    assert not any(_open(d, "no_responsible_person") for d in datasets)


@pytest.mark.usefixtures("with_request_context")
def test_each_flag_links_to_the_place_to_fix_it():
    editor = factories.User()
    body = LutskOrganization(users=[{"name": editor["name"], "capacity": "editor"}])
    dataset = LutskDataset(owner_org=body["id"], name="shkoly", notes="Коротко.")
    resource = add_csv(dataset, data=BAD)
    call_action("resource_patch", context=site_context(), id=resource["id"], name="Школи 2025")
    _validate(resource)
    _recheck()
    flags = {
        f["code"]: f
        for f in call_action(
            "lutsk_charter_flag_list", context=site_context(), package_id=dataset["id"]
        )["results"]
    }
    fixes = {code: helpers.lutsk_charter_flag_fix(f, "shkoly") for code, f in flags.items()}
    rid = resource["id"]
    assert fixes["validation_failed"]["url"] == f"/dataset/shkoly/resource/{rid}/validation"
    assert fixes["validation_failed"]["resource"] == "Школи 2025"
    assert fixes["no_table_schema"]["url"] == (f"/dataset/shkoly/resource/{rid}/edit#field-schema")
    assert fixes["description_too_short"]["url"] == "/dataset/edit/shkoly#field-notes"
    assert fixes["no_actuality_date"]["url"] == "/dataset/edit/shkoly#field-data_actuality_date"
    assert fixes["no_responsible_person"]["url"] == f"/organization/responsible/{body['id']}"
    assert fixes["no_groups"]["url"] == "/dataset/groups/shkoly"
    assert all(fix is not None for fix in fixes.values()), fixes
