"""Small helpers shared by the action modules."""

from __future__ import annotations

from typing import Any

import ckan.authz as authz
from ckan.types import Context

from ckanext.lutsk_charter.clock import now, portal_zone, today  # noqa: F401  (re-exported)


def user_id(context: Context) -> str | None:
    user = context["model"].User.get(context.get("user") or "")
    return user.id if user else None


def is_sysadmin(context: Context) -> bool:
    return authz.is_sysadmin(context.get("user"))


def commit(context: Context) -> None:
    """Commit the action's work unless the caller asked for ``defer_commit``."""
    if not context.get("defer_commit"):
        session_of(context).commit()


def session_of(context: Context) -> Any:
    """The action's session (``context["session"]``, else CKAN's ``model.Session``)."""
    from ckan import model

    return context.get("session") or model.Session
