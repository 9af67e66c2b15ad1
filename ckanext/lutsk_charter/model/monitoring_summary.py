"""The dashboard's summary (``MonitorDataset``, ``MonitorCount``): kept, built, read.

``refresh`` writes the facts of some datasets again, from the packages, in the
transaction of the change that touched them (a save, a quality check), and moves
the per-body counts by the difference between the old and the new facts, in one
statement. ``rebuild`` writes whatever differs from the packages (the daily
snapshot; the first one builds the summary). ``body_counts``, ``body_dates`` and
``page_rows`` read it: only comparing ``due`` with today is left to them.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.types import AlchemySession
from sqlalchemy.dialects.postgresql import insert

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.types import BANDS as _SCORED

from . import monitoring_states as states
from . import prepared
from .monitoring import MonitorCount, MonitorDataset, MonitorSummary
from .queries import extra_value

_FACTS = ("organization_id", "visibility", "inactive", "due", "changed_at", "band", "open_codes",
          "title")  # fmt: skip
#: The bands of ``band:`` keys ("" is unscored).
_BANDS = (*_SCORED, "")
#: The public datasets that can be late (the predicate of the index of days due).
_CAN_BE_LATE = "visibility = 'public' AND NOT inactive AND due IS NOT NULL"


def is_built(session: AlchemySession, zone: str) -> bool:
    """Whether the summary was built (for this time zone: ``due`` is a local day)."""
    return session.scalar(sa.select(MonitorSummary.zone).where(MonitorSummary.id == 1)) == zone


def _keys(rows: Any) -> list[Any]:
    """Selects of ``(organization_id, key)``: what each row counts in (see ``MonitorCount``)."""
    body = sa.func.coalesce(rows.c.organization_id, "").label("organization_id")
    public = rows.c.visibility == "public"
    band = sa.func.coalesce(rows.c.band, "")
    code = sa.func.unnest(sa.func.string_to_array(rows.c.open_codes, " "))
    return [
        sa.select(body, rows.c.visibility.label("key")),
        sa.select(body, ("band:" + band).label("key")).where(public),
        sa.select(body, sa.literal("inactive").label("key")).where(public, rows.c.inactive),
        sa.select(body, ("code:" + code).label("key")).where(rows.c.open_codes != ""),
    ]


# --- keeping it current --------------------------------------------------------------------


def refresh(
    session: AlchemySession,
    package_ids: list[str],
    zone: str,
    forget: bool = False,
    before: tuple[str, dict[str, Any]] = ("", {}),
) -> None:
    """Write these datasets' facts again (dropping those no longer active or draft, or all of
    them with ``forget``: CKAN calls the delete hook before it marks the dataset deleted) and
    move their bodies' counts by the difference, in one statement. ``before``: driver SQL
    and its values sent ahead of it in its round trip, each a statement of its own (a save's
    scores, ``quality_store.upsert_scores_sql``); sent alone without datasets to refresh."""
    sql, values = before
    if not package_ids:
        if sql:
            session.connection().exec_driver_sql(sql, values)
        return
    # Prepared once per connection (``model.prepared``): SQLAlchemy does not cache statements
    # with data-changing CTEs, and planning it costs more than running it. The last write of
    # a save: the read its show then needs rides with it (``prepared.carry``).
    prepared.execute(
        session,
        f"monitor_refresh {zone}",
        functools.partial(_refresh, zone),
        (("ids", "text[]"), ("forget", "boolean")),
        {**values, "ids": sorted(set(package_ids)), "forget": forget},
        before=sql,
        with_carried=True,
    )


def _refresh(zone: str) -> Any:
    table = MonitorDataset.__table__
    counted = MonitorCount.__table__
    ids = sa.bindparam("ids", [], type_=sa.ARRAY(sa.UnicodeText))
    # The rows as they were, locked (two saves of one dataset are serialised anyway).
    old = (
        sa.select(table.c.package_id, *(table.c[c] for c in _FACTS))
        .where(table.c.package_id == sa.func.any(ids))
        .with_for_update()
        .cte("old")
    )
    forget = sa.bindparam("forget", False, type_=sa.Boolean)
    new = states.facts(zone, ids).where(sa.not_(forget)).cte("new")
    gone = (
        sa.delete(table)
        .where(
            table.c.package_id == sa.func.any(ids),
            table.c.package_id.not_in(sa.select(new.c.package_id)),
        )
        .cte("gone")
    )
    upsert = insert(table).from_select(["package_id", *_FACTS], sa.select(new))
    put = upsert.on_conflict_do_update(
        index_elements=["package_id"], set_={c: upsert.excluded[c] for c in _FACTS}
    ).cte("put")
    delta = sa.union_all(
        *(s.add_columns(sa.literal(-1).label("n")) for s in _keys(old)),
        *(s.add_columns(sa.literal(1).label("n")) for s in _keys(new)),
    ).subquery("delta")
    moved = (
        sa.select(delta.c.organization_id, delta.c.key, sa.func.sum(delta.c.n).label("n"))
        .group_by(delta.c.organization_id, delta.c.key)
        .having(sa.func.sum(delta.c.n) != 0)
        .order_by(delta.c.organization_id, delta.c.key)  # one lock order for every writer
    )
    count = insert(counted).from_select(["organization_id", "key", "n"], moved)
    return (
        count.on_conflict_do_update(
            index_elements=["organization_id", "key"], set_={"n": counted.c.n + count.excluded.n}
        )
        .add_cte(old)
        .add_cte(gone)
        .add_cte(put)
    )  # one at a time: SQLAlchemy 1.4 (CKAN 2.11)


def rebuild(session: AlchemySession, zone: str, moment: dt.datetime) -> None:
    """Write what differs from the packages (all of it the first time), and mark it built.

    Only rows that differ are written, so the daily run leaves the tables as they
    were. Saves wait for it (their ``refresh`` waits on the table lock); the
    dashboard reads the summary as it was until it commits.
    """
    table = MonitorDataset.__table__
    counted = MonitorCount.__table__
    session.execute(
        sa.text(
            "LOCK TABLE lutsk_charter_monitor_dataset, lutsk_charter_monitor_count"
            " IN EXCLUSIVE MODE"
        )
    )
    upsert = insert(table).from_select(["package_id", *_FACTS], states.facts(zone))
    differs = sa.tuple_(*(table.c[c] for c in _FACTS)).is_distinct_from(
        sa.tuple_(*(upsert.excluded[c] for c in _FACTS))
    )
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=["package_id"],
            set_={c: upsert.excluded[c] for c in _FACTS},
            where=differs,
        )
    )
    package = model.package_table
    session.execute(
        sa.delete(table).where(
            ~sa.exists().where(
                package.c.id == table.c.package_id,
                package.c.type == "dataset",
                package.c.state.in_(("active", "draft")),
            )
        )
    )
    keys = sa.union_all(*_keys(table)).subquery("keys")
    fresh = (
        sa.select(keys.c.organization_id, keys.c.key, sa.func.count().label("n"))
        .group_by(keys.c.organization_id, keys.c.key)
        .cte("fresh")
    )
    session.execute(
        sa.delete(counted).where(
            ~sa.exists().where(
                fresh.c.organization_id == counted.c.organization_id, fresh.c.key == counted.c.key
            )
        )
    )
    count = insert(counted).from_select(["organization_id", "key", "n"], sa.select(fresh))
    session.execute(
        count.on_conflict_do_update(
            index_elements=["organization_id", "key"],
            set_={"n": count.excluded.n},
            where=counted.c.n != count.excluded.n,
        )
    )
    built = insert(MonitorSummary.__table__).values(id=1, zone=zone, built_at=moment)
    session.execute(
        built.on_conflict_do_update(
            index_elements=["id"], set_={"zone": built.excluded.zone, "built_at": moment}
        )
    )


# --- reading it ----------------------------------------------------------------------------


def body_counts(
    session: AlchemySession, organization_id: str | None, groups: dict[str, list[str]]
) -> dict[str, dict[str, int]]:
    """``{body: {key: n}}`` (see ``MonitorCount``) with the ``code:`` keys summed by the
    ``groups`` they are in (``{name: [code, ...]}``, e.g. by Charter principle): one row
    of sums per body, whatever the number of codes."""
    c = MonitorCount.__table__.c
    plain = ("public", "private", "draft", "inactive", *(f"band:{b}" for b in _BANDS))
    sums = [sa.func.sum(c.n).filter(c.key == key).label(key) for key in plain]
    names = sorted(groups)
    sums += [
        sa.func.sum(c.n)
        .filter(
            c.key
            == sa.func.any(
                sa.bindparam(
                    f"g{i}",
                    [f"code:{code}" for code in groups[name]],
                    type_=sa.ARRAY(sa.UnicodeText),
                )
            )
        )
        .label(f"group:{name}")
        for i, name in enumerate(names)
    ]
    query = sa.select(c.organization_id, *sums).group_by(c.organization_id)
    if organization_id:
        query = query.where(c.organization_id == organization_id)
    keys = [*plain, *(f"group:{name}" for name in names)]
    return {
        row[0]: {key: n for key, n in zip(keys, row[1:], strict=True) if n}
        for row in session.execute(query).all()
    }


def body_dates(session: AlchemySession, today: dt.date, organization_id: str | None) -> list[Any]:
    """Per active body: ``(id, last_publication, overdue, due_soon)``, each read in an index."""
    t = MonitorDataset.__table__
    group = model.group_table
    day = sa.bindparam("today", today, type_=sa.Date)
    # due soon: at most REMINDER_DAYS away (a range of the index, as ``monitoring_rules.state``)
    soon = sa.bindparam("soon", today + dt.timedelta(days=timeliness.REMINDER_DAYS), sa.Date)
    of_body = t.c.organization_id == group.c.id
    late = sa.select(sa.func.count()).where(of_body, sa.text(_CAN_BE_LATE))
    query = sa.select(
        group.c.id,
        sa.select(sa.func.max(t.c.changed_at))
        .where(of_body, sa.text("visibility = 'public'"))
        .scalar_subquery()
        .label("last_publication"),
        late.where(t.c.due < day).scalar_subquery().label("overdue"),
        late.where(t.c.due >= day, t.c.due <= soon).scalar_subquery().label("due_soon"),
    ).where(group.c.is_organization.is_(True), group.c.state == "active")
    if organization_id:
        query = query.where(group.c.id == organization_id)
    return list(session.execute(query).all())


def _state(today: Any) -> Any:
    """``monitoring_rules.state`` over the summary's columns."""
    t = MonitorDataset.__table__.c
    return sa.case(
        (t.visibility == "draft", "draft"),
        (t.visibility == "private", "private"),
        (t.inactive, "inactive"),
        (t.due.is_(None), "normal"),
        (t.due < today, "overdue"),
        (t.due - today <= timeliness.REMINDER_DAYS, "due_soon"),
        else_="normal",
    )


