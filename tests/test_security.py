"""Issue 11: what an attacker or a careless client could do, each closed and kept closed.

Each test here failed before its fix: CSRF that switched itself off, a bad page
number that broke the next requests, private e-mails made public, flags left
with a dataset's old body, synchronous validation without bounds, blanked
required fields, a deleted resource's public report, 500s and silent coercion.
"""

from __future__ import annotations

import json
import re
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, add_csv, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _upload(app, dataset: dict, data: bytes = b"id,name\n1,Lutsk\n") -> dict:
    """Upload a CSV inside a request context of its own (CKAN's uploader needs one).

    Not the ``with_request_context`` fixture: requests made inside one pushed
    context share ``g``, and with it the user of the previous request.
    """
    with app.flask_app.test_request_context():
        return add_csv(dataset, data=data)


API = "/api/3/action/"
#: The Ukrainian refusal of a form without its security token.
CSRF_REFUSAL = "Форма застаріла"


def _body_with(*, admin: dict | None = None, editor: dict | None = None, **extra: Any) -> dict:
    users = []
    if admin:
        users.append({"name": admin["name"], "capacity": "admin"})
    if editor:
        users.append({"name": editor["name"], "capacity": "editor"})
    return LutskOrganization(users=users, **extra)


def _api(app, action: str, token: str | None = None, **data: Any):
    headers = {"Authorization": token} if token else {}
    return app.test_client().post(
        API + action,
        data=json.dumps(data),
        content_type="application/json",
        headers=headers,
    )


#: The password of the users who sign in through the login form below.
PASSWORD = "Correct-Horse-835"


