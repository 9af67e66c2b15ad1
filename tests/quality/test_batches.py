"""The check of a body or the portal goes in batches of datasets: the batch boundaries
change nothing of what is stored, and the last batch is checked and retired like the rest."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import DatasetQuality, QualityFlag
from ckanext.lutsk_charter.quality.service import run_quality_checks
from tests.conftest import LutskDataset, LutskOrganization, site_context, upload

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

CSV = "id,name\n1,Луцьк\n".encode()


def _portal() -> list[dict[str, Any]]:
    """Five datasets in two bodies with different findings (licence, description, resources)."""
    first, second = LutskOrganization(), LutskOrganization()
    datasets = [
        LutskDataset(owner_org=first["id"]),
        LutskDataset(owner_org=first["id"], license_id="cc-by"),
        LutskDataset(owner_org=second["id"], notes="Коротко про набір даних."),
        LutskDataset(owner_org=second["id"], license_id="cc-by", private=True),
        LutskDataset(owner_org=first["id"]),
    ]
    call_action(
        "resource_create",
        context=site_context(),
        package_id=datasets[4]["id"],
        url="data.csv",
        format="CSV",
        upload=upload(CSV, "data.csv"),
    )
    return datasets


def _stored() -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """Every flag (without its id and times) and every score, as stored."""
    flag = QualityFlag.__table__
    flags = {
        (r.package_id, r.organization_id, r.resource_id, r.code, str(r.args), r.status)
        for r in model.Session.execute(
            sa.select(
                flag.c.package_id, flag.c.organization_id, flag.c.resource_id, flag.c.code,
                flag.c.args, flag.c.status,
            )
        )
    }  # fmt: skip
    quality = DatasetQuality.__table__
    scores = {
        (r.package_id, r.organization_id, r.score, r.band, r.open_codes, str(r.dimensions))
        for r in model.Session.execute(sa.select(quality))
    }
    return flags, scores


def _forget_everything() -> None:
    model.Session.execute(sa.delete(QualityFlag.__table__))
    model.Session.execute(sa.delete(DatasetQuality.__table__))
    model.Session.commit()


class _BatchReads:
    """Counts the statements that read a batch of the portal."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.n += "%(after)s" in statement


def _run(batch_size: int, **scope: Any) -> tuple[Any, int]:
    reads = _BatchReads()
    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", reads)
    try:
        outcome = run_quality_checks(site_context(), batch_size=batch_size, **scope)  # type: ignore[arg-type]
        model.Session.commit()
    finally:
        sa.event.remove(engine, "before_cursor_execute", reads)
    return outcome, reads.n


def _last_ids(n: int) -> list[str]:
    """The ids of the last ``n`` active datasets in the order the batches take them."""
    package = model.package_table
    return list(
        model.Session.scalars(
            sa.select(package.c.id)
            .where(package.c.state == "active", package.c.type == "dataset")
            .order_by(package.c.id.desc())
            .limit(n)
        )
    )[::-1]


def test_batches_of_two_store_what_one_batch_stores():
    datasets = _portal()
    _forget_everything()
    whole, reads = _run(1000)
    assert (whole.checked, reads) == (5, 1)
    expected = _stored()
    assert {f[0] for f in expected[0]} == {d["id"] for d in datasets}
    assert len(expected[1]) == 5
    # a full last batch is followed by one more read, which finds nothing
    for size, batches in ((2, 3), (1, 6), (5, 2), (4, 2)):
        _forget_everything()
        outcome, reads = _run(size)
        assert reads == batches, size
        assert (outcome.checked, outcome.opened, sorted(outcome.changed)) == (
            5,
            whole.opened,
            sorted(whole.changed),
        ), size
        assert _stored() == expected, size
    # a daily run over what is stored: nothing new, nothing changed, in any batch size
    for size in (2, 3):
        outcome, _ = _run(size)
        assert (outcome.checked, outcome.opened, outcome.resolved, outcome.changed) == (
            5,
            0,
            0,
            [],
        )
        assert _stored() == expected


def test_a_bodys_check_in_batches_takes_only_its_datasets():
    datasets = _portal()
    body = datasets[0]["owner_org"]
    _forget_everything()
    outcome, reads = _run(2, organization_id=body)
    assert (outcome.checked, reads) == (3, 2)
    flags, scores = _stored()
    mine = {d["id"] for d in datasets if d["owner_org"] == body}
    assert {s[0] for s in scores} == mine
    assert {f[0] for f in flags} == mine


def test_some_datasets_by_id_in_batches_give_the_same_flags():
    datasets = _portal()
    ids = [d["id"] for d in datasets]
    _forget_everything()
    _run(1000, package_ids=ids)
    expected = _stored()
    _forget_everything()
    outcome, _ = _run(2, package_ids=ids)
    assert outcome.checked == 5
    assert _stored() == expected


