"""Run the checks over gathered facts and keep flags and scores up to date.

Writes are set-based (``unnest`` of arrays), so storing the results of ten
thousand datasets takes the same handful of statements as storing one. A live
flag's ``last_seen`` is its dataset's ``checked_at`` (read through
``QualityFlag.dictize``): a daily run does not rewrite every flag to say so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from ckan.types import AlchemySession

from ckanext.lutsk_charter.model import DatasetQuality, QualityFlag

from .checks import Check, Finding, run_checks
from .facts import CheckEnv, DatasetFacts
from .gather import Gathered, scope_select
from .score import Score, score

Key = tuple[str, str, str]
#: ``session.info`` key of the scores stored in this session, read (once) by the indexer.
JUST_STORED = "lutsk_charter_quality_just_stored"  # package, resource ("" for the dataset), code


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


@dataclass(frozen=True)
class _Live:
    id: str
    args: dict[str, Any]
    status: str


def _key(package_id: str, finding: Finding) -> Key:
    return (package_id, finding.resource_id or "", finding.code)


def check_and_store(
    session: AlchemySession,
    gathered: Gathered,
    env: CheckEnv,
    checks: Iterable[Check],
    everything: bool = False,
) -> Outcome:
    """Check the gathered datasets and store what was found.

    New findings open flags, vanished ones resolve theirs, a dismissed flag stays
    dismissed unless its arguments changed. With ``everything``, flags and
    scores of datasets no longer active are retired too.
    """
    checks = list(checks)
    by_code = {c.code: c for c in checks}
    flag = QualityFlag.__table__
    live: dict[Key, _Live] = {
        (package_id, resource_id or "", code): _Live(flag_id, args, status)
        for package_id, flags in gathered.live_flags.items()
        for flag_id, resource_id, code, args, status in flags
    }
    previous = gathered.stored_scores
    datasets = gathered.datasets
    outcome = Outcome()
    new_flags: list[tuple[Any, ...]] = []
    updates: list[dict[str, Any]] = []
    scores: list[tuple[DatasetFacts, Score, str]] = []
    for dataset in datasets:
        findings = run_checks(dataset, env, checks)
        counted = []
        for finding in findings:
            old = live.pop(_key(dataset.id, finding), None)
            status = "open"
            if old is None:
                new_flags.append(_new_flag(dataset, finding, by_code[finding.code]))
                outcome.opened += 1
            else:
                status = old.status
                if old.args != finding.args:
                    if status == "dismissed":
                        status = "open"
                        outcome.reopened += 1
                    updates.append({"id": old.id, "args": finding.args, "status": status})
            if status != "dismissed":
                counted.append(finding)
        result = score(dataset, env, checks, counted)
        codes = " ".join(sorted({f.code for f in counted}))
        scores.append((dataset, result, codes))
        if previous.get(dataset.id) != (result.score, result.band, codes):
            outcome.changed.append(dataset.id)
        if any(r.url and not r.is_upload and r.link_status is None for r in dataset.resources):
            outcome.unchecked_links.append(dataset.id)
    outcome.checked = len(datasets)
    vanished = [old.id for old in live.values()]
    outcome.resolved = len(vanished)
    now = env.now
    _insert_flags(session, new_flags, now)
    _update_flags(session, updates)
    if vanished:
        # Last seen at the dataset's previous check (read before this run's scores land).
        session.execute(
            sa.update(flag)
            .execution_options(synchronize_session=False)
            .where(
                flag.c.id == sa.func.any(sa.bindparam("ids", vanished, sa.ARRAY(sa.UnicodeText)))
            )
            .values(status="resolved", resolved_at=now, last_seen=_previous_check(flag))
        )
    _upsert_scores(session, scores, now)
    # Solr indexes the dataset right after a save: hand it what was just stored.
    just_stored = session.info.setdefault(JUST_STORED, {})
    for dataset, result, codes in scores:
        just_stored[dataset.id] = (result.score, result.band, codes)
    if everything:
        outcome.resolved += _retire(session, now)
    return outcome


def _previous_check(flag: sa.Table) -> Any:
    return sa.func.coalesce(
        sa.select(DatasetQuality.checked_at)
        .where(DatasetQuality.package_id == flag.c.package_id)
        .scalar_subquery(),
        flag.c.last_seen,
    )


def forget(session: AlchemySession, package_ids: list[str], now: dt.datetime) -> None:
    """A deleted dataset: its flags are resolved and its score dropped."""
    flag = QualityFlag.__table__
    session.execute(
        sa.update(flag)
        .execution_options(synchronize_session=False)
        .where(flag.c.package_id.in_(package_ids), flag.c.status != "resolved")
        .values(status="resolved", resolved_at=now, last_seen=_previous_check(flag))
    )
    session.execute(
        sa.delete(DatasetQuality)
        .execution_options(synchronize_session=False)
        .where(DatasetQuality.package_id.in_(package_ids))
    )


def _retire(session: AlchemySession, now: dt.datetime) -> int:
    """After a run over everything: datasets no longer active keep no live flags."""
    active = scope_select("all").scalar_subquery()
    flag = QualityFlag.__table__
    retired = session.execute(
        sa.update(flag)
        .execution_options(synchronize_session=False)
        .where(flag.c.status != "resolved")
        .where(flag.c.package_id.not_in(active))
        .values(status="resolved", resolved_at=now, last_seen=_previous_check(flag))
    ).rowcount  # pyright: ignore[reportAttributeAccessIssue]
    session.execute(
        sa.delete(DatasetQuality)
        .execution_options(synchronize_session=False)
        .where(DatasetQuality.package_id.not_in(active))
    )
    return retired or 0


def follow_owner(session: AlchemySession, package_id: str, owner_org: str | None) -> None:
    """A dataset moved to another body: its flags and score move with it, at once.

    One statement for both tables (it runs on every save).
    """
    session.execute(_FOLLOW_OWNER, {"package_id": package_id, "owner_org": owner_org})


_FOLLOW_OWNER = sa.text(
    "WITH flags AS (UPDATE lutsk_charter_quality_flag SET organization_id = :owner_org"
    " WHERE package_id = :package_id AND organization_id IS DISTINCT FROM :owner_org)"
    " UPDATE lutsk_charter_dataset_quality SET organization_id = :owner_org"
    " WHERE package_id = :package_id AND organization_id IS DISTINCT FROM :owner_org"
).bindparams(sa.bindparam("owner_org", type_=sa.UnicodeText))


_NEW_FLAG_COLUMNS = (
    "package_id",
    "organization_id",
    "resource_id",
    "code",
    "principle",
    "severity",
    "args",
)


def _new_flag(dataset: DatasetFacts, finding: Finding, check: Check) -> tuple[Any, ...]:
    """A new flag's values in ``_NEW_FLAG_COLUMNS`` order (its id is made by Postgres)."""
    return (
        dataset.id,
        dataset.owner_org,
        finding.resource_id,
        finding.code,
        check.principle,
        check.severity,
        json.dumps(finding.args, ensure_ascii=False, sort_keys=True),
    )


