"""What the checks know about a dataset: plain data, gathered in bulk by ``gather``.

Checks are pure functions of these records, so they run the same on one
dataset after a save and on ten thousand from cron, and are tested without a
database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class ResourceFacts:
    id: str
    url: str = ""
    url_type: str | None = None
    format: str = ""
    mimetype: str | None = None
    size: int | None = None
    has_schema: bool = False
    #: Latest data validation: pending, running, success, failure, error (or None).
    validation_status: str | None = None
    validation_errors: int = 0
    #: Latest link check: ok, broken, skipped (or None: not checked yet).
    link_status: str | None = None
    link_reason: str | None = None

    @property
    def is_upload(self) -> bool:
        return self.url_type == "upload"


@dataclass(frozen=True, slots=True)
class DatasetFacts:
    id: str
    name: str
    title: str = ""
    notes: str = ""
    private: bool = False
    owner_org: str | None = None
    license_id: str | None = None
    maintainer: str | None = None
    maintainer_email: str | None = None
    metadata_created: dt.datetime | None = None
    #: Scheming's custom fields (stored as extras), by name.
    extras: dict[str, str] = field(default_factory=dict)
    tags: int = 0
    groups: int = 0
    resources: tuple[ResourceFacts, ...] = ()
    #: When the data last changed (the timeliness clock), not ``metadata_modified``.
    data_changed_at: dt.datetime | None = None
    #: E-mails (lower case) of the body's current responsible persons, by role.
    responsible: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Its own DCAT-AP 3 graph passed the SHACL shapes (None: not checked).
    dcat_ap_compliant: bool | None = None
    #: The flags open (not resolved) before this check: ``(code, resource id or "")``.
    open_flags: frozenset[tuple[str, str]] = frozenset()

    def extra(self, name: str) -> str:
        return (self.extras.get(name) or "").strip()


@dataclass(frozen=True, slots=True)
class CheckEnv:
    """What is the same for every dataset of a run."""

    now: dt.datetime
    zone: ZoneInfo
    #: Licence ids CKAN's register marks open (``isopen``), and every known id.
    open_licences: frozenset[str]
    known_licences: frozenset[str]
    #: Controlled lists of the schema's select fields: ``{field: allowed values}``.
    vocabularies: dict[str, frozenset[str]] = field(default_factory=dict)
    description_min_length: int = 100
    options: dict[str, Any] = field(default_factory=dict)
