"""URL names from Ukrainian titles by the official transliteration (CMU Resolution 55, 2010)."""

from __future__ import annotations

import pytest

from ckanext.lutsk_charter.transliteration import slugify, transliterate


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Музеї Луцька", "muzei-lutska"),
        ("Єнакієве", "yenakiieve"),  # Є at the start, є inside
        ("Їжакевич", "yizhakevych"),
        ("Київ", "kyiv"),  # ї inside
        ("Йосипівка", "yosypivka"),
        ("Стрийська", "stryiska"),  # й inside
        ("Юрій", "yurii"),
        ("Костянтин", "kostiantyn"),
        ("Яготин", "yahotyn"),
        ("Знам'янка", "znamianka"),  # apostrophe dropped, я after it is inside the word
        ("Знам’янка", "znamianka"),  # the typographic apostrophe too
        ("Згорани", "zghorany"),
        ("Розгон", "rozghon"),
        ("Щербухи", "shcherbukhy"),
        ("Гадяч", "hadiach"),
        ("Ґорґани", "gorgany"),
        ("Жашків", "zhashkiv"),
        ("Ужгород", "uzhhorod"),  # жг is not зг
        ("Бюджет 2026: доходи, видатки!", "biudzhet-2026-dokhody-vydatky"),
        ("Перелік об'єктів — Луцьк (ЦНАП)", "perelik-obiektiv-lutsk-tsnap"),
        ("  Набори   даних  ", "nabory-danykh"),
    ],
)
def test_title_to_name(title, name):
    assert slugify(title) == name


def test_capitals_and_word_starts_after_spaces_and_hyphens():
    assert transliterate("Юлія Я-Ярмолинці") == "Yuliia Ya-Yarmolyntsi"
    assert transliterate("Щастя") == "Shchastia"  # a capital stays a capital


def test_name_is_at_most_100_characters_and_never_ends_with_a_hyphen():
    name = slugify("Дуже довга назва " * 20)
    assert len(name) <= 100
    assert not name.endswith("-")
