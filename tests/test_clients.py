"""What the portal's outside clients read: the city's monitor, search, the data clock."""

from __future__ import annotations

import configparser
import datetime as dt
import json

import pytest
from ckan.lib import jobs as ckan_jobs
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter import jobs
from ckanext.lutsk_charter.clients import MONITOR_DATASET_KEYS, MONITOR_RESOURCE_KEYS
from ckanext.lutsk_charter.demo import BODIES, load
from tests.conftest import ROOT, LutskDataset, add_csv, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def _quiet(line: str) -> None:
    pass


def _read_as_the_monitor(dataset: dict) -> None:
    """The monitor's PHP reads these as array keys: a missing one stops it."""
    for key in MONITOR_DATASET_KEYS:
        assert isinstance(dataset[key], str), (dataset.get("name"), key)
    assert isinstance(dataset["organization"]["name"], str)
    for tag in dataset["tags"]:
        assert isinstance(tag["display_name"], str)
    for resource in dataset["resources"]:
        for key in MONITOR_RESOURCE_KEYS:
            assert isinstance(resource[key], str), (dataset["name"], resource.get("id"), key)


def _get(app, url: str, token: str | None = None) -> dict:
    headers = {"Authorization": token} if token else {}
    response = app.get(url, headers=headers)
    assert response.status_code == 200, response.body
    body = json.loads(response.body)
    assert body["success"] is True
    return body["result"]


def test_the_monitors_two_calls_give_every_key_it_reads(app, run_jobs, sysadmin_token):
    load(echo=_quiet)
    run_jobs()  # the validations the demo queued, and the reindexes they queue
    bodies = _get(app, "/api/3/action/organization_list?all_fields=true")
    assert len(bodies) == len(BODIES)
    assert all(isinstance(b["name"], str) and b["name"] for b in bodies)
    found = _get(app, "/api/3/action/package_search?q=*:*&rows=99999")
    assert found["count"] == len(found["results"])  # every row, not the first 1000
    assert found["count"] >= 30
    described = 0
    for dataset in found["results"]:
        _read_as_the_monitor(dataset)
        described += sum(1 for r in dataset["resources"] if r["description"])
        shown = _get(app, f"/api/3/action/package_show?id={dataset['id']}")
        _read_as_the_monitor(shown)
    assert described < sum(len(d["resources"]) for d in found["results"])  # some have none
    # Logged in (a sysadmin, private datasets too): the same keys.
    token = sysadmin_token["token"]
    logged_in = _get(
        app, "/api/3/action/package_search?q=*:*&rows=99999&include_private=true", token
    )
    assert logged_in["count"] >= found["count"]
    for dataset in logged_in["results"]:
        _read_as_the_monitor(dataset)
        _read_as_the_monitor(_get(app, f"/api/3/action/package_show?id={dataset['id']}", token))


@pytest.mark.parametrize("ini", ["test.ini", "dev/development.ini"])
def test_the_configs_let_rows_99999_through(ini):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / ini)
    assert int(parser["app:main"]["ckan.search.rows_max"]) >= 99999


def test_rows_99999_is_capped_without_the_setting(app, ckan_config, monkeypatch, dataset):
    """What CKAN does otherwise: no error, just at most rows_max rows."""
    LutskDataset(owner_org=dataset["owner_org"])
    monkeypatch.setitem(ckan_config, "ckan.search.rows_max", 1)
    found = _get(app, "/api/3/action/package_search?q=*:*&rows=99999")
    assert found["count"] == 2
    assert len(found["results"]) == 1


# --- search tells what package_show tells --------------------------------------------------


def _agree(dataset_id: str) -> list[str]:
    shown = call_action("package_show", id=dataset_id)
    (searched,) = call_action("package_search", fq=f"id:{dataset_id}")["results"]
    assert [r["validation_status"] for r in searched["resources"]] == [
        r["validation_status"] for r in shown["resources"]
    ]
    assert searched["data_last_updated"] == shown["data_last_updated"]
    return [r["validation_status"] for r in shown["resources"]]


def test_search_agrees_with_package_show_after_the_worker_validates(dataset, run_jobs):
    add_csv(dataset)
    add_csv(dataset, data=b"id,name\n1,Lutsk\n2\n")
    run_jobs()
    assert _agree(dataset["id"]) == ["success", "failure"]
    (searched,) = call_action("package_search", fq="charter_flags:validation_failed")["results"]
    assert searched["id"] == dataset["id"]


def test_many_results_for_one_dataset_queue_one_reindex(dataset, run_jobs):
    queue = ckan_jobs.get_queue(jobs.QUEUE)
    queue.empty()
    queued = [jobs.queue_reindex(dataset["id"]) for _ in range(500)]
    assert queued[0] == jobs.reindex_job_id(dataset["id"])
    assert queued[1:] == [None] * 499
    titles = [j.meta.get("title") for j in queue.jobs]
    assert titles == [f"lutsk_charter reindex {dataset['id']}"]
    other = LutskDataset(owner_org=dataset["owner_org"])
    jobs.queue_reindex(other["id"])
    titles = [j.meta.get("title", "") for j in queue.jobs]
    reindexes = [t for t in titles if t.startswith("lutsk_charter reindex")]
    assert len(reindexes) == 2  # one per dataset
    run_jobs()
    assert not queue.jobs
    assert jobs.queue_reindex(dataset["id"]) == jobs.reindex_job_id(dataset["id"])  # anew


# --- the data clock ---------------------------------------------------------------------------


def test_data_last_updated_in_show_search_sort_and_register(dataset, organization):
    add_csv(dataset, days_ago=40)
    recent = LutskDataset(owner_org=dataset["owner_org"])
    add_csv(recent, days_ago=3)
    shown = call_action("package_show", id=dataset["id"])
    clock = dt.datetime.fromisoformat(shown["data_last_updated"])
    assert 39 <= (dt.datetime.now(dt.timezone.utc) - clock).days <= 40
    # A new title moves metadata_modified, not the data clock.
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Нова назва")
    assert (
        call_action("package_show", id=dataset["id"])["data_last_updated"]
        == (shown["data_last_updated"])
    )
    month = call_action("package_search", fq="data_last_updated:[NOW-30DAYS TO *]")
    assert [d["name"] for d in month["results"]] == [recent["name"]]
    ordered = call_action("package_search", sort="data_last_updated asc")["results"]
    assert [d["name"] for d in ordered] == [dataset["name"], recent["name"]]
    register = call_action("lutsk_charter_register_export", format="csv")["content"]
    assert clock.date().isoformat() in register or (
        (clock + dt.timedelta(hours=3)).date().isoformat() in register
    )
    assert register.splitlines()[0].endswith(",modified")


def test_data_last_updated_cannot_be_written(dataset):
    add_csv(dataset, days_ago=5)
    before = call_action("package_show", id=dataset["id"])["data_last_updated"]
    call_action(
        "package_patch",
        context=site_context(),
        id=dataset["id"],
        data_last_updated="2000-01-01T00:00:00",
    )
    assert call_action("package_show", id=dataset["id"])["data_last_updated"] == before
