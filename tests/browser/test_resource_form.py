"""An editor adds a resource through the form in a real Chromium (it once answered 500)."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"


def test_an_editor_adds_a_link_with_its_structure(page, log_in):
    editor = factories.User(password=PASSWORD)
    body = LutskOrganization(users=[{"name": editor["name"], "capacity": "editor"}])
    dataset = LutskDataset(owner_org=body["id"])
    log_in(editor["name"], PASSWORD)
    page.goto(f"/uk/dataset/{dataset['name']}/resource/new")
    assert page.get_by_text("Структура (Table Schema)").first.is_visible()
    page.get_by_role("link", name="Посилання").or_(
        page.locator("#resource-link-button")
    ).first.click()
    page.fill("#field-resource-url", "https://data.lutskrada.gov.ua/files/schools.csv")
    page.fill("#field-name", "Школи")
    page.fill("#field-schema", '{"fields": [{"name": "id", "type": "integer"}]}')
    page.locator("form#resource-edit button[name=save]").last.click()
    page.wait_for_url(f"**/dataset/{dataset['name']}**")
    (resource,) = call_action("package_show", id=dataset["id"])["resources"]
    assert resource["name"] == "Школи"
    assert resource["schema"] == {"fields": [{"name": "id", "type": "integer"}]}
    page.goto(f"/uk/dataset/{dataset['name']}/resource/{resource['id']}/edit")
    assert '"integer"' in page.locator("#field-schema").input_value()
