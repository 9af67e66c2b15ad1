"""The clock of timeliness runs on data changes, not on metadata edits."""

from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.demo import DATASETS, load
from tests.conftest import LutskDataset, site_context, upload

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

CSV = "id,name\n1,Луцьк\n".encode()


def _timeliness(dataset) -> dict:
    return call_action("lutsk_charter_dataset_timeliness_show", id=dataset["id"])


def _add_file(dataset, data: bytes = CSV):
    return call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="data.csv",
        format="CSV",
        upload=upload(data, "data.csv"),
    )


def test_a_new_file_starts_the_clock_and_metadata_edits_do_not(dataset):
    resource = _add_file(dataset)
    first = _timeliness(dataset)
    changed = dt.datetime.fromisoformat(first["data_changed_at"])
    assert abs((dt.datetime.now(dt.timezone.utc) - changed).total_seconds()) < 120
    assert first["update_frequency"] == "once a month"
    assert first["state"] == "normal"

    before = call_action("package_show", id=dataset["id"])["metadata_modified"]
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Нова назва")
    call_action(
        "resource_patch",
        context=site_context(),
        id=resource["id"],
        name="Інша назва",
        description="Лише опис",
    )
    call_action("lutsk_charter_validation_run", resource_id=resource["id"], sync=True)
    assert call_action("package_show", id=dataset["id"])["metadata_modified"] != before
    assert _timeliness(dataset)["data_changed_at"] == first["data_changed_at"]

    call_action(
        "resource_patch",
        context=site_context(),
        id=resource["id"],
        upload=upload(CSV + "2,Ківерці\n".encode(), "data.csv"),
    )
    assert _timeliness(dataset)["data_changed_at"] > first["data_changed_at"]


def test_a_stated_last_modified_is_believed(dataset):
    resource = _add_file(dataset)
    long_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=70)).replace(tzinfo=None)
    call_action(
        "resource_patch",
        context=site_context(),
        id=resource["id"],
        last_modified=long_ago.isoformat(),
    )
    result = _timeliness(dataset)
    assert result["data_changed_at"].startswith(long_ago.date().isoformat())
    assert result["state"] == "overdue"
    assert result["days_left"] < 0


def test_a_new_link_is_a_data_change(dataset):
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="https://example.com/old.csv",
        format="CSV",
        last_modified="2020-01-01T00:00:00",
    )
    assert _timeliness(dataset)["data_changed_at"].startswith("2020-01-01")
    call_action(
        "resource_patch",
        context=site_context(),
        id=resource["id"],
        url="https://example.com/new.csv",
    )
    assert _timeliness(dataset)["data_changed_at"][:4] == str(dt.date.today().year)


def test_a_dataset_without_resources_counts_from_its_creation(dataset):
    result = _timeliness(dataset)
    assert result["data_changed_at"].startswith(dataset["metadata_created"][:10])


def test_the_demo_datasets_are_in_their_intended_states():
    load(echo=lambda line: None)
    for spec in DATASETS:
        if spec.resources:
            result = call_action("lutsk_charter_dataset_timeliness_show", id=spec.name)
            assert result["state"] == spec.intended, (spec.name, result)


def test_a_private_dataset_is_not_shown_to_visitors(organization):
    private = LutskDataset(owner_org=organization["id"], private=True)
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("lutsk_charter_dataset_timeliness_show")(
            {"user": "", "ignore_auth": False}, {"id": private["id"]}
        )
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("lutsk_charter_data_change_record")(
            {"user": "", "ignore_auth": False}, {"id": private["id"]}
        )


@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.allow_private_urls", "true")
def test_new_content_behind_the_same_link_is_a_data_change(dataset, file_server):
    base, folder = file_server
    (folder / "routes.csv").write_bytes(CSV)
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url=f"{base}/routes.csv",
        format="CSV",
        last_modified="2020-01-01T00:00:00",
    )
    call_action("lutsk_charter_validation_run", resource_id=resource["id"], sync=True)
    assert _timeliness(dataset)["data_changed_at"].startswith("2020-01-01")  # first sight

    call_action("lutsk_charter_validation_run", resource_id=resource["id"], sync=True)
    assert _timeliness(dataset)["data_changed_at"].startswith("2020-01-01")  # same content

    (folder / "routes.csv").write_bytes(CSV + "2,Ківерці\n".encode())
    call_action("lutsk_charter_validation_run", resource_id=resource["id"], sync=True)
    assert _timeliness(dataset)["data_changed_at"][:4] == str(dt.date.today().year)
