"""Every dataset's publication state in one query: the ground of the dashboard and reminders.

Timeliness comes from ``timeliness.assess`` over when the data last changed (the
clock of ``lutsk_charter_data_change``), the same rules and 7-day window as the
city's existing monitor; drafts and private datasets are counted but never late.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from ckan import model
from sqlalchemy.orm import Session

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.model import DatasetQuality, ResourceDataChange


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
    session: Session, now: dt.datetime, zone: ZoneInfo, organization_id: str | None = None
) -> list[DatasetState]:
    """Each active or draft dataset (of one body, or all) with its state."""
    params = {"organization_id": organization_id} if organization_id else {}
    rows = session.execute(_statement(organization_id is not None), params)
    found = []
    for r in rows:
        frequency = r.frequency or ""
        draft = r.state != "active"
        changed = r.changed or timeliness.parse_ckan_time(r.metadata_created)
        assessed = (
            timeliness.assess(frequency, changed, now, zone)
            if changed and not draft and not r.private
            else timeliness.Timeliness("normal")
        )
        found.append(
            DatasetState(
                id=r.id,
                name=r.name,
                title=r.title or r.name,
                owner_org=r.owner_org,
                private=bool(r.private),
                draft=draft,
                frequency=frequency,
                maintainer_email=(r.maintainer_email or "").strip().lower(),
                data_changed_at=changed,
                state=assessed.state,
                due=assessed.due,
                days_left=assessed.days_left,
                band=r.band,
                open_codes=tuple((r.open_codes or "").split()),
            )
        )
    return found


@functools.cache
def _statement(one_body: bool) -> sa.Select:
    package, resource = model.package_table, model.resource_table
    changed = (
        sa.select(
            ResourceDataChange.package_id, sa.func.max(ResourceDataChange.changed_at).label("at")
        )
        .join(resource, resource.c.id == ResourceDataChange.resource_id)
        .where(resource.c.state == "active")
        .group_by(ResourceDataChange.package_id)
        .subquery()
    )
    if "extras" in package.c:  # CKAN 2.12: a JSONB column; read the one key, not the object
        frequency: Any = package.c.extras["update_frequency"].astext
    else:  # CKAN 2.11: a key/value table
        extra = model.package_extra_table
        frequency = (
            sa.select(extra.c.value)
            .where(extra.c.package_id == package.c.id, extra.c.state == "active")
            .where(extra.c.key == "update_frequency")
            .limit(1)
            .scalar_subquery()
        )
    query = (
        sa.select(
            package.c.id,
            package.c.name,
            package.c.title,
            package.c.owner_org,
            package.c.private,
            package.c.state,
            package.c.maintainer_email,
            package.c.metadata_created,
            frequency.label("frequency"),
            changed.c.at.label("changed"),
            DatasetQuality.band,
            DatasetQuality.open_codes,
        )
        .outerjoin(changed, changed.c.package_id == package.c.id)
        .outerjoin(DatasetQuality, DatasetQuality.package_id == package.c.id)
        .where(package.c.type == "dataset", package.c.state.in_(("active", "draft")))
    )
    if one_body:
        query = query.where(package.c.owner_org == sa.bindparam("organization_id"))
    return query
