"""What every command shares: the site user's context and the reports of a refused input."""

from __future__ import annotations

from typing import Any, NoReturn

import click


def site_context(**extra: Any) -> Any:
    """The one context every command calls actions with: the site user's."""
    from ckanext.lutsk_charter.model.queries import site_context as context

    return context(**extra)


def problems(error: Any) -> str:
    """A ``ValidationError``'s messages on one line each, ``field: message``."""
    from ckanext.lutsk_charter.logic.errors import messages

    return "\n".join(messages(error.error_dict))


def bad_lines(error: Any) -> NoReturn:
    """Report each bad line of a loaded CSV file (``csv`` of the error) and stop."""
    found = list(error.error_dict.get("csv") or [])
    for message in found:
        click.secho(str(message), fg="red", err=True)
    raise click.ClickException(f"{len(found)} bad line(s); nothing was loaded") from None


def fail(error: Any, what: str) -> click.ClickException:
    """Report a ``ValidationError``'s problems (``field: reason``; a ``rows`` problem, which
    names its line, alone) and the exception that says ``what`` did not happen."""
    from ckanext.lutsk_charter.logic.errors import flatten_errors

    for problem in flatten_errors(error.error_dict):
        field, reason = problem["field"], problem["reason"]
        click.secho(f"{field}: {reason}" if field != "rows" else reason, fg="red", err=True)
    return click.ClickException(what)
