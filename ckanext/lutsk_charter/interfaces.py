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


class ILutskCharterChecks(Interface):
    """Add quality checks of your own; they run with the built-in ones.

    A check is a ``quality.checks.Check``: a code, its Charter principle, a
    severity, catalog strings for its title, message and how to fix it, and a
    pure function of ``(DatasetFacts, CheckEnv)`` yielding ``Finding`` objects.
    Example::

        from ckanext.lutsk_charter.quality.checks import Check, Finding

        def no_english_title(dataset, env):
            if not dataset.extra("title_en"):
                yield Finding("")

        class MyPlugin(p.SingletonPlugin):
            p.implements(ILutskCharterChecks)

            def quality_checks(self):
                return [Check("no_english_title", "inclusive_development", "info",
                              "No English title", "The dataset has no English title.",
                              "Add an English title.", no_english_title)]
    """

    def quality_checks(self) -> list[Any]:
        """Return the ``Check`` objects to add."""
        return []


class ICharterIndicators(Interface):
    """Add live indicators of your own that measures of the action plan can bind to.

    An indicator is a ``plan.indicators.Indicator``: a code, catalog strings for its
    label and description, a unit (``percent`` or ``count``) and a function of
    ``plan.indicators.Sources`` returning ``{body id or "" (the city): Figure}``.
    The snapshot command stores its daily values with the built-in ones. Example::

        from ckanext.lutsk_charter.plan.indicators import Figure, Indicator

        def open_issues(sources):
            return {"": Figure(float(count_my_issues()))}

        class MyPlugin(p.SingletonPlugin):
            p.implements(ICharterIndicators)

            def charter_indicators(self):
                return [Indicator("open_issues", "Open issues", "Issues not closed.",
                                  "count", open_issues)]
    """

    def charter_indicators(self) -> list[Any]:
        """Return the ``Indicator`` objects to add (a built-in code cannot be replaced)."""
        return []