def _browser(app, user: dict):
    """A client signed in through CKAN's real login form, as a person's browser is.

    The session cookie is whatever the running CKAN sets (Flask-Session on 2.12, Beaker
    on 2.11), so this works on both versions; the user must have been made with
    ``password=PASSWORD``.
    """
    client = app.test_client()
    form = client.get("/user/login").get_data(as_text=True)
    token = re.search(r'name="_csrf_token" value="([^"]+)"', form)
    assert token, "the login form carries its CSRF token"
    signed_in = client.post(
        "/user/login",
        data={"login": user["name"], "password": PASSWORD, "_csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.status_code
    me = client.get("/dashboard/datasets", follow_redirects=False)
    assert me.status_code == 200, ("the session cookie signs the user in", me.status_code)
    return client


def _open_flag(dataset_id: str) -> dict:
    flags = call_action("lutsk_charter_flag_list", package_id=dataset_id, status="open")
    assert flags["results"], "a new dataset without resources has open flags"
    return flags["results"][0]


# --- 1. CSRF: every cookie-authenticated POST of ours checks its token ----------------------------


def _our_post_routes(app) -> list[tuple[str, str]]:
    """Every POST route of our blueprint, with placeholder arguments, from the app's url_map."""
    routes = []
    for rule in app.flask_app.url_map.iter_rules():
        if rule.endpoint.startswith("lutsk_charter.") and "POST" in (rule.methods or ()):
            url = rule.rule
            for argument in rule.arguments:
                url = re.sub(rf"<(?:\w+:)?{argument}>", "x", url)
            routes.append((rule.endpoint, url))
    return sorted(routes)


def test_every_post_route_refuses_a_cookie_post_without_token_even_after_a_token_request(app):
    sysadmin = factories.SysadminWithToken(password=PASSWORD)
    routes = _our_post_routes(app)
    endpoints = {endpoint for endpoint, _ in routes}
    assert {
        "lutsk_charter.quality_review",
        "lutsk_charter.required_dataset_edit",
        "lutsk_charter.validation_run",
        "lutsk_charter.responsible_assign",
        "lutsk_charter.responsible_end",
        "lutsk_charter.responsible_change_acknowledge",
    } <= endpoints
    browser = _browser(app, sysadmin)
    for endpoint, url in routes:
        # One request with an API token makes core exempt the view for the process ...
        app.test_client().post(url, headers={"Authorization": sysadmin["token"]}, data={})
        # ... and still a cookie-session POST without the token is refused.
        response = browser.post(url, data={"status": "dismissed", "flag": "x"})
        assert response.status_code == 400, (endpoint, response.status_code)
        assert CSRF_REFUSAL in response.get_data(as_text=True), endpoint


def test_a_token_request_does_not_let_a_forged_form_dismiss_a_flag(app):
    admin = factories.UserWithToken(password=PASSWORD)
    body = _body_with(admin=admin)
    dataset = LutskDataset(owner_org=body["id"])
    flag = _open_flag(dataset["id"])
    token_post = app.test_client().post(
        "/quality/review",
        headers={"Authorization": admin["token"]},
        data={"flag": flag["id"], "status": "acknowledged"},
        follow_redirects=False,
    )
    assert token_post.status_code == 302
    assert call_action("lutsk_charter_flag_list", package_id=dataset["id"], status="acknowledged")[
        "count"
    ]
    second = _open_flag(dataset["id"])

    browser = _browser(app, admin)
    forged = browser.post(
        "/quality/review",
        data={"flag": second["id"], "status": "dismissed", "came_from": "/"},
    )
    assert forged.status_code == 400
    assert CSRF_REFUSAL in forged.get_data(as_text=True)
    assert _status(second["id"]) == "open"

    # The same form, with the token of the admin's session, works.
    page = browser.get(f"/organization/quality/{body['name']}")
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.get_data(as_text=True))
    assert token
    done = browser.post(
        "/quality/review",
        data={
            "_csrf_token": token.group(1),
            "flag": second["id"],
            "status": "dismissed",
            "came_from": "/",
        },
        follow_redirects=False,
    )
    assert done.status_code == 302
    assert _status(second["id"]) == "dismissed"


def _status(flag_id: str) -> str:
    model.Session.remove()
    return model.Session.execute(
        sa.text("SELECT status FROM lutsk_charter_quality_flag WHERE id = :id"), {"id": flag_id}
    ).scalar_one()


# --- 2. bounds, and a database error never poisons the next request -------------------------------


def test_a_huge_page_number_is_a_400_and_the_next_users_page_still_works(app):
    editor = factories.UserWithToken()
    other = factories.UserWithToken()
    body = _body_with(editor=editor)
    _body_with(editor=other, admin=None)
    LutskDataset(owner_org=body["id"])
    url = f"/organization/quality/{body['name']}"
    for page in ("99999999999999999999", "0", "-3", "abc", "1e20", ""):
        response = app.test_client().get(
            url, query_string={"page": page}, headers={"Authorization": editor["token"]}
        )
        assert response.status_code == 400, page
    sysadmin = factories.SysadminWithToken()
    for path in (url, "/ckan-admin/quality", "/ckan-admin/monitoring"):
        assert (
            app.test_client().get(path, headers={"Authorization": sysadmin["token"]}).status_code
            == 200
        ), path
    for path in ("/ckan-admin/quality", "/ckan-admin/monitoring"):
        response = app.test_client().get(
            path, query_string={"page": "99999999999999999999"},
            headers={"Authorization": sysadmin["token"]},
        )  # fmt: skip
        assert response.status_code == 400


def test_a_database_error_is_rolled_back_before_the_request_ends(app):
    """Even when nothing else cleans up (the error page failed too), teardown does."""
    flask_app = app.flask_app
    with flask_app.test_request_context("/organization/quality/x"):
        with pytest.raises(sa.exc.DBAPIError):
            model.Session.execute(sa.text("SELECT 1 / 0"))
        with pytest.raises(sa.exc.InternalError):  # the transaction is now failed
            model.Session.execute(sa.text("SELECT 1"))
        flask_app.do_teardown_request(None)
    assert model.Session.execute(sa.text("SELECT 1")).scalar() == 1


# --- 3. a responsible person's e-mail is private unless the assignment says otherwise -------------


PRIVATE = "olena.private@ukr.net"
OFFICIAL = "kultura@lutskrada.gov.ua"


def test_a_private_email_never_becomes_the_datasets_public_contact(app):
    body = LutskOrganization(contact_email=OFFICIAL)
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="publisher",
        full_name="Олена Коваль",
        email=PRIVATE,
    )
    assert person["contact_public"] is False
    dataset = LutskDataset(owner_org=body["id"], title="Музеї міста")
    shown = call_action("package_show", id=dataset["id"])
    assert (shown["maintainer"], shown["maintainer_email"]) == ("Олена Коваль", OFFICIAL)

    everything = json.dumps(call_action("package_search", q="*:*", rows=100))
    assert PRIVATE not in everything
    assert call_action("package_search", q=f'"{PRIVATE}"')["count"] == 0
    activities = call_action(
        "package_activity_list", id=dataset["id"], include_hidden_activity=True
    )
    assert activities
    assert PRIVATE not in json.dumps(activities)
    register = app.get("/dataset-register.csv").get_data(as_text=True)
    assert "Музеї міста" in register
    assert PRIVATE not in register
    shown_api = app.get(API + "package_show", query_string={"id": dataset["id"]})
    assert PRIVATE not in shown_api.get_data(as_text=True)
    # Not stale either: the body's own address is a proper contact.
    assert dataset["name"] not in {
        d["name"] for d in call_action("lutsk_charter_stale_contacts", organization_id=body["id"])
    }


