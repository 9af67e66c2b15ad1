"""``ckan lutsk-charter ...`` commands: thin adapters over the actions."""

from __future__ import annotations

import csv
from typing import Any

import click

__all__ = ["lutsk_charter"]


@click.group("lutsk-charter", short_help="Open Data Charter tools of the Lutsk portal")
def lutsk_charter() -> None:
    """Open Data Charter tools of the Lutsk City Council portal."""


def _add_plan_commands() -> None:
    from ckanext.lutsk_charter.cli_plan import plan

    lutsk_charter.add_command(plan)


_add_plan_commands()


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


@lutsk_charter.group()
def required() -> None:
    """The catalogue of datasets Resolution 835 makes mandatory."""


def _site_context() -> dict[str, Any]:
    import ckan.plugins.toolkit as tk
    from ckan import model

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "model": model, "session": model.Session}


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
            _site_context(),  # type: ignore[arg-type]
            {"csv": csv_file.read(), "dry_run": dry_run},
        )
    except tk.ValidationError as e:
        problems = e.error_dict.get("csv", [])
        for message in problems:
            click.secho(str(message), fg="red", err=True)
        raise click.ClickException(f"{len(problems)} bad line(s); nothing was loaded") from None
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

    from ckanext.lutsk_charter.logic.action.required import CSV_COLUMNS
    from ckanext.lutsk_charter.monitoring.exports import write_dicts

    items = tk.get_action("lutsk_charter_required_dataset_list")(
        _site_context(),  # type: ignore[arg-type]
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


@lutsk_charter.command("validate")
@click.option("--dataset", "dataset_id", help="Only this dataset (id or name).")
@click.option("--org", "organization", help="Only this body's datasets (name or id).")
@click.option("--all", "everything", is_flag=True, help="Every resource in a validated format.")
@click.option(
    "--pending",
    is_flag=True,
    help="Only resources still pending (e.g. saved while Redis was down).",
)
def validate(
    dataset_id: str | None, organization: str | None, everything: bool, pending: bool
) -> None:
    """Validate resources' data now, in this process, with a progress bar."""
    import ckan.plugins.toolkit as tk
    from ckan import model

    from ckanext.lutsk_charter.logic.action.validation import validation_candidates

    if not (dataset_id or organization or everything or pending):
        raise click.UsageError("say which: --dataset ID, --org NAME, --all or --pending")
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "model": model, "session": model.Session}
    scope: dict[str, Any] = {"pending": pending}
    try:
        if dataset_id:
            scope["dataset_id"] = tk.get_validator("package_id_or_name_exists")(dataset_id, context)
        if organization:
            scope["organization_id"] = tk.get_validator("lutsk_charter_organization_exists")(
                organization, context
            )
    except tk.Invalid as e:
        raise click.BadParameter(str(e.error)) from None
    ids = validation_candidates(context, scope)  # type: ignore[arg-type]
    statuses: dict[str, int] = {}
    with click.progressbar(ids, label="Validating", show_pos=True) as bar:
        for resource_id in bar:
            result = tk.get_action("lutsk_charter_validation_run")(
                {"user": site_user["name"], "ignore_auth": True},
                {"resource_id": resource_id, "sync": True},
            )
            statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())) or "nothing to do"
    click.secho(
        f"{len(ids)} resource(s) validated — {summary}",
        fg="red" if statuses.get("error") or statuses.get("failure") else "green",
    )


@lutsk_charter.command("check")
@click.option("--org", "organization", help="Only this body's datasets (name or id).")
@click.option(
    "--links",
    is_flag=True,
    help="Also check every link now (bounded, one dataset at a time) before the checks.",
)
@click.option("--background", is_flag=True, help="Queue the check as a job instead.")
def check(organization: str | None, links: bool, background: bool) -> None:
    """Run the quality checks (daily from cron: time alone makes datasets overdue).

    Flags open and resolve, scores are stored, and the datasets whose score,
    band or flags changed are indexed again.
    """
    import ckan.plugins.toolkit as tk
    from ckan import model

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "model": model, "session": model.Session}
    data: dict[str, Any] = {}
    if organization:
        try:
            data["organization_id"] = tk.get_validator("lutsk_charter_organization_exists")(
                organization, context
            )
        except tk.Invalid as e:
            raise click.BadParameter(str(e.error), param_hint="--org") from None
    if links:
        from ckanext.lutsk_charter.quality import gather

        ids = gather.scope(None, data.get("organization_id")).package_ids(model.Session)
        with click.progressbar(ids, label="Checking links", show_pos=True) as bar:
            for package_id in bar:
                tk.get_action("lutsk_charter_link_check")(
                    {"user": site_user["name"], "ignore_auth": True},
                    {"id": package_id, "sync": True},
                )
    result = tk.get_action("lutsk_charter_quality_recheck")(
        {"user": site_user["name"]}, {**data, "background": background}
    )
    if background:
        click.secho("Quality check queued (queue lutsk_charter).", fg="green")
        return
    click.secho(
        "{checked} dataset(s) checked: {opened} flag(s) opened, {resolved} resolved, "
        "{reopened} reopened; {n} dataset(s) indexed again.".format(
            n=len(result["changed"]), **result
        ),
        fg="green",
    )


