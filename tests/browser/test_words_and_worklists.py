"""What people read and use on our pages (issue 10): words not codes, dates, URL names,
search, worklists that scale, charts, forms that keep their state. In a real Chromium."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.model import MonitorSnapshot
from tests.conftest import LutskDataset, LutskOrganization, site_context, upload
from tests.validation.corpus import ROWS, _csv

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"
UK_DATE_TIME = re.compile(
    r"^\d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|"
    r"листопада|грудня) \d{4}\sр\., \d{2}:\d{2}$"
)


def _editor_of(organization: dict, capacity: str = "editor") -> dict:
    user = factories.User(password=PASSWORD)
    call_action(
        "organization_member_create",
        context=site_context(),
        id=organization["id"],
        username=user["name"],
        role=capacity,
    )
    return user


def test_the_resource_page_says_status_time_and_structure_in_words(page, dataset, run_jobs):
    """Not ``success``, an ISO timestamp and escaped JSON: words, a local date, a table."""
    schema = {
        "fields": [
            {"name": "Маршрут", "type": "string", "title": "Номер маршруту",
             "constraints": {"required": True, "unique": True}},
            {"name": "Кінцева зупинка", "type": "string"},
            {"name": "Тролейбусів", "type": "integer", "constraints": {"minimum": 0}},
        ]
    }  # fmt: skip
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        name="Маршрути",
        url="routes.csv",
        format="CSV",
        upload=upload(_csv(ROWS), "routes.csv"),
        schema=schema,
    )
    run_jobs()

    page.goto(f"/uk/dataset/{dataset['name']}/resource/{resource['id']}")
    status = page.locator("tr", has_text="Стан перевірки даних").locator("td")
    assert status.inner_text().strip() == "Дані: без помилок"
    assert "success" not in status.inner_text()
    assert (
        status.get_by_role("link")
        .get_attribute("href")
        .endswith(f"/resource/{resource['id']}/validation")
    )
    when = page.locator("tr", has_text="Час перевірки даних").locator("td").inner_text().strip()
    assert UK_DATE_TIME.match(when), when
    for label in ("Дані востаннє оновлено", "Створено"):
        text = page.locator("tr", has=page.locator(f"th:text-is('{label}')")).locator("td")
        assert UK_DATE_TIME.match(text.first.inner_text().strip()), label

    call_action(
        "package_patch",
        context=site_context(),
        id=dataset["id"],
        data_actuality_date="2026-11-30",
        temporal_start="2026-01-01",
    )
    page.goto(f"/uk/dataset/{dataset['name']}")
    actual = page.locator("tr", has=page.locator("th:text-is('Дата актуальності даних')"))
    assert " ".join(actual.locator("td").inner_text().split()) == "30 листопада 2026 р."

    page.goto(f"/uk/dataset/{dataset['name']}/resource/{resource['id']}")
    fields = page.locator("table.lutsk-charter-schema-fields")
    assert fields.is_visible()
    rows = fields.locator("tbody tr")
    assert rows.count() == 3
    first = rows.nth(0).inner_text()
    assert "Маршрут" in first
    assert "текст" in first
    assert "Номер маршруту" in first
    assert "обов’язкове; унікальне" in first
    assert "ціле число" in rows.nth(2).inner_text()
    assert "мінімум: 0" in rows.nth(2).inner_text()
    assert "&quot;" not in page.content().split("lutsk-charter-schema-fields")[1][:2000]
    assert '"fields"' not in page.locator("#content").inner_text()


def test_the_url_name_is_transliterated_officially_while_typing(page, log_in, organization):
    """Cabinet of Ministers Resolution 55 (2010), not look-alike letters (``my3ei-jiyubka``)."""
    editor = _editor_of(organization)
    log_in(editor["name"], PASSWORD)
    page.goto("/uk/dataset/new")
    page.locator("#field-title").press_sequentially("Музеї Луцька")
    assert page.locator("#field-name").input_value() == "muzei-lutska"
    preview = page.locator(".slug-preview")
    assert "muzei-lutska" in preview.inner_text()
    page.locator("#field-title").fill("")
    page.locator("#field-title").press_sequentially("Єдиний реєстр з'їздів: Згорани, Яблуня")
    assert page.locator("#field-name").input_value() == "yedynyi-reiestr-zizdiv-zghorany-yablunia"


def test_search_sorts_by_score_names_filters_and_links_the_register(page, log_in):
    sysadmin = factories.Sysadmin(password=PASSWORD)
    long_a = "Департамент житлово-комунального господарства Луцької міської ради"
    long_b = "Департамент житлово-комунального господарства та благоустрою Луцької ради"
    first = LutskOrganization(name="zhkh", title=long_a)
    second = LutskOrganization(name="zhkh-blago", title=long_b)
    LutskDataset(owner_org=first["id"], title="Ліфти")
    LutskDataset(owner_org=second["id"], title="Сквери")

    page.goto("/uk/dataset/")
    options = page.locator("#field-order-by option").all_inner_texts()
    assert "Оцінка якості" in options
    page.select_option("#field-order-by", label="Оцінка якості")
    page.wait_for_url("**sort=charter_score**")
    page.wait_for_load_state()
    selected = page.locator("#field-order-by option:checked").inner_text()
    assert selected == "Оцінка якості"

    facet = page.locator("nav[aria-label*='Розпорядник'], section:has(h2:has-text('Організації'))")
    labels = page.locator(".lutsk-charter-facets .item-label").all_inner_texts()
    assert long_a in labels  # whole, not "Департамент житлово-..." twice
    assert long_b in labels
    assert facet.count() >= 0

    page.goto("/uk/dataset/?charter_flags=no_groups")
    pill = page.locator(".filter-list").inner_text()
    assert "None" not in pill
    assert "no_groups" not in pill
    assert "Зауваження щодо якості:" in pill

    register = page.locator(".lutsk-charter-register-link")
    assert "Реєстр наборів даних (Постанова № 835):" in register.inner_text()
    with page.expect_download() as download:
        page.locator("footer .lutsk-charter-footer-register").get_by_role(
            "link", name="XLSX"
        ).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    log_in(sysadmin["name"], PASSWORD)
    page.goto("/uk/dataset/?charter_band=bad")
    assert "Якість (Хартія): Погано" in " ".join(page.locator(".filter-list").inner_text().split())


def _changes(organization: dict, count: int) -> None:
    for n in range(count):
        call_action(
            "lutsk_charter_responsible_assign",
            context=site_context(),
            organization_id=organization["id"],
            role="publisher" if n % 2 else "creator",
            full_name=f"Особа {n:03d}",
            email=f"person{n}@lutskrada.gov.ua",
            valid_from="2025-01-13",
        )


def test_the_unacknowledged_changes_scale_filter_page_and_acknowledge_in_bulk(page, log_in):
    culture = LutskOrganization(name="culture", title="Управління культури")
    sport = LutskOrganization(name="sport", title="Управління спорту")
    _changes(culture, 57)
    _changes(sport, 3)
    sysadmin = factories.Sysadmin(password=PASSWORD)
    log_in(sysadmin["name"], PASSWORD)

    page.goto("/uk/ckan-admin/responsible-changes")
    count = page.locator(".lutsk-charter-change-count")
    total = int(count.get_attribute("data-count"))
    assert total >= 60  # every assignment, and the endings the new ones caused
    assert f"{total} змін ще не переглянуті." in count.inner_text()
    assert "Показано: 1–50." in count.inner_text()
    assert page.locator("table.lutsk-charter-changes tbody tr").count() == 50
    assert page.locator(".pagination").is_visible()

    page.select_option("#filter-organization", label="Управління спорту")
    page.select_option("#filter-kind", "assigned")
    page.locator(".lutsk-charter-change-filters button[type=submit]").click()
    page.wait_for_url("**kind=assigned**")
    assert page.locator("table.lutsk-charter-changes tbody tr").count() == 3
    assert "3 зміни ще не переглянуті." in page.locator(".lutsk-charter-change-count").inner_text()

    page.locator("#select-all-changes").check()
    ticked = page.locator("input[name=change]:checked").count()
    assert ticked == 3
    page.get_by_role("button", name="Позначити вибрані переглянутими").click()
    assert "3 зміни позначено як переглянуті." in page.inner_text("body")
    assert "kind=assigned" in page.url  # back to the same filtered page
    assert page.locator("table.lutsk-charter-changes").count() == 0

    page.goto("/uk/ckan-admin/responsible-changes?organization_id=culture")
    left = int(page.locator(".lutsk-charter-change-count").get_attribute("data-count"))
    assert left >= 57
    page.get_by_role("button", name=re.compile(r"^Позначити переглянутими всі \d+")).click()
    assert f"{left} змін позначено як переглянуті." in page.inner_text("body")
    feed = call_action("lutsk_charter_responsible_change_list", acknowledged=False)
    assert feed["count"] == total - 3 - left


def test_the_quality_queue_selects_all_and_a_refused_review_keeps_the_note(page, log_in):
    body = LutskOrganization()
    for n in range(3):
        LutskDataset(owner_org=body["id"], title=f"Набір {n}")
    sysadmin = factories.Sysadmin(password=PASSWORD)
    log_in(sysadmin["name"], PASSWORD)
    page.goto("/uk/ckan-admin/quality?code=no_groups")
    boxes = page.locator("input[name=flag]")
    assert boxes.count() == 3
    page.locator("#select-all-flags").check()
    assert page.locator("input[name=flag]:checked").count() == 3
    page.locator("#select-all-flags").uncheck()
    assert page.locator("input[name=flag]:checked").count() == 0
    boxes.first.check()
    assert page.locator("#select-all-flags").evaluate("e => e.indeterminate")

    url = page.url
    page.locator("#review-note").evaluate("e => e.removeAttribute('maxlength')")
    page.locator("#review-note").fill("довга примітка " * 200)  # over the 2000 allowed
    page.get_by_role("button", name="Відхилити").click()
    page.wait_for_load_state()
    assert page.url == url  # the same address, filters and all
    assert "символів" in page.inner_text(".flash-messages")
    assert page.locator("#review-note").input_value().startswith("довга примітка")
    assert page.locator("input[name=flag]:checked").count() == 1  # still ticked


def test_forms_keep_what_was_typed_after_a_refusal(page, log_in, organization):
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=organization["id"],
        role="publisher",
        full_name="Бондар Василь Іванович",
        email="v.bondar@lutskrada.gov.ua",
        valid_from="2025-01-13",
    )
    admin = _editor_of(organization, "admin")
    log_in(admin["name"], PASSWORD)
    address = f"/uk/organization/responsible/{organization['name']}"
    page.goto(address)
    form = page.locator("#lutsk-charter-assign-form")
    form.locator("#field-role").select_option("creator")
    form.locator("#field-full_name").fill("Кравчук Софія Олегівна")
    form.locator("#field-position").fill("головний спеціаліст")
    form.locator("#field-email").evaluate("e => e.type = 'text'")
    form.locator("#field-email").fill("kravchuk(at)lutskrada")
    form.get_by_role("button", name="Записати й повідомити управління ІКТ").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(address)  # not …/assign
    assert page.locator("#field-full_name").input_value() == "Кравчук Софія Олегівна"
    assert page.locator("#field-position").input_value() == "головний спеціаліст"
    assert page.locator("#field-role").input_value() == "creator"
    assert "не є правильною адресою електронної пошти" in page.inner_text("body")

    row = page.locator(f"tr[data-assignment='{person['id']}']")
    row.get_by_text("Завершити", exact=True).click()
    row.locator("input[name=valid_to]").fill("2020-01-01")  # before the assignment began
    row.locator("input[name=reason]").fill("переведення")
    row.get_by_role("button", name="Завершити призначення").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(address)
    row = page.locator(f"tr[data-assignment='{person['id']}']")
    assert row.locator("details").get_attribute("open") is not None
    assert row.locator("input[name=reason]").input_value() == "переведення"
    assert row.locator("input[name=valid_to]").input_value() == "2020-01-01"


def test_the_835_item_form_refuses_a_blank_name_in_ukrainian(page, log_in):
    sysadmin = factories.Sysadmin(password=PASSWORD)
    log_in(sysadmin["name"], PASSWORD)
    item = call_action("lutsk_charter_required_dataset_list")[0]
    address = f"/uk/ckan-admin/required-datasets/{item['code']}/edit"
    page.goto(address)
    page.locator("#field-name_uk").fill("   ")
    page.locator("#field-name_en").fill("Kept English name")
    page.get_by_role("button", name="Зберегти").click()
    page.wait_for_load_state()
    assert page.url.endswith(address)
    assert "не може бути порожнім чи з самих пробілів" in page.inner_text("body")
    assert page.locator("#field-name_en").input_value() == "Kept English name"
    stored = next(
        i for i in call_action("lutsk_charter_required_dataset_list") if i["code"] == item["code"]
    )
    assert stored["name_uk"] == item["name_uk"]


def test_one_day_of_figures_is_a_readable_chart(page, log_in):
    sysadmin = factories.Sysadmin(password=PASSWORD)
    LutskOrganization()
    model.Session.add(
        MonitorSnapshot(
            day=dt.date(2026, 12, 1),
            organization_id="",
            figures={"public": 240, "timeliness": {"overdue": 12, "due_soon": 3}, "open_flags": 7},
            taken_at=dt.datetime.now(dt.timezone.utc),
        )
    )
    model.Session.commit()
    log_in(sysadmin["name"], PASSWORD)
    page.goto("/uk/ckan-admin/monitoring")
    chart = page.locator("#lutsk-charter-chart-datasets")
    labels = [" ".join(t.split()) for t in chart.locator("text.x-label").all_text_contents()]
    assert labels == ["1 грудня 2026 р."]  # babel's narrow no-break space before "р."
    assert chart.locator("rect.bar").count() == 3
    assert chart.locator("circle").count() == 0
    flags = page.locator("#lutsk-charter-chart-flags")
    assert flags.locator("rect.bar").count() == 1
    assert "7" in flags.locator("text").all_text_contents()
