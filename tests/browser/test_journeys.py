"""The four journeys of issue 10, walked in a real Chromium on the Ukrainian UI.

Each leaves screenshots of its steps in ``test-artifacts/journey-<who>-<step>.png``.
The background worker is CKAN's real RQ worker, run (burst) by the test when a person
would wait for it; the page learns the result on its own (the badge asks the API).
"""

from __future__ import annotations

import re

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import ARTIFACTS, LutskDataset, LutskOrganization, add_csv, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"
# windows-1251, semicolons, a row with a cell too many: a file as an office exports it
BAD_CSV = (
    "код;назва;адреса\n1;Ліцей № 1;вул. Лесі Українки, 1\n2;Гімназія № 4;вул. Шевченка;зайве\n"
)
GOOD_CSV = "код;назва;адреса\n1;Ліцей № 1;вул. Лесі Українки, 1\n2;Гімназія № 4;вул. Шевченка, 2\n"
SCHEMA = (
    '{"fields": [{"name": "код", "type": "integer"}, {"name": "назва", "type": "string"},'
    ' {"name": "адреса", "type": "string"}]}'
)
NOTES = (
    "Перелік закладів загальної середньої освіти Луцької міської територіальної громади: "
    "назва закладу, його код і адреса. Один рядок — один заклад; дані ведуть працівники "
    "департаменту освіти."
)


