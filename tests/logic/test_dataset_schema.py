"""The dataset schema's hard rules, through package_create on the real stack."""

from __future__ import annotations

import datetime as dt
import json

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def _valid(organization_id: str, **overrides):
    data = {
        "name": "budget-2025",
        "title": "Бюджет Луцької міської територіальної громади на 2025 рік",
        "notes": "Показники бюджету громади за доходами та видатками.",
        "tag_string": "бюджет, фінанси",
        "update_frequency": "once a year",
        "purpose_of_collecting_information": "Бюджетний кодекс України, ст. 28.",
        "owner_org": organization_id,
    }
    data.update(overrides)
    return data


def _errors(organization_id: str, **overrides) -> dict:
    with pytest.raises(tk.ValidationError) as raised:
        call_action(
            "package_create", context=site_context(), **_valid(organization_id, **overrides)
        )
    assert not model_has_dataset(overrides.get("name", "budget-2025"))
    return raised.value.error_dict


def model_has_dataset(name: str) -> bool:
    from ckan import model

    return model.Package.get(name) is not None


def test_a_complete_passport_is_stored_and_shown(organization):
    created = call_action(
        "package_create",
        context=site_context(),
        **_valid(
            organization["id"],
            language="en",
            maintainer="Олена Іваненко",
            maintainer_email="  o.ivanenko@lutskrada.gov.ua ",
            data_actuality_date="2025-01-01",
            temporal_start="2024-01-01",
            temporal_end="2024-12-31",
            charter_principles=["open_by_default", "improved_governance"],
            legal_basis="Постанова КМУ № 835, перелік для ОМС, п. 12",
            license_id="cc-by",
        ),
    )
    shown = call_action("package_show", id=created["id"])
    assert shown["language"] == "en"
    assert shown["maintainer_email"] == "o.ivanenko@lutskrada.gov.ua"
    assert shown["data_actuality_date"] == "2025-01-01"
    assert shown["temporal_end"] == "2024-12-31"
    assert shown["charter_principles"] == ["open_by_default", "improved_governance"]
    assert shown["spatial_coverage"] == "Луцька міська територіальна громада"
    assert shown["tags"][0]["name"] in {"бюджет", "фінанси"}


def test_defaults_language_to_ukrainian(organization):
    created = call_action("package_create", context=site_context(), **_valid(organization["id"]))
    assert created["language"] == "ua"


@pytest.mark.ckan_config("ckanext.lutsk_charter.default_spatial_coverage", "Волинська область")
def test_default_spatial_coverage_is_a_setting(organization):
    created = call_action("package_create", context=site_context(), **_valid(organization["id"]))
    assert created["spatial_coverage"] == "Волинська область"


def test_title_is_required_and_at_most_254_characters(organization):
    assert "title" in _errors(organization["id"], title="")
    errors = _errors(organization["id"], title="Б" * 255)
    assert "title" in errors
    created = call_action(
        "package_create", context=site_context(), **_valid(organization["id"], title="Б" * 254)
    )
    assert len(created["title"]) == 254


def test_notes_are_required_and_at_most_4000_characters(organization):
    assert "notes" in _errors(organization["id"], notes="")
    assert "notes" in _errors(organization["id"], notes="о" * 4001)


def test_keywords_are_required_but_a_tags_list_counts(organization):
    errors = _errors(organization["id"], tag_string="")
    assert errors["tag_string"] == ["Додайте принаймні одне ключове слово."]
    created = call_action(
        "package_create",
        context=site_context(),
        **_valid(organization["id"], tag_string=None, tags=[{"name": "бюджет"}]),
    )
    assert [t["name"] for t in created["tags"]] == ["бюджет"]


def test_purpose_is_required_and_at_most_512_characters(organization):
    assert "purpose_of_collecting_information" in _errors(
        organization["id"], purpose_of_collecting_information=""
    )
    assert "purpose_of_collecting_information" in _errors(
        organization["id"], purpose_of_collecting_information="п" * 513
    )


@pytest.mark.parametrize("field", ["update_frequency", "language"])
def test_controlled_lists_refuse_unknown_values(organization, field):
    errors = _errors(organization["id"], **{field: "whenever"})
    assert field in errors


def test_every_data_gov_ua_frequency_is_accepted(organization):
    frequencies = [
        "more than once a day",
        "once a day",
        "once a week",
        "once a month",
        "once a quarter",
        "once a half year",
        "once a year",
        "immediately after making changes",
        "no longer updated",
    ]
    for n, frequency in enumerate(frequencies):
        created = call_action(
            "package_create",
            context=site_context(),
            **_valid(organization["id"], name=f"dataset-{n}", update_frequency=frequency),
        )
        assert created["update_frequency"] == frequency


def test_update_frequency_is_required(organization):
    assert "update_frequency" in _errors(organization["id"], update_frequency="")


