"""The show that follows a save reads our tables in the save's last round trip (``prepared.carry``).

CKAN shows a saved dataset right after the save's hooks (for the index and the answer);
the read that show's hook needs is sent after the save's last write (the dashboard's
summary) in the same round trip. These tests hold it to what a read of its own gives,
and to reading anew after any write, flush or end of transaction; and, once taken, to
serving the show right after the commit (the activity's) only: nothing written, the
transaction right after, the same connection, within a second.
"""

from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.clock import portal_zone
from ckanext.lutsk_charter.implementations.dataset_hooks import DatasetHooks
from ckanext.lutsk_charter.model import ResourceValidation, monitoring_summary, prepared
from ckanext.lutsk_charter.model import validation as validation_model
from tests.conftest import LutskDataset, add_csv, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def _name(key: str) -> str:
    """The name this database connection prepared the statement ``key`` under."""
    return model.Session.connection().connection.info[prepared._PREPARED][key]


def _validated(resource_id: str, status: str) -> None:
    model.Session.merge(
        ResourceValidation(
            resource_id=resource_id,
            package_id=model.Resource.get(resource_id).package_id,  # pyright: ignore[reportOptionalMemberAccess]
            status=status,
            requested_at=dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc),
        )
    )
    model.Session.commit()


def _carry(package_id: str) -> None:
    """What a save does: the read waits for the summary's write, and rides with it."""
    validation_model.carry_shown_facts(package_id)
    monitoring_summary.refresh(model.Session, [package_id], str(portal_zone()))


def _statuses(shown: dict) -> list[str | None]:
    return [r.get("validation_status") for r in shown["resources"]]


def test_the_show_after_a_save_sends_no_read_of_its_own(dataset, statements):
    resource = add_csv(dataset, days_ago=30)
    _validated(resource["id"], "success")
    statements.clear()
    saved = call_action("package_patch", context=site_context(), id=dataset["id"], title="Нова")
    shown_reads = [s for s in statements if f"EXECUTE {_name('shown_facts')}(" in s]
    carried = f"EXECUTE {_name('shown_by_package')}("
    # the show before the save only: CKAN 2.12 makes the index's inside the save's
    # transaction and the activity's right after its commit, both from the carried rows
    # (2.11 shows it once more after the commit, which reads for itself)
    assert len(shown_reads) == (1 if tk.check_ckan_version(min_version="2.12") else 2), statements
    (carrier,) = [s for s in statements if carried in s]
    assert f"EXECUTE {_name('monitor_refresh ' + str(portal_zone()))}(" in carrier
    # what it answered and indexed is what a show of its own reads
    fresh = call_action("package_show", context={"use_cache": False}, id=dataset["id"])
    assert _statuses(saved) == _statuses(fresh) == ["success"]
    assert saved["resources"][0]["validation_timestamp"] == "2026-03-04T05:06:07+00:00"
    assert saved["data_last_updated"] == fresh["data_last_updated"]
    (searched,) = call_action("package_search", fq=f"id:{dataset['id']}")["results"]
    assert _statuses(searched) == ["success"]
    assert searched["data_last_updated"] == fresh["data_last_updated"]


def test_the_carried_rows_are_what_a_read_gives(dataset, statements):
    validated, plain = add_csv(dataset, days_ago=30), add_csv(dataset, days_ago=3)
    _validated(validated["id"], "failure")
    ids = [validated["id"], plain["id"]]
    own = validation_model.shown_facts(dataset["id"], ids)
    _carry(dataset["id"])
    statements.clear()
    carried = validation_model.shown_facts(dataset["id"], ids)
    assert statements == []  # taken from the round trip of the write
    key = lambda row: (row.resource_id or "", row.status, row.requested_at, row.changed)  # noqa: E731
    assert sorted(map(key, carried)) == sorted(map(key, own))
    # taken once
    validation_model.shown_facts(dataset["id"], ids)
    assert len(statements) == 1


@pytest.mark.parametrize(
    "write", ["flush", "orm_statement", "driver_statement", "commit", "rollback"]
)
def test_any_write_after_the_carried_read_makes_the_show_read_again(dataset, write):
    resource = add_csv(dataset, days_ago=30)
    _validated(resource["id"], "success")
    _carry(dataset["id"])
    session = model.Session
    if write == "flush":
        row = session.get(ResourceValidation, resource["id"])
        assert row is not None
        row.status = "failure"
        session.flush()
    elif write == "orm_statement":
        session.execute(
            sa.update(ResourceValidation)
            .where(ResourceValidation.resource_id == resource["id"])
            .values(status="failure")
        )
    elif write == "driver_statement":  # below the ORM: seen by the connection all the same
        session.connection().exec_driver_sql(
            "UPDATE lutsk_charter_validation SET status = 'failure' WHERE resource_id = %(id)s",
            {"id": resource["id"]},
        )
    elif write == "commit":
        session.commit()  # another process may write before the next read
    else:
        session.rollback()
    shown = DatasetHooks().after_dataset_show(
        {}, call_action("package_show", context={"use_cache": False}, id=dataset["id"])
    )
    expected = "success" if write in ("commit", "rollback") else "failure"
    assert _statuses(shown) == [expected]
    session.rollback()


