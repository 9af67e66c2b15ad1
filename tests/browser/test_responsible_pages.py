"""People use the register of responsible persons in a real Chromium, in Ukrainian."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"


def _assign(organization, **data):
    defaults = {
        "role": "publisher",
        "full_name": "Ковальчук Ірина Василівна",
        "email": "i.kovalchuk@lutskrada.gov.ua",
        "valid_from": "2025-01-13",
    }
    return call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=organization["id"],
        **{**defaults, **data},
    )


def _admin_of(organization) -> dict:
    admin = factories.User(password=PASSWORD)
    call_action(
        "organization_member_create",
        context=site_context(),
        id=organization["id"],
        username=admin["name"],
        role="admin",
    )
    return admin


def test_a_visitor_sees_names_and_roles_but_no_contacts(page, organization):
    _assign(organization)
    page.goto(f"/uk/organization/{organization['name']}")
    page.get_by_role("link", name="Відповідальні особи").click()
    table = page.locator("table.lutsk-charter-persons")
    assert "Ковальчук Ірина Василівна" in table.inner_text()
    assert "Оприлюднює відкриті дані" in table.inner_text()
    assert "i.kovalchuk@lutskrada.gov.ua" not in page.content()
    assert page.locator("#lutsk-charter-assign-form").count() == 0
    assert page.locator("section.lutsk-charter-history").count() == 0


def test_the_body_admin_records_and_ends_a_person(page, log_in, organization):
    old = _assign(
        organization, full_name="Бондар Василь Іванович", email="v.bondar@lutskrada.gov.ua"
    )
    admin = _admin_of(organization)
    log_in(admin["name"], PASSWORD)
    page.goto(f"/uk/organization/responsible/{organization['name']}")

    form = page.locator("#lutsk-charter-assign-form")
    assert form.locator("input[name=_csrf_token]").count() == 1
    # A wrong e-mail is refused with a Ukrainian message, and what was typed stays.
    form.locator("#field-role").select_option("publisher")
    form.locator("#field-full_name").fill("Кравчук Софія Олегівна")
    form.locator("#field-email").evaluate("e => e.type = 'text'")
    form.locator("#field-email").fill("kravchuk(at)lutskrada")
    form.get_by_role("button", name="Записати й повідомити управління ІКТ").click()
    assert "не є правильною адресою електронної пошти" in page.inner_text("body")
    assert page.locator("#field-full_name").input_value() == "Кравчук Софія Олегівна"

    page.locator("#field-email").fill("s.kravchuk@lutskrada.gov.ua")
    page.locator("#field-document_number").fill("97-к")
    page.get_by_role("button", name="Записати й повідомити управління ІКТ").click()
    assert (
        "Кравчук Софія Олегівна — записано. Адміністраторів органу буде повідомлено"
        " електронною поштою." in page.inner_text("body")
    )
    current = page.locator("table.lutsk-charter-persons")
    assert "s.kravchuk@lutskrada.gov.ua" in current.inner_text()

    row = current.locator(f"tr[data-assignment='{old['id']}']")
    row.get_by_text("Завершити", exact=True).click()
    row.locator("input[name=reason]").fill("звільнення")
    row.get_by_role("button", name="Завершити призначення").click()
    assert "Призначення Бондар Василь Іванович завершено" in page.inner_text("body")
    assert "Бондар" not in page.locator("table.lutsk-charter-persons").inner_text()
    history = page.locator("section.lutsk-charter-history").inner_text()
    assert "Бондар Василь Іванович" in history
    assert "звільнення" in history
    assert "розпорядження № 97-к" in history


def test_the_sysadmin_acknowledges_changes(page, log_in, organization):
    _assign(organization)
    _assign(organization, role="creator", full_name="Мельник Андрій", email="a.m@lutskrada.gov.ua")
    sysadmin = factories.Sysadmin(password=PASSWORD)
    log_in(sysadmin["name"], PASSWORD)
    page.goto("/uk/ckan-admin")
    page.get_by_role("link", name="Відповідальні особи").click()
    rows = page.locator("table.lutsk-charter-changes tbody tr")
    assert rows.count() == 2
    assert organization["title"] in rows.first.inner_text()
    rows.first.get_by_role("button", name="Позначити переглянутим").click()
    assert "Зміну позначено як переглянуту." in page.inner_text("body")
    assert page.locator("table.lutsk-charter-changes tbody tr").count() == 1
    assert call_action("lutsk_charter_responsible_change_list", acknowledged=True)["count"] == 1


def test_others_cannot_open_the_sysadmin_page(page, log_in, organization):
    admin = _admin_of(organization)
    log_in(admin["name"], PASSWORD)
    response = page.goto("/uk/ckan-admin/responsible-changes")
    assert response.status == 403


def test_a_dataset_without_maintainer_shows_the_bodys_publisher(page, log_in, organization):
    dataset = LutskDataset(owner_org=organization["id"])  # created before anyone is assigned
    _assign(organization)
    page.goto(f"/uk/dataset/{dataset['name']}")
    cell = page.locator("span.lutsk-charter-maintainer-fallback")
    assert "Ковальчук Ірина Василівна" in cell.inner_text()
    assert "оприлюднює" in cell.inner_text()
    assert page.get_by_text("Стан публікації").count() == 0  # only for those who may edit

    admin = _admin_of(organization)
    log_in(admin["name"], PASSWORD)
    page.goto(f"/uk/dataset/{dataset['name']}")
    state = page.locator("tr", has_text="Стан публікації")
    assert state.locator("td").inner_text() == "опубліковано"


def test_the_admin_decides_whether_the_persons_email_may_be_public(page, log_in):
    from tests.conftest import LutskOrganization

    organization = LutskOrganization(contact_email="zagalnyi@lutskrada.gov.ua")
    admin = _admin_of(organization)
    log_in(admin["name"], PASSWORD)
    page.goto(f"/uk/organization/responsible/{organization['name']}")
    form = page.locator("#lutsk-charter-assign-form")
    box = form.locator("#field-contact_public")
    assert not box.is_checked()  # private by default
    assert "оприлюднити як контакт наборів даних" in form.inner_text()
    form.locator("#field-role").select_option("publisher")
    form.locator("#field-full_name").fill("Кравчук Софія Олегівна")
    form.locator("#field-email").fill("s.kravchuk@ukr.net")
    form.get_by_role("button", name="Записати й повідомити управління ІКТ").click()
    assert "записано" in page.inner_text("body")
    dataset = LutskDataset(owner_org=organization["id"])
    assert dataset["maintainer_email"] == "zagalnyi@lutskrada.gov.ua"
    page.goto(f"/uk/dataset/{dataset['name']}")
    assert "s.kravchuk@ukr.net" not in page.content()
