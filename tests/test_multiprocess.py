"""More than one of each process: two web servers and two RQ workers on loopback.

As a portal grows (web processes behind a proxy, workers on Redis, one
PostgreSQL, Solr): a save through one web process is seen by the other at once (the
monitoring dashboard's figures too),
validation and link-check jobs spread over both workers and each runs once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import rq
from ckan.tests import factories

from tests.conftest import LutskOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

ROOT = Path(__file__).resolve().parent.parent
CKAN = str(Path(sys.executable).with_name("ckan"))
BASE_PORT = int(os.environ.get("TEST_LIVE_PORT", "5055")) + 2
LOGS = ROOT / ".data" / "logs"


def _start(name: str, *args: str) -> subprocess.Popen:
    LOGS.mkdir(parents=True, exist_ok=True)
    log = (LOGS / f"multiprocess-{name}.log").open("ab")
    return subprocess.Popen(
        [CKAN, "-c", str(ROOT / "test.ini"), *args],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def two_webs() -> Iterator[list[str]]:
    urls = [f"http://127.0.0.1:{BASE_PORT + n}" for n in range(2)]
    processes = [
        _start(f"web{n}", "run", "-H", "127.0.0.1", "-p", str(BASE_PORT + n)) for n in range(2)
    ]
    try:
        deadline = time.monotonic() + 120
        for url, process in zip(urls, processes, strict=True):
            while True:
                try:
                    requests.get(f"{url}/api/3/action/status_show", timeout=5).raise_for_status()
                    break
                except requests.RequestException:
                    assert process.poll() is None, f"{url} did not start; see {LOGS}"
                    assert time.monotonic() < deadline, f"{url} did not start in time"
                    time.sleep(0.5)
        yield urls
    finally:
        _stop(processes)


@pytest.fixture
def two_workers() -> Iterator[list[str]]:
    import rq
    from ckan.lib import jobs

    queue = jobs.get_queue("lutsk_charter")
    queue.empty()
    for registry in (queue.finished_job_registry, queue.failed_job_registry):
        for job_id in registry.get_job_ids():
            try:
                registry.remove(job_id, delete_job=True)
            except rq.exceptions.NoSuchJobError:  # its hash expired before its entry
                registry.remove(job_id, delete_job=False)
    processes = [_start(f"worker{n}", "jobs", "worker", "lutsk_charter") for n in range(2)]
    try:
        deadline = time.monotonic() + 120
        while len(rq.Worker.all(queue=queue)) < 2:
            assert all(p.poll() is None for p in processes), f"a worker died; see {LOGS}"
            assert time.monotonic() < deadline, "the workers did not start in time"
            time.sleep(0.5)
        yield [w.name for w in rq.Worker.all(queue=queue)]
    finally:
        _stop(processes)


def _call(url: str, action: str, token: str, **data) -> dict:
    response = requests.post(
        f"{url}/api/3/action/{action}", json=data, headers={"Authorization": token}, timeout=60
    )
    assert response.status_code == 200, (action, response.status_code, response.text[:500])
    return response.json()["result"]


def test_two_web_processes_and_two_workers_agree(two_webs, two_workers):
    from ckan.lib import jobs
    from rq.job import Job

    first, second = two_webs
    token = factories.SysadminWithToken()["token"]
    body = LutskOrganization()
    dataset = _call(
        first,
        "package_create",
        token,
        name="multi-process-dataset",
        title="Бюджет міста",
        owner_org=body["id"],
        notes="Щорічний бюджет Луцької міської територіальної громади, з усіма додатками.",
        tag_string="бюджет",
        update_frequency="once a year",
        purpose_of_collecting_information="Закон «Про доступ до публічної інформації».",
    )
    # a save through one process is seen by the other at once: core's data and ours
    assert _call(second, "package_show", token, id=dataset["id"])["title"] == "Бюджет міста"
    quality_first = _call(first, "lutsk_charter_dataset_quality_show", token, id=dataset["id"])
    assert _call(second, "lutsk_charter_dataset_quality_show", token, id=dataset["id"]) == (
        quality_first
    )
    _call(second, "package_patch", token, id=dataset["id"], title="Бюджет міста на 2026 рік")
    assert _call(first, "package_show", token, id=dataset["id"])["title"] == (
        "Бюджет міста на 2026 рік"
    )
    # the dashboard's summary, built through one process: a save through the other is
    # counted by the first at once (nothing of it is held in a process)
    _call(first, "lutsk_charter_monitor_snapshot", token)
    for private, counted in ((True, (0, 1)), (False, (1, 0))):
        _call(second, "package_patch", token, id=dataset["id"], private=private)
        shown = _call(first, "lutsk_charter_monitor_show", token, organization_id=body["id"])
        assert (shown["bodies"][0]["public"], shown["bodies"][0]["private"]) == counted

    # six uploads through both processes: six validation jobs
    resources = []
    for n in range(6):
        url = (first, second)[n % 2]
        response = requests.post(
            f"{url}/api/3/action/resource_create",
            data={"package_id": dataset["id"], "name": f"Дані {n}", "format": "CSV"},
            files={"upload": (f"data{n}.csv", b"id,name\n%d,Lutsk\n" % n, "text/csv")},
            headers={"Authorization": token},
            timeout=60,
        )
        assert response.status_code == 200, response.text[:500]
        resources.append(response.json()["result"]["id"])
    # and a link check
    _call(first, "lutsk_charter_link_check", token, id=dataset["id"])

    queue = jobs.get_queue("lutsk_charter")
    deadline = time.monotonic() + 180

    def finished_here() -> list[Job]:
        """The validation and link-check jobs done (the DCAT checks and reindexing that
        the saves also queue are not what this test counts)."""
        done = []
        for job_id in queue.finished_job_registry.get_job_ids():
            try:
                job = Job.fetch(job_id, connection=queue.connection)
            except rq.exceptions.NoSuchJobError:
                continue
            if job.description.startswith(
                (
                    "ckanext.lutsk_charter.jobs.validate_resource",
                    "ckanext.lutsk_charter.jobs.check_links",
                )
            ):
                done.append(job)
        return done

    while len(finished_here()) + len(queue.failed_job_registry) < 7 or len(queue):
        assert time.monotonic() < deadline, "the jobs did not finish in time"
        time.sleep(0.5)
    assert len(queue.failed_job_registry) == 0
    finished = finished_here()
    titles = Counter(j.description.split("(")[0] for j in finished)
    assert len(finished) == 7, titles
    # each job ran once (one result per job), spread over both workers
    assert Counter(j.id for j in finished) == Counter({j.id: 1 for j in finished})
    assert len({j.worker_name for j in finished}) == 2, [j.worker_name for j in finished]
    for resource_id in resources:
        shown = _call(second, "lutsk_charter_validation_show", token, resource_id=resource_id)
        assert shown["status"] == "success", shown
