"""Template helpers, registered by ``tk.blanket.helpers`` under their own names.

Each helper is thin: the words and rules live with their subject
(``validation/texts.py``, ``quality/texts.py``, ``monitoring/labels.py`` and
``monitoring/charts.py``, the code sets in ``types.py``); here are only the names
templates call, and the few that are about the page itself (dates in the
reader's language, organizations, facets).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from babel.dates import format_date, format_time
from markupsafe import Markup

from ckanext.lutsk_charter.clock import portal_zone
from ckanext.lutsk_charter.messages import N_
from ckanext.lutsk_charter.monitoring import charts, labels
from ckanext.lutsk_charter.monitoring.figures import TREND_SERIES, trend_value
from ckanext.lutsk_charter.quality import texts as quality_texts
from ckanext.lutsk_charter.validation import texts as validation_texts

# Dates, yes/no: words a person reads


def lutsk_charter_to_local(value: Any) -> Any:
    """A datetime (or ISO text) in the portal's time zone; a plain date as a date; else None.

    A datetime without a zone is UTC, as CKAN stores them.
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(portal_zone())
    if isinstance(value, dt.date):
        return value
    return None


def lutsk_charter_datetime(value: Any, with_time: bool = True) -> str:
    """A date (and time) in the reader's language and Kyiv time: "1 грудня 2026 р., 09:36".

    Every page of ours shows dates through this helper (babel, the request's
    locale, ``ckan.display_timezone``). A plain date (``2026-12-01``) has no time.
    Text that is not a date is returned as it is.
    """
    local = lutsk_charter_to_local(value)
    if local is None:
        return "" if value in (None, "") else str(value)
    locale = tk.h.lang() or "uk"
    day = format_date(local, "long", locale=locale)
    if not with_time or not isinstance(local, dt.datetime):
        return day
    return f"{day}, {format_time(local, 'HH:mm', locale=locale)}"


def lutsk_charter_yes_no(value: Any) -> str:
    """A boolean as a word: так / ні."""
    return tk._("yes") if value else tk._("no")


def lutsk_charter_table_schema_fields(value: Any) -> list[dict[str, Any]] | None:
    """The fields of a Table Schema (dict or JSON text) as rows to show; None if it is not one."""
    return validation_texts.table_schema_fields(value)


def lutsk_charter_field_type_label(field_type: str) -> str:
    """A Table Schema type in words (``integer`` → "ціле число")."""
    return validation_texts.field_type_label(field_type)


# Organizations and responsible persons


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


def lutsk_charter_required_dataset_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of the Resolution 835 list as scheming choices, labels in uk and en.

    Items switched off come last, marked, so that a dataset still linked to one
    shows it and keeps it when its form is saved (the validator refuses new links).
    """
    items = tk.get_action("lutsk_charter_required_dataset_list")(
        {"ignore_auth": True}, {"include_inactive": True}
    )

    def label(code: str, name: str) -> str:
        text = f"{code}. {name}"
        return text if len(text) <= 160 else text[:159].rstrip() + "…"

    active = [
        {
            "value": i["code"],
            "label": {
                "uk": label(i["code"], i["name_uk"]),
                "en": label(i["code"], i["name_en"] or i["name_uk"]),
            },
        }
        for i in items
        if i["active"]
    ]
    inactive = [
        {
            "value": i["code"],
            "label": "{label} ({note})".format(
                label=label(i["code"], lutsk_charter_required_dataset_name(i)),
                note=tk._("no longer required"),
            ),
        }
        for i in items
        if not i["active"]
    ]
    return active + inactive


def lutsk_charter_required_dataset_name(item: dict[str, Any]) -> str:
    """An item's name in the page's language (Ukrainian when there is no English one)."""
    if tk.h.lang() == "en" and item.get("name_en"):
        return item["name_en"]
    return item.get("name_uk") or ""


def lutsk_charter_required_section_label(section: str) -> str:
    """The translated name of a section of the Resolution 835 list."""
    labels = {
        "all_holders": tk._("All information holders"),
        "local_self_government": tk._("Local self-government bodies"),
    }
    return labels.get(section, section)


def lutsk_charter_timeliness_label(state: str) -> str:
    """The translated name of a dataset's timeliness state."""
    labels = {
        "normal": tk._("Up to date"),
        "due_soon": tk._("Update due soon"),
        "overdue": tk._("Overdue"),
        "inactive": tk._("No longer updated"),
    }
    return labels.get(state, state)


# Validation reports


def lutsk_charter_validation_finding(finding: dict[str, Any]) -> dict[str, str]:
    """``{"message", "fix"}`` of a stored finding, in the reader's language."""
    return validation_texts.finding_text(finding)


def lutsk_charter_delimiter_label(delimiter: str) -> str:
    """A CSV delimiter in words."""
    return validation_texts.delimiter_label(delimiter)


def lutsk_charter_validation_error_type(error_type: str, title: str = "") -> dict[str, str]:
    """``{"title", "fix"}`` of a frictionless error type, in the reader's language."""
    return validation_texts.error_type_text(error_type, title)


def lutsk_charter_validation_status_label(status: str | None) -> str:
    """A status in words: valid, has errors..."""
    return validation_texts.status_label(status)


