"""Template helpers, registered by ``tk.blanket.helpers`` under their own names."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.lutsk_charter.notices import N_

# Dates, yes/no, Table Schemas: words a person reads


def _display_zone() -> Any:
    from ckanext.lutsk_charter.clock import portal_zone

    return portal_zone()


def lutsk_charter_to_local(value: Any) -> Any:
    """A datetime (or ISO text) in the portal's time zone; a plain date as a date; else None.

    A datetime without a zone is UTC, as CKAN stores them.
    """
    import datetime as dt

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
        return value.astimezone(_display_zone())
    if isinstance(value, dt.date):
        return value
    return None


def lutsk_charter_datetime(value: Any, with_time: bool = True) -> str:
    """A date (and time) in the reader's language and Kyiv time: "1 грудня 2026 р., 09:36".

    Every page of ours shows dates through this helper (babel, the request's
    locale, ``ckan.display_timezone``). A plain date (``2026-12-01``) has no time.
    Text that is not a date is returned as it is.
    """
    import datetime as dt

    from babel.dates import format_date, format_time

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
    """The fields of a Table Schema (dict or JSON text) as rows to show; None if it is not one.

    Each row: ``name``, ``type``, ``title``, ``description`` and ``constraints`` as
    readable text (``required``, ``unique``, ``minimum: 0``...).
    """
    import json

    schema = value
    if isinstance(value, str):
        try:
            schema = json.loads(value)
        except ValueError:
            return None
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return None
    labels = {
        "required": N_("required"),
        "unique": N_("unique"),
        "minimum": N_("minimum"),
        "maximum": N_("maximum"),
        "minLength": N_("minimum length"),
        "maxLength": N_("maximum length"),
        "pattern": N_("pattern"),
        "enum": N_("one of"),
    }
    rows = []
    for field in schema["fields"]:
        if not isinstance(field, dict):
            continue
        constraints = field.get("constraints") if isinstance(field.get("constraints"), dict) else {}
        words = []
        for key, rule in constraints.items():
            label = tk._(labels[key]) if key in labels else key
            if rule is True:
                words.append(label)
            elif rule is False or rule is None:
                continue
            elif isinstance(rule, list):
                words.append(f"{label}: {', '.join(str(r) for r in rule)}")
            else:
                words.append(f"{label}: {rule}")
        rows.append(
            {
                "name": str(field.get("name") or ""),
                "type": lutsk_charter_field_type_label(str(field.get("type") or "any")),
                "title": str(field.get("title") or ""),
                "description": str(field.get("description") or ""),
                "constraints": "; ".join(words),
            }
        )
    return rows


_FIELD_TYPES = {
    "string": N_("text"),
    "number": N_("number"),
    "integer": N_("whole number"),
    "boolean": N_("yes/no"),
    "date": N_("date"),
    "datetime": N_("date and time"),
    "time": N_("time"),
    "year": N_("year"),
    "yearmonth": N_("year and month"),
    "duration": N_("duration"),
    "geopoint": N_("geographic point"),
    "geojson": N_("GeoJSON"),
    "object": N_("object (JSON)"),
    "array": N_("list (JSON)"),
    "any": N_("any"),
}


def lutsk_charter_field_type_label(field_type: str) -> str:
    """A Table Schema type in words (``integer`` → "ціле число")."""
    return tk._(_FIELD_TYPES[field_type]) if field_type in _FIELD_TYPES else field_type


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


#: What the checks before frictionless can report, and what to do about it.
_FINDINGS: dict[str, tuple[str, str]] = {
    "empty-file": (N_("The file is empty."), N_("Upload the file with its data.")),
    "binary-file": (
        N_("The file is not text: it looks like a picture, an archive or another binary file."),
        N_("Export the table as CSV (Excel: “Save as” → “CSV UTF-8”)."),
    ),
    "html-page": (
        N_("The file is a web page (HTML), not data: often an error page saved instead."),
        N_("Check the link or upload the data file itself."),
    ),
    "line-too-long": (
        N_("A line of the file is {line_mb} MB long (the limit is {limit_mb} MB)."),
        N_("Check that the file has line breaks and the right delimiter."),
    ),
    "too-big": (
        N_("The file is {size_mb} MB, over the {limit_mb} MB that are validated."),
        N_("Split the data into several files, e.g. by year."),
    ),
    "zip-bomb": (
        N_("The spreadsheet would unpack to {unpacked_mb} MB; it is refused as unsafe."),
        N_("Save the spreadsheet again from your office program, or publish CSV."),
    ),
    "not-a-spreadsheet": (
        N_("The file is not a spreadsheet of the stated format."),
        N_("Check the format of the resource, or save the file again as XLSX or ODS."),
    ),
    "not-a-table": (
        N_("The JSON is not a table: it must be a list of records."),
        N_("Publish the records as a JSON list of objects."),
    ),
    "unreadable": (
        N_("The data could not be read: {detail}"),
        N_("Open the file, check it and save it again in a standard format."),
    ),
    "encoding-not-utf8": (
        N_("The file is in the {encoding} encoding, not UTF-8."),
        N_("Save it as UTF-8 so every program reads it (Excel: “CSV UTF-8”)."),
    ),
    "encoding-guessed": (
        N_(
            "The encoding {encoding} was worked out from the text (certainty {confidence} "
            "of 100; the next likeliest is {alternative})."
        ),
        N_(
            "If the values look garbled, state the encoding in the validation options "
            "(“encoding”), or better, save the file as UTF-8."
        ),
    ),
    "encoding-unknown": (
        N_("The validation options name the encoding “{declared}”, which is not known."),
        N_("Use a standard name such as utf-8, windows-1251 or koi8-u, or remove it."),
    ),
    "nul-bytes": (
        N_("The file holds {count} NUL bytes (the first in line {line}); they stay in the values."),
        N_("Export the file again: NUL bytes are damage, not data."),
    ),
    "missing-value-markers": (
        N_(
            "Column “{column}” has {markers} (first in row {row}) where a value is missing; "
            "they were read as empty."
        ),
        N_("Say so in the Table Schema, so every program reads them the same: {declaration}"),
    ),
    "encoding-mismatch": (
        N_("The validation options say {declared}, but the file looks like {detected}."),
        N_("Correct the encoding in the validation options, or remove it."),
    ),
    "download-timeout": (
        N_("The server of {url} did not answer in time."),
        N_("Check that the link works, or upload the file."),
    ),
    "download-failed": (
        N_("The file could not be downloaded from {url} ({detail})."),
        N_("Check that the link works, or upload the file."),
    ),
    "too-many-redirects": (
        N_("The link {url} redirects too many times."),
        N_("Use the final address of the file."),
    ),
    "private-address": (
        N_("The link {url} points to an internal address, which is not downloaded."),
        N_("Publish the file at a public address, or upload it."),
    ),
    "file-missing": (
        N_("The uploaded file is missing from the storage."),
        N_("Upload the file again."),
    ),
    "internal-error": (
        N_("The validation itself failed ({detail}); the ICT department can see why in the log."),
        N_("Try again later or tell the ICT department."),
    ),
}

#: Frictionless error types publishers meet most, in plain words.
_ERROR_TYPES: dict[str, tuple[str, str]] = {
    "type-error": (
        N_("Wrong type of value"),
        N_("Make the value match the column's type in the structure (schema)."),
    ),
    "constraint-error": (
        N_("Value breaks a rule"),
        N_("Check the value against the column's rules in the structure."),
    ),
    "missing-cell": (
        N_("Missing value at the end of a row"),
        N_("Add the missing cells, or check the delimiter."),
    ),
    "extra-cell": (
        N_("Extra value in a row"),
        N_("Remove the extra cells, or quote values that contain the delimiter."),
    ),
    "blank-row": (N_("Empty row"), N_("Delete the empty rows.")),
    "blank-label": (N_("Column without a name"), N_("Give every column a name in the header.")),
    "duplicate-label": (N_("Two columns with the same name"), N_("Give each column its own name.")),
    "missing-label": (
        N_("Column missing"),
        N_("Add the column the structure expects, or correct the structure."),
    ),
    "extra-label": (
        N_("Column not in the structure"),
        N_("Remove the column or add it to the structure."),
    ),
    "incorrect-label": (
        N_("Column name differs from the structure"),
        N_("Name the column as in the structure."),
    ),
    "primary-key": (N_("Repeated identifier"), N_("Make the identifier column unique.")),
    "unique-error": (N_("Repeated value in a unique column"), N_("Remove the duplicates.")),
    "encoding-error": (N_("Wrong encoding"), N_("Save the file as UTF-8.")),
    "source-error": (
        N_("The file cannot be read as data"),
        N_("Check the format and save the file again."),
    ),
}

_STATUSES = {
    "pending": N_("waiting"),
    "running": N_("being validated"),
    "success": N_("valid"),
    "failure": N_("has errors"),
    "error": N_("could not be validated"),
    "imported": N_("status imported, not yet validated here"),
}


def lutsk_charter_validation_finding(finding: dict[str, Any]) -> dict[str, str]:
    """``{"message", "fix"}`` of a stored finding, in the reader's language."""
    message, fix = _FINDINGS.get(finding.get("code", ""), (finding.get("code", ""), ""))
    args = {k: ("" if v is None else v) for k, v in (finding.get("args") or {}).items()}
    try:
        text = tk._(message).format(**args)
    except (KeyError, IndexError):
        text = tk._(message)
    try:
        fix_text = tk._(fix).format(**args) if fix else ""
    except (KeyError, IndexError):
        fix_text = tk._(fix)
    return {"message": text, "fix": fix_text}


