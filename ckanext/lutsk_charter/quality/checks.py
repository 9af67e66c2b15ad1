"""The quality checks, each tied to a principle of the International Open Data Charter.

A check is a pure function of a dataset's facts (``facts.DatasetFacts``) and of
what is the same for the whole run (``facts.CheckEnv``): no database, no
actions. It yields findings — a code and arguments, never a sentence; the
message and the "how to fix" text are catalog strings, translated when shown.
Other plugins add checks through ``ILutskCharterChecks``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.messages import N_

from .facts import CheckEnv, DatasetFacts, ResourceFacts

Principle = Literal[
    "open_by_default",
    "timely_and_comprehensive",
    "accessible_and_usable",
    "comparable_and_interoperable",
    "improved_governance",
    "inclusive_development",
]
Severity = Literal["error", "warning", "info"]

#: The six principles in the Charter's order, with their names (the schema's too).
PRINCIPLES: dict[str, str] = {
    "open_by_default": N_("1. Open by default"),
    "timely_and_comprehensive": N_("2. Timely and comprehensive"),
    "accessible_and_usable": N_("3. Accessible and usable"),
    "comparable_and_interoperable": N_("4. Comparable and interoperable"),
    "improved_governance": N_("5. For improved governance and citizen engagement"),
    "inclusive_development": N_("6. For inclusive development and innovation"),
}
SEVERITIES: dict[str, str] = {
    "error": N_("must fix"),
    "warning": N_("should fix"),
    "info": N_("advice"),
}

# Formats by what they let people do (after ckanext-qa's openness table and the EU
# file-type vocabulary). XLSX is machine-readable but tied to one vendor's software.
MACHINE_READABLE = frozenset(
    [
        "csv",
        "tsv",
        "json",
        "jsonld",
        "geojson",
        "xml",
        "xls",
        "xlsx",
        "ods",
        "rdf",
        "ttl",
        "n3",
        "nt",
        "kml",
        "gml",
        "gpx",
        "shp",
        "yaml",
    ]
)
PROPRIETARY = frozenset(["xls", "xlsx", "doc", "docx", "ppt", "pptx", "mdb", "accdb", "rar", "dwg"])
NON_PROPRIETARY = frozenset(
    [
        "csv",
        "tsv",
        "json",
        "jsonld",
        "geojson",
        "xml",
        "ods",
        "odt",
        "rdf",
        "ttl",
        "n3",
        "nt",
        "kml",
        "gml",
        "gpx",
        "txt",
        "html",
        "pdf",
        "png",
        "jpeg",
        "jpg",
        "tiff",
        "zip",
        "yaml",
    ]
)
KNOWN_FORMATS = MACHINE_READABLE | PROPRIETARY | NON_PROPRIETARY | frozenset({"rtf", "7z", "api"})
TABULAR = frozenset({"csv", "tsv", "xls", "xlsx", "ods"})

#: Names of the fields findings mention, for their messages.
FIELD_LABELS: dict[str, str] = {
    "closed_justification": N_("Why the data is kept closed"),
    "planned_release_date": N_("Planned release date"),
    "license_id": N_("Licence"),
    "format": N_("Format"),
}
#: 835 passport items a dataset must carry, besides the title and the holder.
PASSPORT_FIELDS: dict[str, str] = {
    "notes": N_("Description"),
    "tags": N_("Keywords"),
    "language": N_("Language"),
    "update_frequency": N_("Update frequency"),
    "purpose_of_collecting_information": N_(
        "Legal basis and purpose of collecting the information"
    ),
    "maintainer": N_("Responsible person"),
    "maintainer_email": N_("Responsible person's e-mail"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    args: dict[str, Any] = field(default_factory=dict)
    resource_id: str | None = None


CheckFunction = Callable[[DatasetFacts, CheckEnv], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """A registered check: what it finds, under which principle, and how bad it is.

    ``message`` is formatted with a finding's arguments (``{due}``); ``title`` is
    the short name used in filters and facets.
    """

    code: str
    principle: Principle
    severity: Severity
    title: str
    message: str
    how_to_fix: str
    run: CheckFunction

    def __call__(self, dataset: DatasetFacts, env: CheckEnv) -> list[Finding]:
        return [Finding(self.code, f.args, f.resource_id) for f in self.run(dataset, env)]


BUILT_IN: dict[str, Check] = {}


def check(
    code: str, principle: Principle, severity: Severity, title: str, message: str, how_to_fix: str
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a built-in check (other plugins use ``ILutskCharterChecks``)."""

    def register(function: CheckFunction) -> CheckFunction:
        BUILT_IN[code] = Check(code, principle, severity, title, message, how_to_fix, function)
        return function

    return register


def run_checks(dataset: DatasetFacts, env: CheckEnv, checks: Iterable[Check]) -> list[Finding]:
    """Every finding of every check on one dataset."""
    return [finding for c in checks for finding in c(dataset, env)]


def _fmt(resource: ResourceFacts) -> str:
    return resource.format.strip().lower().lstrip(".")


def _today(env: CheckEnv) -> dt.date:
    return timeliness.local_day(env.now, env.zone)


