"""Writes honour ``defer_commit`` (the caller's transaction is the caller's); shows never write.

Each test hands an action ``defer_commit``, then rolls the caller's transaction
back (or commits it) and reads what the database kept, on real PostgreSQL.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import (
    DatasetQuality,
    LinkCheck,
    MonitorSnapshot,
    QualityFlag,
    ResourceValidation,
)
from tests.conftest import site_context, upload
from tests.validation.corpus import ROWS, SCHEMA, _csv

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

GOOD = _csv(ROWS)


def _deferred() -> dict:
    return {**site_context(), "defer_commit": True}


def _count(table) -> int:
    return model.Session.scalar(sa.select(sa.func.count()).select_from(table)) or 0


def _validation_status(resource_id: str) -> str | None:
    model.Session.expire_all()
    return model.Session.scalar(
        sa.select(ResourceValidation.status).where(ResourceValidation.resource_id == resource_id)
    )


def test_a_queued_validation_with_defer_commit_is_the_callers_to_commit(dataset, run_jobs):
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="routes.csv",
        format="CSV",
        upload=upload(GOOD, "routes.csv"),
    )
    run_jobs()
    assert _validation_status(resource["id"]) == "success"
    result = call_action(
        "lutsk_charter_validation_run", context=_deferred(), resource_id=resource["id"]
    )
    assert result["status"] == "pending"
    model.Session.rollback()  # the caller changes its mind: nothing of the run stays
    assert _validation_status(resource["id"]) == "success"


def test_validating_now_with_defer_commit_neither_commits_nor_drops_the_callers_work(dataset):
    """The caller's uncommitted change and the result land together, or not at all."""
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="routes.csv",
        format="CSV",
        schema=SCHEMA,
        upload=upload(GOOD, "routes.csv"),
    )
    assert _validation_status(resource["id"]) == "pending"
    package = model.Package.get(dataset["id"])
    assert package is not None
    package.title = "Змінено, але ще не збережено"  # the caller's own, uncommitted work
    model.Session.flush()
    result = call_action(
        "lutsk_charter_validation_run",
        context=_deferred(),
        resource_id=resource["id"],
        sync=True,
    )
    assert result["status"] == "success"
    # nothing was rolled back under the caller: its change is still there
    assert (
        model.Session.scalar(
            sa.select(model.Package.title).where(model.Package.id == dataset["id"])
        )
        == "Змінено, але ще не збережено"
    )
    model.Session.rollback()  # and nothing was committed for it either
    assert (
        model.Session.scalar(
            sa.select(model.Package.title).where(model.Package.id == dataset["id"])
        )
        == dataset["title"]
    )
    assert _validation_status(resource["id"]) == "pending"


def test_a_snapshot_with_defer_commit_is_the_callers_to_commit():
    result = call_action("lutsk_charter_monitor_snapshot", context=_deferred())
    assert result["bodies"] == 0
    assert _count(MonitorSnapshot.__table__) == 1  # the city's row, in the caller's transaction
    model.Session.rollback()
    assert _count(MonitorSnapshot.__table__) == 0
    call_action("lutsk_charter_monitor_snapshot", context=site_context())
    model.Session.rollback()
    assert _count(MonitorSnapshot.__table__) == 1  # without defer_commit it commits


def test_a_link_check_with_defer_commit_is_the_callers_to_commit(dataset):
    call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url="http://127.0.0.1:9/data.json",
        format="JSON",
    )
    result = call_action(
        "lutsk_charter_link_check", context=_deferred(), id=dataset["id"], sync=True
    )
    assert [r["status"] for r in result["results"]] == ["skipped"]
    model.Session.rollback()
    assert _count(LinkCheck.__table__) == 0
    call_action("lutsk_charter_link_check", context=site_context(), id=dataset["id"], sync=True)
    model.Session.rollback()
    assert _count(LinkCheck.__table__) == 1


def test_a_recheck_with_defer_commit_is_the_callers_to_commit(dataset):
    model.Session.execute(sa.delete(QualityFlag.__table__))
    model.Session.execute(sa.delete(DatasetQuality.__table__))
    model.Session.commit()
    result = call_action("lutsk_charter_quality_recheck", context=_deferred(), id=dataset["id"])
    assert result["checked"] == 1
    model.Session.rollback()
    assert _count(DatasetQuality.__table__) == 0


def test_the_quality_show_of_a_never_checked_dataset_stores_nothing(dataset):
    model.Session.execute(sa.delete(QualityFlag.__table__))
    model.Session.execute(sa.delete(DatasetQuality.__table__))
    model.Session.commit()
    shown = call_action(
        "lutsk_charter_dataset_quality_show", context=site_context(), id=dataset["id"]
    )
    assert shown["band"] in ("excellent", "good", "sufficient", "bad")
    assert shown["score"] > 0
    assert shown["flags"]  # the sysadmin sees what the check found
    model.Session.commit()  # even a commit after the show finds nothing it wrote
    assert _count(DatasetQuality.__table__) == 0
    assert _count(QualityFlag.__table__) == 0
    # the save path stores it
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Нова назва")
    assert _count(DatasetQuality.__table__) == 1
