"""When a dataset's next update is due, and whether it is late (pure, no CKAN).

The rules of the city's existing monitor, which publishers know: the next update
is due one calendar period (by ``update_frequency``) after the data last
changed; 0–7 days before that a dataset is ``due_soon`` (the monitor's
"reminder"), after it ``overdue`` ("debtor"); ``more than once a day`` and
``immediately after making changes`` are never late, ``no longer updated`` is
``inactive``. Unlike that monitor, the clock starts when the *data* changed,
never at ``metadata_modified``.

Days are counted in the portal's time zone (Kyiv), so a change at 23:30 Kyiv
time belongs to that Kyiv day, whatever UTC says.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from ckanext.lutsk_charter.types import Timeliness as State

#: Calendar periods; ``None``: the dataset is never late.
PERIODS: dict[str, relativedelta | None] = {
    "more than once a day": None,
    "immediately after making changes": None,
    "once a day": relativedelta(days=1),
    "once a week": relativedelta(weeks=1),
    "once a month": relativedelta(months=1),
    "once a quarter": relativedelta(months=3),
    "once a half year": relativedelta(months=6),
    "once a year": relativedelta(years=1),
}
INACTIVE = "no longer updated"
REMINDER_DAYS = 7


@dataclass(frozen=True)
class Timeliness:
    state: State
    due: dt.date | None = None
    days_left: int | None = None


def local_day(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The calendar day of ``moment`` in ``zone``; a naive moment is taken as UTC (CKAN's way)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(zone).date()


def assess(
    frequency: str | None, data_changed: dt.datetime, now: dt.datetime, zone: ZoneInfo
) -> Timeliness:
    """The timeliness of a dataset whose data last changed at ``data_changed``.

    An unknown or missing frequency is judged ``normal``: the passport check
    reports the missing frequency, not this one.
    """
    if frequency == INACTIVE:
        return Timeliness("inactive")
    if PERIODS.get(frequency or "") is None:
        return Timeliness("normal")
    due = _due(local_day(data_changed, zone), frequency or "")
    days_left = (due - local_day(now, zone)).days
    if days_left < 0:
        state: State = "overdue"
    elif days_left <= REMINDER_DAYS:
        state = "due_soon"
    else:
        state = "normal"
    return Timeliness(state, due, days_left)


@functools.lru_cache(maxsize=8192)
def _due(day: dt.date, frequency: str) -> dt.date:
    """Calendar arithmetic is slow, and ten thousand datasets share few (day, frequency) pairs."""
    return day + PERIODS[frequency]  # type: ignore[operator]


def parse_ckan_time(value: str | dt.datetime | None) -> dt.datetime | None:
    """A CKAN timestamp (ISO text, naive UTC) as an aware datetime."""
    if not value:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def data_fingerprint(resource: dict) -> str:
    """What identifies a resource's data: where it is, its size, when its file was stamped.

    A new title or description, or a stored validation result, leaves it alone.
    """
    return "|".join(
        str(resource.get(k) or "") for k in ("url_type", "url", "size", "last_modified")
    )


def data_changed_at(
    old_fingerprint: str | None, resource: dict, now: dt.datetime
) -> dt.datetime | None:
    """When the data changed, if it did: ``None`` when the fingerprint is the same.

    A ``last_modified`` that is what changed is believed (uploads stamp it, imports
    and harvests state it); otherwise the change happened now.
    """
    new = data_fingerprint(resource)
    if new == old_fingerprint:
        return None
    stamped = parse_ckan_time(resource.get("last_modified"))
    if old_fingerprint is None:
        return stamped or parse_ckan_time(resource.get("created")) or now
    old_stamp = old_fingerprint.rsplit("|", 1)[-1]
    if stamped and old_stamp != str(resource.get("last_modified") or ""):
        return stamped
    return now
