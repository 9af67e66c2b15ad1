"""``ckan lutsk-charter plan ...``: the action plan's import, export and publication."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .common import fail, site_context


@click.group("plan")
def plan() -> None:
    """The Open Data Charter action plan."""


@plan.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plan", "plan_id", help="The plan (name or id; default: the current plan).")
@click.option("--dry-run", is_flag=True, help="Check every line, store nothing.")
def plan_import(path: Path, plan_id: str | None, dry_run: bool) -> None:
    """Load the measures of a plan from FILE (.xlsx or .csv): all or nothing."""
    import base64

    import ckan.plugins.toolkit as tk

    context = site_context()
    if not plan_id:
        plan_id = tk.get_action("lutsk_charter_plan_show")(dict(context), {})["id"]  # type: ignore[arg-type]
    fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    raw = path.read_bytes()
    content = base64.b64encode(raw).decode("ascii") if fmt == "xlsx" else raw.decode("utf-8-sig")
    try:
        result = tk.get_action("lutsk_charter_plan_import")(
            context,  # type: ignore[arg-type]
            {"id": plan_id, "content": content, "format": fmt, "dry_run": dry_run},
        )
    except tk.ValidationError as e:
        raise fail(e, "nothing was imported") from None
    click.secho(
        "{rows} row(s): {created} created, {updated} updated, {unchanged} unchanged{dry}".format(
            dry=" (dry run: nothing stored)" if dry_run else "", **result
        ),
        fg="green",
    )


@plan.command("export")
@click.option("--plan", "plan_id", help="The plan (name or id; default: the current plan).")
@click.option("--date", "day", help="The day of the progress, YYYY-MM-DD (default today).")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.argument("output", type=click.File("w", encoding="utf-8"), default="-")
def plan_export(plan_id: str | None, day: str | None, fmt: str, output: Any) -> None:
    """Write the plan's measures with their progress to OUTPUT (default: stdout)."""
    import ckan.plugins.toolkit as tk

    data: dict[str, Any] = {"format": fmt}
    if plan_id:
        data["id"] = plan_id
    if day:
        data["date"] = day
    try:
        result = tk.get_action("lutsk_charter_plan_export")(site_context(), data)  # type: ignore[arg-type]
    except tk.ValidationError as e:
        raise fail(e, "nothing was exported") from None
    except tk.ObjectNotFound as e:
        raise click.ClickException(str(e) or "no such plan") from None
    output.write(result["content"])


@plan.command("publish")
def plan_publish() -> None:
    """Publish the current plan and its progress as a dataset (CSV + JSON; daily from cron)."""
    import ckan.plugins.toolkit as tk

    try:
        result = tk.get_action("lutsk_charter_plan_publish")(site_context(), {})  # type: ignore[arg-type]
    except tk.ValidationError as e:
        raise fail(e, "the plan was not published") from None
    click.secho(
        "Action plan dataset {what}: {name}, {measures} measure(s)".format(
            what="created" if result["created"] else "updated", **result
        ),
        fg="green",
    )
