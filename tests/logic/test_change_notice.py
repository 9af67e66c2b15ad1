"""Honest notices: the feed says whether a change's e-mail was queued, sent or failed,
and a sysadmin resends a failed one."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action, call_auth

from tests.conftest import LutskOrganization, site_context

pytestmark = [
    pytest.mark.usefixtures("with_plugins", "clean_db"),
    pytest.mark.ckan_config("ckanext.lutsk_charter.ict_emails", "opendata@lutskrada.gov.ua"),
]


def _assign(body: dict) -> dict:
    return call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="publisher",
        full_name="Петренко Іван",
        email="publisher@lutskrada.gov.ua",
    )


def _change() -> dict:
    model.Session.expire_all()  # the worker wrote in its own process
    (change,) = call_action(
        "lutsk_charter_responsible_change_list", context=site_context(), acknowledged=False
    )["results"]
    return change


def test_a_notice_is_queued_then_sent(smtp_inbox, run_jobs):
    person = _assign(LutskOrganization())
    assert person["notice"] == "queued"
    assert _change()["notice_state"] == "queued"
    run_jobs()
    assert [m["to"] for m in smtp_inbox] == [["opendata@lutskrada.gov.ua"]]
    assert _change()["notice_state"] == "sent"


def test_a_failed_notice_shows_in_the_feed_and_is_resent(app, run_jobs):
    _assign(LutskOrganization())
    run_jobs()  # no mail server listens on smtp.server: the job fails
    change = _change()
    assert change["notice_state"] == "failed"
    assert "opendata@lutskrada.gov.ua" in change["notice_error"]

    sysadmin = factories.SysadminWithToken()
    headers = {"Authorization": sysadmin["token"]}
    page = app.get("/uk/ckan-admin/responsible-changes", headers=headers).get_data(as_text=True)
    assert "не надіслано" in page
    assert f"/ckan-admin/responsible-changes/{change['id']}/resend" in page

    response = app.post(
        f"/uk/ckan-admin/responsible-changes/{change['id']}/resend",
        headers=headers,
        follow_redirects=False,
    )
    assert response.status_code == 302
    assert _change()["notice_state"] == "queued"


def test_only_sysadmins_resend():
    _assign(LutskOrganization())
    admin = factories.User()
    with pytest.raises(tk.NotAuthorized):
        call_auth(
            "lutsk_charter_responsible_change_resend",
            context={"user": admin["name"]},
            id=_change()["id"],
        )


def test_the_admin_reads_that_the_ict_department_will_be_notified(app):
    admin = factories.UserWithToken()
    body = LutskOrganization(users=[{"name": admin["name"], "capacity": "admin"}])
    response = app.post(
        f"/uk/organization/responsible/{body['name']}/assign",
        headers={"Authorization": admin["token"]},
        data={"role": "creator", "full_name": "Гнатюк Марія", "email": "m@lutskrada.gov.ua"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Гнатюк Марія — записано. Управління ІКТ буде повідомлено електронною поштою." in page
