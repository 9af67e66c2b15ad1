"""Plugins that exist only for the tests (entry point group ``ckan.test_plugins``)."""

from __future__ import annotations

from typing import Any, ClassVar

import ckan.plugins as p

from ckanext.lutsk_charter.interfaces import ILutskCharterValidation


class ValidationObserver(p.SingletonPlugin):
    """Skips resources named ``skip…`` and records every report it receives."""

    p.implements(ILutskCharterValidation, inherit=True)

    reports: ClassVar[list[tuple[str, str]]] = []

    def can_validate(self, context: Any, resource: dict[str, Any]) -> bool:
        return not (resource.get("name") or "").startswith("skip")

    def receive_report(self, resource: dict[str, Any], result: dict[str, Any]) -> None:
        self.reports.append((resource["id"], result["status"]))
