"""Every dataset's publication state in one query: the ground of the dashboard and reminders.

Timeliness follows ``timeliness.py`` over when the data last changed (the clock
of ``lutsk_charter_data_change``), the same rules and 7-day window as the city's
existing monitor, computed in the database (``rules_sql``) so that counting ten
thousand datasets costs grouped queries, not ten thousand Python objects. Drafts
and private datasets are counted but never late.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from ckan import model
from ckan.types import AlchemySession

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.model import DatasetQuality
from ckanext.lutsk_charter.model.queries import data_changed_by_package, extra_value

from . import rules_sql


@dataclass(frozen=True, slots=True)
class DatasetState:
    id: str
    name: str
    title: str
    owner_org: str | None
    private: bool
    draft: bool
    frequency: str
    maintainer_email: str
    data_changed_at: dt.datetime | None
    #: normal, due_soon, overdue, inactive (a draft or private dataset is normal)
    state: str
    due: dt.date | None
    days_left: int | None
    band: str | None
    open_codes: tuple[str, ...]

    @property
    def public(self) -> bool:
        return not self.private and not self.draft


def dataset_states(
    session: AlchemySession, now: dt.datetime, zone: ZoneInfo, organization_id: str | None = None
) -> list[DatasetState]:
    """Each active or draft dataset (of one body, or all) with its state."""
    base = _base(organization_id is not None, str(zone))
    rows = session.execute(sa.select(base), _params(now, zone, organization_id))
    return [_state(r) for r in rows]


def dataset_page(
    session: AlchemySession,
    now: dt.datetime,
    zone: ZoneInfo,
    organization_id: str | None,
    publication_state: str | None,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[DatasetState], int]:
    """One page of datasets in a state (the latest to fall due first), and how many in all."""
    base = _base(organization_id is not None, str(zone))
    query = sa.select(base, sa.func.count().over().label("total"))
    if publication_state:
        query = query.where(base.c.publication_state == publication_state)
    query = query.order_by(base.c.due.asc().nulls_last(), base.c.title, base.c.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = session.execute(query, _params(now, zone, organization_id)).all()
    return [_state(r) for r in rows], (rows[0].total if rows else 0)


def counts(
    session: AlchemySession, now: dt.datetime, zone: ZoneInfo, organization_id: str | None
) -> tuple[list[Any], list[Any]]:
    """Datasets per body, publication state and band (with the latest public data change),
    and open flag codes per body: the dashboard's figures in two grouped queries."""
    base = _base(organization_id is not None, str(zone))
    params = _params(now, zone, organization_id)
    by_state = session.execute(
        sa.select(
            base.c.owner_org,
            base.c.publication_state,
            base.c.band,
            sa.func.count().label("n"),
            sa.func.max(base.c.changed).label("last_change"),
        ).group_by(base.c.owner_org, base.c.publication_state, base.c.band),
        params,
    ).all()
    code = sa.func.unnest(sa.func.string_to_array(base.c.open_codes, " ")).label("code")
    codes = sa.select(base.c.owner_org, code).where(base.c.open_codes != "").subquery()
    by_code = session.execute(
        sa.select(codes.c.owner_org, codes.c.code, sa.func.count().label("n")).group_by(
            codes.c.owner_org, codes.c.code
        ),
        params,
    ).all()
    return by_state, by_code  # pyright: ignore[reportReturnType]


def _params(now: dt.datetime, zone: ZoneInfo, organization_id: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {"today": timeliness.local_day(now, zone)}
    if organization_id:
        params["organization_id"] = organization_id
    return params


def _state(r: Any) -> DatasetState:
    public = r.publication_state not in ("private", "draft")
    return DatasetState(
        id=r.id,
        name=r.name,
        title=r.title or r.name,
        owner_org=r.owner_org,
        private=r.publication_state == "private",
        draft=r.publication_state == "draft",
        frequency=r.frequency or "",
        maintainer_email=(r.maintainer_email or "").strip().lower(),
        data_changed_at=r.changed,
        state=r.publication_state if public else "normal",
        due=r.due,
        days_left=r.days_left,
        band=r.band,
        open_codes=tuple((r.open_codes or "").split()),
    )


@functools.cache
def _base(one_body: bool, zone: str) -> Any:
    """Every active or draft dataset with its publication state, due day and days left."""
    package = model.package_table
    today = sa.bindparam("today", type_=sa.Date)
    changed = data_changed_by_package()
    # CKAN 2.12 reads the one key of the JSONB column, CKAN 2.11 its key/value table.
    frequency = extra_value("update_frequency")
    data_changed = sa.func.coalesce(
        changed.c.at, sa.func.timezone("UTC", package.c.metadata_created)
    )
    public = sa.and_(package.c.state == "active", package.c.private.is_(False))
    due = sa.case((public, rules_sql.due_day(frequency, data_changed, zone)), else_=sa.null())
    publication_state = sa.case(
        (package.c.state != "active", "draft"),
        (package.c.private.is_(True), "private"),
        else_=rules_sql.state(frequency, due, today),
    )
    query = (
        sa.select(
            package.c.id,
            package.c.name,
            package.c.title,
            package.c.owner_org,
            package.c.maintainer_email,
            frequency.label("frequency"),
            data_changed.label("changed"),
            DatasetQuality.band,
            sa.func.coalesce(DatasetQuality.open_codes, "").label("open_codes"),
            due.label("due"),
            (due - today).label("days_left"),
            publication_state.label("publication_state"),
        )
        .outerjoin(changed, changed.c.package_id == package.c.id)
        .outerjoin(DatasetQuality, DatasetQuality.package_id == package.c.id)
        .where(package.c.type == "dataset", package.c.state.in_(("active", "draft")))
    )
    if one_body:
        query = query.where(package.c.owner_org == sa.bindparam("organization_id"))
    return query.subquery("datasets")
