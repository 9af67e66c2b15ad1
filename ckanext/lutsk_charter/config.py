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
