"""The portal's clock: today in the portal's time zone, now in UTC.

One module so that every layer (actions, services, jobs, templates) reads the same
day; tests move it with ``freezegun`` or CKAN's ``freeze_time`` fixture.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk


def portal_zone() -> ZoneInfo:
    """The portal's display time zone (``ckan.display_timezone``, Kyiv for Lutsk)."""
    return ZoneInfo(tk.config["ckan.display_timezone"] or "UTC")


def today() -> dt.date:
    """Today in the portal's time zone (Kyiv for Lutsk), not the server's."""
    return dt.datetime.now(portal_zone()).date()


def now() -> dt.datetime:
    """Now, timezone-aware, in UTC."""
    return dt.datetime.now(dt.timezone.utc)
