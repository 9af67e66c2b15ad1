"""``ckan lutsk-charter ...`` commands: thin adapters over the actions."""

from __future__ import annotations

import csv
from typing import Any

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


@lutsk_charter.group()
def responsible() -> None:
    """The register of persons responsible for each body's open data."""


@responsible.command("import")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--dry-run", is_flag=True, help="Check every line, load nothing.")
def responsible_import(csv_file: Any, dry_run: bool) -> None:
    """Load persons from CSV_FILE (the first load of the register).

    Columns: organization, role, full_name, email, phone, position,
    document_number, document_date, document_url, valid_from. Every line is
    checked first; if any is bad, each bad line is reported by its number and
    nothing is loaded. No notices are mailed for a first load.
    """
    from ckanext.lutsk_charter import register_csv

    rows = list(csv.DictReader(csv_file))
    problems = register_csv.check(rows)
    for line, errors in problems:
        click.secho(f"line {line}: {errors}", fg="red", err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} bad line(s); nothing was loaded")
    if dry_run:
        click.secho(f"{len(rows)} line(s) are good; nothing loaded (--dry-run)", fg="green")
        return
    loaded = register_csv.load(rows)
    click.secho(f"{loaded} person(s) loaded", fg="green")


@responsible.command("export")
@click.argument("csv_file", type=click.File("w", encoding="utf-8"), default="-")
def responsible_export(csv_file: Any) -> None:
    """Write the whole register, with its history, as CSV (to CSV_FILE or stdout)."""
    from ckanext.lutsk_charter import register_csv

    count = register_csv.export(csv_file)
    click.echo(f"{count} assignment(s) exported", err=True)
