"""Run the checks over a batch of gathered facts and keep flags and scores up to date.

Pure orchestration: what is new, changed or gone is decided here, batch by
batch, against the live flags of that batch only; the writes are the set-based
statements of ``model.quality_store`` (a handful per batch, whatever its size).
A live flag's ``last_seen`` is its dataset's ``checked_at`` (read through
``QualityFlag.dictize``): a daily run does not rewrite every flag to say so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ckan.types import AlchemySession

from ckanext.lutsk_charter.model import quality_store

from .checks import Check, Finding, run_checks
from .facts import CheckEnv, DatasetFacts
from .gather import Gathered
from .score import score

Key = tuple[str, str, str]  # package, resource ("" for the dataset), code
#: ``session.info`` key of the scores stored in this session, read (once) by the indexer.
JUST_STORED = "lutsk_charter_quality_just_stored"


@dataclass
class Outcome:
    checked: int = 0
    opened: int = 0
    resolved: int = 0
    reopened: int = 0
    #: Datasets whose score, band or open codes changed: Solr must index them again.
    changed: list[str] = field(default_factory=list)
    #: Datasets with links never checked at their current URL.
    unchecked_links: list[str] = field(default_factory=list)
    #: With ``scores_later``: the scores' upsert, as driver SQL and its values, still to send.
    scores: tuple[str, dict[str, Any]] = ("", {})


def _key(package_id: str, finding: Finding) -> Key:
    return (package_id, finding.resource_id or "", finding.code)


def _json(args: dict[str, Any]) -> str:
    return json.dumps(args, ensure_ascii=False, sort_keys=True)


def check_and_store(
    session: AlchemySession,
    gathered: Gathered,
    env: CheckEnv,
    checks: Sequence[Check],
    outcome: Outcome | None = None,
    hand_over_all: bool = True,
    scores_later: bool = False,
) -> Outcome:
    """Check one batch of gathered datasets and store what was found (adding to ``outcome``).

    New findings open flags, vanished ones resolve theirs, a dismissed flag stays
    dismissed unless its arguments changed; the flags of a dataset moved to another
    body since its last check move with it. Every dataset's new score is handed
    to the indexer (``JUST_STORED``); with ``hand_over_all`` off only those that
    changed (the indexer reads the others' unchanged scores from the table). With
    ``scores_later`` the scores are not written but left in ``outcome.scores`` (driver
    SQL and values) for the caller to send.
    """
    outcome = outcome if outcome is not None else Outcome()
    # Moved since their last check: their flags go to their body now, before any is
    # opened or resolved (a save with the check needs no statement of its own for this).
    quality_store.follow_owners(session, gathered.moved)
    by_code = {c.code: c for c in checks}
    #: ``{key: (flag id, args, status)}`` of the batch's live flags.
    live: dict[Key, tuple[str, dict[str, Any], str]] = {
        (package_id, resource_id or "", code): (flag_id, args, status)
        for package_id, flags in gathered.live_flags.items()
        for flag_id, resource_id, code, args, status in flags
    }
    previous = gathered.stored_scores
    new_flags: list[tuple[Any, ...]] = []
    updates: list[tuple[str, str, str]] = []
    scores: list[tuple[Any, ...]] = []
    just_stored = session.info.setdefault(JUST_STORED, {})
    for dataset in gathered.datasets:
        counted = []
        for finding in run_checks(dataset, env, checks):
            old = live.pop(_key(dataset.id, finding), None)
            status = "open"
            if old is None:
                new_flags.append(_new_flag(dataset, finding, by_code[finding.code]))
                outcome.opened += 1
            else:
                old_id, old_args, status = old
                if old_args != finding.args:
                    if status == "dismissed":
                        status = "open"
                        outcome.reopened += 1
                    updates.append((old_id, _json(finding.args), status))
            if status != "dismissed":
                counted.append(finding)
        result = score(dataset, env, checks, counted)
        codes = " ".join(sorted({f.code for f in counted}))
        scores.append(
            (dataset.id, dataset.owner_org, result.score, result.band,
             json.dumps(result.dimensions), json.dumps(result.principles), codes)
        )  # fmt: skip
        stored = (result.score, result.band, codes)
        if previous.get(dataset.id) != stored:
            outcome.changed.append(dataset.id)
            just_stored[dataset.id] = stored  # Solr indexes the dataset right after a save
        elif hand_over_all:
            just_stored[dataset.id] = stored
        if any(r.url and not r.is_upload and r.link_status is None for r in dataset.resources):
            outcome.unchecked_links.append(dataset.id)
    outcome.checked += len(gathered.datasets)
    vanished = [old[0] for old in live.values()]
    outcome.resolved += len(vanished)
    now = env.now
    quality_store.insert_flags(session, new_flags, now)
    quality_store.update_flags(session, updates)
    # Last seen at the dataset's previous check: resolved before this batch's scores land.
    quality_store.resolve_flags(session, vanished, now)
    if scores_later:  # sent by the caller ahead of its next statement (``Outcome.scores``)
        outcome.scores = quality_store.upsert_scores_sql(scores, now)
    else:
        quality_store.upsert_scores(session, scores, now)
    return outcome


def retire(session: AlchemySession, now: dt.datetime, outcome: Outcome) -> Outcome:
    """After a run over everything: datasets no longer active keep no live flags or score."""
    outcome.resolved += quality_store.retire_inactive(session, now)
    return outcome


def forget(session: AlchemySession, package_ids: list[str], now: dt.datetime) -> None:
    """A deleted dataset: its flags are resolved and its score dropped."""
    quality_store.forget(session, package_ids, now)


def follow_owner(session: AlchemySession, package_id: str, owner_org: str | None) -> None:
    """A dataset moved to another body: its flags and score move with it, at once (a save
    without the check; a check does it for the datasets it finds moved)."""
    quality_store.follow_owners(session, {package_id: owner_org})


def _new_flag(dataset: DatasetFacts, finding: Finding, check: Check) -> tuple[Any, ...]:
    """A new flag's values in ``quality_store.NEW_FLAG_COLUMNS`` order."""
    return (
        dataset.id,
        dataset.owner_org,
        finding.resource_id,
        finding.code,
        check.principle,
        check.severity,
        _json(finding.args),
    )