@pytest.mark.ckan_config("ckanext.lutsk_charter.quality.after_save", "false")
@pytest.mark.ckan_config("ckanext.lutsk_charter.quality.batch_size", "2")
def test_flags_of_the_last_batch_are_resolved_and_retired_like_the_rest():
    _portal()
    result = call_action("lutsk_charter_quality_recheck", context=site_context())
    assert result["checked"] == 5
    before_last, last = _last_ids(2)  # the last batch holds one dataset: `last`
    flags, _ = _stored()
    live = {(f[0], f[3]) for f in flags if f[5] == "open"}
    assert (last, "license_not_open") in live or (last, "no_resources") in live
    last_codes = {code for package_id, code in live if package_id == last}

    # the last dataset's findings vanish (no after-save check: only the run sees it)
    call_action(
        "package_patch",
        context=site_context(),
        id=last,
        license_id="cc-by",
        tag_string="один, два",
    )
    call_action(
        "resource_create",
        context=site_context(),
        package_id=last,
        url="more.csv",
        format="CSV",
        upload=upload(CSV, "more.csv"),
    )
    # and the one before it is gone from the portal without its own hook running
    model.Session.execute(
        sa.update(model.package_table)
        .where(model.package_table.c.id == before_last)
        .values(state="deleted")
    )
    model.Session.commit()

    result = call_action("lutsk_charter_quality_recheck", context=site_context())
    assert result["checked"] == 4
    flags, scores = _stored()
    live_now = {(f[0], f[3]) for f in flags if f[5] == "open"}
    resolved_now = {(f[0], f[3]) for f in flags if f[5] == "resolved"}
    gone = {"license_not_open", "no_resources"} & last_codes
    assert gone
    assert {(last, code) for code in gone} <= resolved_now
    assert not {(last, code) for code in gone} & live_now
    assert not {f for f in live_now if f[0] == before_last}
    assert {f for f in resolved_now if f[0] == before_last}
    assert before_last not in {s[0] for s in scores}
    assert last in {s[0] for s in scores}
    assert result["resolved"] >= len(gone) + 1


class _ReadConnections:
    """The connections (DB-API) the batch reads of a run went through."""

    def __init__(self) -> None:
        self.seen: list[Any] = []

    def __call__(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "%(after)s" in statement:
            self.seen.append(conn.connection.dbapi_connection)


def _reads_of(**scope: Any) -> tuple[Any, list[Any], Any]:
    """A run's outcome, the connections its batch reads took, and the session's own."""
    reads = _ReadConnections()
    engine = model.Session.get_bind()
    sa.event.listen(engine, "before_cursor_execute", reads)
    try:
        own = model.Session.connection().connection.dbapi_connection
        outcome = run_quality_checks(site_context(), batch_size=2, **scope)  # type: ignore[arg-type]
    finally:
        sa.event.remove(engine, "before_cursor_execute", reads)
    return outcome, reads.seen, own


def test_a_clean_run_reads_the_next_batch_on_another_connection_and_stores_the_same():
    _portal()
    _forget_everything()
    outcome, seen, own = _reads_of()
    model.Session.commit()
    assert outcome.checked == 5
    # three reads of two (the last finds one), none through the session's connection
    assert len(seen) == 3
    assert own not in seen
    ahead = _stored()
    # the same run with the session's own writes pending reads everything itself
    _forget_everything()
    model.Session.execute(sa.text("CREATE TEMPORARY TABLE lutsk_charter_written (x int)"))
    model.Session.execute(sa.text("INSERT INTO lutsk_charter_written VALUES (1)"))
    outcome, seen, own = _reads_of()
    model.Session.commit()
    assert outcome.checked == 5
    assert seen == [own] * 3
    assert _stored() == ahead


def test_a_run_in_a_transaction_that_changed_a_dataset_sees_the_change():
    datasets = _portal()
    body = datasets[0]["owner_org"]
    mine = [d for d in datasets if d["owner_org"] == body]
    call_action("lutsk_charter_quality_recheck", context=site_context(), organization_id=body)
    closed = mine[0]["id"]
    assert ("license_not_open", "open") in {(f[3], f[5]) for f in _stored()[0] if f[0] == closed}
    # the licence becomes open in this transaction, not yet committed: a reader on another
    # connection would still see the closed one and keep the flag open
    model.Session.execute(
        sa.update(model.package_table)
        .where(model.package_table.c.id == closed)
        .values(license_id="cc-by")
    )
    outcome, seen, own = _reads_of(organization_id=body)
    assert outcome.resolved >= 1
    model.Session.commit()
    assert ("license_not_open", "resolved") in {
        (f[3], f[5]) for f in _stored()[0] if f[0] == closed
    }
    assert seen == [own] * 2


# --- a save's own read ---------------------------------------------------------------------


def _open_codes(package_id: str) -> set[str]:
    flags = model.Session.scalars(
        sa.select(QualityFlag.code).where(
            QualityFlag.package_id == package_id, QualityFlag.status == "open"
        )
    )
    return set(flags)


def test_a_save_checks_from_its_own_read_when_nothing_was_written_since(statements):
    from ckanext.lutsk_charter.quality.service import read_for_save

    dataset = LutskDataset(license_id="cc-by")
    read = read_for_save(model.Session, dataset["id"])
    statements.clear()
    outcome = run_quality_checks(site_context(), [dataset["id"]], read=read)
    # no read of the facts again: the one statement is the scores' and summary's write
    ours = [s for s in statements if "lutsk_charter" in s]
    assert len(ours) == 1, ours
    assert outcome.checked == 1
    assert "license_not_open" not in _open_codes(dataset["id"])
    model.Session.rollback()


@pytest.mark.parametrize("how", ["pending", "flushed", "sent"])
def test_a_save_reads_its_facts_again_once_something_was_written(how, statements):
    from ckanext.lutsk_charter.quality.service import read_for_save

    dataset = LutskDataset(license_id="cc-by")
    read = read_for_save(model.Session, dataset["id"])
    if how == "sent":  # a statement of its own, outside the session's objects
        model.Session.execute(
            sa.text("UPDATE package SET license_id = 'other-closed' WHERE id = :id"),
            {"id": dataset["id"]},
        )
    else:
        package = model.Package.get(dataset["id"])
        assert package is not None
        package.license_id = "other-closed"
        if how == "flushed":
            model.Session.flush()
    statements.clear()
    run_quality_checks(site_context(), [dataset["id"]], read=read)
    ours = [s for s in statements if "lutsk_charter" in s]
    assert len(ours) >= 2, ours  # the facts read again, then the writes
    assert "license_not_open" in _open_codes(dataset["id"])  # the licence as it is now
    model.Session.rollback()
