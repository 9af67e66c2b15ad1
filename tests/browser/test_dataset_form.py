"""A person opens the new-dataset form in a real Chromium and reads the Charter fields."""

from __future__ import annotations

import pytest
from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"


@pytest.fixture
def sysadmin_in_browser(page, log_in, organization):
    admin = factories.Sysadmin(password=PASSWORD)
    log_in(admin["name"], PASSWORD)
    return admin


def test_new_dataset_form_speaks_ukrainian(page, sysadmin_in_browser):
    page.goto("/uk/dataset/new")
    form = page.locator("form#dataset-edit")
    for label in (
        "Назва набору даних",
        "Ключові слова",
        "Частота оновлення",
        "Підстава та призначення збору інформації",
        "Електронна пошта відповідальної особи",
        "Дата актуальності даних",
        "Принципи Хартії відкритих даних",
        "Обґрунтування закритості",
    ):
        assert form.get_by_text(label, exact=False).first.is_visible(), label
    frequencies = page.locator("#field-update_frequency option").all_inner_texts()
    assert "Щокварталу" in frequencies
    assert "Більше не оновлюється" in frequencies
    assert page.locator("#field-language").input_value() == "ua"
    assert form.locator("input[name=_csrf_token]").count() == 1


def test_language_switch_turns_the_form_english(page, sysadmin_in_browser):
    page.goto("/uk/dataset/new")
    # CKAN 2.12 shows a plain select, 2.11 a select2 widget over it: choose the
    # option the way both forms submit it.
    page.locator("form.lang-select select").evaluate(
        """select => {
            select.value = [...select.options].find(o => o.text.trim() === 'English').value;
            select.form.submit();
        }"""
    )
    page.wait_for_url("**/en/dataset/new**")
    assert page.get_by_text("Update frequency").first.is_visible()
    assert page.get_by_text("Open Data Charter principles").first.is_visible()