def _insert_flags(session: AlchemySession, rows: list[tuple[Any, ...]], now: dt.datetime) -> None:
    if not rows:
        return
    session.execute(
        sa.text(
            "INSERT INTO lutsk_charter_quality_flag"
            " (id, package_id, organization_id, resource_id, code, principle, severity, args,"
            "  status, first_seen, last_seen)"
            " SELECT gen_random_uuid()::text, u.package_id, u.organization_id, u.resource_id,"
            "  u.code, u.principle, u.severity, u.args::json, 'open', :now, :now"
            " FROM unnest(:package_id, :organization_id, :resource_id, :code, :principle,"
            "  :severity, :args)"
            " AS u(package_id, organization_id, resource_id, code, principle, severity, args)"
        ).bindparams(*_arrays(_NEW_FLAG_COLUMNS)),
        {
            "now": now,
            **{c: list(v) for c, v in zip(_NEW_FLAG_COLUMNS, zip(*rows, strict=True), strict=True)},
        },
    )


def _update_flags(session: AlchemySession, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    session.execute(
        sa.text(
            "UPDATE lutsk_charter_quality_flag AS f SET args = u.args::json, status = u.status"
            " FROM unnest(:id, :args, :status) AS u(id, args, status) WHERE f.id = u.id"
        ).bindparams(*_arrays(("id", "args", "status"))),
        {
            "id": [r["id"] for r in rows],
            "args": [json.dumps(r["args"], ensure_ascii=False, sort_keys=True) for r in rows],
            "status": [r["status"] for r in rows],
        },
    )


def _upsert_scores(
    session: AlchemySession, rows: list[tuple[DatasetFacts, Score, str]], now: dt.datetime
) -> None:
    if not rows:
        return
    session.execute(
        sa.text(
            "INSERT INTO lutsk_charter_dataset_quality"
            " (package_id, organization_id, score, band, dimensions, principles, open_codes,"
            "  checked_at)"
            " SELECT u.package_id, u.organization_id, u.score, u.band, u.dimensions::json,"
            "  u.principles::json, u.open_codes, :now"
            " FROM unnest(:package_id, :organization_id, :score, :band, :dimensions, :principles,"
            "  :open_codes)"
            " AS u(package_id, organization_id, score, band, dimensions, principles, open_codes)"
            " ON CONFLICT (package_id) DO UPDATE SET organization_id = excluded.organization_id,"
            "  score = excluded.score, band = excluded.band, dimensions = excluded.dimensions,"
            "  principles = excluded.principles, open_codes = excluded.open_codes,"
            "  checked_at = excluded.checked_at"
        ).bindparams(
            *_arrays(
                ("package_id", "organization_id", "band", "dimensions", "principles", "open_codes")
            ),
            sa.bindparam("score", type_=sa.ARRAY(sa.Integer)),
        ),
        {
            "now": now,
            "package_id": [d.id for d, _, _ in rows],
            "organization_id": [d.owner_org for d, _, _ in rows],
            "score": [s.score for _, s, _ in rows],
            "band": [s.band for _, s, _ in rows],
            "dimensions": [json.dumps(s.dimensions) for _, s, _ in rows],
            "principles": [json.dumps(s.principles) for _, s, _ in rows],
            "open_codes": [codes for _, _, codes in rows],
        },
    )


def _arrays(names: Iterable[str]) -> list[sa.BindParameter[Any]]:
    return [sa.bindparam(name, type_=sa.ARRAY(sa.UnicodeText)) for name in names]
