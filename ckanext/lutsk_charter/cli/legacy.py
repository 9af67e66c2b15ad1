"""``ckan lutsk-charter legacy ...``: stored datasets the current schema would refuse."""

from __future__ import annotations

from typing import Any

import click

from .common import problems, site_context


@click.group("legacy")
def legacy() -> None:
    """Stored datasets the current schema would refuse (values of the old portal)."""


def _legacy_echo(report: dict[str, Any], dry_run: bool | None = None) -> None:
    for dataset in report["datasets"]:
        click.secho(dataset["name"], bold=True)
        for problem in dataset["refused"]:
            click.secho(f"  refused {problem['field']}: {problem['reason']}", fg="red")
        for fix in dataset["fixes"]:
            verb = "would fix" if dry_run else ("fixed" if dataset.get("fixed") else "fixable")
            click.secho(f"  {verb} {fix['field']}: {fix['from']!r} → {fix['to']!r}", fg="yellow")
    refused = sum(1 for d in report["datasets"] if d["refused"])
    fixable = sum(1 for d in report["datasets"] if d["fixes"])
    click.secho(
        f"{report['checked']} dataset(s) checked: {refused} refused by the schema, "
        f"{fixable} with old values that have a safe fix",
        fg="red" if refused else ("yellow" if fixable else "green"),
    )


@legacy.command("check")
@click.option("--dataset", "dataset_id", help="Only this dataset (name or id).")
def legacy_check(dataset_id: str | None) -> None:
    """List each stored dataset the current schema would refuse, with the field and the reason."""
    import ckan.plugins.toolkit as tk

    try:
        report = tk.get_action("lutsk_charter_legacy_check")(
            site_context(), {"id": dataset_id} if dataset_id else {}
        )
    except tk.ValidationError as e:
        raise click.BadParameter(problems(e)) from None
    _legacy_echo(report)
    if any(d["refused"] for d in report["datasets"]):
        raise SystemExit(1)


@legacy.command("fix")
@click.option("--dataset", "dataset_id", help="Only this dataset (name or id).")
@click.option("--dry-run", is_flag=True, help="Say what would be fixed; change nothing.")
def legacy_fix(dataset_id: str | None, dry_run: bool) -> None:
    """Replace old values that have a safe fix (uk → ua, Щороку → once a year, csv → CSV)."""
    import ckan.plugins.toolkit as tk

    data: dict[str, Any] = {"dry_run": dry_run}
    if dataset_id:
        data["id"] = dataset_id
    try:
        report = tk.get_action("lutsk_charter_legacy_fix")(site_context(), data)
    except tk.ValidationError as e:
        raise click.BadParameter(problems(e)) from None
    _legacy_echo(report, dry_run)
