"""A publisher types keywords with each form of the apostrophe in the dataset form."""

from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.conftest import LutskDataset

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"
TYPED = ["пам'ятки", "об’єкти", "зʼїзд"]  # typewriter, U+2019, U+02BC


def _type_keywords(page, words: list[str]) -> None:
    """Type into the keyword widget as a person does, each word ended with a comma."""
    search = page.locator(
        ".select2-container .select2-search__field, .select2-container .select2-input"
    ).first
    search.click()
    for word in words:
        page.keyboard.type(word)
        # Wait for the widget to offer the word (its suggestions load from the API), then end it.
        page.locator(".select2-results li, .select2-results__option").filter(
            has_text=word
        ).first.wait_for()
        chips = page.locator(".select2-search-choice, .select2-selection__choice")
        before = chips.count()
        page.keyboard.type(",")
        page.wait_for_function(
            "n => document.querySelectorAll("
            "'.select2-search-choice, .select2-selection__choice').length > n",
            arg=before,
        )
    page.keyboard.press("Escape")  # close the suggestions (CKAN 2.11's select2 masks the page)


def test_keywords_with_apostrophes_are_saved_and_found(page, log_in, organization):
    admin = factories.Sysadmin(password=PASSWORD)
    dataset = LutskDataset(owner_org=organization["id"], tag_string="культура")
    log_in(admin["name"], PASSWORD)
    page.goto(f"/uk/dataset/edit/{dataset['name']}")
    _type_keywords(page, TYPED)
    page.get_by_role("button", name="Оновити набір даних").click()
    page.wait_for_url(f"**/dataset/{dataset['name']}")

    tags = page.locator(".tag-list li").all_inner_texts()
    assert sorted(t.strip() for t in tags) == sorted(["культура", "памʼятки", "обʼєкти", "зʼїзд"])
    assert "може містити лише" not in page.content()  # no tag error

    # A visitor searching with any apostrophe finds it; the facet shows one keyword.
    for form in ("'", "’", "ʼ"):
        page.goto(f"/uk/dataset/?q=пам{form}ятки")
        assert page.locator(f"a[href$='/dataset/{dataset['name']}']").count() >= 1, form
    page.goto("/uk/dataset/?tags=пам'ятки")
    assert page.locator(f"a[href$='/dataset/{dataset['name']}']").count() >= 1
    facet = page.locator("a[href*='tags=']").all_inner_texts()
    assert len([f for f in facet if "пам" in f]) == 1
