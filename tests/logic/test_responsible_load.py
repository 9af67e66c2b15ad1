"""``lutsk_charter_responsible_load``: the register's first load from CSV, all or nothing."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

HEADER = (
    "organization,role,full_name,email,phone,position,"
    "document_number,document_date,document_url,valid_from\n"
)


def _history(organization) -> list:
    return call_action("lutsk_charter_responsible_history", organization_id=organization["id"])


def _good(organization) -> str:
    return HEADER + (
        f"{organization['name']},publisher,Ковальчук Ірина,i.k@lutskrada.gov.ua,0332724011,"
        "спеціаліст,15-к,2025-01-10,https://lutskrada.gov.ua/o/15,2025-01-13\n"
        f"{organization['name']},creator,Мельник Андрій,a.m@lutskrada.gov.ua,,,,,,\n"
    )


def test_a_sysadmin_loads_every_line(organization):
    result = call_action(
        "lutsk_charter_responsible_load", context=site_context(), csv=_good(organization)
    )
    assert result == {"lines": 2, "loaded": 2, "dry_run": False}
    history = _history(organization)
    assert {h["full_name"] for h in history} == {"Ковальчук Ірина", "Мельник Андрій"}
    assert next(h for h in history if h["role"] == "publisher")["phone"] == "+380332724011"


def test_a_dry_run_checks_and_loads_nothing(organization):
    result = call_action(
        "lutsk_charter_responsible_load",
        context=site_context(),
        csv=_good(organization),
        dry_run=True,
    )
    assert result == {"lines": 2, "loaded": 0, "dry_run": True}
    assert _history(organization) == []


def test_bad_lines_are_reported_by_number_and_nothing_is_loaded(organization):
    text = _good(organization) + (
        f"{organization['name']},boss,Шевчук Оксана,o.s@lutskrada.gov.ua,,,,,,\n"
        "no-such-body,creator,Шевчук Оксана,not-an-email,,,,,,\n"
    )
    with pytest.raises(tk.ValidationError) as raised:
        call_action("lutsk_charter_responsible_load", context=site_context(), csv=text)
    problems = raised.value.error_dict["csv"]
    assert any(p.startswith("Рядок 4: role:") for p in problems), problems
    assert any(p.startswith("Рядок 5: organization_id:") for p in problems), problems
    assert any(p.startswith("Рядок 5: email:") for p in problems), problems
    assert not any(p.startswith(("Рядок 2", "Рядок 3")) for p in problems)
    assert _history(organization) == []


def test_a_file_without_the_needed_columns_is_refused_at_line_1():
    with pytest.raises(tk.ValidationError) as raised:
        call_action(
            "lutsk_charter_responsible_load", context=site_context(), csv="organization,role\n"
        )
    assert raised.value.error_dict["csv"] == ["Рядок 1: бракує колонок: full_name, email."]


def test_only_sysadmins_may_load(organization):
    admin = factories.User()
    call_action(
        "organization_member_create",
        id=organization["id"],
        username=admin["name"],
        role="admin",
    )
    for user in (admin["name"], factories.User()["name"], ""):
        with pytest.raises(tk.NotAuthorized):
            call_action(
                "lutsk_charter_responsible_load",
                context={"user": user, "ignore_auth": False},
                csv=_good(organization),
            )
    assert _history(organization) == []
