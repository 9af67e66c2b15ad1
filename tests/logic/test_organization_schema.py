"""The organization schema's hard rules, through organization_create on the real stack."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests.helpers import call_action

from tests.conftest import valid_edrpou

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")


def _valid(**overrides):
    data = {
        "name": "finance",
        "title": "Департамент фінансів, бюджету та аудиту",
        "edrpou": valid_edrpou(),
        "body_kind": "executive_body",
    }
    data.update(overrides)
    return data


def _create(action: str = "organization_create", **data) -> dict:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return call_action(action, context={"user": site_user["name"]}, **data)


def _errors(**overrides) -> dict:
    data = _valid(**overrides)
    with pytest.raises(tk.ValidationError) as raised:
        _create(**data)
    assert model.Group.get(data["name"]) is None
    return raised.value.error_dict


def test_a_complete_body_is_stored():
    created = _create(
        **_valid(
            edrpou="3474 5471",
            website="https://www.lutskrada.gov.ua",
            contact_email="finance@lutskrada.gov.ua",
            contact_phone="(0332) 77-70-00",
        ),
    )
    shown = call_action("organization_show", id=created["id"])
    assert shown["edrpou"] == "34745471"
    assert shown["contact_phone"] == "+380332777000"
    assert shown["website"] == "https://www.lutskrada.gov.ua"


def test_edrpou_is_required():
    assert "edrpou" in _errors(edrpou="")


def test_edrpou_must_be_eight_digits():
    assert _errors(edrpou="1234567")["edrpou"] == ["Код ЄДРПОУ має складатися рівно з 8 цифр."]
    assert "edrpou" in _errors(edrpou="1234567A")


def test_edrpou_check_digit_is_checked():
    assert _errors(edrpou="34745472")["edrpou"] == [
        "Код ЄДРПОУ 34745472 має неправильну контрольну цифру."
    ]


def test_body_kind_is_a_closed_list():
    assert "body_kind" in _errors(body_kind="ministry")
    assert "body_kind" in _errors(body_kind="")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("website", "www.lutskrada.gov.ua"),
        ("website", "ftp://lutskrada.gov.ua"),
        ("contact_email", "finance(at)lutskrada.gov.ua"),
        ("contact_phone", "77-70-00"),
    ],
)
def test_contacts_are_checked(field, value):
    assert field in _errors(**{field: value})


def test_parent_body_must_exist_and_is_stored_by_id():
    parent = _create(**_valid())
    child = _create(
        **_valid(
            name="lutskteplo",
            title="КП «Луцьктепло»",
            body_kind="municipal_enterprise",
            parent_body=parent["name"],
        ),
    )
    assert child["parent_body"] == parent["id"]
    assert _errors(name="orphan", parent_body="no-such-body")["parent_body"] == [
        "Немає організації «no-such-body»."
    ]


def test_a_body_cannot_be_its_own_ancestor():
    parent = _create(**_valid())
    child = _create(
        **_valid(name="lutskteplo", title="КП «Луцьктепло»", parent_body=parent["id"]),
    )
    with pytest.raises(tk.ValidationError) as raised:
        _create("organization_patch", id=parent["id"], parent_body=child["id"])
    assert "parent_body" in raised.value.error_dict
    assert call_action("organization_show", id=parent["id"]).get("parent_body") in (None, "")