def test_a_contact_marked_public_is_used():
    body = LutskOrganization(contact_email=OFFICIAL)
    call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="publisher",
        full_name="Петро Мельник",
        email="p.melnyk@lutskrada.gov.ua",
        contact_public=True,
    )
    dataset = LutskDataset(owner_org=body["id"])
    assert dataset["maintainer_email"] == "p.melnyk@lutskrada.gov.ua"


def test_without_an_official_email_the_contact_stays_empty():
    body = LutskOrganization()
    call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="publisher",
        full_name="Олена Коваль",
        email=PRIVATE,
    )
    dataset = LutskDataset(owner_org=body["id"])
    assert dataset["maintainer"] == "Олена Коваль"
    assert not dataset.get("maintainer_email")


def test_contact_public_can_be_corrected_and_is_strict():
    body = LutskOrganization()
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="publisher",
        full_name="Олена Коваль",
        email=PRIVATE,
    )
    corrected = call_action(
        "lutsk_charter_responsible_correct",
        context=site_context(),
        id=person["id"],
        contact_public="true",
    )
    assert corrected["contact_public"] is True
    with pytest.raises(tk.ValidationError) as refused:
        call_action(
            "lutsk_charter_responsible_correct",
            context=site_context(),
            id=corrected["id"],
            contact_public="yes please",
        )
    assert "contact_public" in refused.value.error_dict


# --- 4. flags follow their dataset to its new body ------------------------------------------------


def test_flags_follow_a_dataset_that_moves_to_another_body():
    old_admin, old_editor = factories.User(), factories.User()
    new_admin, new_editor = factories.User(), factories.User()
    old = _body_with(admin=old_admin, editor=old_editor)
    new = _body_with(admin=new_admin, editor=new_editor)
    dataset = LutskDataset(owner_org=old["id"], private=True, title="Таємна назва")
    flag = _open_flag(dataset["id"])

    call_action("package_patch", context=site_context(), id=dataset["id"], owner_org=new["id"])

    listed = call_action(
        "lutsk_charter_flag_list",
        context={"user": old_editor["name"], "ignore_auth": False},
        organization_id=old["id"],
    )
    assert dataset["id"] not in {f["package_id"] for f in listed["results"]}
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_flag_review",
            context={"user": old_admin["name"], "ignore_auth": False},
            id=flag["id"],
            status="dismissed",
        )
    seen = call_action(
        "lutsk_charter_flag_list",
        context={"user": new_editor["name"], "ignore_auth": False},
        organization_id=new["id"],
    )
    assert flag["id"] in {f["id"] for f in seen["results"]}
    assert {f["organization_id"] for f in seen["results"]} == {new["id"]}
    call_action(
        "lutsk_charter_flag_review",
        context={"user": new_admin["name"], "ignore_auth": False},
        id=flag["id"],
        status="dismissed",
    )


