"""Plugins that exist only for the tests (entry point group ``ckan.test_plugins``)."""

from __future__ import annotations

from typing import Any, ClassVar

import ckan.plugins as p

from ckanext.lutsk_charter.interfaces import (
    ICharterIndicators,
    ILutskCharterChecks,
    ILutskCharterValidation,
)


class ValidationObserver(p.SingletonPlugin):
    """Skips resources named ``skip…`` and records every report it receives."""

    p.implements(ILutskCharterValidation, inherit=True)

    reports: ClassVar[list[tuple[str, str]]] = []

    def can_validate(self, context: Any, resource: dict[str, Any]) -> bool:
        return not (resource.get("name") or "").startswith("skip")

    def receive_report(self, resource: dict[str, Any], result: dict[str, Any]) -> None:
        self.reports.append((resource["id"], result["status"]))


def _title_shouts(dataset: Any, env: Any) -> Any:
    from ckanext.lutsk_charter.quality.checks import Finding

    if dataset.title and dataset.title.isupper():
        yield Finding("", {"title": dataset.title})


class ExtraCheck(p.SingletonPlugin):
    """Adds one quality check of its own: a title in capitals."""

    p.implements(ILutskCharterChecks)

    def quality_checks(self) -> list[Any]:
        from ckanext.lutsk_charter.quality.checks import Check

        return [
            Check(
                "title_shouts",
                "inclusive_development",
                "info",
                "Title in capitals",
                "The title {title} is written in capitals.",
                "Write the title in sentence case.",
                _title_shouts,
            )
        ]


def _count_bodies(sources: Any) -> Any:
    from ckanext.lutsk_charter.plan.indicators import Figure

    return {"": Figure(float(len(sources.body_ids())))}


class ExtraIndicator(p.SingletonPlugin):
    """Adds one live indicator of the action plan: the number of bodies."""

    p.implements(ICharterIndicators)

    def charter_indicators(self) -> list[Any]:
        from ckanext.lutsk_charter.plan.indicators import Indicator

        return [
            Indicator(
                "test_bodies", "Bodies counted by a test plugin", "Bodies.", "count", _count_bodies
            )
        ]
