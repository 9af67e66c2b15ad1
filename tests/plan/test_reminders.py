"""The action plan's reminders through the daily notify, mailed through a real SMTP server."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import Reminder
from tests.conftest import site_context, smtp_server
from tests.plan.conftest import as_user

SMTP = smtp_server(2)
ICT = "opendata@lutskrada.gov.ua"

pytestmark = [
    pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context"),
    pytest.mark.ckan_config("smtp.server", SMTP),
    pytest.mark.ckan_config("ckanext.lutsk_charter.ict_emails", ICT),
]


def send() -> dict:
    return call_action("lutsk_charter_reminders_send", context=site_context())


def _inbox(received: list) -> dict[str, list]:
    found: dict[str, list] = {}
    for item in received:
        for rcpt in item["to"]:
            found.setdefault(rcpt, []).append(item["message"])
    return found


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def executors(people, plan):
    """education's admin has an e-mail; it has a publisher too. 1.1 is late since 2024."""
    model.Session.execute(
        sa.update(model.User)
        .where(model.User.name == "admin")
        .values(email="admin@lutskrada.gov.ua")
    )
    model.Session.commit()
    call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=people["education"]["id"],
        role="publisher",
        full_name="Коваль Марія",
        email="publisher@lutskrada.gov.ua",
    )
    return people


def test_executors_and_the_ict_get_one_mail_a_day(executors, smtp_inbox):
    first = send()
    inbox = _inbox(smtp_inbox)
    assert {"admin@lutskrada.gov.ua", "publisher@lutskrada.gov.ua", ICT} <= set(inbox)
    for address in ("admin@lutskrada.gov.ua", "publisher@lutskrada.gov.ua"):
        (mail,) = inbox[address]
        assert "Action plan reports" in mail["Subject"]
        body = _text(mail)
        assert body.index("Звіти") < body.index("English") < body.index("Reports on measures")
        assert "1.1" in body
        assert "2024-H1" in body
    summaries = [m for m in inbox[ICT] if "Action plan control" in m["Subject"]]
    assert len(summaries) == 1
    summary = _text(summaries[0])
    assert "Overdue measures:" in summary
    assert "Late reports:" in summary
    # transport leads 2.1, whose reports are late too; transport has nobody with an e-mail.
    assert first["sent"] == len(smtp_inbox)
    count = len(smtp_inbox)
    second = send()
    assert second["sent"] == 0
    assert second["skipped"] == first["sent"]
    assert len(smtp_inbox) == count
    kinds = set(model.Session.scalars(sa.select(Reminder.kind)))
    assert {"plan_report", "plan_summary"} <= kinds


def test_an_accepted_report_drops_out(executors, smtp_inbox):
    plan = call_action("lutsk_charter_plan_progress", context=as_user(None))
    owed = {
        (m["id"], r["period"])
        for m in plan["measures"]
        if (m["lead_organization"] or {}).get("name") == "education"
        for r in m["reports"]
    }
    for measure_id, period in owed:
        report = call_action(
            "lutsk_charter_report_submit",
            context=as_user("admin"),
            measure_id=measure_id,
            period=period,
            text_uk="Виконано",
            percent=100,
        )
        call_action(
            "lutsk_charter_report_review", context=as_user("sys"), id=report["id"], state="accepted"
        )
    send()
    inbox = _inbox(smtp_inbox)
    assert "admin@lutskrada.gov.ua" not in inbox
    assert "publisher@lutskrada.gov.ua" not in inbox


def test_dry_run_lists_the_plan_mails(executors, smtp_inbox):
    result = call_action("lutsk_charter_reminders_send", context=site_context(), dry_run=True)
    kinds = {m["kind"] for m in result["messages"]}
    assert {"plan_report", "plan_summary"} <= kinds
    assert smtp_inbox == []
