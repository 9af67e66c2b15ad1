"""Reminders of datasets due soon and overdue, mailed through a real SMTP server."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import Reminder
from tests.conftest import LutskDataset, site_context, smtp_server

SMTP = smtp_server(1)
ICT = "opendata@lutskrada.gov.ua"

pytestmark = [
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context"),
    pytest.mark.ckan_config("smtp.server", SMTP),
    pytest.mark.ckan_config("ckanext.lutsk_charter.ict_emails", ICT),
]


def _ago(days: int) -> str:
    moment = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    return moment.replace(tzinfo=None).isoformat()


def late_dataset(organization: dict, days_ago: int, **fields) -> dict:
    """A monthly dataset whose data last changed ``days_ago`` days ago."""
    dataset = LutskDataset(owner_org=organization["id"], **fields)
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        url=f"https://example.com/{dataset['name']}.csv",
        format="CSV",
        last_modified=_ago(days_ago),
    )
    dataset["resource_id"] = resource["id"]
    return dataset


def assign(organization: dict, role: str, email: str) -> None:
    call_action(
        "lutsk_charter_responsible_assign",
        context={"user": "", "ignore_auth": True},
        organization_id=organization["id"],
        role=role,
        full_name="Особа",
        email=email,
        valid_from="2025-01-01",
    )


def send(**data) -> dict:
    return call_action("lutsk_charter_reminders_send", context=site_context(), **data)


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _inbox(received: list) -> dict[str, list]:
    by = {}
    for item in received:
        (address,) = item["to"]
        by.setdefault(address, []).append(item["message"])
    return by


@pytest.fixture
def late(organization):
    """An overdue and a due-soon dataset of one maintainer, a fine one, a private late one."""
    overdue = late_dataset(organization, 70, maintainer="М", maintainer_email="m@lutskrada.gov.ua")
    soon = late_dataset(organization, 27, maintainer="М", maintainer_email="M@lutskrada.gov.ua")
    fine = late_dataset(organization, 1, maintainer="М", maintainer_email="m@lutskrada.gov.ua")
    hidden = late_dataset(
        organization, 70, private=True, maintainer="М", maintainer_email="m@lutskrada.gov.ua"
    )
    return {"overdue": overdue, "soon": soon, "fine": fine, "hidden": hidden}


def test_each_person_and_the_ict_get_one_bilingual_mail(organization, late, smtp_inbox):
    assign(organization, "publisher", "publisher@lutskrada.gov.ua")
    assign(organization, "creator", "m@lutskrada.gov.ua")
    result = send()
    assert result == {"sent": 3, "skipped": 0, "failed": 0, "failed_recipients": []}
    inbox = _inbox(smtp_inbox)
    assert set(inbox) == {"m@lutskrada.gov.ua", "publisher@lutskrada.gov.ua", ICT}
    assert all(len(messages) == 1 for messages in inbox.values())

    site = tk.config["ckan.site_url"].rstrip("/")
    for address in ("m@lutskrada.gov.ua", "publisher@lutskrada.gov.ua"):
        message = inbox[address][0]
        assert "Відкриті дані до оновлення: прострочено 1, невдовзі 1" in message["Subject"]
        assert "1 overdue, 1 due soon" in message["Subject"]
        body = _body(message)
        assert f"{site}/dataset/{late['overdue']['name']}" in body
        assert f"{site}/dataset/{late['soon']['name']}" in body
        assert late["fine"]["name"] not in body
        assert late["hidden"]["name"] not in body
        assert "прострочено на " in body
        assert "overdue by " in body
        assert "оновити через " in body or "оновити сьогодні" in body
        assert "due in " in body or "due today" in body
        assert body.index("Прострочені:") < body.index("English") < body.index("Overdue:")

    summary = _body(inbox[ICT][0])
    assert f"{organization['title']}: невдовзі 1, прострочено 1" in summary
    assert f"{organization['title']}: due soon 1, overdue 1" in summary
    assert late["overdue"]["name"] in summary
    assert late["soon"]["name"] not in summary

    rows = model.Session.scalars(sa.select(Reminder)).all()
    assert {(r.recipient, r.kind) for r in rows} == {
        ("m@lutskrada.gov.ua", "person"),
        ("publisher@lutskrada.gov.ua", "person"),
        (ICT, "summary"),
    }
    person = next(r for r in rows if r.recipient == "m@lutskrada.gov.ua")
    assert set(person.package_ids) == {late["overdue"]["id"], late["soon"]["id"]}


def test_exact_days_are_told(organization, smtp_inbox):
    dataset = late_dataset(organization, 70, maintainer_email="d@lutskrada.gov.ua")
    states = call_action("lutsk_charter_dataset_timeliness_show", id=dataset["id"])
    days = -states["days_left"]
    send()
    body = _body(_inbox(smtp_inbox)["d@lutskrada.gov.ua"][0])
    assert f"overdue by {days} days (due {states['due']})" in body
    assert f"прострочено на {days} " in body


def test_a_second_run_the_same_day_sends_nothing(organization, late, smtp_inbox):
    first = send()
    assert first["sent"] == 2
    count = len(smtp_inbox)
    second = send()
    assert second == {"sent": 0, "skipped": 2, "failed": 0, "failed_recipients": []}
    assert len(smtp_inbox) == count


def test_a_dataset_no_longer_late_drops_out(organization, late, smtp_inbox):
    other = late_dataset(organization, 70, maintainer_email="other@lutskrada.gov.ua")
    call_action(
        "resource_patch",
        context=site_context(),
        id=other["resource_id"],
        last_modified=_ago(0),
    )
    dry = send(dry_run=True)
    assert {m["recipient"] for m in dry["messages"]} == {"m@lutskrada.gov.ua", ICT}
    assert other["id"] not in {i for m in dry["messages"] for i in m["package_ids"]}
    send()
    inbox = _inbox(smtp_inbox)
    assert "other@lutskrada.gov.ua" not in inbox
    assert other["name"] not in _body(inbox[ICT][0])


def test_dry_run_sends_and_records_nothing(organization, late, smtp_inbox):
    result = send(dry_run=True)
    assert result["sent"] == 0
    assert {(m["recipient"], m["kind"]) for m in result["messages"]} == {
        ("m@lutskrada.gov.ua", "person"),
        (ICT, "summary"),
    }
    assert "English" in result["messages"][0]["body"]
    assert smtp_inbox == []
    assert model.Session.scalar(sa.select(sa.func.count()).select_from(Reminder)) == 0


@pytest.mark.ckan_config("smtp.server", "127.0.0.1:9")
def test_a_failing_smtp_records_nothing_and_reports_failures(organization, late):
    result = send()
    assert result["sent"] == 0
    assert result["failed"] == 2
    assert set(result["failed_recipients"]) == {"m@lutskrada.gov.ua", ICT}
    assert model.Session.scalar(sa.select(sa.func.count()).select_from(Reminder)) == 0


def test_a_failed_run_is_completed_by_the_next(organization, late, smtp_inbox):
    model.Session.add(
        Reminder(
            day=dt.datetime.now(ZoneInfo("Europe/Kyiv")).date(),
            recipient=ICT,
            kind="summary",
            package_ids=[],
            sent_at=dt.datetime.now(dt.timezone.utc),
        )
    )
    model.Session.commit()
    result = send()
    assert result["sent"] == 1
    assert result["skipped"] == 1
    assert set(_inbox(smtp_inbox)) == {"m@lutskrada.gov.ua"}


def test_only_sysadmins_may_send():
    user = factories.User()
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("lutsk_charter_reminders_send")(
            {"user": user["name"], "ignore_auth": False}, {}
        )
    with pytest.raises(tk.NotAuthorized):
        tk.get_action("lutsk_charter_reminders_send")({"user": "", "ignore_auth": False}, {})
    sysadmin = factories.Sysadmin()
    result = tk.get_action("lutsk_charter_reminders_send")(
        {"user": sysadmin["name"], "ignore_auth": False}, {"dry_run": True}
    )
    assert result["messages"] == []


def test_cli_notify(cli, organization, late, smtp_inbox, monkeypatch):
    from ckan.cli.cli import ckan

    # the command loads test.ini again, whose smtp.server the environment overrides
    monkeypatch.setenv("CKAN_SMTP_SERVER", SMTP)

    dry = cli.invoke(ckan, ["lutsk-charter", "notify", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "To: m@lutskrada.gov.ua (person)" in dry.output
    assert smtp_inbox == []
    result = cli.invoke(ckan, ["lutsk-charter", "notify"])
    assert result.exit_code == 0, result.output
    assert "2 sent, 0 already sent today, 0 failed" in result.output
    assert sorted(m["to"][0] for m in smtp_inbox) == ["m@lutskrada.gov.ua", ICT]


def test_the_demo_data(smtp_inbox):
    from ckanext.lutsk_charter.clock import now, portal_zone
    from ckanext.lutsk_charter.demo import load
    from ckanext.lutsk_charter.monitoring.states import dataset_states

    load(echo=lambda *_args: None)
    states = dataset_states(model.Session, now(), portal_zone())
    late = {s.id for s in states if s.public and s.state in ("due_soon", "overdue")}
    assert {s.state for s in states} >= {"normal", "due_soon", "overdue", "inactive"}
    result = send()
    assert result["failed"] == 0
    assert result["sent"] == len(smtp_inbox) > 2
    rows = model.Session.scalars(sa.select(Reminder)).all()
    person = [r for r in rows if r.kind == "person"]
    assert {i for r in person for i in r.package_ids} == late
    (summary,) = [r for r in rows if r.kind == "summary"]
    assert set(summary.package_ids) == late
    maintainers = {s.maintainer_email for s in states if s.id in late and s.maintainer_email}
    assert maintainers <= {r.recipient for r in person}
    assert send()["sent"] == 0