def test_review_reads_the_datasets_current_body_even_when_moved_behind_our_back():
    """``package_owner_org_update`` moves a dataset without the update hooks: auth still holds."""
    old_admin, new_admin = factories.User(), factories.User()
    old = _body_with(admin=old_admin)
    new = _body_with(admin=new_admin)
    dataset = LutskDataset(owner_org=old["id"])
    flag = _open_flag(dataset["id"])
    call_action(
        "package_owner_org_update",
        context=site_context(),
        id=dataset["id"],
        organization_id=new["id"],
    )
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_flag_review",
            context={"user": old_admin["name"], "ignore_auth": False},
            id=flag["id"],
            status="dismissed",
        )
    listed = call_action(
        "lutsk_charter_flag_list",
        context={"user": new_admin["name"], "ignore_auth": False},
        organization_id=new["id"],
    )
    assert flag["id"] in {f["id"] for f in listed["results"]}
    call_action(
        "lutsk_charter_flag_review",
        context={"user": new_admin["name"], "ignore_auth": False},
        id=flag["id"],
        status="acknowledged",
    )


def _flag_bodies(dataset_id: str) -> set[str | None]:
    flags = model.Session.execute(
        sa.text(
            "SELECT DISTINCT organization_id FROM lutsk_charter_quality_flag WHERE package_id = :p"
        ),
        {"p": dataset_id},
    )
    return {row[0] for row in flags}


@pytest.mark.parametrize("scope", ["dataset", "body", "portal"])
def test_a_check_moves_the_flags_of_a_dataset_moved_behind_our_back(scope):
    """Moved without the update hooks: the next check, of any scope, moves its flags and score."""
    old, new = LutskOrganization(), LutskOrganization()
    dataset = LutskDataset(owner_org=old["id"])
    assert _flag_bodies(dataset["id"]) == {old["id"]}
    call_action(
        "package_owner_org_update",
        context=site_context(),
        id=dataset["id"],
        organization_id=new["id"],
    )
    model.Session.commit()
    assert _flag_bodies(dataset["id"]) == {old["id"]}  # nothing ran yet
    scoped = {"dataset": {"id": dataset["id"]}, "body": {"organization_id": new["id"]}}
    call_action("lutsk_charter_quality_recheck", context=site_context(), **scoped.get(scope, {}))
    assert _flag_bodies(dataset["id"]) == {new["id"]}
    stored = model.Session.execute(
        sa.text("SELECT organization_id FROM lutsk_charter_dataset_quality WHERE package_id = :p"),
        {"p": dataset["id"]},
    ).scalar()
    assert stored == new["id"]


@pytest.mark.ckan_config("ckanext.lutsk_charter.quality.after_save", "false")
def test_flags_follow_a_moved_dataset_when_saves_are_not_checked():
    old, new = LutskOrganization(), LutskOrganization()
    dataset = LutskDataset(owner_org=old["id"])
    call_action("lutsk_charter_quality_recheck", context=site_context(), id=dataset["id"])
    assert _flag_bodies(dataset["id"]) == {old["id"]}
    call_action("package_patch", context=site_context(), id=dataset["id"], owner_org=new["id"])
    assert _flag_bodies(dataset["id"]) == {new["id"]}


# --- 6. synchronous validation is bounded in size and time ----------------------------------------


@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.sync_max_size_mb", "1")
def test_a_file_over_the_synchronous_bound_is_queued_and_the_answer_says_so(app):
    sysadmin = factories.SysadminWithToken()
    dataset = LutskDataset()
    big = _upload(
        app, dataset, data=b"id,name\n" + b"".join(b"%d,Lutsk\n" % i for i in range(150_000))
    )
    small = _upload(app, dataset)
    response = _api(app, "lutsk_charter_validation_run", sysadmin["token"],
                    resource_id=big["id"], sync=True)  # fmt: skip
    assert response.status_code == 200
    result = response.json["result"]
    assert result["queued"] is True
    assert result["queued_reason"] == "too-big"
    assert result["status"] == "pending"
    done = _api(app, "lutsk_charter_validation_run", sysadmin["token"],
                resource_id=small["id"], sync=True)  # fmt: skip
    assert done.json["result"]["status"] == "success"
    assert "queued" not in done.json["result"]


