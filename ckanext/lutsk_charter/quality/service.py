"""The quality service: run the checks on datasets, store the flags and scores, reindex.

Jobs, save hooks and actions call these; the actions in ``logic/action/quality.py``
only check access, validate and orchestrate.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import ckan.plugins as p
from ckan import model
from ckan.lib import search
from ckan.types import AlchemySession, Context

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.clock import now, portal_zone, today
from ckanext.lutsk_charter.interfaces import ILutskCharterChecks
from ckanext.lutsk_charter.model import monitoring_summary, prepared, quality_facts
from ckanext.lutsk_charter.model.data_change import ResourceState
from ckanext.lutsk_charter.model.locks import advisory_lock, advisory_lock_sql
from ckanext.lutsk_charter.quality import gather, store
from ckanext.lutsk_charter.quality.checks import BUILT_IN, Check
from ckanext.lutsk_charter.quality.facts import CheckEnv

#: Select fields whose values must come from the schema's lists.
_VOCABULARY_FIELDS = ("update_frequency", "language")


def registered_checks() -> list[Check]:
    """The built-in checks and those other plugins add (``ILutskCharterChecks``)."""
    checks = dict(BUILT_IN)
    for plugin in p.PluginImplementations(ILutskCharterChecks):
        for extra in plugin.quality_checks():
            checks[extra.code] = extra
    return list(checks.values())


def check_env() -> CheckEnv:
    """What every dataset of a run is checked against."""
    from ckan import model
    from ckanext.scheming.helpers import scheming_get_dataset_schema  # pyright: ignore[reportMissingImports]

    licences = model.Package.get_license_register()
    fields = (scheming_get_dataset_schema("dataset") or {}).get("dataset_fields", [])
    vocabularies = {
        f["field_name"]: frozenset(c["value"] for c in f["choices"])
        for f in fields
        if f["field_name"] in _VOCABULARY_FIELDS and f.get("choices")
    }
    return CheckEnv(
        now=now(),
        zone=portal_zone(),
        open_licences=frozenset(i for i, lic in licences.items() if lic.isopen()),
        known_licences=frozenset(licences),
        vocabularies=vocabularies,
        description_min_length=config.quality_description_min_length(),
    )


@dataclass(frozen=True)
class SaveRead:
    """What a save's hooks read of its dataset before they write (``read_for_save``)."""

    package_id: str
    #: Its active resources' data clock and validation rows, as stored.
    states: dict[str, ResourceState]
    #: Its quality facts (``quality_facts.Row``s), read under the check's locks.
    facts: list[quality_facts.Row]
    day: dt.date
    #: ``prepared.write_count`` right after the read.
    writes: int


def read_for_save(session: AlchemySession, package_id: str) -> SaveRead:
    """A saved dataset's resource states and quality facts, in one round trip, after the
    check's advisory locks (which it then holds): the data clock and the validation queue
    decide from the states; the check takes the facts if nothing was written since
    (``run_quality_checks``'s ``read``), else reads them again."""
    session.flush()  # CKAN's session does not autoflush: let the read see this save
    day = today()
    lock = advisory_lock_sql(_LOCK_KEY, [package_id])
    states, facts = quality_facts.save_rows(session, package_id, day, lock)
    return SaveRead(package_id, states, facts, day, prepared.write_count(session))


def _still_current(session: AlchemySession, read: SaveRead | None, ids: list[str] | None) -> bool:
    """Whether ``read`` stands for these datasets' facts now: the same dataset, the same day,
    and nothing written since (flushed, pending or sent)."""
    return (
        read is not None
        and ids == [read.package_id]
        and read.day == today()
        and not (session.new or session.dirty or session.deleted)
        and prepared.write_count(session) == read.writes
    )


def run_quality_checks(
    context: Context,
    package_ids: list[str] | None = None,
    organization_id: str | None = None,
    batch_size: int | None = None,
    read: SaveRead | None = None,
) -> store.Outcome:
    """Check datasets (some, a body's, or all when both are None) and store the results.

    The datasets go in batches of ``batch_size`` (default
    ``ckanext.lutsk_charter.quality.batch_size``), each read, checked and
    written before the next is read, all in the caller's transaction. Leaves the
    commit to the caller, so a save's check lands with the save. The monitoring
    summary of the datasets checked (of a body's or all: of those whose band or
    flags changed) is written again in the same transaction. ``read``: the save's
    own read of its dataset (``read_for_save``), taken as its facts if still current.
    """
    session = model.Session
    if _still_current(session, read, package_ids) and read is not None:
        return _check_read(session, read, package_ids or [])
    session.flush()  # CKAN's session does not autoflush: let the queries see this save
    in_scope = gather.scope(package_ids, organization_id)
    few = in_scope.kind == "ids"
    # Some datasets: their locks go with the read of the first batch, in its round trip.
    lock = advisory_lock_sql(_LOCK_KEY, package_ids) if few and package_ids else None
    if lock is None:
        _lock(session, package_ids if few and package_ids else None)
    env, checks = check_env(), registered_checks()
    outcome = store.Outcome()
    size = batch_size or config.quality_batch_size()
    # One batch of some datasets (a save): its scores go in the summary's round trip, just
    # ahead of it (the summary reads them), as a statement of their own.
    later = few and bool(package_ids) and len(set(package_ids or ())) <= size
    with _collector_paused(not few):
        for batch in gather.batches(session, in_scope, today(), size, lock):
            store.check_and_store(
                session, batch, env, checks, outcome, hand_over_all=few, scores_later=later
            )
    if in_scope.kind == "all":
        store.retire(session, env.now, outcome)
    monitoring_summary.refresh(
        session,
        package_ids if package_ids is not None else outcome.changed,
        str(portal_zone()),
        before=outcome.scores,
    )
    return outcome


def _check_read(session: AlchemySession, read: SaveRead, package_ids: list[str]) -> store.Outcome:
    """``run_quality_checks`` of one saved dataset from the facts its save read (the locks
    taken with them)."""
    outcome = store.Outcome()
    gathered = gather.from_rows(read.facts)
    store.check_and_store(
        session, gathered, check_env(), registered_checks(), outcome, scores_later=True
    )
    monitoring_summary.refresh(session, package_ids, str(portal_zone()), before=outcome.scores)
    return outcome


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Python's cyclic garbage collector off while batches are read and checked.

    Each batch allocates some hundred thousand small objects (rows, facts, findings)
    that refcounting frees when the batch is done; meanwhile the collector would
    traverse them, and every object of the CKAN process, over and over: a third of
    a full check's time. Only our data is allocated meanwhile, and it holds no cycles.
    """
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: The key of the PostgreSQL advisory lock that keeps quality runs from overlapping.
_LOCK_KEY = 0x4C55_5443  # "LUTC"


def _lock(session: Any, package_ids: list[str] | None) -> None:
    """Serialise quality runs across processes, in PostgreSQL (not in a process).

    A run over some datasets shares the global lock and holds each dataset's own;
    a run over a body or the whole portal holds the global lock alone. Both are
    transaction locks: they end with the caller's commit, so a second ``check``
    started at the same moment waits, then sees the first one's flags and leaves
    one consistent set.
    """
    advisory_lock(session, _LOCK_KEY, package_ids)


def reindex(package_ids: list[str]) -> None:
    """Index datasets again so ``charter_score``/``band``/``flags`` in Solr are current."""
    if package_ids:
        # Indexes each without a Solr commit (as rebuild does for a list), then commits once.
        search.rebuild(package_ids=package_ids, quiet=True)
        search.commit()