def test_maintainer_email_must_be_an_address(organization):
    errors = _errors(organization["id"], maintainer_email="ivanenko at lutskrada")
    assert errors["maintainer_email"] == [
        "«ivanenko at lutskrada» не є правильною адресою електронної пошти."
    ]


def test_data_actuality_date_cannot_be_in_the_future(organization):
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    errors = _errors(organization["id"], data_actuality_date=future)
    assert errors["data_actuality_date"] == ["Ця дата не може бути в майбутньому."]
    errors = _errors(organization["id"], data_actuality_date="31.02.2025")
    assert "data_actuality_date" in errors


def test_temporal_coverage_cannot_end_before_it_starts(organization):
    errors = _errors(organization["id"], temporal_start="2025-06-01", temporal_end="2025-05-31")
    assert errors["temporal_end"] == ["Дата завершення не може бути раніше за дату початку."]


def test_charter_principles_are_a_closed_list(organization):
    errors = _errors(organization["id"], charter_principles=["open_by_default", "speed"])
    assert "charter_principles" in errors


def test_closed_dataset_fields(organization):
    created = call_action(
        "package_create",
        context=site_context(),
        **_valid(
            organization["id"],
            private=True,
            closed_justification="Містить персональні дані до знеособлення.",
            planned_release_date="2026-03-01",
        ),
    )
    assert created["planned_release_date"] == "2026-03-01"
    assert "planned_release_date" in _errors(
        organization["id"], name="other", planned_release_date="незабаром"
    )


def test_new_fields_reach_solr(organization):
    call_action(
        "package_create",
        context=site_context(),
        **_valid(organization["id"], update_frequency="once a quarter"),
    )
    call_action(
        "package_create",
        context=site_context(),
        **_valid(organization["id"], name="daily-air", update_frequency="once a day"),
    )
    found = call_action("package_search", fq='update_frequency:"once a quarter"')
    assert [d["name"] for d in found["results"]] == ["budget-2025"]


class TestResourceFields:
    SCHEMA = {"fields": [{"name": "id", "type": "integer"}, {"name": "назва", "type": "string"}]}

    def test_table_schema_is_stored_and_shown_as_an_object(self, dataset):
        resource = call_action(
            "resource_create",
            context=site_context(),
            package_id=dataset["id"],
            url="https://example.com/a.csv",
            format="CSV",
            schema=json.dumps(self.SCHEMA),
            validation_options={"encoding": "windows-1251", "limit_errors": 50},
        )
        shown = call_action("resource_show", id=resource["id"])
        assert shown["schema"] == self.SCHEMA
        assert shown["validation_options"] == {"encoding": "windows-1251", "limit_errors": 50}

    @pytest.mark.parametrize(
        "schema",
        [
            "{not json",
            json.dumps(["id"]),
            json.dumps({"fields": []}),
            json.dumps({"fields": [{"name": "a", "type": "decimalish"}]}),
        ],
    )
    def test_an_invalid_table_schema_is_refused(self, dataset, schema):
        with pytest.raises(tk.ValidationError) as raised:
            call_action(
                "resource_create",
                context=site_context(),
                package_id=dataset["id"],
                url="https://example.com/a.csv",
                schema=schema,
            )
        assert "schema" in raised.value.error_dict
        assert call_action("package_show", id=dataset["id"])["resources"] == []

    @pytest.mark.parametrize(
        "options", ['{"encodng": "utf-8"}', '{"limit_rows": 0}', '"utf-8"', "{bad"]
    )
    def test_bad_validation_options_are_refused(self, dataset, options):
        with pytest.raises(tk.ValidationError) as raised:
            call_action(
                "resource_create",
                context=site_context(),
                package_id=dataset["id"],
                url="https://example.com/a.csv",
                validation_options=options,
            )
        assert "validation_options" in raised.value.error_dict

    def test_validation_status_is_kept_from_non_sysadmins(self, organization):
        editor = factories.User()
        call_action(
            "organization_member_create",
            id=organization["id"],
            username=editor["name"],
            role="editor",
        )
        dataset = call_action(
            "package_create",
            context=site_context(),
            **_valid(organization["id"]),
            resources=[
                {
                    "url": "https://example.com/a.csv",
                    "format": "CSV",
                    "validation_status": "success",
                    "validation_timestamp": "2024-05-01T10:00:00",
                }
            ],
        )
        resource = dataset["resources"][0]
        assert resource["validation_status"] == "imported"
        assert resource["validation_status_imported"] == "success"
        context = {"user": editor["name"], "ignore_auth": False}
        updated = tk.get_action("resource_patch")(
            context, {"id": resource["id"], "validation_status": "failure", "name": "Бюджет"}
        )
        assert updated["validation_status"] == "imported"
        assert updated["validation_status_imported"] == "success"
        assert updated["validation_timestamp"] == "2024-05-01T10:00:00"
        assert updated["name"] == "Бюджет"
