"""The statements that write quality flags and scores, set-based.

Each takes a whole batch (``unnest`` of arrays), so storing the results of a
few thousand datasets takes the same handful of statements as storing one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.types import AlchemySession

from .quality import DatasetQuality, QualityFlag

__all__ = [
    "NEW_FLAG_COLUMNS",
    "SCORE_COLUMNS",
    "follow_owners",
    "forget",
    "insert_flags",
    "resolve_flags",
    "retire_inactive",
    "update_flags",
    "upsert_scores",
    "upsert_scores_sql",
]

#: A new flag's values, in this order (its id is made by PostgreSQL; args as JSON text).
NEW_FLAG_COLUMNS = (
    "package_id",
    "organization_id",
    "resource_id",
    "code",
    "principle",
    "severity",
    "args",
)
#: A dataset's score, in this order (dimensions and principles as JSON text).
SCORE_COLUMNS = (
    "package_id",
    "organization_id",
    "score",
    "band",
    "dimensions",
    "principles",
    "open_codes",
)


def _arrays(names: Iterable[str]) -> list[sa.BindParameter[Any]]:
    return [sa.bindparam(name, type_=sa.ARRAY(sa.UnicodeText)) for name in names]


def _columns(names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> dict[str, list[Any]]:
    """Rows of values turned into one list per column (the arrays ``unnest`` reads)."""
    return {name: list(values) for name, values in zip(names, zip(*rows, strict=True), strict=True)}


def _previous_check(flag: sa.Table) -> Any:
    """A flag's last sighting: its dataset's previous check (read before new scores land)."""
    return sa.func.coalesce(
        sa.select(DatasetQuality.checked_at)
        .where(DatasetQuality.package_id == flag.c.package_id)
        .scalar_subquery(),
        flag.c.last_seen,
    )


_INSERT_FLAGS = sa.text(
    "INSERT INTO lutsk_charter_quality_flag"
    " (id, package_id, organization_id, resource_id, code, principle, severity, args,"
    "  status, first_seen, last_seen)"
    " SELECT gen_random_uuid()::text, u.package_id, u.organization_id, u.resource_id,"
    "  u.code, u.principle, u.severity, u.args::json, 'open', :now, :now"
    " FROM unnest(:package_id, :organization_id, :resource_id, :code, :principle,"
    "  :severity, :args)"
    " AS u(package_id, organization_id, resource_id, code, principle, severity, args)"
).bindparams(*_arrays(NEW_FLAG_COLUMNS))


def insert_flags(
    session: AlchemySession, rows: Sequence[tuple[Any, ...]], now: dt.datetime
) -> None:
    """Open new flags (``rows`` in ``NEW_FLAG_COLUMNS`` order)."""
    if rows:
        session.execute(_INSERT_FLAGS, {"now": now, **_columns(NEW_FLAG_COLUMNS, rows)})


_UPDATE_FLAGS = sa.text(
    "UPDATE lutsk_charter_quality_flag AS f SET args = u.args::json, status = u.status"
    " FROM unnest(:id, :args, :status) AS u(id, args, status) WHERE f.id = u.id"
).bindparams(*_arrays(("id", "args", "status")))


def update_flags(session: AlchemySession, rows: Sequence[tuple[str, str, str]]) -> None:
    """New arguments (JSON text) and status of live flags: ``(id, args, status)`` rows."""
    if rows:
        session.execute(_UPDATE_FLAGS, _columns(("id", "args", "status"), rows))


def resolve_flags(session: AlchemySession, flag_ids: Sequence[str], now: dt.datetime) -> None:
    """Flags whose finding vanished: resolved, last seen at their dataset's previous check."""
    if not flag_ids:
        return
    flag = QualityFlag.__table__
    session.execute(
        sa.update(flag)
        .execution_options(synchronize_session=False)
        .where(flag.c.id == sa.func.any(sa.bindparam("ids", type_=sa.ARRAY(sa.UnicodeText))))
        .values(status="resolved", resolved_at=now, last_seen=_previous_check(flag)),
        {"ids": list(flag_ids)},
    )


