"""``ckan lutsk-charter check``: the cron entry of the quality checks."""

from __future__ import annotations

import pytest
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def _shorten_behind_the_hooks(dataset) -> None:
    """A change the after-save check does not see (e.g. SQL run by hand)."""
    from ckan import model

    model.Package.get(dataset["id"]).notes = "Опис, що став надто коротким."
    model.repo.commit()


def test_check_opens_and_resolves_flags_and_says_what_it_did(cli, organization):
    dataset = LutskDataset(owner_org=organization["id"], notes="Докладний опис. " * 10)
    result = cli.invoke(ckan, ["lutsk-charter", "check"])
    assert result.exit_code == 0, result.output
    assert "1 dataset(s) checked: 0 flag(s) opened, 0 resolved" in result.output

    _shorten_behind_the_hooks(dataset)
    result = cli.invoke(ckan, ["lutsk-charter", "check", "--org", organization["name"]])
    assert result.exit_code == 0, result.output
    assert "1 dataset(s) checked: 1 flag(s) opened" in result.output
    assert "1 dataset(s) indexed again" in result.output
    found = call_action("package_search", fq="charter_flags:description_too_short")
    assert [d["name"] for d in found["results"]] == [dataset["name"]]

    call_action("package_patch", context=site_context(), id=dataset["id"], notes="Опис. " * 30)
    result = cli.invoke(ckan, ["lutsk-charter", "check"])
    assert "0 flag(s) opened, 0 resolved" in result.output  # resolved at the save already
    resolved = call_action("lutsk_charter_flag_list", package_id=dataset["id"], status="resolved")
    assert [f["code"] for f in resolved["results"]] == ["description_too_short"]


def test_check_refuses_an_unknown_body(cli):
    result = cli.invoke(ckan, ["lutsk-charter", "check", "--org", "no-such-body"])
    assert result.exit_code != 0
    assert "--org" in result.output


def test_check_in_the_background_runs_as_a_job(cli, organization, run_jobs):
    dataset = LutskDataset(owner_org=organization["id"], notes="Докладний опис. " * 10)
    _shorten_behind_the_hooks(dataset)
    result = cli.invoke(ckan, ["lutsk-charter", "check", "--background"])
    assert result.exit_code == 0, result.output
    assert "queued" in result.output
    assert "description_too_short" not in {
        f["code"]
        for f in call_action("lutsk_charter_flag_list", package_id=dataset["id"])["results"]
    }
    run_jobs()
    flags = call_action("lutsk_charter_flag_list", package_id=dataset["id"])
    assert "description_too_short" in {f["code"] for f in flags["results"]}
