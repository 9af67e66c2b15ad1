"""Every dataset's publication state: the ground of the dashboard and the reminders.

Timeliness follows ``timeliness.py`` over when the data last changed; the SQL is
in ``model/monitoring_states.py`` (counted from the packages) and
``model/monitoring_summary.py`` (read from the dashboard's summary, which the
saves and quality checks keep current). The dashboard reads the summary once it
is built, the packages before; the reminders read the packages. Drafts and
private datasets are counted but never late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from ckan.types import AlchemySession

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.model import monitoring_states as live
from ckanext.lutsk_charter.model import monitoring_summary as summary


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
    """Each active or draft dataset (of one body, or all) with its state, from the packages."""
    today = timeliness.local_day(now, zone)
    return [_state(r) for r in live.dataset_rows(session, today, str(zone), organization_id)]


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
    today = timeliness.local_day(now, zone)
    if summary.is_built(session, str(zone)):
        rows = summary.page_rows(session, today, organization_id, publication_state, limit, offset)
    else:
        rows = live.page_rows(
            session, today, str(zone), organization_id, publication_state, limit, offset
        )
    return [_state(r) for r in rows], (rows[0].total if rows else 0)


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
