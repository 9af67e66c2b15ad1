"""Typed getters for the options declared in ``config_declaration.yaml``.

Defaults and types live only in the declaration; code reads options here.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk

DEFAULT_SPATIAL_COVERAGE = "ckanext.lutsk_charter.default_spatial_coverage"


def default_spatial_coverage() -> str:
    """Spatial coverage filled in when a dataset leaves it empty."""
    return tk.config[DEFAULT_SPATIAL_COVERAGE]


ICT_EMAILS = "ckanext.lutsk_charter.ict_emails"
RESPONSIBLE_PERSONS_PUBLIC = "ckanext.lutsk_charter.responsible_persons_public"
FILL_MAINTAINER_FROM_PUBLISHER = "ckanext.lutsk_charter.fill_maintainer_from_publisher"


def ict_emails() -> list[str]:
    """Addresses of the ICT department told of every change of responsible persons."""
    return list(tk.config[ICT_EMAILS])


def responsible_persons_public() -> bool:
    """Whether anyone may see names and roles of current responsible persons."""
    return bool(tk.config[RESPONSIBLE_PERSONS_PUBLIC])


def fill_maintainer_from_publisher() -> bool:
    """Whether a new dataset without a maintainer gets the body's current publisher."""
    return bool(tk.config[FILL_MAINTAINER_FROM_PUBLISHER])


VALIDATION_FORMATS = "ckanext.lutsk_charter.validation.formats"
VALIDATION_SYNC = "ckanext.lutsk_charter.validation.sync"
VALIDATION_MAX_SIZE_MB = "ckanext.lutsk_charter.validation.max_size_mb"
VALIDATION_TIMEOUT = "ckanext.lutsk_charter.validation.timeout"
VALIDATION_ALLOW_PRIVATE_URLS = "ckanext.lutsk_charter.validation.allow_private_urls"


def validation_formats() -> set[str]:
    """Lower-case resource formats whose data is validated."""
    return {f.lower() for f in tk.config[VALIDATION_FORMATS]}


def validation_sync() -> bool:
    """Whether a save waits for validation and is refused when the data is invalid."""
    return bool(tk.config[VALIDATION_SYNC])


def validation_max_bytes() -> int:
    """Largest file validated, in bytes."""
    return int(tk.config[VALIDATION_MAX_SIZE_MB]) * (1 << 20)


def validation_timeout() -> int:
    """Seconds to wait for a linked file's server at each step."""
    return int(tk.config[VALIDATION_TIMEOUT])


VALIDATION_SYNC_MAX_SIZE_MB = "ckanext.lutsk_charter.validation.sync_max_size_mb"
VALIDATION_SYNC_TIMEOUT = "ckanext.lutsk_charter.validation.sync_timeout"


def validation_sync_max_bytes() -> int:
    """Largest file (unpacked, for XLSX/ODS) validated inside a web request, in bytes."""
    return int(tk.config[VALIDATION_SYNC_MAX_SIZE_MB]) * (1 << 20)


def validation_sync_timeout() -> int:
    """Seconds a validation inside a web request may take before it goes to the background."""
    return int(tk.config[VALIDATION_SYNC_TIMEOUT])


def validation_allow_private_urls() -> bool:
    """Whether linked files may come from private and loopback addresses."""
    return bool(tk.config[VALIDATION_ALLOW_PRIVATE_URLS])


QUALITY_AFTER_SAVE = "ckanext.lutsk_charter.quality.after_save"
QUALITY_DESCRIPTION_MIN_LENGTH = "ckanext.lutsk_charter.quality.description_min_length"
QUALITY_LINK_TIMEOUT = "ckanext.lutsk_charter.quality.link_timeout"


def quality_after_save() -> bool:
    """Whether each dataset save checks that dataset's quality."""
    return bool(tk.config[QUALITY_AFTER_SAVE])


def quality_description_min_length() -> int:
    """Shortest description not flagged as too thin."""
    return int(tk.config[QUALITY_DESCRIPTION_MIN_LENGTH])


def quality_link_timeout() -> int:
    """Seconds a link check waits at each step."""
    return int(tk.config[QUALITY_LINK_TIMEOUT])


QUALITY_BATCH_SIZE = "ckanext.lutsk_charter.quality.batch_size"
QUALITY_RECHECK_IN_BACKGROUND_ABOVE = "ckanext.lutsk_charter.quality.recheck_in_background_above"


def quality_batch_size() -> int:
    """Datasets read, checked and written at a time by a check of a body or the portal."""
    return max(1, int(tk.config[QUALITY_BATCH_SIZE]))


def quality_recheck_in_background_above() -> int:
    """A body with more datasets than this is re-checked in the background after a change
    of its responsible persons."""
    return int(tk.config[QUALITY_RECHECK_IN_BACKGROUND_ABOVE])


REGISTER_DATASET = "ckanext.lutsk_charter.register.dataset"
REGISTER_ORGANIZATION = "ckanext.lutsk_charter.register.organization"


def register_dataset() -> str:
    """Name of the dataset that publishes the 835 register of datasets."""
    return tk.config[REGISTER_DATASET]


def register_organization() -> str | None:
    """Name or id of the body that owns the register dataset; unset: no publishing."""
    return tk.config[REGISTER_ORGANIZATION] or None


def dcat_catalog_description() -> str:
    """The catalogue's description in the DCAT feeds."""
    return (
        tk.config.get("ckan.site_description")
        or tk.config["ckanext.lutsk_charter.dcat.catalog_description"]
    )


def dcat_publisher_name() -> str:
    """The catalogue's publisher in the DCAT feeds."""
    return tk.config["ckanext.lutsk_charter.dcat.publisher_name"]


def dcat_publisher_identifier() -> str:
    """The catalogue publisher's ЄДРПОУ code, or ``""``."""
    return tk.config["ckanext.lutsk_charter.dcat.publisher_identifier"] or ""


PLAN_DATASET = "ckanext.lutsk_charter.plan.dataset"
PLAN_FEEDBACK_PER_HOUR = "ckanext.lutsk_charter.plan.feedback_per_hour"


def plan_dataset() -> str:
    """Name of the dataset the action plan and its progress are published through."""
    return tk.config[PLAN_DATASET]


def plan_feedback_per_hour() -> int:
    """How many comments on measures one sender may send within an hour."""
    return int(tk.config[PLAN_FEEDBACK_PER_HOUR])
