"""Small helpers shared by the action modules."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk
from ckan.types import Context


def portal_zone() -> ZoneInfo:
    return ZoneInfo(tk.config["ckan.display_timezone"] or "UTC")


def today() -> dt.date:
    """Today in the portal's time zone (Kyiv for Lutsk), not the server's."""
    return dt.datetime.now(portal_zone()).date()


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def user_id(context: Context) -> str | None:
    user = context["model"].User.get(context.get("user") or "")
    return user.id if user else None
