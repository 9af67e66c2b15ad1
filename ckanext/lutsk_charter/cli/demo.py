"""``ckan lutsk-charter demo ...``: demo data for a development portal."""

from __future__ import annotations

import click


@click.group("demo")
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