@pytest.mark.ckan_config("ckanext.lutsk_charter.validation.sync_timeout", "0")
def test_a_validation_past_the_synchronous_time_goes_to_the_background(app, run_jobs):
    sysadmin = factories.SysadminWithToken()
    dataset = LutskDataset()
    resource = _upload(app, dataset, data=b"id,name\n1,Lutsk\n2,Kovel\n")  # queued, not run
    response = _api(app, "lutsk_charter_validation_run", sysadmin["token"],
                    resource_id=resource["id"], sync=True)  # fmt: skip
    result = response.json["result"]
    assert (result["queued"], result["queued_reason"], result["status"]) == (
        True,
        "too-slow",
        "pending",
    )
    run_jobs()  # the worker is not bounded: it finishes the job
    shown = call_action("lutsk_charter_validation_show", resource_id=resource["id"])
    assert shown["status"] == "success"


# --- 7. a correction cannot blank a required field ------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("full_name", ""), ("email", ""), ("full_name", "   "), ("valid_from", "")],
)
def test_responsible_correct_cannot_blank_required_fields(app, field, value):
    sysadmin = factories.SysadminWithToken()
    body = LutskOrganization()
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=body["id"],
        role="creator",
        full_name="Марія Гнатюк",
        email="m.hnatiuk@lutskrada.gov.ua",
    )
    response = _api(app, "lutsk_charter_responsible_correct", sysadmin["token"],
                    id=person["id"], **{field: value})  # fmt: skip
    assert response.status_code == 409
    assert field in response.json["error"]
    current = call_action("lutsk_charter_responsible_list", organization_id=body["id"])
    assert [(p["id"], p["full_name"]) for p in current] == [(person["id"], "Марія Гнатюк")]


# --- 8. a deleted resource's report is not public -------------------------------------------------


def test_a_deleted_resources_report_is_not_public(app):
    editor = factories.User()
    body = _body_with(editor=editor)
    dataset = LutskDataset(owner_org=body["id"])
    resource = _upload(app, dataset, data="id,name\n1,Секретна клітинка\n".encode())
    call_action(
        "lutsk_charter_validation_run",
        context=site_context(),
        resource_id=resource["id"],
        sync=True,
    )
    page = f"/dataset/{dataset['name']}/resource/{resource['id']}/validation"
    assert app.get(page).status_code == 200
    assert call_action(
        "lutsk_charter_validation_show", context={"user": ""}, resource_id=resource["id"]
    )
    call_action("resource_delete", context=site_context(), id=resource["id"])

    for user in ("", factories.User()["name"]):
        with pytest.raises(tk.NotAuthorized):
            call_action(
                "lutsk_charter_validation_show",
                context={"user": user, "ignore_auth": False},
                resource_id=resource["id"],
            )
    for url in (page, page + "/report.json"):
        response = app.get(url)
        assert response.status_code in (403, 404)
        assert "Секретна" not in response.get_data(as_text=True)
    # who may edit the dataset still sees its history
    assert call_action(
        "lutsk_charter_validation_show",
        context={"user": editor["name"], "ignore_auth": False},
        resource_id=resource["id"],
    )["status"]


def test_a_deleted_or_private_datasets_report_is_not_public(app):
    dataset = LutskDataset()
    resource = _upload(app, dataset)
    call_action(
        "lutsk_charter_validation_run",
        context=site_context(),
        resource_id=resource["id"],
        sync=True,
    )
    call_action("package_patch", context=site_context(), id=dataset["id"], private=True)
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_validation_show",
            context={"user": "", "ignore_auth": False},
            resource_id=resource["id"],
        )
    call_action("package_patch", context=site_context(), id=dataset["id"], private=False)
    call_action("package_delete", context=site_context(), id=dataset["id"])
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_validation_show",
            context={"user": "", "ignore_auth": False},
            resource_id=resource["id"],
        )