_DELIMITERS = {
    ",": N_("comma"),
    ";": N_("semicolon"),
    "\t": N_("tab"),
    "|": N_("vertical bar"),
}


def lutsk_charter_delimiter_label(delimiter: str) -> str:
    """A CSV delimiter in words (tab is invisible, the others read better named)."""
    if delimiter == "\t":
        return tk._(_DELIMITERS[delimiter])
    if delimiter in _DELIMITERS:
        return f"{tk._(_DELIMITERS[delimiter])} «{delimiter}»"
    return f"«{delimiter}»"


def lutsk_charter_validation_error_type(error_type: str, title: str = "") -> dict[str, str]:
    """``{"title", "fix"}`` of a frictionless error type, in the reader's language."""
    if error_type in _ERROR_TYPES:
        label, fix = _ERROR_TYPES[error_type]
        return {"title": tk._(label), "fix": tk._(fix)}
    return {"title": title or error_type, "fix": ""}


def lutsk_charter_validation_status_label(status: str | None) -> str:
    """A status in words: valid, has errors..."""
    return tk._(_STATUSES[status]) if status in _STATUSES else (status or "")


def lutsk_charter_validation_status_labels() -> dict[str, str]:
    """Every status in words, for the badge that updates itself."""
    return {status: tk._(label) for status, label in _STATUSES.items()}


