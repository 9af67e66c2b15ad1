"""``ckan lutsk-charter ...`` commands: thin adapters over the actions."""

from __future__ import annotations

import click

__all__ = ["lutsk_charter"]


@click.group("lutsk-charter", short_help="Open Data Charter tools of the Lutsk portal")
def lutsk_charter() -> None:
    """Open Data Charter tools of the Lutsk City Council portal."""


@lutsk_charter.group()
def demo() -> None:
    """Demo data for a development portal."""


@demo.command("load")
def demo_load() -> None:
    """Load the demo bodies and datasets (safe to run again: nothing is duplicated)."""
    from ckanext.lutsk_charter.demo import load

    summary = load(echo=click.echo)
    click.secho(
        "Demo data: {created} created, {existing} already there.".format(**summary), fg="green"
    )
