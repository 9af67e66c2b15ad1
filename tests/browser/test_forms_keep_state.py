"""A refused form keeps its address and what was typed, and says what to do, in Ukrainian.

(The responsible persons' assign and end forms, the 835 item form and the flag
review are walked in ``test_words_and_worklists.py``; here the dataset form with
an empty required field and the "validate again" button refused.)
"""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, site_context, upload
from tests.validation.corpus import ROWS, _csv

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"


def _editor_of(organization: dict) -> dict:
    user = factories.User(password=PASSWORD)
    call_action(
        "organization_member_create",
        context=site_context(),
        id=organization["id"],
        username=user["name"],
        role="editor",
    )
    return user


def test_an_empty_required_field_says_what_to_do_and_the_form_keeps_the_rest(
    page, log_in, organization
):
    log_in(_editor_of(organization)["name"], PASSWORD)
    page.goto("/uk/dataset/new")
    page.locator("#field-title").fill("Зупинки громадського транспорту")
    page.locator("#field-notes").fill("Перелік зупинок громадського транспорту громади.")
    page.locator("#field-tag_string").evaluate("(e) => { e.value = 'транспорт'; }")
    page.locator("#field-update_frequency").select_option("once a month")
    # left empty on purpose; the browser's own check is taken off to reach the server's
    page.locator("#field-purpose_of_collecting_information").evaluate(
        "(e) => e.removeAttribute('required')"
    )
    page.locator("form#dataset-edit").evaluate("(f) => { f.noValidate = true; }")
    page.locator("form#dataset-edit button[name=save]").click()
    page.wait_for_load_state()

    assert page.url.split("?")[0].endswith("/dataset/new")
    errors = page.locator("form#dataset-edit").inner_text()
    assert "Вкажіть мету збору інформації." in errors
    assert "Значення відсутнє" not in errors
    assert "Missing value" not in errors
    assert page.locator("#field-title").input_value() == "Зупинки громадського транспорту"
    assert page.locator("#field-update_frequency").input_value() == "once a month"


def test_validate_again_refused_comes_back_to_the_report_with_why(page, log_in, organization):
    dataset = LutskDataset(owner_org=organization["id"])
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        name="Зупинки",
        url="stops.csv",
        format="CSV",
        upload=upload(_csv(ROWS), "stops.csv"),
    )
    log_in(_editor_of(organization)["name"], PASSWORD)
    address = f"/uk/dataset/{dataset['name']}/resource/{resource['id']}/validation"
    page.goto(address)
    # Meanwhile someone turns the file into a PDF: the button's action is now refused.
    call_action("resource_patch", context=site_context(), id=resource["id"], format="PDF")
    page.get_by_role("button", name="Перевірити ще раз").click()
    page.wait_for_load_state()
    assert page.url.endswith(address)
    assert "Дані у форматі «PDF» не перевіряються." in page.locator(".flash-messages").inner_text()
