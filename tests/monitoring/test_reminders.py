"""The reminders' mails, composed without a database."""

from __future__ import annotations

import datetime as dt

from ckanext.lutsk_charter.monitoring import reminders
from ckanext.lutsk_charter.monitoring.states import DatasetState

SITE = "https://data.lutskrada.gov.ua/"
DAY = dt.date(2026, 3, 10)


def state(name: str, state: str, days_left: int | None, **overrides) -> DatasetState:
    values = {
        "id": f"id-{name}",
        "name": name,
        "title": f"Набір {name}",
        "owner_org": "org-1",
        "private": False,
        "draft": False,
        "frequency": "once a month",
        "maintainer_email": f"{name}@lutskrada.gov.ua",
        "data_changed_at": None,
        "state": state,
        "due": DAY + dt.timedelta(days=days_left) if days_left is not None else None,
        "days_left": days_left,
        "band": None,
        "open_codes": (),
    }
    values.update(overrides)
    return DatasetState(**values)


def test_only_public_late_datasets_count():
    states = [
        state("late", "overdue", -3),
        state("soon", "due_soon", 2),
        state("fine", "normal", 20),
        state("gone", "inactive", None),
        state("hidden", "overdue", -5, private=True),
        state("draft", "overdue", -5, draft=True),
    ]
    assert [s.name for s in reminders.late(states)] == ["late", "soon"]


def test_recipients_are_maintainer_and_body_persons_deduplicated():
    s = state("a", "overdue", -1, maintainer_email="p@lutskrada.gov.ua")
    persons = {"org-1": ["P@LutskRada.gov.ua", "c@lutskrada.gov.ua"], "org-2": ["x@x.ua"]}
    assert reminders.recipients(s, persons) == ["p@lutskrada.gov.ua", "c@lutskrada.gov.ua"]
    assert reminders.recipients(state("b", "overdue", -1, maintainer_email=""), {}) == []


def test_one_mail_per_person_with_their_datasets_links_and_days():
    states = [
        state("late", "overdue", -3, maintainer_email="p@lutskrada.gov.ua"),
        state("soon", "due_soon", 2, maintainer_email="p@lutskrada.gov.ua"),
        state("other", "overdue", -1, owner_org="org-2", maintainer_email="q@lutskrada.gov.ua"),
        state("fine", "normal", 20, maintainer_email="p@lutskrada.gov.ua"),
    ]
    mails = reminders.person_mails(states, {"org-2": ["c@lutskrada.gov.ua"]}, SITE)
    assert [(m.recipient, m.package_ids) for m in mails] == [
        ("c@lutskrada.gov.ua", ("id-other",)),
        ("p@lutskrada.gov.ua", ("id-late", "id-soon")),
        ("q@lutskrada.gov.ua", ("id-other",)),
    ]
    mail = mails[1]
    assert mail.kind == "person"
    assert "Відкриті дані до оновлення: прострочено 1, невдовзі 1" in mail.subject
    assert "1 overdue, 1 due soon" in mail.subject
    body = mail.body
    assert "https://data.lutskrada.gov.ua/dataset/late" in body
    assert "https://data.lutskrada.gov.ua/dataset/soon" in body
    assert "dataset/fine" not in body
    assert "overdue by 3 days (due 2026-03-07)" in body
    assert "due in 2 days (2026-03-12)" in body
    assert "прострочено на 3 дні (мало бути оновлено 2026-03-07)" in body
    assert "оновити через 2 дні (2026-03-12)" in body
    assert body.index("Прострочені") < body.index("English") < body.index("Overdue:")
    assert body.index("Набір late") < body.index("Набір soon")


def test_plurals_and_today():
    one = state("a", "overdue", -1)
    assert reminders.when(reminders._languages()[1], one) == "overdue by 1 day (due 2026-03-09)"
    today = state("b", "due_soon", 0)
    assert reminders.when(reminders._languages()[1], today) == "due today (2026-03-10)"
    five = state("c", "overdue", -5)
    assert reminders.when(reminders._languages()[0], five).startswith("прострочено на 5 днів")


def test_summary_counts_by_body_and_lists_overdue():
    states = [
        state("late", "overdue", -3),
        state("soon", "due_soon", 2),
        state("other", "overdue", -1, owner_org="org-2"),
    ]
    bodies = {"org-1": "Департамент культури", "org-2": "Управління освіти"}
    mails = reminders.summary_mails(
        states, bodies, SITE, ["ICT@lutskrada.gov.ua", "ict@lutskrada.gov.ua"], DAY
    )
    assert [m.recipient for m in mails] == ["ict@lutskrada.gov.ua"]
    body = mails[0].body
    assert "Департамент культури: due soon 1, overdue 1" in body
    assert "Управління освіти: due soon 0, overdue 1" in body
    assert "dataset/late" in body
    assert "dataset/other" in body
    assert "dataset/soon" not in body
    assert "2 overdue, 1 due soon" in mails[0].subject
    assert body.index("Департамент культури:") < body.index("Управління освіти:")


def test_nothing_late_no_summary():
    assert reminders.summary_mails([state("a", "normal", 9)], {}, SITE, ["i@x.ua"], DAY) == []
