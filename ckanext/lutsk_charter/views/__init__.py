"""Pages of ckanext-lutsk_charter: one module per subject.

``base`` holds the blueprint with what every page shares (CSRF check, error pages,
the sysadmin guard); importing a subject module adds its routes. The action plan's
pages (``plan*``) have their own blueprint, ``lutsk_charter_plan``, which gets the
same CSRF check and database-error page. CKAN's blanket registers the blueprints
listed in ``__all__``.
"""

from __future__ import annotations

from ckanext.lutsk_charter.views import (  # noqa: F401  (importing adds the routes)
    monitoring,
    plan_admin,
    plan_body,
    quality,
    register,
    required,
    responsible,
    validation,
)
from ckanext.lutsk_charter.views.base import bp, share_guards
from ckanext.lutsk_charter.views.plan import plan_bp

share_guards(plan_bp)

__all__ = ["bp", "plan_bp"]