def _shot(page, who: str, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{who}-{step}.png"), full_page=True)


def _set(page, selector: str, value: str) -> None:
    """Fill a field a widget may hide (the URL name, select2 tags), as its form submits it."""
    page.locator(selector).evaluate("(e, v) => { e.value = v; }", value)


def test_publisher_adds_a_dataset_and_fixes_what_the_flags_say(page, log_in, run_jobs, tmp_path):
    """An editor of one body publishes a dataset and follows the flags to fix it.

    Clicks (a click or a submit; typing not counted): log in 1, "Додати набір даних" 1,
    submit with mistakes 1, submit fixed 1, choose the file 1, "Завершити" 1 (the badge
    then changes by itself), the badge to the report 1, back to the dataset 1, the
    structure flag's link 1, save 1, the description flag's link 1, save 1, the report
    link of the validation flag 1, "Редагувати ресурс" 1, choose the fixed file 1,
    save 1: 16 clicks from login to a dataset without errors.
    """
    editor = factories.User(password=PASSWORD, fullname="Петро Редактор", image_url="")
    body = LutskOrganization(
        title="Департамент освіти",
        image_url="",
        users=[{"name": editor["name"], "capacity": "editor"}],
    )
    for role in ("creator", "publisher"):
        call_action(
            "lutsk_charter_responsible_assign",
            context=site_context(),
            organization_id=body["id"],
            role=role,
            full_name="Петро Редактор",
            email=editor["email"],
        )
    bad = tmp_path / "zaklady.csv"
    bad.write_bytes(BAD_CSV.encode("windows-1251"))
    good = tmp_path / "zaklady-vypravleno.csv"
    good.write_bytes(GOOD_CSV.encode("windows-1251"))

    log_in(editor["name"], PASSWORD)
    page.goto("/uk/dataset/")
    page.locator("a[href$='/dataset/new']").first.click()
    page.wait_for_url("**/dataset/new")

    # Mistakes first: a title only, a wrong e-mail.
    page.fill("#field-title", "Заклади освіти")
    _set(page, "#field-name", "zaklady-osvity")
    page.fill("#field-maintainer_email", "не пошта")
    page.locator("form#dataset-edit button[type=submit]").last.click()
    page.wait_for_load_state()
    errors = page.locator(".error-explanation, .alert-error, .alert-danger").first.inner_text()
    _shot(page, "publisher", "1-errors")
    assert re.search(r"[а-яіїєґ]{4}", errors), errors  # Ukrainian, not English
    assert "Missing value" not in page.content()
    block = page.locator(".error-block, .invalid-feedback").all_inner_texts()
    assert block
    assert all(re.search(r"[а-яіїєґ]", b) for b in block if b.strip()), block

    # Fixed.
    page.fill("#field-notes", "Коротко.")
    _set(page, "[name=tag_string]", "освіта,школи")
    page.select_option("#field-update_frequency", "once a month")
    page.fill("#field-purpose_of_collecting_information", "Облік закладів освіти громади.")
    page.fill("#field-maintainer_email", editor["email"])
    page.locator("form#dataset-edit button[type=submit]").last.click()
    page.wait_for_url("**/dataset/zaklady-osvity/resource/new")

    # The data: a windows-1251 CSV with semicolons, uploaded.
    page.locator("input[type=file]").first.set_input_files(str(bad))
    # CKAN 2.11 hides the format input behind its autocomplete widget: set it as typed.
    page.locator("#field-format").evaluate("(el, value) => { el.value = value; }", "CSV")
    page.locator("button[name=save][value=go-metadata]").click()
    page.wait_for_url("**/dataset/zaklady-osvity")
    badge = page.locator(".lutsk-charter-validation-badge").first
    assert badge.get_attribute("data-status") == "pending"
    assert "очіку" in badge.inner_text().lower()
    _shot(page, "publisher", "2-pending")

    run_jobs()  # the worker validates the file; the page is not reloaded
    page.wait_for_function(
        "() => !['pending', 'running'].includes("
        "document.querySelector('.lutsk-charter-validation-badge').dataset.status)",
        timeout=20_000,
    )
    assert badge.get_attribute("data-status") == "failure"
    assert "помилк" in badge.inner_text()
    _shot(page, "publisher", "3-result")

    badge.click()
    page.wait_for_url("**/validation")
    assert page.locator("h1, h2").first.is_visible()
    _shot(page, "publisher", "4-report")
    page.go_back()

    # The quality panel: each flag links to the place to fix it.
    page.reload()
    panel = page.locator("section.lutsk-charter-quality")
    flag = panel.locator(".lutsk-charter-flag[data-code='validation_failed']")
    assert "Ресурс: zaklady.csv" in flag.inner_text()
    _shot(page, "publisher", "5-panel")

    panel.locator(".lutsk-charter-flag[data-code='no_table_schema'] a.lutsk-charter-fix").click()
    page.wait_for_url(re.compile(r".*/resource/[\w-]+/edit#field-schema$"))
    page.fill("#field-schema", SCHEMA)
    page.locator("form#resource-edit button[name=save]").last.click()
    page.wait_for_url("**/dataset/zaklady-osvity**", wait_until="commit")

    page.goto("/uk/dataset/zaklady-osvity")
    assert page.locator(".lutsk-charter-flag[data-code='no_table_schema']").count() == 0
    page.locator(
        ".lutsk-charter-flag[data-code='description_too_short'] a.lutsk-charter-fix"
    ).click()
    page.wait_for_url("**/dataset/edit/zaklady-osvity#field-notes")
    page.fill("#field-notes", NOTES)
    page.locator(
        "form#dataset-edit button[name=save], form#dataset-edit button[type=submit]"
    ).last.click()
    # the browser keeps the form's #field-notes across the redirect
    page.wait_for_url(re.compile(r".*/dataset/zaklady-osvity(#.*)?$"), wait_until="commit")
    page.wait_for_load_state("domcontentloaded")
    assert page.locator(".lutsk-charter-flag[data-code='description_too_short']").count() == 0

    # The data itself: the report says what is wrong; the fixed file goes in the form.
    page.locator(".lutsk-charter-flag[data-code='validation_failed'] a.lutsk-charter-fix").click()
    page.wait_for_url("**/validation")
    resource_id = page.url.split("/resource/")[1].split("/")[0]
    page.goto(f"/uk/dataset/zaklady-osvity/resource/{resource_id}/edit")
    page.locator("input[type=file]").first.set_input_files(str(good))
    page.locator("form#resource-edit button[name=save]").last.click()
    page.wait_for_url("**/dataset/zaklady-osvity**", wait_until="commit")
    page.goto("/uk/dataset/zaklady-osvity")
    # Waiting for the re-check, the flag stays open: the new file is not yet known good.
    assert page.locator(".lutsk-charter-flag[data-code='validation_failed']").count() == 1
    run_jobs()
    page.reload()
    assert page.locator(".lutsk-charter-flag[data-code='validation_failed']").count() == 0
    assert page.locator(".lutsk-charter-validation-badge").first.get_attribute("data-status") == (
        "success"
    )
    _shot(page, "publisher", "6-fixed")


def test_body_admin_records_persons_and_reviews_flags(page, log_in, run_jobs):
    """A body's admin: assign and end a responsible person, the quality and monitoring tabs,
    flags acknowledged in bulk."""
    admin = factories.User(password=PASSWORD, image_url="")
    body = LutskOrganization(
        name="osvita",
        title="Департамент освіти",
        image_url="",
        users=[{"name": admin["name"], "capacity": "admin"}],
    )
    LutskDataset(owner_org=body["id"], title="Школи")
    LutskDataset(owner_org=body["id"], title="Садочки")
    call_action("lutsk_charter_quality_recheck", context=site_context())
    log_in(admin["name"], PASSWORD)

    page.goto("/uk/organization/responsible/osvita")
    for role in ("creator", "publisher"):
        form = page.locator("#lutsk-charter-assign-form")
        form.locator("[name=role]").select_option(role)
        form.locator("[name=full_name]").fill("Гнатюк Марія")
        form.locator("[name=email]").fill(f"{role}@lutskrada.gov.ua")
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
        notice = page.locator(".alert-success, .flash-messages .alert").first.inner_text()
        assert "записано" in notice
        assert "буде повідомлено" in notice  # queued, not claimed sent
    _shot(page, "admin", "1-persons")
    # The body's datasets were checked again: no "no responsible person" left.
    page.goto("/uk/organization/quality/osvita?code=no_responsible_person")
    assert page.locator("table.lutsk-charter-flags tbody tr").count() == 0

    page.goto("/uk/organization/responsible/osvita")
    row = page.locator("tr[data-assignment]").first
    row.locator("summary").click()
    row.locator("[name=reason]").fill("Звільнення")
    row.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    assert "завершено" in page.locator(".alert").first.inner_text()
    page.goto("/uk/organization/quality/osvita?code=no_responsible_person")
    assert page.locator("table.lutsk-charter-flags tbody tr").count() == 2  # open again
    _shot(page, "admin", "2-ended")

    page.goto("/uk/organization/quality/osvita?code=no_groups")
    rows = page.locator("table.lutsk-charter-flags tbody tr")
    assert rows.count() == 2
    for box in page.locator("input[name=flag]").all():
        box.check()
    page.locator("[name=note]").fill("Групи створимо в січні.")
    page.locator("button[name=status][value=acknowledged]").click()
    page.wait_for_load_state()
    assert "2" in page.locator(".alert").first.inner_text()
    _shot(page, "admin", "3-reviewed")

    page.goto("/uk/organization/monitoring/osvita")
    assert page.locator("h1, h2").filter(has_text="Моніторинг").first.is_visible()
    _shot(page, "admin", "4-monitoring")


def test_ict_sysadmin_walks_the_admin_pages(page, log_in, run_jobs):
    """The ICT department: quality queue, monitoring and its exports, unacknowledged
    changes, the 835 items and their edit form, the register download."""
    sysadmin = factories.Sysadmin(password=PASSWORD, image_url="")
    body = LutskOrganization(name="osvita", title="Департамент освіти", image_url="")
    dataset = LutskDataset(owner_org=body["id"], title="Школи")
    add_csv(dataset, days_ago=45)
    call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="publisher",
        full_name="Гнатюк Марія",
        email="publisher@lutskrada.gov.ua",
    )
    call_action("lutsk_charter_quality_recheck", context=site_context())
    log_in(sysadmin["name"], PASSWORD)

    page.goto("/uk/ckan-admin")
    page.locator("a[href$='/ckan-admin/quality']").first.click()
    assert page.locator("table.lutsk-charter-flags tbody tr").count() > 0
    _shot(page, "ict", "1-queue")

    page.locator("a[href$='/ckan-admin/monitoring']").first.click()
    page.wait_for_url("**/ckan-admin/monitoring")
    with page.expect_download() as download:
        page.locator("a[href*='/ckan-admin/monitoring/export/bodies.xlsx']").first.click()
    assert download.value.suggested_filename == "monitoring-bodies.xlsx"
    _shot(page, "ict", "2-monitoring")

    page.locator("a[href$='/ckan-admin/responsible-changes']").first.click()
    row = page.locator("tr[data-change]").first
    assert "Гнатюк Марія" in row.inner_text()
    row.locator("button[formaction$='/acknowledge']", has_text="Позначити переглянутим").click()
    page.wait_for_load_state()
    assert page.locator("tr[data-change]").count() == 0
    _shot(page, "ict", "3-changes")

    page.locator("a[href$='/ckan-admin/required-datasets']").first.click()
    page.locator("a[href$='/edit']").first.click()
    page.wait_for_url("**/edit")
    assert page.locator("[name=name_uk]").input_value()
    _shot(page, "ict", "4-item")

    page.goto("/uk/")
    with page.expect_download() as download:
        page.locator("a[href$='/dataset-register.xlsx']").first.click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_citizen_finds_sorts_and_downloads_the_register(page):
    """A citizen (not logged in): search, filter by band and flags, sort by score, open a
    dataset, download the 835 register from a visible link, switch uk ↔ en."""
    body = LutskOrganization(title="Департамент освіти", image_url="")
    good = LutskDataset(owner_org=body["id"], title="Школи Луцька", notes=NOTES)
    add_csv(good)
    LutskDataset(owner_org=body["id"], title="Садочки Луцька")
    call_action("lutsk_charter_quality_recheck", context=site_context())
    band = call_action("lutsk_charter_dataset_quality_show", context=site_context(), id=good["id"])[
        "band"
    ]

    page.goto("/uk/dataset/?q=Луцька")
    assert page.locator(".dataset-item").count() == 2
    page.goto("/uk/dataset/?q=Луцька&sort=charter_score+desc")
    titles = page.locator(".dataset-item .dataset-heading").all_inner_texts()
    assert titles[0].strip().startswith("Школи Луцька"), titles
    _shot(page, "citizen", "1-sorted")

    page.goto(f"/uk/dataset/?charter_band={band}")
    assert "Школи Луцька" in page.locator(".dataset-list").inner_text()
    page.goto("/uk/dataset/?charter_flags=no_groups")
    assert page.locator(".dataset-item").count() == 2

    page.locator(".dataset-item a", has_text="Школи Луцька").first.click()
    page.wait_for_url(f"**/dataset/{good['name']}")
    assert page.locator("section.lutsk-charter-quality .lutsk-charter-band").is_visible()
    _shot(page, "citizen", "2-dataset")

    page.goto("/uk/")
    link = page.locator("a[href$='/dataset-register.csv']").first
    assert link.is_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".csv")

    page.locator("form.lang-select select").evaluate(
        """select => {
            select.value = [...select.options].find(o => o.text.trim() === 'English').value;
            select.form.submit();
        }"""
    )
    page.wait_for_url("**/en/**")
    assert page.get_by_text("Open data of the Lutsk City Council").first.is_visible()
    _shot(page, "citizen", "3-english")
