"""What a save asks of Redis for its DCAT check: a job's status, not the whole job.

``jobs.queue_once`` reads the status of a dataset's job ids (``<base>``, then
``<base>-next`` if need be) with one ``HGET`` each instead of fetching each whole job
and then its status; these tests hold it to what the fetches decided, job state by
job state.
"""

from __future__ import annotations

import pytest
from ckan.lib import jobs as ckan_jobs
from ckan.tests.helpers import call_action
from rq.job import Job, JobStatus

from ckanext.lutsk_charter import dcat_check, jobs
from tests.conftest import site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


@pytest.fixture
def queue():
    queue = ckan_jobs.get_queue(jobs.QUEUE)
    queue.empty()
    yield queue
    queue.empty()


def _dcat_jobs(queue, package_id: str) -> list[str]:
    return [j.id for j in queue.jobs if j.meta.get("title") == f"lutsk_charter dcat {package_id}"]


def _set(queue, job_id: str, status: JobStatus) -> None:
    job = Job.fetch(job_id, connection=queue.connection)
    if status == JobStatus.STARTED:  # taken by a worker: off the queue
        queue.remove(job)
    job.set_status(status)


def test_a_queued_check_is_not_queued_again(dataset, queue):
    base = jobs.reindex_job_id(dataset["id"], "dcat")
    assert jobs.queue_dcat_check(dataset["id"]) == base
    for status in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
        Job.fetch(base, connection=queue.connection).set_status(status)
        assert jobs.queue_dcat_check(dataset["id"]) is None
    assert _dcat_jobs(queue, dataset["id"]) == [base]


def test_a_running_check_gets_one_more_after_it(dataset, queue):
    base = jobs.reindex_job_id(dataset["id"], "dcat")
    assert jobs.queue_dcat_check(dataset["id"]) == base
    _set(queue, base, JobStatus.STARTED)  # it may have read before this save
    assert jobs.queue_dcat_check(dataset["id"]) == f"{base}-next"
    assert jobs.queue_dcat_check(dataset["id"]) is None  # the next one is queued
    _set(queue, f"{base}-next", JobStatus.STARTED)
    third = jobs.queue_dcat_check(dataset["id"])  # both running: one more, a third id
    assert third is not None
    assert third.startswith(f"{base}-")
    assert third != f"{base}-next"
    assert _dcat_jobs(queue, dataset["id"]) == [third]


@pytest.mark.parametrize("status", [JobStatus.FINISHED, JobStatus.FAILED])
def test_a_finished_check_is_queued_anew(dataset, queue, status):
    base = jobs.reindex_job_id(dataset["id"], "dcat")
    assert jobs.queue_dcat_check(dataset["id"]) == base
    queue.remove(Job.fetch(base, connection=queue.connection))
    Job.fetch(base, connection=queue.connection).set_status(status)
    assert jobs.queue_dcat_check(dataset["id"]) == base
    assert _dcat_jobs(queue, dataset["id"]) == [base]


def test_a_save_queues_its_check_reading_only_job_statuses(dataset, queue):
    assert dcat_check.available()  # the test portal has ckanext-dcat on
    redis = queue.connection

    def calls(command: str) -> int:
        return int(redis.info("commandstats").get(f"cmdstat_{command}", {}).get("calls", 0))

    call_action("package_patch", context=site_context(), id=dataset["id"], title="Перша назва")
    base = jobs.reindex_job_id(dataset["id"], "dcat")
    assert _dcat_jobs(queue, dataset["id"]) == [base]  # the save queued it
    before = {c: calls(c) for c in ("hgetall", "hget")}
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Друга назва")
    assert calls("hgetall") == before["hgetall"]  # no whole job fetched
    assert calls("hget") - before["hget"] == 1  # the status of the queued one, alone
    assert _dcat_jobs(queue, dataset["id"]) == [base]  # still one, and still queued
    queue.remove(Job.fetch(base, connection=queue.connection))
    Job.fetch(base, connection=queue.connection).set_status(JobStatus.FINISHED)
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Третя назва")
    assert _dcat_jobs(queue, dataset["id"]) == [base]  # checked once more after it ran


def _link_jobs(queue, package_id: str) -> list[str]:
    return [j.id for j in queue.jobs if j.meta.get("title") == f"lutsk_charter links {package_id}"]


def test_a_saves_jobs_are_queued_when_it_commits_and_not_before(dataset, queue):
    """A worker taking the DCAT or link check before the commit would read the old dataset."""
    import sqlalchemy as sa
    from ckan import model

    at_commit: list[tuple[list[str], ...]] = []

    def before_commit(session) -> None:
        if session.in_nested_transaction():
            return  # a savepoint's release (core's, just before its commit)
        at_commit.append(
            (
                _dcat_jobs(queue, dataset["id"]),
                _link_jobs(queue, dataset["id"]),
                [j.id for j in queue.jobs if j.func_name.endswith(".validate_resource")],
            )
        )

    sa.event.listen(model.Session, "before_commit", before_commit)
    try:
        call_action(
            "package_patch",
            context=site_context(),
            id=dataset["id"],
            resources=[{"url": "https://example.org/new.csv", "format": "CSV"}],
        )
    finally:
        sa.event.remove(model.Session, "before_commit", before_commit)
    # nothing queued while the save was not yet committed (nor at its savepoint's release)
    assert at_commit
    assert at_commit[0] == ([], [], [])
    assert _dcat_jobs(queue, dataset["id"]) == [jobs.reindex_job_id(dataset["id"], "dcat")]
    assert len(_link_jobs(queue, dataset["id"])) == 1  # its new link: never checked
    validations = [j for j in queue.jobs if j.func_name.endswith(".validate_resource")]
    assert len(validations) == 1  # the new CSV's


def test_a_save_whose_commit_fails_queues_nothing(dataset, queue):
    import sqlalchemy as sa
    from ckan import model

    def failing_commit(session) -> None:
        raise RuntimeError("the database refused the commit")

    sa.event.listen(model.Session, "before_commit", failing_commit)
    try:
        with pytest.raises(RuntimeError):
            call_action(
                "package_patch",
                context=site_context(),
                id=dataset["id"],
                title="Не збережена назва",
                resources=[{"url": "https://example.org/other.csv", "format": "CSV"}],
            )
    finally:
        sa.event.remove(model.Session, "before_commit", failing_commit)
    model.Session.rollback()
    model.Session.commit()  # a later commit of the same session carries none of them
    assert _dcat_jobs(queue, dataset["id"]) == []
    assert _link_jobs(queue, dataset["id"]) == []
    assert call_action("package_show", id=dataset["id"])["title"] != "Не збережена назва"
