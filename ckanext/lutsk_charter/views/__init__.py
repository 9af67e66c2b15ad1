"""Pages of ckanext-lutsk_charter: one module per subject, all on the one blueprint.

``base`` holds the blueprint with what every page shares (CSRF check, error pages,
the sysadmin guard); importing a subject module adds its routes. CKAN's blanket
registers the blueprints listed in ``__all__``.
"""

from __future__ import annotations

from ckanext.lutsk_charter.views import (  # noqa: F401  (importing adds the routes)
    monitoring,
    quality,
    register,
    required,
    responsible,
    validation,
)
from ckanext.lutsk_charter.views.base import bp

__all__ = ["bp"]
