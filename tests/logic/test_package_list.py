"""``package_list`` honours ``include_private`` / ``include_drafts`` / ``include_deleted``.

CKAN's own lists only active public datasets whatever the options, so
``ckanapi dump datasets --all --include-private --include-drafts`` left out every
private dataset and draft (the round trip itself is ``tests/test_roundtrip.py``).
Each caller gets only what package_show would show them anyway.
"""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def portal():
    member, stranger, author = factories.User(), factories.User(), factories.User()
    body = LutskOrganization(
        users=[
            {"name": member["name"], "capacity": "member"},
            {"name": author["name"], "capacity": "editor"},
        ]
    )
    other = LutskOrganization()
    names = {
        "public": LutskDataset(owner_org=body["id"], name="public")["name"],
        "private": LutskDataset(owner_org=body["id"], name="private", private=True)["name"],
        "elsewhere": LutskDataset(owner_org=other["id"], name="elsewhere", private=True)["name"],
        "draft": call_action(
            "package_create",
            context={"user": author["name"], "ignore_auth": False},
            **{**_fields(), "owner_org": body["id"], "name": "draft", "state": "draft"},
        )["name"],
        "gone": LutskDataset(owner_org=body["id"], name="gone")["name"],
    }
    call_action("package_delete", context=site_context(), id="gone")
    return {"member": member, "stranger": stranger, "author": author, "names": names}


def _fields() -> dict:
    return {
        "title": "Чернетка",
        "notes": "Набір даних Луцької міської територіальної громади, ще не опублікований.",
        "tag_string": "чернетка",
        "update_frequency": "once a month",
        "purpose_of_collecting_information": "Облік чернеток.",
    }


def _list(user: dict | None, **options) -> list[str]:
    context = {"user": user["name"] if user else "", "ignore_auth": False}
    return call_action("package_list", context=context, **options)


def test_without_options_only_active_public_datasets(portal):
    assert _list(None) == ["public"]
    assert _list(factories.Sysadmin()) == ["public"]


def test_private_datasets_for_whoever_may_read_them(portal):
    assert _list(None, include_private=True) == ["public"]
    assert _list(portal["stranger"], include_private=True) == ["public"]
    assert _list(portal["member"], include_private=True) == ["private", "public"]
    assert _list(factories.Sysadmin(), include_private=True) == [
        "elsewhere", "private", "public"
    ]  # fmt: skip


def test_drafts_for_their_author_and_sysadmins_deleted_for_sysadmins(portal):
    assert _list(portal["member"], include_drafts=True) == ["public"]
    assert _list(portal["author"], include_drafts=True) == ["draft", "public"]
    sysadmin = factories.Sysadmin()
    assert _list(sysadmin, include_drafts=True, include_deleted=True) == [
        "draft", "gone", "public"
    ]  # fmt: skip
    assert _list(portal["author"], include_deleted=True) == ["public"]
    everything = _list(sysadmin, include_private=True, include_drafts=True, include_deleted=True)
    assert everything == ["draft", "elsewhere", "gone", "private", "public"]
    assert _list(sysadmin, include_private=True, limit=2, offset=1) == ["private", "public"]


def test_a_wrong_limit_is_a_409_in_ukrainian(app):
    response = app.get("/api/3/action/package_list?include_private=true&limit=-1", status=409)
    assert response.json["error"]["limit"] == ["Вкажіть ціле число, 0 або більше."]
