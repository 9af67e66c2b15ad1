"""Values of the old portal: normalised on save; ``ckan lutsk-charter legacy check|fix``."""

from __future__ import annotations

import pytest
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter import legacy
from ckanext.lutsk_charter.demo import load
from tests.conftest import LutskDataset, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


@pytest.mark.parametrize(
    ("given", "stored"), [("uk", "ua"), ("ukr", "ua"), ("UA", "ua"), ("Українська", "ua")]
)
def test_language_aliases_are_normalised_on_save(organization, given, stored):
    dataset = LutskDataset(owner_org=organization["id"], language=given)
    assert dataset["language"] == stored


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Once a year", "once a year"),
        ("ONCE A MONTH ", "once a month"),
        ("щороку", "once a year"),
        ("Щокварталу", "once a quarter"),
        ("annually", "once a year"),
        ("Відразу після внесення змін", "immediately after making changes"),
    ],
)
def test_frequency_spellings_are_normalised_on_save(organization, given, stored):
    dataset = LutskDataset(owner_org=organization["id"], update_frequency=given)
    assert dataset["update_frequency"] == stored


@pytest.mark.parametrize(
    ("given", "stored"), [("csv", "CSV"), (".xlsx", "XLSX"), ("text/csv", "CSV"), ("shp", "SHP")]
)
def test_formats_are_normalised_on_save(organization, given, stored):
    dataset = LutskDataset(
        owner_org=organization["id"],
        resources=[{"url": "https://example.com/data", "format": given}],
    )
    assert dataset["resources"][0]["format"] == stored


def test_an_unknown_value_is_still_refused_in_ukrainian(organization):
    import ckan.plugins.toolkit as tk

    with pytest.raises(tk.ValidationError) as raised:
        LutskDataset(owner_org=organization["id"], language="klingon")
    assert raised.value.error_dict["language"]


def test_aliases_are_pure():
    assert legacy.language("UKR") == "ua"
    assert legacy.language("xx") == "xx"
    assert legacy.frequency("Half-yearly") == "once a half year"
    assert legacy.frequency("whenever") == "whenever"
    assert legacy.resource_format(" .CSV ", {"csv": "CSV"}) == "CSV"
    assert legacy.resource_format("my format", {}) == "my format"


def test_check_finds_the_demo_legacy_dataset_and_fix_fixes_what_is_safe(cli):
    load(echo=lambda line: None)
    result = cli.invoke(ckan, ["lutsk-charter", "legacy", "check"])
    assert result.exit_code == 1, result.output
    assert "old-portal-parking" in result.output
    assert "refused tag_string: Додайте принаймні одне ключове слово." in result.output
    assert "fixable language: 'uk' → 'ua'" in result.output
    assert "fixable update_frequency: 'Щороку' → 'once a year'" in result.output
    assert "fixable resources[1].format: 'csv' → 'CSV'" in result.output
    report = call_action("lutsk_charter_legacy_check", context=site_context())
    assert [d["name"] for d in report["datasets"]] == ["old-portal-parking"]
    assert report["checked"] >= 30

    dry = cli.invoke(ckan, ["lutsk-charter", "legacy", "fix", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would fix language: 'uk' → 'ua'" in dry.output
    assert call_action("package_show", id="old-portal-parking")["language"] == "uk"

    fixed = cli.invoke(ckan, ["lutsk-charter", "legacy", "fix"])
    assert fixed.exit_code == 0, fixed.output
    shown = call_action("package_show", id="old-portal-parking")
    assert shown["language"] == "ua"
    assert shown["update_frequency"] == "once a year"
    assert shown["resources"][0]["format"] == "CSV"
    (searched,) = call_action("package_search", fq="name:old-portal-parking")["results"]
    assert searched["language"] == "ua"
    after = call_action("lutsk_charter_legacy_check", context=site_context())
    (left,) = after["datasets"]
    assert left["fixes"] == []
    assert [p["field"] for p in left["refused"]] == ["tag_string"]


def test_fix_saves_through_package_patch_when_nothing_else_is_wrong(organization):
    from ckan import model

    dataset = LutskDataset(owner_org=organization["id"])
    package = model.Package.get(dataset["id"])
    package.extras = {**package.extras, "language": "ukr"}
    model.repo.commit()
    result = call_action("lutsk_charter_legacy_fix", context=site_context(), id=dataset["id"])
    (one,) = result["datasets"]
    assert one["fixed"] == "saved"
    assert call_action("package_show", id=dataset["id"])["language"] == "ua"


def test_only_sysadmins_check():
    import ckan.plugins.toolkit as tk
    from ckan.tests import factories

    user = factories.User()
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_legacy_check", context={"user": user["name"], "ignore_auth": False}
        )
