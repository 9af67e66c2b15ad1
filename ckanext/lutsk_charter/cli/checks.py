"""``ckan lutsk-charter validate|check|snapshot|notify``: the daily work from cron."""

from __future__ import annotations

from typing import Any

import click

from .common import problems, site_context


@click.command("validate")
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
        result = tk.get_action("lutsk_charter_validation_run_batch")(site_context(), data)
    except tk.ValidationError as e:
        raise click.BadParameter(problems(e)) from None
    statuses = result["statuses"]
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())) or "nothing to do"
    click.secho(
        f"{result['resources']} resource(s) validated — {summary}",
        fg="red" if statuses.get("error") or statuses.get("failure") else "green",
    )


@click.command("check")
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

    context = site_context()
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
                    site_context(ignore_auth=True),
                    {"id": package_id, "sync": True},
                )
    result = tk.get_action("lutsk_charter_quality_recheck")(
        site_context(), {**data, "background": background}
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


@click.command("snapshot")
def snapshot() -> None:
    """Store today's monitoring figures and the action plan's indicator values (daily from
    cron; a second run replaces the first)."""
    import ckan.plugins.toolkit as tk

    result = tk.get_action("lutsk_charter_monitor_snapshot")(site_context(), {})
    click.secho(
        f"Figures of {result['bodies']} bodies and the city stored for {result['day']}.", fg="green"
    )
    stored = tk.get_action("lutsk_charter_indicator_snapshot")(site_context(), {})
    click.secho(
        f"Values of {stored['indicators']} plan indicators stored for {stored['day']}.", fg="green"
    )


@click.command("notify")
@click.option("--dry-run", is_flag=True, help="Print the mails instead of sending them.")
def notify(dry_run: bool) -> None:
    """Mail today's reminders (daily from cron): each responsible person their datasets
    due soon and overdue, the ICT department a summary. Running twice a day mails
    nobody twice."""
    import ckan.plugins.toolkit as tk

    result = tk.get_action("lutsk_charter_reminders_send")(
        site_context(),
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