@lutsk_charter.command("snapshot")
def snapshot() -> None:
    """Store today's monitoring figures and the action plan's indicator values (daily from
    cron; a second run replaces the first)."""
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    result = tk.get_action("lutsk_charter_monitor_snapshot")({"user": site_user["name"]}, {})
    click.secho(
        f"Figures of {result['bodies']} bodies and the city stored for {result['day']}.", fg="green"
    )
    stored = tk.get_action("lutsk_charter_indicator_snapshot")({"user": site_user["name"]}, {})
    click.secho(
        f"Values of {stored['indicators']} plan indicators stored for {stored['day']}.", fg="green"
    )


@lutsk_charter.command("notify")
@click.option("--dry-run", is_flag=True, help="Print the mails instead of sending them.")
def notify(dry_run: bool) -> None:
    """Mail today's reminders (daily from cron): each responsible person their datasets
    due soon and overdue, the ICT department a summary. Running twice a day mails
    nobody twice."""
    import ckan.plugins.toolkit as tk

    result = tk.get_action("lutsk_charter_reminders_send")(
        _site_context(),  # type: ignore[arg-type]
        {"dry_run": dry_run},
    )
    if dry_run:
        for message in result["messages"]:
            click.echo(f"To: {message['recipient']} ({message['kind']})")
            click.echo(f"Subject: {message['subject']}")
            click.echo("")
            click.echo(message["body"])
            click.echo("=" * 60)
        click.secho(
            "{n} mail(s) to send, {skipped} already sent today; nothing sent (--dry-run)".format(
                n=len(result["messages"]), **result
            ),
            fg="green",
        )
        return
    click.secho(
        "Reminders: {sent} sent, {skipped} already sent today, {failed} failed".format(**result),
        fg="red" if result["failed"] else "green",
    )
    if result["failed"]:
        raise click.ClickException("not sent to " + ", ".join(result["failed_recipients"]))


@lutsk_charter.group("register")
def register_group() -> None:
    """The Resolution 835 register of datasets held by the information holder."""


@register_group.command("publish")
def register_publish() -> None:
    """Publish the register as a dataset with CSV and XLSX resources (daily from cron)."""
    import ckan.plugins.toolkit as tk

    try:
        result = tk.get_action("lutsk_charter_register_publish")(
            _site_context(),  # type: ignore[arg-type]
            {},
        )
    except tk.ValidationError as e:
        for messages in e.error_dict.values():
            for message in messages if isinstance(messages, list) else [messages]:
                click.secho(str(message), fg="red", err=True)
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
    import base64

    import ckan.plugins.toolkit as tk

    data: dict[str, Any] = {"format": fmt}
    if organization:
        data["organization_id"] = organization
    try:
        result = tk.get_action("lutsk_charter_register_export")(
            _site_context(),  # type: ignore[arg-type]
            data,
        )
    except tk.ValidationError as e:
        raise click.BadParameter(str(e.error_dict), param_hint="--org") from None
    if fmt == "csv":
        output.write(result["content"].encode("utf-8-sig"))
    else:
        output.write(base64.b64decode(result["content"]))
    click.echo(f"{result['rows']} dataset(s) in the register", err=True)


@lutsk_charter.group()
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

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    try:
        report = tk.get_action("lutsk_charter_legacy_check")(
            {"user": site_user["name"]}, {"id": dataset_id} if dataset_id else {}
        )
    except tk.ValidationError as e:
        raise click.BadParameter(str(e.error_dict)) from None
    _legacy_echo(report)
    if any(d["refused"] for d in report["datasets"]):
        raise SystemExit(1)


@legacy.command("fix")
@click.option("--dataset", "dataset_id", help="Only this dataset (name or id).")
@click.option("--dry-run", is_flag=True, help="Say what would be fixed; change nothing.")
def legacy_fix(dataset_id: str | None, dry_run: bool) -> None:
    """Replace old values that have a safe fix (uk → ua, Щороку → once a year, csv → CSV)."""
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    data: dict[str, Any] = {"dry_run": dry_run}
    if dataset_id:
        data["id"] = dataset_id
    try:
        report = tk.get_action("lutsk_charter_legacy_fix")({"user": site_user["name"]}, data)
    except tk.ValidationError as e:
        raise click.BadParameter(str(e.error_dict)) from None
    _legacy_echo(report, dry_run)
