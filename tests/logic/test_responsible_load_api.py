"""``lutsk_charter_responsible_load`` through the HTTP API: 409 in Ukrainian, 403 for others."""

from __future__ import annotations

import pytest
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

HEADER = (
    "organization,role,full_name,email,phone,position,"
    "document_number,document_date,document_url,valid_from\n"
)


def _history(organization) -> list:
    return call_action("lutsk_charter_responsible_history", organization_id=organization["id"])


def _good(organization) -> str:
    return HEADER + f"{organization['name']},creator,Мельник Андрій,a.m@lutskrada.gov.ua,,,,,,\n"


def test_bad_input_through_the_api_is_a_409_in_ukrainian(app, sysadmin_token, organization):
    text = HEADER + f"{organization['name']},boss,Шевчук Оксана,o.s@lutskrada.gov.ua,,,,,,\n"
    response = app.post(
        "/api/3/action/lutsk_charter_responsible_load",
        json={"csv": text},
        headers={"Authorization": sysadmin_token["token"]},
        status=409,
    )
    assert response.json["error"]["csv"] == [
        "Рядок 2: role: Невідома роль «boss»: вкажіть creator (створює) або publisher (оприлюднює)."
    ]
    missing = app.post(
        "/api/3/action/lutsk_charter_responsible_load",
        json={},
        headers={"Authorization": sysadmin_token["token"]},
        status=409,
    )
    assert "csv" in missing.json["error"]
    app.post(
        "/api/3/action/lutsk_charter_responsible_load",
        json={"csv": _good(organization)},
        status=403,
    )
    assert _history(organization) == []