# Quality flags

_LINK_REASONS = {
    "timeout": N_("no answer in time"),
    "connection": N_("no connection to the server"),
    "too many redirects": N_("too many redirects"),
    "unknown host": N_("unknown server"),
    "not an http(s) URL": N_("not a web address"),
}


def lutsk_charter_principle_label(principle: str) -> str:
    """The translated name of a Charter principle (``open_by_default``...)."""
    from ckanext.lutsk_charter.quality.checks import PRINCIPLES

    return tk._(PRINCIPLES[principle]) if principle in PRINCIPLES else principle


def lutsk_charter_principles() -> list[str]:
    """The six principles' codes in the Charter's order."""
    from ckanext.lutsk_charter.quality.checks import PRINCIPLES

    return list(PRINCIPLES)


def lutsk_charter_severity_label(severity: str) -> str:
    from ckanext.lutsk_charter.quality.checks import SEVERITIES

    return tk._(SEVERITIES[severity]) if severity in SEVERITIES else severity


def lutsk_charter_band_label(band: str) -> str:
    """The translated name of an MQA band (``excellent``...)."""
    from ckanext.lutsk_charter.quality.score import BANDS

    return tk._(BANDS[band]) if band in BANDS else band


def lutsk_charter_flag_status_label(status: str) -> str:
    labels = {
        "open": N_("open"),
        "acknowledged": N_("acknowledged"),
        "dismissed": N_("dismissed"),
        "resolved": N_("resolved"),
    }
    return tk._(labels[status]) if status in labels else status


def lutsk_charter_checks() -> list[dict[str, str]]:
    """Every registered check as ``{"code", "title", "principle"}``, by principle."""
    from ckanext.lutsk_charter.quality.checks import PRINCIPLES
    from ckanext.lutsk_charter.quality.service import registered_checks

    order = list(PRINCIPLES)
    return [
        {"code": c.code, "title": tk._(c.title), "principle": c.principle}
        for c in sorted(registered_checks(), key=lambda c: (order.index(c.principle), c.code))
    ]


def lutsk_charter_check_title(code: str) -> str:
    """The short translated name of a check, e.g. for a search facet."""
    check = _check(code)
    return tk._(check.title) if check else code


def lutsk_charter_flag_text(flag: dict[str, Any]) -> dict[str, str]:
    """``{"title", "message", "fix"}`` of a stored flag, in the reader's language."""
    check = _check(flag.get("code", ""))
    if check is None:
        return {"title": flag.get("code", ""), "message": "", "fix": ""}
    args = _readable_args(flag.get("args") or {})
    try:
        message = tk._(check.message).format(**args)
    except (KeyError, IndexError):
        message = tk._(check.message)
    return {"title": tk._(check.title), "message": message, "fix": tk._(check.how_to_fix)}


