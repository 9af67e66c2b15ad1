"""Template helpers, registered by ``tk.blanket.helpers`` under their own names."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk


def lutsk_charter_organization_choices(field: dict[str, Any]) -> list[dict[str, str]]:
    """Every active organization as a scheming choice: ``{"value": id, "label": title}``."""
    organizations = tk.get_action("organization_list")(
        {"ignore_auth": True}, {"all_fields": True, "limit": 1000}
    )
    choices = [{"value": o["id"], "label": o["display_name"]} for o in organizations]
    return sorted(choices, key=lambda c: c["label"].casefold())


def lutsk_charter_organization_title(id_or_name: str) -> str:
    """The display name of an organization, or the value itself if it is gone."""
    if not id_or_name:
        return ""
    try:
        organization = tk.get_action("organization_show")(
            {"ignore_auth": True},
            {
                "id": id_or_name,
                "include_datasets": False,
                "include_users": False,
                "include_extras": False,
            },
        )
    except tk.ObjectNotFound:
        return id_or_name
    return organization["display_name"]


def lutsk_charter_role_label(role: str) -> str:
    """The translated name of a responsible person's role."""
    labels = {"creator": tk._("Creates open data"), "publisher": tk._("Publishes open data")}
    return labels.get(role, role)


def lutsk_charter_change_label(kind: str) -> str:
    """The translated name of a kind of change in the register."""
    labels = {
        "assigned": tk._("Assigned"),
        "ended": tk._("Ended"),
        "corrected": tk._("Corrected"),
    }
    return labels.get(kind, kind)


def lutsk_charter_current_publishers(organization_id: str | None) -> list[dict[str, Any]]:
    """The body's current publishers as the current user may see them (names at least)."""
    if not organization_id:
        return []
    try:
        persons = tk.get_action("lutsk_charter_responsible_list")(
            {}, {"organization_id": organization_id}
        )
    except (tk.NotAuthorized, tk.ValidationError):
        return []
    return [p for p in persons if p["role"] == "publisher"]
