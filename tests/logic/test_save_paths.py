"""Validation and the data clock on every save path, counted on the real Redis queue.

ckanapi, harvesters and scripts save resources inline through package_create,
package_update and package_patch; the form and the API also use resource_*. Each
path that adds or changes a resource's file, link, format, schema or options
queues exactly one validation job, after the save commits; a save that keeps the
resources as they are queues nothing.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.lib import jobs
from ckan.tests.helpers import call_action

from tests.conftest import site_context, upload
from tests.validation.corpus import ROWS, SCHEMA, _csv

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

GOOD = _csv(ROWS)


@pytest.fixture
def queued():
    """The resource ids of the validation jobs waiting on the ``lutsk_charter`` queue."""
    queue = jobs.get_queue("lutsk_charter")
    queue.empty()

    def ids() -> list[str]:
        return [j.args[0] for j in queue.jobs if j.func_name.endswith(".validate_resource")]

    return ids


def _create(organization, *resources, **extra):
    return call_action(
        "package_create",
        context=site_context(),
        name=extra.pop("name", "routes"),
        title="Маршрути",
        notes="Маршрути громадського транспорту Луцької міської територіальної громади.",
        tag_string="транспорт",
        update_frequency="once a month",
        purpose_of_collecting_information="Облік маршрутів.",
        owner_org=organization["id"],
        resources=list(resources),
        **extra,
    )


def _status(resource_id):
    return call_action("lutsk_charter_validation_show", resource_id=resource_id)["status"]


LINK_A = {"name": "a.csv", "url": "https://data.example.com/a.csv", "format": "CSV"}
LINK_B = {"name": "b.xlsx", "url": "https://data.example.com/b.xlsx", "format": "XLSX"}
PDF = {"name": "c.pdf", "url": "https://data.example.com/c.pdf", "format": "PDF"}


def test_package_create_with_inline_resources_queues_each_once(organization, queued):
    dataset = _create(organization, LINK_A, LINK_B, PDF)
    a, b, pdf = dataset["resources"]
    assert sorted(queued()) == sorted([a["id"], b["id"]])
    assert _status(a["id"]) == "pending"
    shown = call_action("package_show", id=dataset["id"])["resources"]
    assert [r.get("validation_status") for r in shown] == ["pending", "pending", ""]  # "": never
    with pytest.raises(tk.ObjectNotFound):
        _status(pdf["id"])


def test_package_update_that_keeps_the_resources_queues_nothing(organization, queued):
    dataset = _create(organization, LINK_A, LINK_B)
    queued_before = queued()
    jobs.get_queue("lutsk_charter").empty()
    shown = call_action("package_show", id=dataset["id"])
    call_action("package_update", context=site_context(), **dict(shown, title="Нова назва"))
    call_action("package_update", context=site_context(), **shown)  # nothing at all changed
    call_action("package_patch", context=site_context(), id=dataset["id"], notes="x" * 120)
    shown = call_action("package_show", id=dataset["id"])
    shown["resources"][0]["description"] = "Опис ресурсу"  # not an input of the validation
    call_action("package_update", context=site_context(), **shown)
    assert len(queued_before) == 2
    assert queued() == []


def test_package_update_queues_only_the_changed_resource(organization, queued):
    dataset = _create(organization, LINK_A, LINK_B)
    jobs.get_queue("lutsk_charter").empty()
    shown = call_action("package_show", id=dataset["id"])
    shown["resources"][1]["url"] = "https://data.example.com/b-2025.xlsx"
    call_action("package_update", context=site_context(), **shown)
    assert queued() == [shown["resources"][1]["id"]]


def test_package_patch_adding_a_resource_queues_it(organization, queued):
    dataset = _create(organization, LINK_A)
    jobs.get_queue("lutsk_charter").empty()
    shown = call_action("package_show", id=dataset["id"])
    patched = call_action(
        "package_patch",
        context=site_context(),
        id=dataset["id"],
        resources=[*shown["resources"], LINK_B],
    )
    assert queued() == [patched["resources"][1]["id"]]


def test_package_patch_changing_the_schema_or_format_queues_it(organization, queued):
    dataset = _create(organization, LINK_A, PDF)
    jobs.get_queue("lutsk_charter").empty()
    shown = call_action("package_show", id=dataset["id"])
    shown["resources"][0]["schema"] = SCHEMA
    call_action(
        "package_patch", context=site_context(), id=dataset["id"], resources=shown["resources"]
    )
    assert queued() == [shown["resources"][0]["id"]]
    jobs.get_queue("lutsk_charter").empty()
    shown = call_action("package_show", id=dataset["id"])
    shown["resources"][1]["format"] = "CSV"  # the PDF turns out to be a CSV
    call_action(
        "package_patch", context=site_context(), id=dataset["id"], resources=shown["resources"]
    )
    assert queued() == [shown["resources"][1]["id"]]


def test_resource_actions_queue_once_per_change(dataset, queued):
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        name="routes.csv",
        url="routes.csv",
        format="CSV",
        upload=upload(GOOD, "routes.csv"),
    )
    assert queued() == [resource["id"]]
    jobs.get_queue("lutsk_charter").empty()
    call_action("resource_patch", context=site_context(), id=resource["id"], name="Маршрути")
    assert queued() == []
    call_action(
        "resource_patch",
        context=site_context(),
        id=resource["id"],
        upload=upload(GOOD + b"5,New,1\n", "routes.csv"),
    )
    assert queued() == [resource["id"]]


def test_a_refused_save_queues_nothing(organization, queued):
    dataset = _create(organization, LINK_A)
    jobs.get_queue("lutsk_charter").empty()
    shown = call_action("package_show", id=dataset["id"])
    shown["resources"][0]["url"] = "https://data.example.com/new.csv"
    shown["update_frequency"] = "no such frequency"
    with pytest.raises(tk.ValidationError):
        call_action("package_update", context=site_context(), **shown)
    assert queued() == []
    assert _status(shown["resources"][0]["id"]) == "pending"  # the first, committed request


@pytest.mark.ckan_config(
    "ckan.plugins",
    "lutsk_charter scheming_datasets scheming_organizations activity lutsk_charter_test_validation",
)
def test_another_plugin_may_still_say_no_on_the_package_paths(organization, queued):
    # The test plugin (tests/plugins.py) refuses resources whose name starts with "skip".
    dataset = _create(organization, LINK_A, dict(LINK_B, name="skip.xlsx"))
    assert queued() == [dataset["resources"][0]["id"]]


@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.allow_private_urls", "true")
def test_a_resource_saved_by_package_create_is_validated_by_the_worker(
    organization, queued, run_jobs, file_server
):
    base, folder = file_server
    (folder / "routes.csv").write_bytes(GOOD)
    dataset = _create(organization, {"name": "r", "url": f"{base}/routes.csv", "format": "CSV"})
    resource_id = dataset["resources"][0]["id"]
    assert queued() == [resource_id]
    run_jobs()
    assert _status(resource_id) == "success"
    # The result is stored without touching the dataset; a later update queues nothing.
    shown = call_action("package_show", id=dataset["id"])
    call_action("package_update", context=site_context(), **dict(shown, title="Інша назва"))
    assert queued() == []


def test_the_data_clock_moves_on_the_package_paths(organization, queued):
    import datetime as dt

    from sqlalchemy import update

    from ckanext.lutsk_charter.model import ResourceDataChange

    dataset = _create(organization, LINK_A)
    clock = call_action("lutsk_charter_dataset_timeliness_show", id=dataset["id"])
    # Make the data look a month old, so a change is seen as one.
    from ckan import model

    month_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=30)
    model.Session.execute(update(ResourceDataChange).values(changed_at=month_ago))
    model.Session.commit()
    old = call_action("lutsk_charter_dataset_timeliness_show", id=dataset["id"])
    assert old["data_changed_at"] < clock["data_changed_at"]
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Нова назва")
    assert call_action("lutsk_charter_dataset_timeliness_show", id=dataset["id"]) == old
    shown = call_action("package_show", id=dataset["id"])
    shown["resources"][0]["url"] = "https://data.example.com/a-2026.csv"
    call_action(
        "package_patch", context=site_context(), id=dataset["id"], resources=shown["resources"]
    )
    new = call_action("lutsk_charter_dataset_timeliness_show", id=dataset["id"])
    assert new["data_changed_at"] > old["data_changed_at"]
