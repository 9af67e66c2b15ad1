"""The words of the monitoring pages and exports: column headings, states, trend series."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.lutsk_charter.messages import N_
from ckanext.lutsk_charter.types import PUBLICATION_STATE_LABELS
from ckanext.scheming.helpers import (  # pyright: ignore[reportMissingImports]
    scheming_choices_label,
    scheming_field_by_name,
    scheming_get_dataset_schema,
)

_MONITOR_COLUMNS = {
    "title": N_("Body"),
    "organization_title": N_("Body"),
    "public": N_("Public"),
    "private": N_("Private"),
    "draft": N_("Drafts"),
    "normal": N_("Up to date"),
    "due_soon": N_("Due within 7 days"),
    "overdue": N_("Overdue"),
    "inactive": N_("No longer updated"),
    "excellent": N_("Excellent"),
    "good": N_("Good"),
    "sufficient": N_("Sufficient"),
    "bad": N_("Bad"),
    "open_flags": N_("Open quality flags"),
    "creator": N_("Creator assigned"),
    "publisher": N_("Publisher assigned"),
    "last_publication": N_("Data last published"),
    "state": N_("State"),
    "update_frequency": N_("Update frequency"),
    "due": N_("Next update due"),
    "days_left": N_("Days left"),
    "band": N_("Quality"),
}


def column_label(column: str, table: str = "bodies") -> str:
    """The translated heading of a monitoring table's column."""
    if table == "datasets" and column == "title":
        return tk._("Dataset")
    return tk._(_MONITOR_COLUMNS[column]) if column in _MONITOR_COLUMNS else column


def frequency_label(value: str) -> str:
    """An ``update_frequency`` in the reader's language (the schema's label)."""
    schema = scheming_get_dataset_schema("dataset") or {}
    field = scheming_field_by_name(schema.get("dataset_fields", []), "update_frequency")
    return scheming_choices_label(field["choices"], value) if field and value else value


def publication_state_label(state: str | None) -> str:
    """A dataset's state on the dashboard, in words."""
    if state in PUBLICATION_STATE_LABELS:
        return tk._(PUBLICATION_STATE_LABELS[state])
    return state or ""


def trend_label(series: str) -> str:
    return tk._(_TREND_LABELS[series]) if series in _TREND_LABELS else series


_TREND_LABELS = {
    "public": N_("Public datasets"),
    "overdue": N_("Overdue"),
    "due_soon": N_("Due within 7 days"),
    "open_flags": N_("Open quality flags"),
}
