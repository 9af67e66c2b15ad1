"""Who may do what with the register of responsible persons: every action, every kind of user."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskOrganization, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

USERS = ("anonymous", "member", "editor", "admin_of_another_body", "admin", "sysadmin")


@pytest.fixture
def world(organization):
    """The body, one assignment and one change, and a user of each kind."""
    other = LutskOrganization()
    users: dict[str, dict | None] = {"anonymous": None, "sysadmin": factories.Sysadmin()}
    for kind, org, capacity in (
        ("member", organization, "member"),
        ("editor", organization, "editor"),
        ("admin", organization, "admin"),
        ("admin_of_another_body", other, "admin"),
    ):
        users[kind] = factories.User()
        call_action(
            "organization_member_create",
            context=site_context(),
            id=org["id"],
            username=users[kind]["name"],
            role=capacity,
        )
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=organization["id"],
        role="publisher",
        full_name="Ковальчук Ірина",
        email="i.kovalchuk@lutskrada.gov.ua",
        phone="0332 72-40-11",
    )
    change = call_action("lutsk_charter_responsible_change_list")["results"][0]
    return {"organization": organization, "users": users, "person": person, "change": change}


def allowed(world, who: str, action: str, data: dict) -> bool:
    user = world["users"][who]
    try:
        tk.check_access(action, {"user": user["name"] if user else ""}, data)
    except tk.NotAuthorized:
        return False
    return True


def _who_may(world, action: str, data: dict) -> set[str]:
    return {who for who in USERS if allowed(world, who, action, data)}


def test_assign_end_and_correct_are_for_the_body_admins_and_sysadmins(world):
    body = {"organization_id": world["organization"]["name"]}
    assert _who_may(world, "lutsk_charter_responsible_assign", body) == {"admin", "sysadmin"}
    one = {"id": world["person"]["id"]}
    assert _who_may(world, "lutsk_charter_responsible_end", one) == {"admin", "sysadmin"}
    assert _who_may(world, "lutsk_charter_responsible_correct", one) == {"admin", "sysadmin"}


def test_current_persons_are_public_by_default(world):
    body = {"organization_id": world["organization"]["id"]}
    assert _who_may(world, "lutsk_charter_responsible_list", body) == set(USERS)


@pytest.mark.ckan_config("ckanext.lutsk_charter.responsible_persons_public", "false")
def test_current_persons_can_be_kept_to_the_body(world):
    body = {"organization_id": world["organization"]["id"]}
    assert _who_may(world, "lutsk_charter_responsible_list", body) == {
        "member",
        "editor",
        "admin",
        "sysadmin",
    }


def test_contacts_are_shown_to_the_body_and_sysadmins_only(world):
    seen = {}
    for who in USERS:
        user = world["users"][who]
        listed = tk.get_action("lutsk_charter_responsible_list")(
            {"user": user["name"] if user else ""},
            {"organization_id": world["organization"]["id"]},
        )
        assert listed[0]["full_name"] == "Ковальчук Ірина"
        seen[who] = "email" in listed[0] and "phone" in listed[0]
    assert {who for who, has in seen.items() if has} == {"member", "editor", "admin", "sysadmin"}


def test_history_is_for_members_of_the_body(world):
    body = {"organization_id": world["organization"]["id"]}
    assert _who_may(world, "lutsk_charter_responsible_history", body) == {
        "member",
        "editor",
        "admin",
        "sysadmin",
    }


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("lutsk_charter_responsible_change_list", {}),
        ("lutsk_charter_responsible_change_acknowledge", {"id": "change"}),
        ("lutsk_charter_stale_contacts", {}),
    ],
)
def test_the_ict_department_tools_are_for_sysadmins(world, action, data):
    if data.get("id") == "change":
        data = {"id": world["change"]["id"]}
    assert _who_may(world, action, data) == {"sysadmin"}


def test_an_unknown_body_gives_no_rights(world):
    assert _who_may(world, "lutsk_charter_responsible_assign", {"organization_id": "nope"}) == {
        "sysadmin"
    }
    assert _who_may(world, "lutsk_charter_responsible_end", {"id": "nope"}) == {"sysadmin"}
