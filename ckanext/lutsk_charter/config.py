"""Typed getters for the options declared in ``config_declaration.yaml``.

Defaults and types live only in the declaration; code reads options here.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk

DEFAULT_SPATIAL_COVERAGE = "ckanext.lutsk_charter.default_spatial_coverage"


def default_spatial_coverage() -> str:
    """Spatial coverage filled in when a dataset leaves it empty."""
    return tk.config[DEFAULT_SPATIAL_COVERAGE]
