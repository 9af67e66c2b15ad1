"""An empty required field says what to do, in Ukrainian, on the API (409) and on the form.

CKAN's ``not_empty`` (scheming's ``required``) says only "Missing value"; every
required field of our schemas uses ``lutsk_charter_required`` instead (or a
validator of its own with its own instruction: keywords, the body).
"""

from __future__ import annotations

import re

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskOrganization, valid_edrpou

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

#: What a person reads for each empty required dataset field (None: it has a default).
DATASET = {
    "title": "Вкажіть назву набору даних.",
    "notes": "Опишіть, що містить набір даних.",
    "tag_string": "Додайте принаймні одне ключове слово.",
    "language": None,  # default(ua): an empty choice is Ukrainian
    "name": None,  # made from the title (see test_a_blank_title_and_name_say_what_to_do)
    "update_frequency": "Оберіть, як часто оновлюється набір даних.",
    "purpose_of_collecting_information": "Вкажіть мету збору інформації.",
}
ORGANIZATION = {
    "title": "Вкажіть назву розпорядника.",
    "name": "Вкажіть URL розпорядника.",
    "edrpou": "Вкажіть код ЄДРПОУ розпорядника (8 цифр).",
    "body_kind": "Оберіть вид розпорядника.",
}
#: What an empty field with a default becomes.
DEFAULTS = {"language": "ua", "name": "perelik-zupynok"}
#: Words CKAN would say instead, in either language.
NOT_THESE = ("Missing value", "Значення відсутнє", "An organization must be provided")


def _required(schema: dict, key: str) -> list[str]:
    """Fields marked ``required`` or always required by their validators."""
    return [
        f["field_name"]
        for f in schema.get(key, [])
        if f.get("required") or "lutsk_charter_required" in (f.get("validators") or "").split()
    ]


@pytest.fixture
def editor():
    user = factories.UserWithToken()
    body = LutskOrganization(users=[{"name": user["name"], "capacity": "editor"}])
    return {"headers": {"Authorization": user["token"]}, "body": body}


def _complete(body: dict) -> dict:
    return {
        "title": "Перелік зупинок",
        "name": "zupynky",
        "notes": "Зупинки громадського транспорту Луцької міської територіальної громади.",
        "tag_string": "транспорт",
        "language": "ua",
        "update_frequency": "once a month",
        "purpose_of_collecting_information": "Облік зупинок громадського транспорту.",
        "owner_org": body["id"],
    }


def test_the_schemas_required_fields_are_all_covered():
    dataset = call_action("scheming_dataset_schema_show", type="dataset")
    organization = call_action("scheming_organization_schema_show", type="organization")
    assert sorted(_required(dataset, "dataset_fields")) == sorted(DATASET)
    # A resource has no required field: the form's "Дані (файл або посилання)" may stay
    # empty while a publisher fills in the rest, and the quality checks flag a resource
    # without data. Should one become required, this fails until its words are here.
    assert _required(dataset, "resource_fields") == []
    assert sorted(_required(organization, "fields")) == sorted(ORGANIZATION)


@pytest.mark.parametrize("field", sorted(DATASET))
def test_an_empty_required_dataset_field_says_what_to_do_on_the_api(app, editor, field):
    data = {**_complete(editor["body"]), field: ""}
    response = app.post(
        "/api/3/action/package_create", json=data, headers=editor["headers"], status=None
    )
    expected = DATASET[field]
    if expected is None:
        assert response.status_code == 200, response.json
        assert response.json["result"][field] == DEFAULTS[field]
        return
    assert response.status_code == 409, response.json
    error = response.json["error"]
    assert error[field] == [expected]
    assert not any(bad in str(error) for bad in NOT_THESE)


def test_a_blank_title_and_name_say_what_to_do(app, editor):
    """Only spaces count as empty too; the URL name would come from the title."""
    data = {**_complete(editor["body"]), "title": "   ", "name": ""}
    response = app.post(
        "/api/3/action/package_create", json=data, headers=editor["headers"], status=None
    )
    assert response.status_code == 409
    error = response.json["error"]
    assert error["title"] == ["Вкажіть назву набору даних."]
    assert error["name"] == ["Вкажіть URL набору даних (або назву, з якої його буде утворено)."]


def test_no_body_says_which_to_choose(app, editor):
    data = {**_complete(editor["body"]), "owner_org": ""}
    response = app.post(
        "/api/3/action/package_create", json=data, headers=editor["headers"], status=None
    )
    assert response.status_code == 409
    (message,) = response.json["error"]["owner_org"]
    assert re.match(r"^Оберіть розпорядника", message), message


@pytest.mark.parametrize("field", sorted(f for f, m in DATASET.items() if m))
def test_an_empty_required_dataset_field_says_what_to_do_on_the_form(app, editor, field):
    form = {
        **_complete(editor["body"]),
        field: "",
        "save": "continue",
        "_ckan_phase": "dataset_new_1",
        "pkg_name": "",
    }
    response = app.post("/dataset/new", data=form, headers=editor["headers"])
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert DATASET[field] in page
    assert not any(bad in page for bad in NOT_THESE)


@pytest.mark.parametrize("field", sorted(ORGANIZATION))
def test_an_empty_required_body_field_says_what_to_do(app, field):
    sysadmin = factories.SysadminWithToken()
    data = {
        "title": "Управління транспорту",
        "name": "transport",
        "edrpou": valid_edrpou(),
        "body_kind": "executive_body",
        field: "",
    }
    response = app.post(
        "/api/3/action/organization_create",
        json=data,
        headers={"Authorization": sysadmin["token"]},
        status=None,
    )
    assert response.status_code == 409, response.json
    assert response.json["error"][field] == [ORGANIZATION[field]]