def test_the_carried_read_serves_only_its_dataset_and_resources(dataset, statements):
    resource = add_csv(dataset, days_ago=30)
    other = LutskDataset(owner_org=dataset["owner_org"])
    theirs = add_csv(other, days_ago=3)
    _validated(theirs["id"], "failure")
    _carry(dataset["id"])
    statements.clear()
    got = validation_model.shown_facts(other["id"], [theirs["id"]])
    assert len(statements) == 1  # another dataset: read
    assert [r.status for r in got if r.resource_id] == ["failure"]
    _carry(dataset["id"])
    statements.clear()
    got = validation_model.shown_facts(dataset["id"], [resource["id"], theirs["id"]])
    assert len(statements) == 1  # a resource it did not cover: read
    assert {r.resource_id: r.status for r in got if r.resource_id}[theirs["id"]] == "failure"


def test_a_read_waiting_for_a_write_that_never_came_ends_with_the_transaction(dataset):
    add_csv(dataset, days_ago=30)
    validation_model.carry_shown_facts(dataset["id"])
    assert prepared._CARRY in model.Session.info
    model.Session.commit()
    assert prepared._CARRY not in model.Session.info
    monitoring_summary.refresh(model.Session, [dataset["id"]], str(portal_zone()))
    assert prepared._CARRIED not in model.Session.info


def test_a_save_sends_its_scores_with_the_summary_that_reads_them(dataset, statements):
    from ckanext.lutsk_charter.model import DatasetQuality, MonitorDataset

    add_csv(dataset, days_ago=3)
    long = "Перелік об'єктів комунальної власності громади з адресами й площами. " * 8
    call_action("package_patch", context=site_context(), id=dataset["id"], notes=long)
    session = model.Session
    before = session.get(DatasetQuality, dataset["id"])
    assert before is not None
    checked_at, codes = before.checked_at, before.open_codes
    assert "description_too_short" not in codes.split()
    statements.clear()
    call_action("package_patch", context=site_context(), id=dataset["id"], notes="Коротко.")
    (carrier,) = [s for s in statements if "INSERT INTO lutsk_charter_dataset_quality" in s]
    assert f"EXECUTE {_name('monitor_refresh ' + str(portal_zone()))}(" in carrier
    session.expire_all()
    after = session.get(DatasetQuality, dataset["id"])
    assert after is not None
    assert after.checked_at > checked_at  # written, though in the summary's round trip
    summary = session.get(MonitorDataset, dataset["id"])
    assert summary is not None
    assert (summary.band, summary.open_codes) == (after.band, after.open_codes)
    assert "description_too_short" in after.open_codes.split()
    assert "description_too_short" in summary.open_codes.split()


# --- once more right after the commit (CKAN's show for the activity) -------------------------


def _taken_and_committed(dataset: dict) -> list[str]:
    """A save's carried read, taken by its show, then the save committed; the resource ids."""
    resource = add_csv(dataset, days_ago=30)
    _validated(resource["id"], "success")
    _carry(dataset["id"])
    assert validation_model.shown_facts(dataset["id"], [resource["id"]])
    assert prepared._TAKEN in model.Session.info
    model.Session.commit()
    return [resource["id"]]


def test_the_first_show_after_the_commit_takes_the_rows_once_more(dataset, statements):
    ids = _taken_and_committed(dataset)
    statements.clear()
    got = validation_model.shown_facts(dataset["id"], ids)
    assert [s for s in statements if "EXECUTE" in s] == []
    assert [r.status for r in got if r.resource_id] == ["success"]
    validation_model.shown_facts(dataset["id"], ids)  # and only once
    assert len([s for s in statements if "EXECUTE" in s]) == 1


@pytest.mark.parametrize(
    "between", ["write", "flush", "rollback", "next_transaction", "later", "other_dataset"]
)
def test_after_the_commit_the_show_reads_again_unless_right_after(dataset, statements, between):
    other = LutskDataset(owner_org=dataset["owner_org"])
    ids = _taken_and_committed(dataset)
    session = model.Session
    if between == "write":  # what another process could also have written meanwhile
        session.connection().exec_driver_sql(
            "UPDATE lutsk_charter_validation SET status = 'failure' WHERE resource_id = %(id)s",
            {"id": ids[0]},
        )
    elif between == "flush":
        row = session.get(ResourceValidation, ids[0])
        assert row is not None
        row.status = "failure"
        session.flush()
    elif between == "rollback":
        session.execute(sa.text("SELECT 1"))
        session.rollback()
    elif between == "next_transaction":
        session.execute(sa.text("SELECT 1"))
        session.commit()
    elif between == "later":
        kept = session.info[prepared._AFTER_COMMIT]
        kept[5] -= prepared.AFTER_COMMIT_SECONDS + 0.01  # committed more than a second ago
    statements.clear()
    if between == "other_dataset":
        validation_model.shown_facts(other["id"], [])
    else:
        got = validation_model.shown_facts(dataset["id"], ids)
        expected = "failure" if between in ("write", "flush") else "success"
        assert [r.status for r in got if r.resource_id] == [expected]
    assert len([s for s in statements if "EXECUTE" in s]) == 1, statements
    session.rollback()