# 1. Open by default


@check(
    "license_not_open",
    "open_by_default",
    "error",
    N_("Licence is not open"),
    N_("The licence ({license}) is not an open licence."),
    N_("Choose an open licence such as Creative Commons Attribution 4.0."),
)
def license_not_open(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    if dataset.license_id not in env.open_licences:
        yield Finding("", {"license": dataset.license_id or "—"})


@check(
    "closed_without_justification",
    "open_by_default",
    "error",
    N_("Closed without justification"),
    N_("The dataset is not public, and it does not say why or when it will be opened."),
    N_(
        "Fill in “Why the data is kept closed” and “Planned release date”, or make the"
        " dataset public."
    ),
)
def closed_without_justification(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    if not dataset.private:
        return
    missing = [
        name for name in ("closed_justification", "planned_release_date") if not dataset.extra(name)
    ]
    if missing:
        yield Finding("", {"missing": missing})


@check(
    "release_date_passed",
    "open_by_default",
    "warning",
    N_("Planned release date has passed"),
    N_("The dataset was planned to be opened on {date}, but it is still not public."),
    N_("Make the dataset public, or set a new planned release date and say why."),
)
def release_date_passed(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    planned = dataset.extra("planned_release_date")
    if not dataset.private or not planned:
        return
    try:
        day = dt.date.fromisoformat(planned[:10])
    except ValueError:
        return
    if day < _today(env):
        yield Finding("", {"date": day.isoformat()})


# 2. Timely and comprehensive


@check(
    "overdue",
    "timely_and_comprehensive",
    "error",
    N_("Update overdue"),
    N_("The data was due to be updated by {due} (days overdue: {days})."),
    N_(
        "Upload the current data (a new file or link). Editing the description does not"
        " count as an update."
    ),
)
def overdue(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    result = _timeliness(dataset, env)
    if result is not None and result.state == "overdue":
        yield Finding("", {"due": result.due.isoformat() if result.due else ""})


@check(
    "due_soon",
    "timely_and_comprehensive",
    "info",
    N_("Update due within 7 days"),
    N_("The data is due to be updated by {due} (days left: {days})."),
    N_("Prepare the next update of the data and upload it before the date."),
)
def due_soon(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    result = _timeliness(dataset, env)
    if result is not None and result.state == "due_soon":
        yield Finding("", {"due": result.due.isoformat() if result.due else ""})


def _timeliness(dataset: DatasetFacts, env: CheckEnv) -> timeliness.Timeliness | None:
    changed = dataset.data_changed_at or dataset.metadata_created
    if changed is None:
        return None
    return timeliness.assess(dataset.extra("update_frequency"), changed, env.now, env.zone)


@check(
    "passport_incomplete",
    "timely_and_comprehensive",
    "warning",
    N_("835 passport incomplete"),
    N_("Passport fields required by Resolution 835 are empty: {fields}."),
    N_("Edit the dataset and fill in the listed fields."),
)
def passport_incomplete(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    present = {
        "notes": dataset.notes.strip(),
        "tags": dataset.tags,
        "maintainer": (dataset.maintainer or "").strip(),
        "maintainer_email": (dataset.maintainer_email or "").strip(),
    }
    missing = [
        name
        for name in PASSPORT_FIELDS
        if not (present[name] if name in present else dataset.extra(name))
    ]
    if missing:
        yield Finding("", {"fields": missing})


@check(
    "description_too_short",
    "timely_and_comprehensive",
    "warning",
    N_("Description too short"),
    N_(
        "The description has {length} characters; at least {minimum} tell a reader what"
        " the data is."
    ),
    N_(
        "Describe what the data holds, where it comes from, what one row means and what it"
        " does not cover."
    ),
)
def description_too_short(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    length = len(dataset.notes.strip())
    if 0 < length < env.description_min_length:
        yield Finding("", {"length": length, "minimum": env.description_min_length})


@check(
    "no_actuality_date",
    "timely_and_comprehensive",
    "warning",
    N_("No “current as of” date"),
    N_("The dataset does not say as of which date its data is current."),
    N_("Fill in “Data current as of” (835 passport, item 9)."),
)
def no_actuality_date(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    if not dataset.extra("data_actuality_date"):
        yield Finding("")


# 3. Accessible and usable


@check(
    "no_resources",
    "accessible_and_usable",
    "error",
    N_("No data"),
    N_("The dataset has no resources: there is nothing to download."),
    N_("Add the data as a file or a link."),
)
def no_resources(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    if not dataset.resources:
        yield Finding("")


@check(
    "no_machine_readable",
    "accessible_and_usable",
    "error",
    N_("No machine-readable format"),
    N_("No resource is in a machine-readable format (formats: {formats})."),
    N_("Add the data as CSV, JSON or XML, besides any PDF or document."),
)
def no_machine_readable(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    formats = sorted({_fmt(r) for r in dataset.resources})
    if dataset.resources and not MACHINE_READABLE.intersection(formats):
        yield Finding("", {"formats": ", ".join(f.upper() or "—" for f in formats)})


@check(
    "only_proprietary_formats",
    "accessible_and_usable",
    "warning",
    N_("Only proprietary formats"),
    N_("Every resource is in a format tied to one vendor's software ({formats})."),
    N_("Add an open format too: CSV instead of XLS or XLSX, ODT or PDF instead of DOC."),
)
def only_proprietary_formats(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    formats = sorted({_fmt(r) for r in dataset.resources})
    if formats and all(f in PROPRIETARY for f in formats):
        yield Finding("", {"formats": ", ".join(f.upper() for f in formats)})


@check(
    "broken_link",
    "accessible_and_usable",
    "error",
    N_("Broken link"),
    N_("The link does not work ({reason})."),
    N_("Correct the link, or upload the file to the portal."),
)
def broken_link(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    for resource in dataset.resources:
        if not resource.is_upload and resource.link_status == "broken":
            yield Finding("", {"reason": resource.link_reason or ""}, resource.id)


# 4. Comparable and interoperable


@check(
    "no_table_schema",
    "comparable_and_interoperable",
    "warning",
    N_("Table without a structure"),
    N_("The table ({format}) has no Table Schema describing its columns."),
    N_(
        "Describe the columns in “Structure (Table Schema)”: names, types and which are"
        " required; the data is then checked against it."
    ),
)
def no_table_schema(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    for resource in dataset.resources:
        if _fmt(resource) in TABULAR and not resource.has_schema:
            yield Finding("", {"format": _fmt(resource).upper()}, resource.id)


@check(
    "validation_failed",
    "comparable_and_interoperable",
    "error",
    N_("Data validation failed"),
    N_("The data has errors ({errors} found by the validation)."),
    N_("Open the validation report, correct the file and upload it again."),
)
def validation_failed(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    """Failed data, and failed data waiting for its re-check: the flag stays open
    until a validation says the new data passes (not at ``pending``)."""
    for resource in dataset.resources:
        waiting = resource.validation_status in ("pending", "running")
        if resource.validation_status == "failure" or (
            waiting and ("validation_failed", resource.id) in dataset.open_flags
        ):
            yield Finding("", {"errors": resource.validation_errors}, resource.id)


@check(
    "value_not_in_list",
    "comparable_and_interoperable",
    "warning",
    N_("Value outside the controlled list"),
    N_("Values that are not in the portal's lists: {values}."),
    N_("Edit the dataset and choose the values from the lists offered."),
)
def value_not_in_list(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    values = {
        name: dataset.extra(name)
        for name, allowed in env.vocabularies.items()
        if dataset.extra(name) and dataset.extra(name) not in allowed
    }
    if dataset.license_id and dataset.license_id not in env.known_licences:
        values["license_id"] = dataset.license_id
    if values:
        yield Finding("", {"values": values})
    for resource in dataset.resources:
        if _fmt(resource) and _fmt(resource) not in KNOWN_FORMATS:
            yield Finding("", {"values": {"format": resource.format}}, resource.id)


# 5. For improved governance and citizen engagement


@check(
    "no_responsible_person",
    "improved_governance",
    "error",
    N_("No responsible person"),
    N_("The body has no current person who {roles}."),
    N_(
        "The body's head appoints the persons; its admin records them on the body's"
        " “Responsible persons” tab."
    ),
)
def no_responsible_person(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    missing = [role for role in ("creator", "publisher") if not dataset.responsible.get(role)]
    if dataset.owner_org and missing:
        yield Finding("", {"roles": missing})


@check(
    "maintainer_not_responsible",
    "improved_governance",
    "warning",
    N_("Contact is not a responsible person"),
    N_("The contact e-mail {email} is not one of the body's current responsible persons."),
    N_(
        "Put the e-mail of a current responsible person in the dataset, or record the"
        " person in the body's register."
    ),
)
def maintainer_not_responsible(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    email = (dataset.maintainer_email or "").strip().lower()
    everyone = frozenset().union(*dataset.responsible.values()) if dataset.responsible else None
    if email and everyone and email not in everyone:
        yield Finding("", {"email": email})


@check(
    "no_contact",
    "improved_governance",
    "error",
    N_("No contact"),
    N_("Nobody can be contacted about the dataset: no responsible person, no body publisher."),
    N_("Fill in the responsible person and their e-mail."),
)
def no_contact(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    own = (dataset.maintainer or "").strip() or (dataset.maintainer_email or "").strip()
    if not own and not dataset.responsible.get("publisher"):
        yield Finding("")


# 6. For inclusive development and innovation


@check(
    "no_tags",
    "inclusive_development",
    "warning",
    N_("No keywords"),
    N_("The dataset has no keywords, so people searching by topic will not find it."),
    N_("Add a few keywords people would search for."),
)
def no_tags(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    if not dataset.tags:
        yield Finding("")


@check(
    "no_groups",
    "inclusive_development",
    "info",
    N_("In no group"),
    N_("The dataset is in no thematic group."),
    N_("Add the dataset to the groups of its topics (e.g. transport, education)."),
)
def no_groups(dataset: DatasetFacts, env: CheckEnv) -> Iterator[Finding]:
    if not dataset.groups:
        yield Finding("")
