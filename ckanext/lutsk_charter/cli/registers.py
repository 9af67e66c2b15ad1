"""``ckan lutsk-charter responsible|required|register ...``: the registers' loads and exports."""

from __future__ import annotations

from typing import Any

import click

from .common import bad_lines, problems, site_context


@click.group("responsible")
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
    import ckan.plugins.toolkit as tk

    try:
        result = tk.get_action("lutsk_charter_responsible_load")(
            site_context(), {"csv": csv_file.read(), "dry_run": dry_run}
        )
    except tk.ValidationError as e:
        bad_lines(e)
    if dry_run:
        click.secho(f"{result['lines']} line(s) are good; nothing loaded (--dry-run)", fg="green")
        return
    click.secho(f"{result['loaded']} person(s) loaded", fg="green")


@responsible.command("export")
@click.argument("csv_file", type=click.File("w", encoding="utf-8"), default="-")
def responsible_export(csv_file: Any) -> None:
    """Write the whole register, with its history, as CSV (to CSV_FILE or stdout)."""
    from ckanext.lutsk_charter.responsible import register_csv

    count = register_csv.export(csv_file)
    click.echo(f"{count} assignment(s) exported", err=True)


@click.group("required")
def required() -> None:
    """The catalogue of datasets Resolution 835 makes mandatory."""


@required.command("load")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--dry-run", is_flag=True, help="Check every line, load nothing.")
def required_load(csv_file: Any, dry_run: bool) -> None:
    """Load items of the list from CSV_FILE (e.g. the package's data/835-list.csv).

    Columns: code (optional), section (all_holders or local_self_government),
    number, name_uk, name_en, source, active (optional). Items are matched by
    code. Every line is checked first; if any is bad, each bad line is reported
    by its number and nothing is loaded.
    """
    import ckan.plugins.toolkit as tk

    try:
        result = tk.get_action("lutsk_charter_required_dataset_load")(
            site_context(),
            {"csv": csv_file.read(), "dry_run": dry_run},
        )
    except tk.ValidationError as e:
        bad_lines(e)
    summary = "{created} new, {updated} changed, {unchanged} unchanged".format(**result)
    if dry_run:
        click.secho(f"All lines are good ({summary}); nothing loaded (--dry-run)", fg="green")
    else:
        click.secho(f"Items loaded: {summary}", fg="green")


@required.command("export")
@click.argument("csv_file", type=click.File("w", encoding="utf-8"), default="-")
def required_export(csv_file: Any) -> None:
    """Write every item, inactive ones too, as CSV that `required load` reads back."""
    import ckan.plugins.toolkit as tk

    from ckanext.lutsk_charter.monitoring.exports import write_dicts
    from ckanext.lutsk_charter.monitoring.required import CSV_COLUMNS

    items = tk.get_action("lutsk_charter_required_dataset_list")(
        site_context(),
        {"include_inactive": True},
    )
    rows = (
        {
            **{k: item[k] for k in CSV_COLUMNS if k in item},
            "number": item["position"],
            "active": "true" if item["active"] else "false",
        }
        for item in items
    )
    write_dicts(csv_file, CSV_COLUMNS, rows, lineterminator="\n")  # neutralised (OWASP)
    click.echo(f"{len(items)} item(s) exported", err=True)


@click.group("register")
def register_group() -> None:
    """The Resolution 835 register of datasets held by the information holder."""


@register_group.command("publish")
def register_publish() -> None:
    """Publish the register as a dataset with CSV and XLSX resources (daily from cron)."""
    import ckan.plugins.toolkit as tk

    try:
        result = tk.get_action("lutsk_charter_register_publish")(
            site_context(),
            {},
        )
    except tk.ValidationError as e:
        from ckanext.lutsk_charter.logic.errors import reasons

        for message in reasons(e.error_dict):
            click.secho(message, fg="red", err=True)
        raise click.ClickException("the register was not published") from None
    click.secho(
        "Register of datasets {what}: {name}, {rows} dataset(s) listed".format(
            what="created" if result["created"] else "updated", **result
        ),
        fg="green",
    )


@register_group.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True
)
@click.option("--org", "organization", help="Only this body's datasets (name or id).")
@click.argument("output", type=click.File("wb"))
def register_export(fmt: str, organization: str | None, output: Any) -> None:
    """Write the register of datasets (public datasets only) to OUTPUT ("-": stdout)."""
    import ckan.plugins.toolkit as tk

    from ckanext.lutsk_charter.monitoring.register import content

    data: dict[str, Any] = {"format": fmt}
    if organization:
        data["organization_id"] = organization
    try:
        result = tk.get_action("lutsk_charter_register_export")(
            site_context(),
            data,
        )
    except tk.ValidationError as e:
        raise click.BadParameter(problems(e), param_hint="--org") from None
    output.write(content(result["records"], fmt))
    click.echo(f"{result['rows']} dataset(s) in the register", err=True)
