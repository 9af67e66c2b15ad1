"""The sysadmin reads and edits the Resolution 835 list in a real Chromium, in Ukrainian."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"


def test_the_sysadmin_sees_coverage_and_edits_an_item(page, log_in, organization):
    published = LutskDataset(
        owner_org=organization["id"], title="Реєстр комунального майна", required_dataset="OMS-1"
    )
    sysadmin = factories.Sysadmin(password=PASSWORD)
    log_in(sysadmin["name"], PASSWORD)
    page.goto("/uk/ckan-admin")
    page.get_by_role("link", name="Обов’язкові набори даних").click()
    assert page.get_by_role("heading", name="Обов’язкові набори даних (Постанова № 835)").count()

    totals = page.locator("dl.lutsk-charter-coverage-totals")
    assert totals.locator("[data-total=required]").inner_text() == "73"
    assert totals.locator("[data-total=published]").inner_text() == "1"
    assert totals.locator("[data-total=current]").inner_text() == "1"
    assert totals.locator("[data-total=missing]").inner_text() == "72"
    assert page.get_by_role("heading", name="Усі розпорядники інформації").is_visible()
    assert page.get_by_role("heading", name="Органи місцевого самоврядування").is_visible()

    row = page.locator("tr[data-code='OMS-1']")
    assert "Перелік об’єктів комунальної власності" in row.inner_text()
    assert "Оприлюднено й актуально" in row.inner_text()
    assert "Реєстр комунального майна" in row.inner_text()
    assert organization["title"] in row.inner_text()
    assert "актуальний" in row.inner_text()
    assert "Не оприлюднено" in page.locator("tr[data-code='OMS-2']").inner_text()

    # One body: the items for all holders plus its own local items.
    page.locator("#field-organization_id").select_option(organization["id"])
    page.get_by_role("button", name="Показати").click()
    assert page.locator("[data-total=required]").inner_text() == "17"
    assert page.locator("tr[data-code='OMS-2']").count() == 0

    page.goto("/uk/ckan-admin/required-datasets")
    page.locator("tr[data-code='ALL-16']").get_by_role("link", name="Редагувати").click()
    form = page.locator("#lutsk-charter-required-form")
    assert form.locator("input[name=_csrf_token]").count() == 1
    assert "Усі розпорядники інформації, позиція 16" in page.inner_text("body")
    # An empty Ukrainian name is refused in Ukrainian; what was typed stays.
    form.locator("#field-name_uk").evaluate("e => e.removeAttribute('required')")
    form.locator("#field-name_uk").fill("")
    form.locator("#field-name_en").fill("Results of the information audit")
    form.get_by_role("button", name="Зберегти").click()
    assert "Пункт не збережено: перевірте позначені поля." in page.inner_text("body")
    assert page.locator("#field-name_en").input_value() == "Results of the information audit"

    page.locator("#field-name_uk").fill("Результати інформаційного аудиту")
    page.locator("#field-active").uncheck()
    page.get_by_role("button", name="Зберегти").click()
    assert "Пункт ALL-16 збережено." in page.inner_text("body")
    assert page.locator("table.lutsk-charter-required tr[data-code='ALL-16']").count() == 0
    assert "ALL-16" in page.locator("table.lutsk-charter-required-inactive").inner_text()
    assert page.locator("[data-total=required]").inner_text() == "72"
    item = next(
        i
        for i in call_action("lutsk_charter_required_dataset_list", include_inactive=True)
        if i["code"] == "ALL-16"
    )
    assert (item["active"], item["name_en"]) == (False, "Results of the information audit")
    assert published["name"]


def test_the_dataset_form_offers_the_items(page, log_in, organization):
    sysadmin = factories.Sysadmin(password=PASSWORD)
    log_in(sysadmin["name"], PASSWORD)
    page.goto("/uk/dataset/new")
    assert page.get_by_text("Обов'язковий набір за Постановою № 835").first.is_visible()
    options = page.locator("#field-required_dataset option").all_inner_texts()
    assert len(options) == 74  # a blank choice and the 73 items
    assert "OMS-1. Перелік об’єктів комунальної власності" in options


def test_others_cannot_open_the_page(page, log_in):
    body = LutskOrganization()
    admin = factories.User(password=PASSWORD)
    call_action(
        "organization_member_create",
        context=site_context(),
        id=body["id"],
        username=admin["name"],
        role="admin",
    )
    assert page.goto("/uk/ckan-admin/required-datasets").status == 403
    log_in(admin["name"], PASSWORD)
    assert page.goto("/uk/ckan-admin/required-datasets").status == 403
    assert page.goto("/uk/ckan-admin/required-datasets/OMS-1/edit").status == 403


def test_a_link_to_an_item_switched_off_survives_the_edit_form(page, log_in, organization):
    dataset = LutskDataset(owner_org=organization["id"], required_dataset="OMS-2")
    call_action("lutsk_charter_required_dataset_update", code="OMS-2", active=False)
    sysadmin = factories.Sysadmin(password=PASSWORD)
    log_in(sysadmin["name"], PASSWORD)
    page.goto(f"/uk/dataset/edit/{dataset['name']}")
    select = page.locator("#field-required_dataset")
    assert select.input_value() == "OMS-2"
    assert "(більше не обов’язковий)" in select.locator("option:checked").inner_text()
    page.locator("form#dataset-edit button.btn-primary[name=save]").click()
    page.wait_for_url(f"**/dataset/{dataset['name']}")  # saved, not sent back with errors
    assert "OMS-2. Звіти про виконання фінансових планів" in page.inner_text("body")
    assert call_action("package_show", id=dataset["id"])["required_dataset"] == "OMS-2"
