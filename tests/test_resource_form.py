"""The resource forms open and save for the people who publish: an editor and a sysadmin.

``/dataset/<id>/resource/new`` and ``/dataset/<id>/resource/<rid>/edit`` once
answered 500 (the JSON fields' snippet read a key a new resource does not have).
"""

from __future__ import annotations

import json

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, add_csv, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

SCHEMA = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}


@pytest.fixture(params=["editor", "sysadmin"])
def publisher(request):
    """An editor of the dataset's body, or a sysadmin; each with an API token."""
    if request.param == "sysadmin":
        user = factories.SysadminWithToken()
        organization = LutskOrganization()
    else:
        user = factories.UserWithToken()
        organization = LutskOrganization(users=[{"name": user["name"], "capacity": "editor"}])
    dataset = LutskDataset(owner_org=organization["id"])
    return {"headers": {"Authorization": user["token"]}, "dataset": dataset}


def test_the_new_resource_form_opens_and_saves(app, publisher):
    dataset = publisher["dataset"]
    url = f"/dataset/{dataset['name']}/resource/new"
    response = app.get(url, headers=publisher["headers"])
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert 'name="schema"' in body
    assert 'name="validation_options"' in body
    assert "Структура (Table Schema)" in body

    response = app.post(
        url,
        headers=publisher["headers"],
        data={
            "id": "",
            "url": "https://data.lutskrada.gov.ua/files/data.csv",
            "name": "Дані за 2025 рік",
            "format": "CSV",
            "schema": json.dumps(SCHEMA),
            "validation_options": '{"encoding": "windows-1251"}',
            "save": "go-metadata",
        },
        follow_redirects=False,
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    (resource,) = call_action("package_show", id=dataset["id"])["resources"]
    assert resource["name"] == "Дані за 2025 рік"
    assert resource["schema"] == SCHEMA
    assert resource["validation_options"] == {"encoding": "windows-1251"}


def test_the_resource_edit_form_shows_the_schema_and_saves(app, publisher):
    dataset = publisher["dataset"]
    resource = add_csv(dataset)
    call_action(
        "resource_patch", context=site_context(), id=resource["id"], schema=json.dumps(SCHEMA)
    )
    url = f"/dataset/{dataset['name']}/resource/{resource['id']}/edit"
    response = app.get(url, headers=publisher["headers"])
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert (
        "&#34;integer&#34;" in body or "&quot;integer&quot;" in body
    )  # the schema, pretty-printed

    response = app.post(
        url,
        headers=publisher["headers"],
        data={
            "id": resource["id"],
            "url": resource["url"],
            "name": "Оновлені дані",
            "format": "CSV",
            "schema": json.dumps(SCHEMA, indent=2),
            "validation_options": "",
            "save": "",
        },
        follow_redirects=False,
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    saved = call_action("resource_show", id=resource["id"])
    assert saved["name"] == "Оновлені дані"
    assert saved["schema"] == SCHEMA


def test_a_wrong_schema_is_refused_in_ukrainian_and_the_form_stays(app, publisher):
    dataset = publisher["dataset"]
    url = f"/dataset/{dataset['name']}/resource/new"
    response = app.post(
        url,
        headers=publisher["headers"],
        data={
            "id": "",
            "url": "https://data.lutskrada.gov.ua/files/data.csv",
            "name": "Дані",
            "format": "CSV",
            "schema": "{not json",
            "save": "go-metadata",
        },
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "{not json" in body
    assert "error-explanation" in body or "error-block" in body
