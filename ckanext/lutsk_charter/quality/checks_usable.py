"""The built-in checks of the Charter's principles 3 to 6 (accessible and usable,
comparable, improved governance, inclusive development); ``checks.py`` has the rest
and the framework, and imports this module so that ``BUILT_IN`` holds them all."""

from __future__ import annotations

from collections.abc import Iterator

from ckanext.lutsk_charter.messages import N_

from .checks import (
    KNOWN_FORMATS,
    MACHINE_READABLE,
    PROPRIETARY,
    TABULAR,
    Finding,
    _fmt,
    check,
)
from .facts import CheckEnv, DatasetFacts

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