_UPSERT_SCORES = sa.text(
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
    *_arrays(("package_id", "organization_id", "band", "dimensions", "principles", "open_codes")),
    sa.bindparam("score", type_=sa.ARRAY(sa.Integer)),
)


def upsert_scores(
    session: AlchemySession, rows: Sequence[tuple[Any, ...]], now: dt.datetime
) -> None:
    """Each dataset's latest score (``rows`` in ``SCORE_COLUMNS`` order), checked ``now``."""
    if rows:
        session.execute(_UPSERT_SCORES, {"now": now, **_columns(SCORE_COLUMNS, rows)})


def upsert_scores_sql(
    rows: Sequence[tuple[Any, ...]], now: dt.datetime
) -> tuple[str, dict[str, Any]]:
    """``upsert_scores`` as driver SQL (``%(name)s`` placeholders) and its values, to be sent
    as a statement of its own ahead of the next one in its round trip (a save's: the
    dashboard's summary, which reads the scores, ``monitoring_summary.refresh``'s
    ``before``); ``("", {})`` without rows."""
    if not rows:
        return "", {}
    return f"{_upsert_scores_sql()}; ", {"now": now, **_columns(SCORE_COLUMNS, rows)}


@functools.cache
def _upsert_scores_sql() -> str:
    from sqlalchemy.dialects import postgresql

    return str(_UPSERT_SCORES.compile(dialect=postgresql.dialect()))


def forget(session: AlchemySession, package_ids: list[str], now: dt.datetime) -> None:
    """Deleted datasets: their flags are resolved and their scores dropped."""
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


def _not_active(package_id: Any) -> Any:
    """No active dataset has this id (an anti-join: ``NOT IN`` over a hundred thousand ids
    outgrows ``work_mem`` and turns into a scan per row)."""
    package = model.package_table
    return ~sa.exists().where(
        package.c.id == package_id, package.c.state == "active", package.c.type == "dataset"
    )


def retire_inactive(session: AlchemySession, now: dt.datetime) -> int:
    """After a run over everything: datasets no longer active keep no live flags and no
    score. Returns how many flags were resolved."""
    flag = QualityFlag.__table__
    retired = session.execute(
        sa.update(flag)
        .execution_options(synchronize_session=False)
        .where(flag.c.status != "resolved", _not_active(flag.c.package_id))
        .values(status="resolved", resolved_at=now, last_seen=_previous_check(flag))
    ).rowcount  # pyright: ignore[reportAttributeAccessIssue]
    session.execute(
        sa.delete(DatasetQuality)
        .execution_options(synchronize_session=False)
        .where(_not_active(DatasetQuality.package_id))
    )
    return retired or 0


_FOLLOW_OWNERS = sa.text(
    "WITH moved AS (SELECT * FROM unnest(:package_id, :organization_id)"
    "  AS m(package_id, organization_id)),"
    " flags AS (UPDATE lutsk_charter_quality_flag f SET organization_id = m.organization_id"
    "  FROM moved m WHERE f.package_id = m.package_id"
    "  AND f.organization_id IS DISTINCT FROM m.organization_id)"
    " UPDATE lutsk_charter_dataset_quality q SET organization_id = m.organization_id"
    " FROM moved m WHERE q.package_id = m.package_id"
    " AND q.organization_id IS DISTINCT FROM m.organization_id"
).bindparams(*_arrays(("package_id", "organization_id")))


def follow_owners(session: AlchemySession, owners: Mapping[str, str | None]) -> None:
    """Datasets moved to another body (``{package_id: its body now}``): their flags and
    scores move with them, in one statement for both tables."""
    if owners:
        session.execute(
            _FOLLOW_OWNERS,
            {"package_id": list(owners), "organization_id": list(owners.values())},
        )
