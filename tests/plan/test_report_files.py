"""A report's evidence files: stored with the report, downloaded by whoever may read it."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

CONTENT = "Показник,Значення\n1,2\n".encode()


@pytest.fixture
def report(plan, tmp_path, ckan_config, monkeypatch):
    """A submitted report of the education body on measure 1.2 with one evidence file."""
    from tests.conftest import upload

    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return call_action(
        "lutsk_charter_report_submit",
        context=as_user("admin"),
        measure_id=plan["measures"]["1.2"]["id"],
        period="2024-H1",
        text_uk="Звіт з додатком",
        percent=40,
        upload=[upload(CONTENT, "dodatok.csv")],
    )


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


def test_the_download_page(app, report):
    url = f"/charter/report/{report['id']}/file/dodatok.csv"
    anonymous = app.get(url)
    assert anonymous.status_code == 403
    assert "ІКТ" in anonymous.get_data(as_text=True) or "виконавця" in anonymous.get_data(
        as_text=True
    )
    member = factories.APIToken(user="member")["token"]
    response = app.get(url, headers={"Authorization": member})
    assert response.status_code == 200
    assert response.data == CONTENT
    assert "attachment" in response.headers["Content-Disposition"]
    missing = app.get(
        f"/charter/report/{report['id']}/file/other.csv", headers={"Authorization": member}
    )
    assert missing.status_code == 404
    assert "Звіт не має такого файлу" in missing.get_data(as_text=True)
