"""Small helpers shared by the action modules."""

from __future__ import annotations

from ckan.types import Context

from ckanext.lutsk_charter.clock import now, portal_zone, today  # noqa: F401  (re-exported)


def user_id(context: Context) -> str | None:
    user = context["model"].User.get(context.get("user") or "")
    return user.id if user else None