def _check(code: str) -> Any:
    from ckanext.lutsk_charter.quality.service import registered_checks

    return next((c for c in registered_checks() if c.code == code), None)


def lutsk_charter_roles_sentence(creator: Any, publisher: Any) -> str:
    """Whether a body has its two responsible persons, as one sentence that reads well."""
    if creator and publisher:
        return tk._("Both responsible persons are recorded: who creates and who publishes.")
    if creator:
        return tk._("The person who creates the open data is recorded; nobody publishes it.")
    if publisher:
        return tk._("The person who publishes the open data is recorded; nobody creates it.")
    return tk._("No responsible persons are recorded: nobody creates or publishes the open data.")


def _missing_roles_phrase(roles: list[str]) -> str:
    """The end of "The body has no current person who …", for one role missing or both."""
    if set(roles) >= {"creator", "publisher"}:
        return tk._("creates its open data, nor one who publishes it")
    if "creator" in roles:
        return tk._("creates its open data")
    if "publisher" in roles:
        return tk._("publishes its open data")
    return ", ".join(roles)


def _readable_args(args: dict[str, Any]) -> dict[str, Any]:
    """Codes in a finding's arguments as words of the reader's language."""
    import datetime as dt

    from ckanext.lutsk_charter.clock import today
    from ckanext.lutsk_charter.quality.checks import FIELD_LABELS, PASSPORT_FIELDS

    labels = {**PASSPORT_FIELDS, **FIELD_LABELS}
    readable: dict[str, Any] = {k: ("" if v is None else v) for k, v in args.items()}
    if "roles" in args:
        readable["roles"] = _missing_roles_phrase(args["roles"] or [])
    for key in ("fields", "missing"):
        if key in args:
            readable[key] = ", ".join(tk._(labels.get(f, f)) for f in args[key] or [])
    if isinstance(args.get("values"), dict):
        readable["values"] = "; ".join(
            f"{tk._(labels.get(k, k))}: «{v}»" for k, v in args["values"].items()
        )
    if "reason" in args:
        reason = args["reason"] or ""
        readable["reason"] = tk._(_LINK_REASONS[reason]) if reason in _LINK_REASONS else reason
    for key in ("due", "date"):
        if args.get(key):
            try:
                day = dt.date.fromisoformat(args[key])
            except ValueError:
                continue
            readable[key] = lutsk_charter_datetime(day)
            if key == "due":
                readable["days"] = abs((today() - day).days)
    return readable


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
    "private_state": N_("Private"),
    "draft_state": N_("Draft"),
}


def lutsk_charter_monitor_column(column: str, table: str = "bodies") -> str:
    """The translated heading of a monitoring table's column."""
    if table == "datasets" and column == "title":
        return tk._("Dataset")
    return tk._(_MONITOR_COLUMNS[column]) if column in _MONITOR_COLUMNS else column


def lutsk_charter_frequency_label(value: str) -> str:
    """An ``update_frequency`` in the reader's language (the schema's label)."""
    from ckanext.scheming.helpers import (
        scheming_choices_label,
        scheming_field_by_name,
        scheming_get_dataset_schema,
    )

    schema = scheming_get_dataset_schema("dataset") or {}
    field = scheming_field_by_name(schema.get("dataset_fields", []), "update_frequency")
    return scheming_choices_label(field["choices"], value) if field and value else value


def lutsk_charter_publication_state(state: str) -> str:
    """A dataset's state on the dashboard, in words."""
    key = {"private": "private_state", "draft": "draft_state"}.get(state, state)
    return lutsk_charter_monitor_column(key)


#: The trend in two charts, each on its own scale: hundreds of datasets would
#: flatten a handful of flags (and the other way round) on one axis.
TREND_CHARTS = (
    ("datasets", ("public", "overdue", "due_soon")),
    ("flags", ("open_flags",)),
)


def lutsk_charter_trend_chart(trend: list[dict[str, Any]]) -> Any:
    """The trend as SVG charts, datasets and flags apart (escaped; safe to embed)."""
    import datetime as dt

    from markupsafe import Markup, escape

    from ckanext.lutsk_charter.monitoring.charts import line_chart
    from ckanext.lutsk_charter.monitoring.figures import trend_value

    days = [dt.date.fromisoformat(point["day"]) for point in trend]
    texts = {
        "datasets": (
            tk._("Datasets over time"),
            tk._("Public, overdue and due-soon datasets, day by day."),
        ),
        "flags": (tk._("Open quality flags over time"), tk._("Open quality flags, day by day.")),
    }
    charts = []
    for key, names in TREND_CHARTS:
        series = {
            lutsk_charter_trend_label(name): [trend_value(p["figures"], name) for p in trend]
            for name in names
        }
        title, description = texts[key]
        svg = line_chart(
            title,
            description,
            days,
            series,
            day_label=lambda d: lutsk_charter_datetime(d),
            chart_id=f"lutsk-charter-chart-{key}",
        )
        charts.append(
            f'<figure class="lutsk-charter-chart-figure"><figcaption class="fs-6">'
            f"{escape(title)}</figcaption>{svg}</figure>"
        )
    return Markup('<div class="lutsk-charter-charts">' + "".join(charts) + "</div>")


