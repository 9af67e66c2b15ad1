"""Publishers and admins meet the quality flags in Ukrainian: dataset panel, queue, facets."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Correct-horse-battery-9"


def _body(admin=None, editor=None):
    users = []
    if admin:
        users.append({"name": admin["name"], "capacity": "admin"})
    if editor:
        users.append({"name": editor["name"], "capacity": "editor"})
    return LutskOrganization(title="Департамент освіти", users=users)


def test_an_editor_sees_what_to_improve_and_a_visitor_only_the_band(page, log_in):
    editor = factories.User(password=PASSWORD)
    body = _body(editor=editor)
    dataset = LutskDataset(owner_org=body["id"], title="Мережа закладів освіти")

    page.goto(f"/uk/dataset/{dataset['name']}")
    panel = page.locator("section.lutsk-charter-quality")
    assert panel.locator("h2").inner_text().startswith("Якість метаданих:")
    assert panel.locator(".lutsk-charter-band").inner_text() in ("Погано", "Задовільно")
    assert panel.locator(".lutsk-charter-flag").count() == 0

    log_in(editor["name"], PASSWORD)
    page.goto(f"/uk/dataset/{dataset['name']}")
    flag = page.locator(".lutsk-charter-flag[data-code='no_resources']")
    text = flag.inner_text()
    assert "Немає даних" in text
    assert "Набір не має ресурсів: немає чого завантажити." in text
    assert "Як виправити: Додайте дані файлом або посиланням." in text
    assert "3. Доступність і зручність використання" in text
    roles = page.locator(".lutsk-charter-flag[data-code='no_responsible_person']").inner_text()
    assert (
        "Розпорядник не має чинної особи, яка створює його відкриті дані, ні особи, яка їх "
        "оприлюднює." in roles
    )


def test_the_sysadmin_reviews_flags_in_bulk_with_a_note(page, log_in):
    sysadmin = factories.Sysadmin(password=PASSWORD)
    body = _body()
    first = LutskDataset(owner_org=body["id"], title="Перший набір")
    second = LutskDataset(owner_org=body["id"], title="Другий набір")
    log_in(sysadmin["name"], PASSWORD)

    page.goto("/uk/ckan-admin/quality")
    assert page.locator("h2", has_text="Зауваження щодо якості на розгляд").is_visible()
    page.select_option("#filter-code", "no_groups")
    page.get_by_role("button", name="Показати", exact=True).click()
    rows = page.locator("table.lutsk-charter-flags tbody tr")
    assert rows.count() == 2
    assert "Не входить до жодної групи" in rows.first.inner_text()
    assert "6. Інклюзивний розвиток та інновації" in rows.first.inner_text()
    assert page.locator(".lutsk-charter-flag-count").inner_text() == "Знайдено зауважень: 2"

    for box in page.locator("input[name=flag]").all():
        box.check()
    page.fill("#review-note", "Групи ще не створено")
    page.get_by_role("button", name="Відхилити").click()
    assert "Розглянуто зауважень: 2." in page.locator(".flash-messages, .alert").first.inner_text()
    assert page.locator("p.empty").inner_text() == "Немає зауважень за цими умовами."

    page.select_option("#filter-status", "dismissed")
    page.get_by_role("button", name="Показати", exact=True).click()
    assert page.locator("table.lutsk-charter-flags tbody tr").count() == 2
    assert "Примітка" in page.locator("table.lutsk-charter-flags").inner_text()
    for dataset in (first, second):
        flags = call_action(
            "lutsk_charter_flag_list",
            package_id=dataset["id"],
            code="no_groups",
            status="dismissed",
        )
        assert flags["results"][0]["review_note"] == "Групи ще не створено"


def test_a_body_admin_reviews_only_their_own_flags(page, log_in):
    admin = factories.User(password=PASSWORD)
    body = _body(admin=admin)
    LutskDataset(owner_org=body["id"], title="Свій набір")
    LutskDataset(title="Чужий набір")
    log_in(admin["name"], PASSWORD)

    page.goto(f"/uk/organization/{body['name']}")
    page.get_by_role("link", name="Якість даних").click()
    assert page.locator("h2", has_text="Зауваження щодо якості даних розпорядника").is_visible()
    table = page.locator("table.lutsk-charter-flags").inner_text()
    assert "Свій набір" in table
    assert "Чужий набір" not in table
    page.locator("tr[data-code='no_resources'] input[name=flag]").check()
    page.get_by_role("button", name="Прийняти до виправлення").click()
    assert "Розглянуто зауважень: 1." in page.locator(".flash-messages, .alert").first.inner_text()

    assert page.goto("/uk/ckan-admin/quality").status == 403


def test_editors_filter_the_catalogue_by_quality_flags(page, log_in):
    editor = factories.User(password=PASSWORD)
    body = _body(editor=editor)
    LutskDataset(owner_org=body["id"], title="Набір без дати")
    page.goto("/uk/dataset/")
    assert page.locator("text=Зауваження щодо якості").count() == 0  # visitors: no facet

    log_in(editor["name"], PASSWORD)
    page.goto("/uk/dataset/")
    facet = page.locator("section.module-narrow", has_text="Зауваження щодо якості")
    facet.get_by_role("link", name="Немає дати актуальності").first.click()
    page.wait_for_url("**charter_flags=no_actuality_date**")
    assert page.locator("li.dataset-item", has_text="Набір без дати").is_visible()
