"""What a save costs the database beyond bare CKAN: the reads the hooks need not repeat.

Counted, never timed (the timing is ``bench/bench_save.py``): each saving here has a
test that the value it stands in for is still the current one when something changed.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.lib import search
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.implementations import dataset_hooks
from ckanext.lutsk_charter.implementations.dataset_hooks import DatasetHooks
from ckanext.lutsk_charter.model import ResourceDataChange
from tests.conftest import LutskDataset, add_csv, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


#: How the index hook's own read of the data clock begins (``clients._data_clock_statement``).
_INDEX_CLOCK_READ = "SELECT package.id, (SELECT max(lutsk_charter_data_change.changed_at)"


def _indexed_clock(package_id: str) -> str | None:
    return search.query_for(model.Package).get_index(package_id).get("data_last_updated")


def test_the_index_of_a_save_takes_the_data_clock_its_show_just_read(dataset, statements):
    add_csv(dataset, days_ago=30)
    shown = call_action("package_show", id=dataset["id"])
    statements.clear()
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Нова назва")
    # the clock read of the index hook (``clients.data_clock``): the show for the index
    # read it a moment before, in the same transaction
    own_reads = [s for s in statements if s.startswith(_INDEX_CLOCK_READ)]
    assert own_reads == []
    shows = [s for s in statements if "EXECUTE lutsk_charter_prepared_" in s]
    assert shows  # the shows of the save read it (one statement each, or with the last write)
    indexed = dt.datetime.fromisoformat(_indexed_clock(dataset["id"]).replace("Z", "+00:00"))
    assert indexed == dt.datetime.fromisoformat(shown["data_last_updated"])


@pytest.mark.parametrize("write", ["flush", "statement", "commit"])
def test_a_write_after_a_show_makes_the_index_read_the_clock_again(dataset, write):
    resource = add_csv(dataset, days_ago=30)
    hooks = DatasetHooks()
    call_action("package_show", id=dataset["id"])  # the clock read, kept for an index
    assert dataset["id"] in model.Session.info[dataset_hooks._SHOWN_CLOCK]
    moved = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    session = model.Session
    if write == "flush":
        row = session.get(ResourceDataChange, resource["id"])
        assert row is not None
        row.changed_at = moved
        session.flush()
    else:
        session.execute(
            sa.update(ResourceDataChange)
            .where(ResourceDataChange.resource_id == resource["id"])
            .values(changed_at=moved)
        )
        if write == "commit":
            session.commit()
    assert dataset_hooks._SHOWN_CLOCK not in session.info
    indexed = hooks.before_dataset_index({"id": dataset["id"]})
    assert indexed["data_last_updated"] == "2026-01-02T03:04:05Z"


def test_the_clock_kept_for_one_dataset_is_not_taken_for_another(dataset):
    add_csv(dataset, days_ago=30)
    other = LutskDataset(owner_org=dataset["owner_org"])
    add_csv(other, days_ago=3)
    model.Session.commit()
    call_action("package_show", id=dataset["id"])
    hooks = DatasetHooks()
    expected = call_action("package_show", id=other["id"])["data_last_updated"]
    got = hooks.before_dataset_index({"id": other["id"]})["data_last_updated"]
    assert got == expected.replace("+00:00", "Z")
    # taken once: a second index of the same dataset reads it from the database
    again = hooks.before_dataset_index({"id": other["id"]})["data_last_updated"]
    assert again == got


def test_a_saves_clock_and_validation_queue_read_our_tables_once_and_not_the_saver(
    organization, statements
):
    editor = factories.User()
    call_action(
        "organization_member_create",
        id=organization["id"],
        username=editor["name"],
        role="editor",
    )
    created = LutskDataset(owner_org=organization["id"], user=editor)
    add_csv(created)
    user = model.User.get(editor["name"])
    statements.clear()
    dataset_hooks._after_save(
        {"user": editor["name"], "auth_user_obj": user},  # type: ignore[typeddict-item]
        created["id"],
    )
    ours = [s for s in statements if "lutsk_charter" in s]
    # One read (the check's locks, the data clock's and validation rows, the quality
    # facts), then one write (the scores and the dashboard's summary); nothing between.
    assert len(ours) == 2, ours
    assert "pg_advisory_xact_lock" in ours[0]
    assert "EXECUTE lutsk_charter_prepared_" in ours[0]
    assert not [s for s in statements if 'FROM "user"' in s], statements
    model.Session.rollback()
    # and an editor's save still notes a change of the data
    add = call_action(
        "resource_create",
        context={"user": editor["name"]},
        package_id=created["id"],
        url="https://example.org/new.csv",
        format="CSV",
    )
    assert model.Session.get(ResourceDataChange, add["id"]) is not None


def test_the_system_fields_ask_who_saves_once_from_the_context(organization, statements):
    from ckanext.lutsk_charter.logic.validators_resource import _trusted

    admin, editor = factories.Sysadmin(), factories.User()
    admin_obj, editor_obj = model.User.get(admin["name"]), model.User.get(editor["name"])
    statements.clear()
    assert _trusted({"user": admin["name"], "auth_user_obj": admin_obj})  # type: ignore[typeddict-item]
    assert not _trusted({"user": editor["name"], "auth_user_obj": editor_obj})  # type: ignore[typeddict-item]
    assert not [s for s in statements if 'FROM "user"' in s]
    # a user object of someone else is no proof: asked of the database
    assert not _trusted({"user": editor["name"], "auth_user_obj": admin_obj})  # type: ignore[typeddict-item]
    assert _trusted({"user": admin["name"], "auth_user_obj": None})  # type: ignore[typeddict-item]
    assert _trusted({"user": editor["name"], "ignore_auth": True})  # type: ignore[typeddict-item]


def test_an_editor_still_cannot_write_a_validation_status(organization):
    editor = factories.User()
    call_action(
        "organization_member_create", id=organization["id"], username=editor["name"], role="editor"
    )
    created = LutskDataset(owner_org=organization["id"], user=editor)
    resource = call_action(
        "resource_create",
        context={"user": editor["name"]},
        package_id=created["id"],
        url="https://example.org/a.pdf",
        format="PDF",
    )
    call_action(
        "resource_patch",
        context={"user": editor["name"]},
        id=resource["id"],
        validation_status="success",
        name="Інша назва",
    )
    shown = call_action("resource_show", id=resource["id"])
    assert shown["name"] == "Інша назва"
    assert "validation_status" not in shown or shown["validation_status"] != "success"


def test_a_saves_check_still_holds_its_advisory_locks(dataset, statements):
    """The locks go in the round trip of the facts read, as a statement of their own before
    it: held all the same, until the save's transaction ends."""
    from ckanext.lutsk_charter.quality import service

    session = model.Session
    statements.clear()
    service.run_quality_checks({}, [dataset["id"]])  # type: ignore[typeddict-item]
    (read,) = [s for s in statements if "pg_advisory_xact_lock" in s]
    assert read.index("pg_advisory_xact_lock") < read.index("EXECUTE lutsk_charter_prepared_")
    key = service._LOCK_KEY
    held = session.execute(
        sa.text(
            "SELECT mode, classid::bigint, objid::bigint, objsubid FROM pg_locks"
            " WHERE locktype = 'advisory' AND pid = pg_backend_pid() ORDER BY objsubid"
        )
    ).all()
    one = session.scalar(sa.text("SELECT hashtext(:id)"), {"id": dataset["id"]}) & 0xFFFF_FFFF
    assert [tuple(row) for row in held] == [
        ("ShareLock", key >> 32, key & 0xFFFF_FFFF, 1),  # the check runs' lock, shared
        ("ExclusiveLock", key & 0x7FFF_FFFF, one, 2),  # the dataset's own
    ]
    session.commit()
    assert not session.execute(
        sa.text("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
    ).all()
