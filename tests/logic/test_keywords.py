"""Ukrainian apostrophes in keywords: accepted in each form, stored as ʼ, found by each form.

Through package_create / package_update and package_search against the real
PostgreSQL and Solr: one keyword, one facet entry, whichever apostrophe was typed.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.keywords import normalize_apostrophes
from tests.conftest import LutskDataset, site_context

FORMS = {"typewriter": "'", "ukrainian": "\u02bc", "quotation": "\u2019"}


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_each_apostrophe_becomes_the_ukrainian_one(form):
    assert normalize_apostrophes(f"пам{form}ятки") == "памʼятки"
    assert normalize_apostrophes(f"з{form}їзд депутатів") == "зʼїзд депутатів"


def test_quotes_and_other_text_are_left_alone():
    assert normalize_apostrophes("'цитата'") == "'цитата'"
    assert normalize_apostrophes("5'") == "5'"
    assert normalize_apostrophes("транспорт") == "транспорт"


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestInDatasets:
    @pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
    def test_a_keyword_with_each_apostrophe_is_accepted_as_tag_string(self, form):
        dataset = LutskDataset(tag_string=f"пам{form}ятки, об{form}єкти, м{form}ясо, з{form}їзд")
        names = sorted(t["name"] for t in dataset["tags"])
        assert names == sorted(["памʼятки", "обʼєкти", "мʼясо", "зʼїзд"])

    @pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
    def test_a_keyword_with_each_apostrophe_is_accepted_as_a_tags_list(self, form):
        dataset = LutskDataset(tag_string=None, tags=[{"name": f"м{form}ясо"}, {"name": "ринки"}])
        assert sorted(t["name"] for t in dataset["tags"]) == ["мʼясо", "ринки"]
        shown = call_action("package_show", id=dataset["id"])
        shown["tags"].append({"name": f"з{form}їзд"})
        updated = call_action("package_update", context=site_context(), **shown)
        assert sorted(t["name"] for t in updated["tags"]) == ["зʼїзд", "мʼясо", "ринки"]

    @pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
    def test_every_form_finds_every_form_and_the_facet_counts_one_keyword(self, form):
        for other in FORMS.values():
            LutskDataset(tag_string=f"пам{other}ятки, культура")
        found = call_action("package_search", q=f"пам{form}ятки", **{"facet.field": '["tags"]'})
        assert found["count"] == 3
        assert found["facets"]["tags"] == {"памʼятки": 3, "культура": 3}
        by_tag = call_action("package_search", fq=f'tags:"пам{form}ятки"')
        assert by_tag["count"] == 3
        listed = call_action("package_search", fq_list=[f'tags:"пам{form}ятки"'])
        assert listed["count"] == 3

    def test_ckans_other_limits_still_hold(self):
        with pytest.raises(tk.ValidationError) as raised:
            LutskDataset(tag_string="пам'ятки, пам'ятки/архітектури")
        assert "tag_string" in raised.value.error_dict
        with pytest.raises(tk.ValidationError) as raised:
            LutskDataset(tag_string="пам'ятки, " + "я" * 101)
        assert "tag_string" in raised.value.error_dict
        with pytest.raises(tk.ValidationError) as raised:
            LutskDataset(tag_string=None, tags=[{"name": "'пам'ятки'"}])
        assert "tags" in raised.value.error_dict
        with pytest.raises(tk.ValidationError) as raised:
            LutskDataset(tag_string="м")
        assert "tag_string" in raised.value.error_dict
