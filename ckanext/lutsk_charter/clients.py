"""What the portal's outside clients read, kept stable (the city's monitor, harvesters).

* ``data_last_updated``: when a dataset's *data* last changed (the name
  ckanext-data-qld uses): the latest change of its active resources' data as the
  table ``lutsk_charter_data_change`` keeps it, else when the dataset was
  created. It is computed, never stored, so no save can forge it.
* The keys the city's monitor (khomyart/datasets_lmr_optimised) reads as array
  keys that must exist: present on every dataset and resource, an empty string
  where nothing is known. ``package_search`` returns what ``package_show`` gave
  at indexing time, so both carry them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ckan.types import AlchemySession

from ckanext.lutsk_charter.model.packages import data_clock_column, data_clock_rows

__all__ = [
    "MONITOR_DATASET_KEYS",
    "MONITOR_RESOURCE_KEYS",
    "clock_moment",
    "complete_for_clients",
    "data_clock",
    "data_clock_column",
    "iso_utc",
    "solr_date",
]

#: Dataset keys the monitor reads (besides ``organization.name`` and ``tags[].display_name``).
MONITOR_DATASET_KEYS = (
    "id",
    "state",
    "name",
    "title",
    "notes",
    "purpose_of_collecting_information",
    "metadata_modified",
    "update_frequency",
    "maintainer",
    "maintainer_email",
)
#: Resource keys the monitor reads.
MONITOR_RESOURCE_KEYS = (
    "id",
    "package_id",
    "state",
    "name",
    "description",
    "format",
    "url",
    "validation_status",
)


def data_clock(session: AlchemySession, package_ids: Iterable[str]) -> dict[str, dt.datetime]:
    """When each dataset's data last changed (aware UTC), in one query for all of them."""
    found: dict[str, dt.datetime] = {}
    for package_id, changed, created in data_clock_rows(session, package_ids):
        moment = clock_moment(changed, created)
        if moment is not None:
            found[package_id] = moment
    return found


def clock_moment(changed: dt.datetime | None, created: dt.datetime | None) -> dt.datetime | None:
    """The data clock from the latest data change and the dataset's creation (aware UTC)."""
    moment = changed or created
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def iso_utc(moment: dt.datetime) -> str:
    """``2026-12-01T08:55:07+00:00`` (seconds; what the API shows)."""
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


def solr_date(moment: dt.datetime) -> str:
    """``2026-12-01T08:55:07Z``, as a Solr date field takes it."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def complete_for_clients(pkg_dict: dict[str, Any]) -> None:
    """Every key the monitor reads present: empty strings where nothing is known.

    A dataset dictized without scheming (CKAN 2.11 indexes one) holds its fields in
    ``extras``; those keys are left alone, else the index would take the blank for
    the value (CKAN copies an extra to the top level only when the key is absent).
    """
    in_extras = {
        extra.get("key") for extra in pkg_dict.get("extras") or [] if isinstance(extra, dict)
    }
    for key in MONITOR_DATASET_KEYS:
        if pkg_dict.get(key) is None and key not in in_extras:
            pkg_dict[key] = ""
    organization = pkg_dict.get("organization")
    if isinstance(organization, dict) and organization.get("name") is None:
        organization["name"] = ""
    for tag in pkg_dict.get("tags") or []:
        if tag.get("display_name") is None:
            tag["display_name"] = tag.get("name") or ""
    if pkg_dict.get("tags") is None:
        pkg_dict["tags"] = []
    for res in pkg_dict.get("resources") or []:
        for key in MONITOR_RESOURCE_KEYS:
            if res.get(key) is None:
                res[key] = ""
