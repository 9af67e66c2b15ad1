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


# 3.–6.: the other principles' checks, registered in the same order when imported here.
from . import checks_usable as _usable  # noqa: E402, F401