def lutsk_charter_trend_label(series: str) -> str:
    labels = {
        "public": N_("Public datasets"),
        "overdue": N_("Overdue"),
        "due_soon": N_("Due within 7 days"),
        "open_flags": N_("Open quality flags"),
    }
    return tk._(labels[series]) if series in labels else series


def lutsk_charter_trend_series() -> list[str]:
    from ckanext.lutsk_charter.monitoring.figures import TREND_SERIES

    return list(TREND_SERIES)


def lutsk_charter_trend_value(figures: dict[str, Any], series: str) -> int:
    from ckanext.lutsk_charter.monitoring.figures import trend_value

    return trend_value(figures, series)


# Where each flag is fixed: the form field, the resource's form or its report, a body's tab.

#: A dataset field's anchor in the dataset form (scheming's ``field-<name>`` ids).
_DATASET_FIELD_OF = {
    "license_not_open": "license_id",
    "closed_without_justification": "closed_justification",
    "release_date_passed": "planned_release_date",
    "description_too_short": "notes",
    "no_actuality_date": "data_actuality_date",
    "no_tags": "tag_string",
    "maintainer_not_responsible": "maintainer_email",
    "no_contact": "maintainer",
}
#: A resource field's anchor in the resource form.
_RESOURCE_FIELD_OF = {
    "broken_link": "resource-url",
    "no_table_schema": "schema",
    "value_not_in_list": "format",
}
_PASSPORT_ANCHOR = {"tags": "tag_string"}


def lutsk_charter_flag_fix(flag: dict[str, Any], dataset_name: str) -> dict[str, str] | None:
    """Where to fix a flag: ``{"url", "label", "resource"}`` (``resource`` names the
    resource the flag is about, or is empty), or None when nothing links to a fix.

    A resource's data errors lead to its validation report, its link, format or
    structure to that field of its form; a dataset's field to that field of the
    dataset form; no responsible person to the body's register.
    """
    code = flag.get("code", "")
    args = flag.get("args") or {}
    resource_id = flag.get("resource_id")
    resource = _resource_name(resource_id) if resource_id else ""
    url, label = "", ""
    if resource_id and code == "validation_failed":
        url = tk.h.url_for(
            "lutsk_charter.validation_report", id=dataset_name, resource_id=resource_id
        )
        label = tk._("Open the validation report")
    elif resource_id and code in _RESOURCE_FIELD_OF:
        url = tk.h.url_for("resource.edit", id=dataset_name, resource_id=resource_id)
        url += "#field-" + _RESOURCE_FIELD_OF[code]
        label = tk._("Edit the resource")
    elif code in _DATASET_FIELD_OF or code in ("passport_incomplete", "value_not_in_list"):
        field = _DATASET_FIELD_OF.get(code)
        if code == "passport_incomplete":
            first = (args.get("fields") or ["notes"])[0]
            field = _PASSPORT_ANCHOR.get(first, first)
        elif code == "value_not_in_list":
            field = next(iter(args.get("values") or {"license_id": ""}))
        url = tk.h.url_for("dataset.edit", id=dataset_name) + f"#field-{field}"
        label = tk._("Edit the field")
    elif code in ("no_resources", "no_machine_readable", "only_proprietary_formats"):
        url = tk.h.url_for("resource.new", id=dataset_name)
        label = tk._("Add data")
    elif code in ("overdue", "due_soon"):
        url = tk.h.url_for("dataset.resources", id=dataset_name)
        label = tk._("Upload the current data")
    elif code == "no_groups":
        url = tk.h.url_for("dataset.groups", id=dataset_name)
        label = tk._("Add to a group")
    elif code == "no_responsible_person" and flag.get("organization_id"):
        url = tk.h.url_for("lutsk_charter.responsible", id=flag["organization_id"])
        label = tk._("Open the body's responsible persons")
    if not url:
        return None
    return {"url": url, "label": label, "resource": resource}


def _resource_name(resource_id: str) -> str:
    from ckan import model

    resource = model.Resource.get(resource_id)
    if resource is None:
        return ""
    return resource.name or tk._("Unnamed resource")


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
