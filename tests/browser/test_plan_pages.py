"""The Charter action plan as people read it: the public, the ICT department, a body's admin."""

from __future__ import annotations

import pytest

from tests.plan.city import PASSWORD, PLAN_NAME, RETURN_COMMENT, build_plan_city

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def plan_city():
    return build_plan_city()


def test_the_public_reads_the_plan_in_ukrainian_and_prints_it(page, plan_city):
    page.goto("/uk/")
    page.locator(".masthead").get_by_role("link", name="План дій Хартії").click()
    page.wait_for_url("**/charter")
    assert page.get_by_role(
        "heading",
        name="План дій з реалізації принципів Хартії відкритих даних на 2024–2025 роки",
    ).is_visible()
    assert "Затверджено розпорядженням міського голови від 07.03.2024 № 123" in (
        page.locator(".lutsk-charter-plan-meta").inner_text()
    )
    principle = page.locator("tr[data-principle=open_by_default]").inner_text()
    assert "1. Відкритість за замовчуванням" in principle
    assert "50 %" in principle  # 1 of 2 done
    overdue = page.locator("tr[data-measure='1.2']").first
    assert "прострочено" in overdue.inner_text()
    assert "Департамент освіти" in overdue.inner_text()
    assert "I півріччя 2025" in overdue.inner_text()
    assert "постійно" in page.locator("tr[data-measure='3.1']").inner_text()
    assert "виконавця не визначено" in page.locator("tr[data-measure='5.1']").inner_text()
    assert page.get_by_text("Переклад відсутній").count() == 0

    page.select_option("#filter-status", "overdue")
    page.get_by_role("button", name="Показати").click()
    page.wait_for_url("**status=overdue**")
    measures = page.locator("table.lutsk-charter-measures tbody tr")
    assert {measures.nth(i).get_attribute("data-measure") for i in range(measures.count())} == {
        "1.2",
        "5.1",
    }

    page.emulate_media(media="print")
    assert not page.locator(".masthead").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".lutsk-charter-plan-filters").is_visible()
    assert page.locator("table.lutsk-charter-principles").is_visible()
    assert page.locator("table.lutsk-charter-measures").first.evaluate(
        "t => getComputedStyle(t.querySelector('tr')).breakInside"
    ) in ("avoid", "avoid-page")


def test_the_english_page_says_where_a_translation_is_missing(page, plan_city):
    page.goto("/en/charter")
    assert page.get_by_role(
        "heading", name="Open Data Charter action plan for 2024–2025"
    ).is_visible()
    row = page.locator("tr[data-measure='1.2']").first
    assert "Translation missing" in row.inner_text()
    assert "Відкрити дані про заклади освіти" in row.inner_text()
    assert "overdue" in row.inner_text()
    assert "1. Open by default" in page.locator("tr[data-principle=open_by_default]").inner_text()
    with page.expect_download() as download:
        page.locator(".lutsk-charter-plan-documents").get_by_role("link", name="DOCX").nth(
            2
        ).click()
    assert download.value.suggested_filename == f"{PLAN_NAME}-plan-en.docx"


def test_a_visitor_sends_feedback_and_a_forged_form_is_refused(page, plan_city):
    page.goto(f"/uk/charter/{PLAN_NAME}/measure/1.1")
    assert "Дякую, перелік дуже корисний." in page.locator("#feedback").inner_text()
    form = page.locator(".lutsk-charter-feedback-form")
    form.get_by_role("button", name="Надіслати").click()  # empty: refused, in Ukrainian
    page.wait_for_load_state()
    assert page.locator(".lutsk-charter-feedback-form .alert-danger").is_visible()
    page.fill("#field-feedback-name", "Тарас")
    page.fill("#field-feedback-text", "Додайте, будь ласка, дані про парки.")
    form.get_by_role("button", name="Надіслати").click()
    page.wait_for_load_state()
    assert page.get_by_text(
        "Дякуємо! Ваш відгук збережено; його буде показано після розгляду модератором."
    ).is_visible()
    assert "дані про парки" not in page.locator("#feedback blockquote").all_inner_texts()

    forged = page.request.post(
        f"/uk/charter/{PLAN_NAME}/measure/1.1/feedback",
        form={"name": "Бот", "text": "Спам"},
        max_redirects=0,
    )
    assert forged.status == 400
    assert "Форма застаріла або надіслана не з цього порталу" in forged.text()


def test_the_ict_department_controls_the_plan_and_accepts_a_report(page, log_in, plan_city):
    log_in(plan_city["people"]["sysadmin"]["name"], PASSWORD)
    page.goto("/uk/ckan-admin/charter")
    assert page.get_by_role(
        "heading", name="Контроль виконання плану дій з реалізації Хартії відкритих даних"
    ).is_visible()
    returned = page.locator("tr[data-measure='1.2'] li[data-period='2024-H1']")
    assert "повернуто" in returned.inner_text()
    page.select_option("#filter-problem", "no_executor")
    page.locator(".lutsk-charter-control-filters").get_by_role("button", name="Показати").click()
    page.wait_for_url("**problem=no_executor**")
    rows = page.locator("table.lutsk-charter-control tbody tr")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-measure") == "5.1"

    page.goto("/uk/ckan-admin/charter?body=ikt")
    page.locator("tr[data-measure='3.1'] li[data-period='2024-H1']").get_by_role(
        "link", name="подано"
    ).click()
    assert page.get_by_role("heading", name="Звіт про захід 3.1: I півріччя 2024").is_visible()
    page.get_by_role("button", name="Прийняти").click()
    page.wait_for_load_state()
    assert page.get_by_text("Звіт прийнято.").is_visible()
    assert page.locator("[data-version='1']").get_attribute("data-state") == "accepted"


def test_a_body_admin_reports_and_another_body_is_refused(page, log_in, plan_city):
    people = plan_city["people"]
    log_in(people["osvita_admin"]["name"], PASSWORD)
    page.goto("/uk/organization/osvita")
    page.locator(".nav-tabs").get_by_role("link", name="План дій Хартії").click()
    measure = page.locator("section[data-measure='1.2']")
    assert RETURN_COMMENT in measure.locator(".lutsk-charter-returned-comment").inner_text()
    assert (
        page.locator("section[data-measure='3.1']")
        .get_by_text("Орган — співвиконавець; звітує головний виконавець.")
        .is_visible()
    )
    measure.locator("select[name=period]").select_option("2024-H1")
    measure.locator("textarea[name=text_uk]").fill("Оприлюднено перелік 52 закладів освіти.")
    measure.locator("input[name=percent]").fill("90")
    measure.locator("textarea[name=links]").fill("https://data.lutskrada.gov.ua/dataset/shkoly")
    measure.get_by_role("button", name="Надіслати звіт").click()
    page.wait_for_load_state()
    assert page.get_by_text(
        "Звіт за I півріччя 2024 надіслано; управління ІКТ його розгляне."
    ).is_visible()
    row = page.locator("section[data-measure='1.2'] tr[data-period='2024-H1']")
    assert row.get_attribute("data-state") == "submitted"
    assert "подано" in row.inner_text()

    page.context.clear_cookies()
    log_in(people["transport_editor"]["name"], PASSWORD)
    response = page.goto("/uk/organization/charter/osvita")
    assert response.status == 403
    assert page.get_by_text("Заходи плану органу можуть бачити лише його учасники.").is_visible()
