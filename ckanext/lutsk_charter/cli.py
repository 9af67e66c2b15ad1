"""``ckan lutsk-charter ...`` commands: thin adapters over the actions."""

from __future__ import annotations

from typing import Any, NoReturn

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
    import ckan.plugins.toolkit as tk

    try:
        result = tk.get_action("lutsk_charter_responsible_load")(
            _site_context(), {"csv": csv_file.read(), "dry_run": dry_run}
        )
    except tk.ValidationError as e:
        _bad_lines(e)
    if dry_run:
        click.secho(f"{result['lines']} line(s) are good; nothing loaded (--dry-run)", fg="green")
        return
    click.secho(f"{result['loaded']} person(s) loaded", fg="green")


def _bad_lines(error: Any) -> NoReturn:
    """Report each bad line of a loaded CSV file (``csv`` of the error) and stop."""
    problems = list(error.error_dict.get("csv") or [])
    for message in problems:
        click.secho(str(message), fg="red", err=True)
    raise click.ClickException(f"{len(problems)} bad line(s); nothing was loaded") from None


@responsible.command("export")
@click.argument("csv_file", type=click.File("w", encoding="utf-8"), default="-")
def responsible_export(csv_file: Any) -> None:
    """Write the whole register, with its history, as CSV (to CSV_FILE or stdout)."""
    from ckanext.lutsk_charter.responsible import register_csv

    count = register_csv.export(csv_file)
    click.echo(f"{count} assignment(s) exported", err=True)


@lutsk_charter.group()
def required() -> None:
    """The catalogue of datasets Resolution 835 makes mandatory."""


def _site_context(**extra: Any) -> Any:
    """The one context every command calls actions with: the site user's."""
    from ckanext.lutsk_charter.model.queries import site_context

    return site_context(**extra)


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
            _site_context(),
            {"csv": csv_file.read(), "dry_run": dry_run},
        )
    except tk.ValidationError as e:
        _bad_lines(e)
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
        _site_context(),
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
    """Validate resources' data now, in this process (``lutsk_charter_validation_run_batch``)."""
    import ckan.plugins.toolkit as tk

    if not (dataset_id or organization or everything or pending):
        raise click.UsageError("say which: --dataset ID, --org NAME, --all or --pending")
    data: dict[str, Any] = {"pending": pending, "sync": True}
    if dataset_id:
        data["dataset_id"] = dataset_id
    if organization:
        data["organization_id"] = organization
    click.echo("Validating…", err=True)
    try:
        result = tk.get_action("lutsk_charter_validation_run_batch")(_site_context(), data)
    except tk.ValidationError as e:
        raise click.BadParameter(_problems(e)) from None
    statuses = result["statuses"]
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())) or "nothing to do"
    click.secho(
        f"{result['resources']} resource(s) validated — {summary}",
        fg="red" if statuses.get("error") or statuses.get("failure") else "green",
    )


def _problems(error: Any) -> str:
    """A ``ValidationError``'s messages on one line each, ``field: message``."""
    from ckanext.lutsk_charter.logic.errors import messages

    return "\n".join(messages(error.error_dict))


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

    context = _site_context()
    data: dict[str, Any] = {}
    if organization:
        try:
            exists: Any = tk.get_validator("lutsk_charter_organization_exists")
            data["organization_id"] = exists(organization, context)
        except tk.Invalid as e:
            raise click.BadParameter(str(e.error), param_hint="--org") from None
    if links:
        from ckanext.lutsk_charter.quality import gather

        ids = gather.scope(None, data.get("organization_id")).package_ids(model.Session)
        with click.progressbar(ids, label="Checking links", show_pos=True) as bar:
            for package_id in bar:
                tk.get_action("lutsk_charter_link_check")(
                    _site_context(ignore_auth=True),
                    {"id": package_id, "sync": True},
                )
    result = tk.get_action("lutsk_charter_quality_recheck")(
        _site_context(), {**data, "background": background}
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

    result = tk.get_action("lutsk_charter_monitor_snapshot")(_site_context(), {})
    click.secho(
        f"Figures of {result['bodies']} bodies and the city stored for {result['day']}.", fg="green"
    )
    stored = tk.get_action("lutsk_charter_indicator_snapshot")(_site_context(), {})
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
        _site_context(),
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
            _site_context(),
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
            _site_context(),
            data,
        )
    except tk.ValidationError as e:
        raise click.BadParameter(_problems(e), param_hint="--org") from None
    output.write(content(result["records"], fmt))
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

    try:
        report = tk.get_action("lutsk_charter_legacy_check")(
            _site_context(), {"id": dataset_id} if dataset_id else {}
        )
    except tk.ValidationError as e:
        raise click.BadParameter(_problems(e)) from None
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
        report = tk.get_action("lutsk_charter_legacy_fix")(_site_context(), data)
    except tk.ValidationError as e:
        raise click.BadParameter(_problems(e)) from None
    _legacy_echo(report, dry_run)
