"""A report's evidence file through its download page (no request context of the tests'
own: with it, CKAN's test app would take an API token's request for anonymous)."""

from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.plan.conftest import EVIDENCE as CONTENT

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def test_the_download_page(app, evidence_report):
    report = evidence_report
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
