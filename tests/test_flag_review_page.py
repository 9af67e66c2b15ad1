"""The review form of a body's quality flags is shown to exactly those its auth lets review."""

from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.conftest import LutskDataset, LutskOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_the_review_form_is_for_the_bodys_admins_and_sysadmins(app):
    admin, editor = factories.UserWithToken(), factories.UserWithToken()
    body = LutskOrganization(
        users=[
            {"name": admin["name"], "capacity": "admin"},
            {"name": editor["name"], "capacity": "editor"},
        ]
    )
    LutskDataset(owner_org=body["id"])  # no resources: at least one open flag
    sysadmin = factories.SysadminWithToken()
    for who, user, sees_form in (
        ("editor", editor, False),
        ("admin", admin, True),
        ("sysadmin", sysadmin, True),
    ):
        page = app.test_client().get(
            f"/organization/quality/{body['name']}", headers={"Authorization": user["token"]}
        )
        assert page.status_code == 200, who
        html = page.get_data(as_text=True)
        assert "lc-flag-table" in html or "<table" in html, who
        assert ('id="lc-review"' in html) == sees_form, who