def lutsk_charter_validation_status_labels() -> dict[str, str]:
    """Every status in words, for the badge that updates itself."""
    return validation_texts.status_labels()


# Quality flags


def lutsk_charter_principle_label(principle: str) -> str:
    """The translated name of a Charter principle (``open_by_default``...)."""
    return quality_texts.principle_label(principle)


def lutsk_charter_principles() -> list[str]:
    """The six principles' codes in the Charter's order."""
    return quality_texts.principles()


def lutsk_charter_severity_label(severity: str) -> str:
    return quality_texts.severity_label(severity)


def lutsk_charter_band_label(band: str) -> str:
    """The translated name of an MQA band (``excellent``...)."""
    return quality_texts.band_label(band)


def lutsk_charter_flag_status_label(status: str) -> str:
    return quality_texts.flag_status_label(status)


def lutsk_charter_checks() -> list[dict[str, str]]:
    """Every registered check as ``{"code", "title", "principle"}``, by principle."""
    return quality_texts.checks()


def lutsk_charter_check_title(code: str) -> str:
    """The short translated name of a check, e.g. for a search facet."""
    return quality_texts.check_title(code)


def lutsk_charter_flag_text(flag: dict[str, Any]) -> dict[str, str]:
    """``{"title", "message", "fix"}`` of a stored flag, in the reader's language."""
    return quality_texts.flag_text(flag)


def lutsk_charter_roles_sentence(creator: Any, publisher: Any) -> str:
    """Whether a body has its two responsible persons, as one sentence that reads well."""
    return quality_texts.roles_sentence(creator, publisher)


def lutsk_charter_flag_fix(flag: dict[str, Any], dataset_name: str) -> dict[str, str] | None:
    """Where to fix a flag: ``{"url", "label", "resource"}``, or None."""
    return quality_texts.flag_fix(flag, dataset_name)


# Search: facets, filter pills, the sort by score

#: Sorting by the MQA score, best first; equal scores by the newest change.
SCORE_SORT = "charter_score desc, metadata_modified desc"


def lutsk_charter_score_sort() -> str:
    return SCORE_SORT


def lutsk_charter_facet_label(item: dict[str, Any]) -> str:
    """A facet entry's whole label (core cuts it at 22 characters, so long titles look alike)."""
    return str(item.get("display_name") or item.get("name") or "")


def _quality_facet_titles() -> dict[str, str]:
    return {"charter_band": tk._("Quality (Charter)"), "charter_flags": tk._("Quality flags")}


def lutsk_charter_facet_titles(titles: dict[str, str] | None) -> dict[str, str]:
    """Facet titles for the filter pills, ours included even where the facet is not shown."""
    merged = dict(titles or {})
    for name, title in _quality_facet_titles().items():
        if merged.get(name) in (None, "", name):
            merged[name] = title
    return merged


def lutsk_charter_filter_labels(
    fields: dict[str, list[str]] | None, translated: dict[Any, str] | None
) -> dict[Any, str]:
    """Words for the values of our filters in the pills (``overdue`` → "Прострочено")."""
    labels = dict(translated or {})
    for value in (fields or {}).get("charter_band", []):
        labels[("charter_band", value)] = lutsk_charter_band_label(value)
    for value in (fields or {}).get("charter_flags", []):
        labels[("charter_flags", value)] = lutsk_charter_check_title(value)
    return labels


def lutsk_charter_dataset_quality(package_id: str) -> dict[str, Any] | None:
    """The dataset's quality as the current user may see it (flags only for editors)."""
    try:
        return tk.get_action("lutsk_charter_dataset_quality_show")({}, {"id": package_id})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None


# Monitoring


def lutsk_charter_monitor_column(column: str, table: str = "bodies") -> str:
    """The translated heading of a monitoring table's column."""
    return labels.column_label(column, table)


def lutsk_charter_frequency_label(value: str) -> str:
    """An ``update_frequency`` in the reader's language (the schema's label)."""
    return labels.frequency_label(value)


def lutsk_charter_publication_state(state: str) -> str:
    """A dataset's state on the dashboard, in words."""
    return labels.publication_state_label(state)


def lutsk_charter_trend_chart(trend: list[dict[str, Any]]) -> Markup:
    """The trend as SVG charts, datasets and flags apart (escaped; safe to embed)."""
    return charts.trend_charts(trend, day_label=lutsk_charter_datetime)


def lutsk_charter_trend_label(series: str) -> str:
    return labels.trend_label(series)


def lutsk_charter_trend_series() -> list[str]:
    return list(TREND_SERIES)


def lutsk_charter_trend_value(figures: dict[str, Any], series: str) -> int:
    return trend_value(figures, series)


_NOTICE_STATES = {
    "queued": N_("queued, not sent yet"),
    "sent": N_("sent"),
    "failed": N_("not sent: the mail server failed"),
    "not_queued": N_("not queued: the job queue was down"),
    "none": N_("nobody to notify"),
}


_NOTICE_UNKNOWN = N_("unknown (recorded before notices were tracked)")


def lutsk_charter_notice_state_label(state: str | None) -> str:
    """What became of a change's e-mail notice, in words."""
    return tk._(_NOTICE_STATES.get(state or "", _NOTICE_UNKNOWN))