def page_rows(
    session: AlchemySession,
    today: dt.date,
    organization_id: str | None,
    publication_state: str | None,
    limit: int | None,
    offset: int,
) -> list[Any]:
    """``monitoring_states.page_rows`` from the summary: the page is chosen in the summary's
    index, and only its datasets are read from the packages."""
    t = MonitorDataset.__table__.c
    day = sa.bindparam("today", today, type_=sa.Date)
    state = _state(day)
    conditions = []
    if organization_id:
        conditions.append(t.organization_id == organization_id)
    if publication_state:
        conditions.append(state == publication_state)
    total = sa.select(sa.func.count()).select_from(MonitorDataset.__table__).where(*conditions)
    chosen = (
        sa.select(
            t.package_id,
            t.organization_id,
            t.title,
            t.changed_at,
            t.band,
            t.open_codes,
            t.due,
            state.label("publication_state"),
        )
        .where(*conditions)
        .order_by(t.due.asc().nulls_last(), t.title, t.package_id)
    )
    if limit is not None:
        chosen = chosen.limit(limit).offset(offset)
    page = chosen.subquery("page")
    package = model.package_table
    query = (
        sa.select(
            page.c.package_id.label("id"),
            package.c.name,
            page.c.title,
            page.c.organization_id.label("owner_org"),
            package.c.maintainer_email,
            extra_value("update_frequency").label("frequency"),
            page.c.changed_at.label("changed"),
            page.c.band,
            page.c.open_codes,
            page.c.due,
            (page.c.due - day).label("days_left"),
            page.c.publication_state,
            total.scalar_subquery().label("total"),
        )
        .join_from(page, package, package.c.id == page.c.package_id)
        .order_by(page.c.due.asc().nulls_last(), page.c.title, page.c.package_id)
    )
    return list(session.execute(query).all())