# --- 9. clear, translated 409s instead of 500s; no silent coercion --------------------------------


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def test_bad_limits_and_offsets_are_409s_even_for_anonymous(app):
    sysadmin = factories.SysadminWithToken()
    body = LutskOrganization()
    calls = [
        ("lutsk_charter_responsible_change_list", {}),
        ("lutsk_charter_monitor_show", {"include_datasets": True}),
        ("lutsk_charter_flag_list", {"organization_id": body["id"]}),
    ]
    for action, data in calls:
        for name in ("limit", "offset"):
            for bad in ("", 1e20, "1e20", 10**20, -1, True, "ten", [5]):
                for token in (sysadmin["token"], None):
                    response = _api(app, action, token, **{**data, name: bad})
                    assert response.status_code == 409, (action, name, bad, token)
                    assert name in response.json["error"]
    # the Ukrainian message, for a person
    response = _api(app, "lutsk_charter_flag_list", sysadmin["token"], limit=1e20)
    assert "ціле число" in response.json["error"]["limit"][0]


def test_strict_types_no_silent_coercion(app):
    sysadmin = factories.SysadminWithToken()
    body = LutskOrganization()
    assign = {
        "organization_id": body["id"],
        "role": "creator",
        "full_name": "Марія Гнатюк",
        "email": "m.hnatiuk@lutskrada.gov.ua",
    }
    bad_inputs = [
        ("lutsk_charter_responsible_assign", {**assign, "full_name": {"a": 1}}, "full_name"),
        ("lutsk_charter_responsible_assign", {**assign, "full_name": ["Марія"]}, "full_name"),
        ("lutsk_charter_responsible_assign", {**assign, "email": 12345}, "email"),
        ("lutsk_charter_responsible_assign", {**assign, "valid_from": ""}, "valid_from"),
        ("lutsk_charter_responsible_assign", {**assign, "valid_from": {"y": 1}}, "valid_from"),
        ("lutsk_charter_responsible_assign", {**assign, "full_name": "Ма\x00рія"}, "full_name"),
        ("lutsk_charter_responsible_assign", {**assign, "full_name": "Ма\ud800рія"}, "full_name"),
        (
            "lutsk_charter_responsible_assign",
            {**assign, "appointing_document": {"number": _nested(100)}},
            "appointing_document",
        ),
        ("lutsk_charter_reminders_send", {"dry_run": "yes please"}, "dry_run"),
        ("lutsk_charter_reminders_send", {"dry_run": 1}, "dry_run"),
        ("lutsk_charter_required_dataset_list", {"include_inactive": "yes"}, "include_inactive"),
        ("lutsk_charter_monitor_show", {"include_datasets": "y"}, "include_datasets"),
        ("lutsk_charter_register_export", {"format": ["csv"]}, "format"),
        ("lutsk_charter_flag_review", {"id": ["a\x00b"], "status": "dismissed"}, "id"),
    ]
    for action, data, field in bad_inputs:
        response = _api(app, action, sysadmin["token"], **data)
        assert response.status_code == 409, (action, field, response.status_code)
        assert field in response.json["error"], (action, field, response.json)
    assert call_action("lutsk_charter_responsible_list", organization_id=body["id"]) == []
    # The words true/false are still understood.
    assert _api(app, "lutsk_charter_reminders_send", sysadmin["token"],
                dry_run="true").status_code == 200  # fmt: skip


def test_a_deeply_nested_schema_and_nul_in_required_dataset_are_409s(app):
    sysadmin = factories.SysadminWithToken()
    dataset = LutskDataset()
    deep = "[" * 100_000 + "]" * 100_000
    for schema in (deep, json.dumps({"fields": _nested(200)})):
        response = _api(app, "resource_create", sysadmin["token"],
                        package_id=dataset["id"], url="https://example.com/a.csv", format="CSV",
                        schema=schema)  # fmt: skip
        assert response.status_code == 409, response.status_code
        assert "schema" in response.json["error"]
    for value in ("ALL-6\x00", "ALL\ud800", {"code": "ALL-6"}, "ALL-6" * 100):
        response = _api(app, "package_patch", sysadmin["token"],
                        id=dataset["id"], required_dataset=value)  # fmt: skip
        assert response.status_code == 409, (value, response.status_code)
        assert "required_dataset" in response.json["error"]
    # and the portal carries on
    assert _api(app, "package_show", None, id=dataset["id"]).status_code == 200
