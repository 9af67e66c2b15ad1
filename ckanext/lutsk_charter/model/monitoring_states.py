"""Every dataset's publication state, counted from the packages themselves (the live way).

Timeliness follows ``timeliness.py`` over when the data last changed (the clock
of ``lutsk_charter_data_change``), the same rules and 7-day window as the city's
existing monitor, computed in the database (``monitoring_rules``). Drafts and
private datasets are counted but never late. The reminders read every dataset
this way; the dashboard reads the summary of ``monitoring_summary`` once it is
built, which stores the same facts (``facts``) per dataset.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.types import AlchemySession

from ckanext.lutsk_charter import timeliness

from . import monitoring_rules as rules
from .quality import DatasetQuality
from .queries import data_changed_by_package, data_changed_subquery, extra_value

#: The columns of a dataset's state, in both the live query and the summary's page.
STATE_COLUMNS = (
    "id", "name", "title", "owner_org", "maintainer_email", "frequency", "changed", "band",
    "open_codes", "due", "days_left", "publication_state",
)  # fmt: skip


def _today() -> Any:
    return sa.bindparam("today", type_=sa.Date)


def _pieces(zone: str, few: bool = False) -> dict[str, Any]:
    """The expressions both ways share, over ``package`` joined to the data clock and scores
    (``few``: for a few datasets, the data clock read per dataset, not grouped for all)."""
    package = model.package_table
    quality = DatasetQuality.__table__
    # CKAN 2.12 reads the one key of the JSONB column, CKAN 2.11 its key/value table.
    frequency = extra_value("update_frequency")
    if few:
        last = data_changed_subquery(package.c.id)
        joined = package.outerjoin(quality, quality.c.package_id == package.c.id)
    else:
        changed = data_changed_by_package()
        last = changed.c.at
        joined = package.outerjoin(changed, changed.c.package_id == package.c.id).outerjoin(
            quality, quality.c.package_id == package.c.id
        )
    data_changed = sa.func.coalesce(last, sa.func.timezone("UTC", package.c.metadata_created))
    public = sa.and_(package.c.state == "active", package.c.private.is_(False))
    due = sa.case((public, rules.due_day(frequency, data_changed, zone)), else_=sa.null())
    return {
        "package": package,
        "frequency": frequency,
        "changed": data_changed,
        "due": due,
        "joined": joined,
        "where": sa.and_(package.c.type == "dataset", package.c.state.in_(("active", "draft"))),
    }


@functools.cache
def base(one_body: bool, zone: str) -> Any:
    """Every active or draft dataset with its publication state, due day and days left."""
    p = _pieces(zone)
    package, frequency, due = p["package"], p["frequency"], p["due"]
    today = _today()
    publication_state = sa.case(
        (package.c.state != "active", "draft"),
        (package.c.private.is_(True), "private"),
        else_=rules.state(frequency, due, today),
    )
    query = (
        sa.select(
            package.c.id,
            package.c.name,
            package.c.title,
            package.c.owner_org,
            package.c.maintainer_email,
            frequency.label("frequency"),
            p["changed"].label("changed"),
            DatasetQuality.band,
            sa.func.coalesce(DatasetQuality.open_codes, "").label("open_codes"),
            due.label("due"),
            (due - today).label("days_left"),
            publication_state.label("publication_state"),
        )
        .select_from(p["joined"])
        .where(p["where"])
    )
    if one_body:
        query = query.where(package.c.owner_org == sa.bindparam("organization_id"))
    return query.subquery("datasets")


def facts(zone: str, package_ids: Any = None) -> Any:
    """The summary's columns of each active or draft dataset (of ``package_ids``, a bound
    array, or all): none of them depends on the date."""
    p = _pieces(zone, few=package_ids is not None)
    package = p["package"]
    query = (
        sa.select(
            package.c.id.label("package_id"),
            package.c.owner_org.label("organization_id"),
            sa.case(
                (package.c.state != "active", "draft"),
                (package.c.private.is_(True), "private"),
                else_="public",
            ).label("visibility"),
            sa.func.coalesce(p["frequency"] == timeliness.INACTIVE, False).label("inactive"),
            p["due"].label("due"),
            p["changed"].label("changed_at"),
            DatasetQuality.band,
            sa.func.coalesce(DatasetQuality.open_codes, "").label("open_codes"),
            package.c.title,
        )
        .select_from(p["joined"])
        .where(p["where"])
    )
    if package_ids is not None:
        query = query.where(package.c.id == sa.func.any(package_ids))
    return query


def params(today: dt.date, organization_id: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {"today": today}
    if organization_id:
        found["organization_id"] = organization_id
    return found


def dataset_rows(
    session: AlchemySession, today: dt.date, zone: str, organization_id: str | None
) -> list[Any]:
    """Each active or draft dataset (of one body, or all) with its state."""
    datasets = base(organization_id is not None, zone)
    return list(session.execute(sa.select(datasets), params(today, organization_id)).all())


def page_rows(
    session: AlchemySession,
    today: dt.date,
    zone: str,
    organization_id: str | None,
    publication_state: str | None,
    limit: int | None,
    offset: int,
) -> list[Any]:
    """One page of datasets in a state (the soonest due first), each with ``total``."""
    datasets = base(organization_id is not None, zone)
    query = sa.select(datasets, sa.func.count().over().label("total"))
    if publication_state:
        query = query.where(datasets.c.publication_state == publication_state)
    query = query.order_by(datasets.c.due.asc().nulls_last(), datasets.c.title, datasets.c.id)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return list(session.execute(query, params(today, organization_id)).all())


def counts(
    session: AlchemySession, today: dt.date, zone: str, organization_id: str | None
) -> tuple[list[Any], list[Any]]:
    """Datasets per body, publication state and band (with the latest data change), and
    datasets per body and open flag code: the dashboard's figures in two grouped queries."""
    datasets = base(organization_id is not None, zone)
    bound = params(today, organization_id)
    by_state = session.execute(
        sa.select(
            datasets.c.owner_org,
            datasets.c.publication_state,
            datasets.c.band,
            sa.func.count().label("n"),
            sa.func.max(datasets.c.changed).label("last_change"),
        ).group_by(datasets.c.owner_org, datasets.c.publication_state, datasets.c.band),
        bound,
    ).all()
    code = sa.func.unnest(sa.func.string_to_array(datasets.c.open_codes, " ")).label("code")
    codes = sa.select(datasets.c.owner_org, code).where(datasets.c.open_codes != "").subquery()
    by_code = session.execute(
        sa.select(codes.c.owner_org, codes.c.code, sa.func.count().label("n")).group_by(
            codes.c.owner_org, codes.c.code
        ),
        bound,
    ).all()
    return list(by_state), list(by_code)
