"""A report's evidence files: stored with the report, downloaded by whoever may read it."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from tests.plan.conftest import EVIDENCE as CONTENT
from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")


@pytest.fixture
def report(evidence_report):
    return evidence_report


def _file(user, report, name="dodatok.csv"):
    return call_action(
        "lutsk_charter_report_file_show",
        context=as_user(user),
        report_id=report["id"],
        name=name,
    )


def test_the_action_names_the_file_and_where_to_download_it(report):
    found = _file("member", report)
    assert found["name"] == "dodatok.csv"
    assert found["size"] == len(CONTENT)
    assert found["url"].endswith(f"/charter/report/{report['id']}/file/dodatok.csv")


def test_a_report_under_review_is_read_by_its_body_and_the_ict_only(report):
    assert _file("sys", report)["name"] == "dodatok.csv"
    assert _file("editor", report)["name"] == "dodatok.csv"
    for outsider in (None, "plain", "other"):
        with pytest.raises(tk.NotAuthorized):
            _file(outsider, report)


def test_an_accepted_report_is_public(report):
    call_action(
        "lutsk_charter_report_review",
        context=as_user("sys"),
        id=report["id"],
        state="accepted",
    )
    assert _file(None, report)["size"] == len(CONTENT)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"report_id": "no-such-report", "name": "dodatok.csv"}, tk.ObjectNotFound),
        ({"name": "dodatok.csv"}, tk.ValidationError),
        ({"report_id": ["x"], "name": "dodatok.csv"}, tk.ValidationError),
    ],
)
def test_unknown_or_bad_input_is_refused(report, data, error):
    with pytest.raises(error):
        call_action("lutsk_charter_report_file_show", context=as_user("sys"), **data)


def test_an_unknown_file_of_a_known_report_is_not_found(report):
    with pytest.raises(tk.ObjectNotFound):
        _file("sys", report, name="other.csv")
