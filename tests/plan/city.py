"""A small action plan for the page tests, made through the plan actions only.

Three bodies (the ICT department, education, transport), their people, an
approved current plan of four measures: one done, one overdue with no English
title, one ongoing with a co-executor and a report waiting for review, one with
no executor; education's report for 2024-H1 returned with a comment, its
2024-H2 report accepted; an approved and a pending piece of public feedback.
"""

from __future__ import annotations

from typing import Any

from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskOrganization

PASSWORD = "Correct-horse-battery-9"
PLAN_NAME = "charter-2024-2025"
RETURN_COMMENT = "Додайте посилання на оприлюднені набори."


def _measure(plan: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return call_action(
        "lutsk_charter_measure_create", context={"ignore_auth": True}, plan_id=plan["id"], **fields
    )


def build_plan_city() -> dict[str, Any]:
    """Make the plan and return what the tests need: people, bodies, plan, measures."""
    people = {
        "sysadmin": factories.Sysadmin(password=PASSWORD, fullname="Адміністратор порталу"),
        "ikt_admin": factories.User(password=PASSWORD, fullname="Ірина Технолог"),
        "osvita_admin": factories.User(password=PASSWORD, fullname="Марія Освітянка"),
        "osvita_member": factories.User(password=PASSWORD, fullname="Олена Учасниця"),
        "transport_editor": factories.User(password=PASSWORD, fullname="Петро Транспортний"),
    }
    ikt = LutskOrganization(
        name="ikt",
        title="Управління інформаційно-комунікаційних технологій",
        users=[{"name": people["ikt_admin"]["name"], "capacity": "admin"}],
    )
    osvita = LutskOrganization(
        name="osvita",
        title="Департамент освіти",
        users=[
            {"name": people["osvita_admin"]["name"], "capacity": "admin"},
            {"name": people["osvita_member"]["name"], "capacity": "member"},
        ],
    )
    transport = LutskOrganization(
        name="transport",
        title="Департамент транспорту",
        users=[{"name": people["transport_editor"]["name"], "capacity": "editor"}],
    )
    plan = call_action(
        "lutsk_charter_plan_create",
        context={"ignore_auth": True},
        name=PLAN_NAME,
        title_uk="План дій з реалізації принципів Хартії відкритих даних на 2024–2025 роки",
        title_en="Open Data Charter action plan for 2024–2025",
        description_uk="Заходи міської ради щодо відкритих даних.",
        description_en="What the city council does for open data.",
        period_start="2024-01-01",
        period_end="2025-12-31",
        document_number="123",
        document_date="2024-03-07",
        state="approved",
        current=True,
    )
    done = _measure(
        plan,
        number="1.1",
        title_uk="Оприлюднити перелік наборів даних міської ради",
        title_en="Publish the list of the council's datasets",
        principles=["open_by_default"],
        lead_organization_id=ikt["id"],
        deadline_kind="quarter",
        deadline="2024-Q4",
        expected_result_uk="Перелік оприлюднено на порталі",
        expected_result_en="The list is on the portal",
        indicator_text_uk="Кількість наборів у переліку",
        indicator_text_en="Number of datasets in the list",
        status="done",
    )
    overdue = _measure(
        plan,
        number="1.2",
        title_uk="Відкрити дані про заклади освіти",
        principles=["open_by_default", "accessible_and_usable"],
        lead_organization_id=osvita["id"],
        deadline_kind="half_year",
        deadline="2025-H1",
        status="in_progress",
        description_uk="Перелік закладів освіти з адресами.",
        description_en="Schools with their addresses.",
    )
    ongoing = _measure(
        plan,
        number="3.1",
        title_uk="Перевіряти якість наборів даних",
        title_en="Check the quality of the datasets",
        principles=["accessible_and_usable"],
        lead_organization_id=ikt["id"],
        co_executor_ids=[osvita["id"]],
        deadline_kind="ongoing",
        deadline="",
        status="in_progress",
    )
    orphan = _measure(
        plan,
        number="5.1",
        title_uk="Провести хакатон з відкритих даних",
        title_en="Hold an open data hackathon",
        principles=["improved_governance"],
        deadline_kind="year",
        deadline="2025",
        status="planned",
    )
    osvita_admin = {"user": people["osvita_admin"]["name"]}
    returned = call_action(
        "lutsk_charter_report_submit",
        context=osvita_admin,
        measure_id=overdue["id"],
        period="2024-H1",
        text_uk="Зібрано перелік закладів.",
        percent=30,
        links=[],
    )
    call_action(
        "lutsk_charter_report_review",
        context={"user": people["sysadmin"]["name"]},
        id=returned["id"],
        state="returned",
        comment=RETURN_COMMENT,
    )
    accepted = call_action(
        "lutsk_charter_report_submit",
        context=osvita_admin,
        measure_id=overdue["id"],
        period="2024-H2",
        text_uk="Оприлюднено 40 закладів із 52.",
        text_en="40 of 52 schools published.",
        percent=75,
        links=["https://data.lutskrada.gov.ua/dataset/shkoly"],
    )
    call_action(
        "lutsk_charter_report_review",
        context={"user": people["sysadmin"]["name"]},
        id=accepted["id"],
        state="accepted",
        comment="",
    )
    waiting = call_action(
        "lutsk_charter_report_submit",
        context={"user": people["ikt_admin"]["name"]},
        measure_id=ongoing["id"],
        period="2024-H1",
        text_uk="Перевірено всі набори.",
        percent=50,
        links=[],
    )
    approved = call_action(
        "lutsk_charter_feedback_submit",
        context={"user": ""},
        measure_id=done["id"],
        name="Андрій",
        text="Дякую, перелік дуже корисний.",
    )
    call_action(
        "lutsk_charter_feedback_review",
        context={"user": people["sysadmin"]["name"]},
        id=approved["id"],
        state="approved",
    )
    pending = call_action(
        "lutsk_charter_feedback_submit",
        context={"user": ""},
        measure_id=done["id"],
        name="Оксана",
        text="Коли з'являться дані про транспорт?",
    )
    for person in people.values():
        person["token"] = call_action(
            "api_token_create",
            context={"user": person["name"], "ignore_auth": True},
            user=person["name"],
            name="tests",
        )["token"]
    return {
        "people": people,
        "bodies": {"ikt": ikt, "osvita": osvita, "transport": transport},
        "plan": plan,
        "measures": {"done": done, "overdue": overdue, "ongoing": ongoing, "orphan": orphan},
        "reports": {"returned": returned, "accepted": accepted, "waiting": waiting},
        "feedback": {"approved": approved, "pending": pending},
    }
