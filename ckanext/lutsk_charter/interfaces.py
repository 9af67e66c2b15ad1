"""Extension points of ckanext-lutsk_charter for other plugins."""

from __future__ import annotations

from typing import Any

from ckan.plugins.interfaces import Interface
from ckan.types import Context


class ILutskCharterValidation(Interface):
    """Take part in the data validation of resources.

    Example::

        class MyPlugin(p.SingletonPlugin):
            p.implements(ILutskCharterValidation, inherit=True)

            def can_validate(self, context, resource):
                return resource.get("url_type") == "upload"  # links are checked elsewhere
    """

    def can_validate(self, context: Context, resource: dict[str, Any]) -> bool:
        """Return False to leave this resource unvalidated (its format is already
        one of ``ckanext.lutsk_charter.validation.formats``)."""
        return True

    def receive_report(self, resource: dict[str, Any], result: dict[str, Any]) -> None:
        """Called after each validation with the stored result (status, report...)."""
