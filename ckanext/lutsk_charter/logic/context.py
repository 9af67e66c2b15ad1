"""What an action needs to know about its caller and its transaction."""

from __future__ import annotations

from typing import Any

import ckan.authz as authz
from ckan import model
from ckan.types import Context

from ckanext.lutsk_charter.model import queries


def user_id(context: Context) -> str | None:
    """The id of the calling user, ``None`` for anonymous or the site itself."""
    return queries.user_id(context.get("user"))


def is_sysadmin(context: Context) -> bool:
    return authz.is_sysadmin(context.get("user"))


def session_of(context: Context) -> Any:
    """The action's session (``context["session"]`` when a caller set one, else CKAN's)."""
    return context.get("session") or model.Session


def commit(context: Context) -> None:
    """Commit the action's work unless the caller asked for ``defer_commit``."""
    if not context.get("defer_commit"):
        session_of(context).commit()
