"""The register of responsible persons: actions, rules and notices, on the real stack."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.lutsk_charter.clock import today as portal_today
from tests.conftest import LutskDataset, LutskOrganization, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def member(organization: dict, capacity: str) -> dict:
    user = factories.User()
    call_action(
        "organization_member_create",
        context=site_context(),
        id=organization["id"],
        username=user["name"],
        role=capacity,
    )
    return user


def act(action: str, user: dict | None, **data):
    """Call an action as a user, with auth checked (call_action skips it)."""
    context = {"user": user["name"] if user else "", "ignore_auth": False}
    return tk.get_action(action)(context, data)


def assign(organization: dict, **overrides) -> dict:
    data = {
        "organization_id": organization["id"],
        "role": "publisher",
        "full_name": "Ковальчук Ірина Василівна",
        "email": "i.kovalchuk@lutskrada.gov.ua",
        "phone": "0332 72-40-11",
        "position": "головний спеціаліст",
        "appointing_document": {
            "number": "15-к",
            "date": "2025-01-10",
            "url": "https://www.lutskrada.gov.ua/orders/15-k",
        },
        "valid_from": "2025-01-13",
    }
    data.update(overrides)
    return call_action("lutsk_charter_responsible_assign", context=site_context(), **data)


class TestAssign:
    def test_records_a_person_with_the_order(self, organization):
        person = assign(organization)
        assert person["id"]
        assert person["phone"] == "+380332724011"
        assert person["appointing_document"] == {
            "number": "15-к",
            "date": "2025-01-10",
            "url": "https://www.lutskrada.gov.ua/orders/15-k",
        }
        assert person["valid_from"] == "2025-01-13"
        assert person["valid_to"] is None
        assert person["current"] is True
        listed = call_action("lutsk_charter_responsible_list", organization_id=organization["name"])
        assert [p["id"] for p in listed] == [person["id"]]

    def test_defaults_to_today_and_allows_several_per_role(self, organization):
        first = assign(organization, valid_from=None)
        second = assign(organization, full_name="Мельник Андрій", email="a.melnyk@lutskrada.gov.ua")
        assert first["valid_from"] == portal_today().isoformat()  # Kyiv's day, not UTC's
        listed = call_action("lutsk_charter_responsible_list", organization_id=organization["id"])
        assert {p["id"] for p in listed} == {first["id"], second["id"]}

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"email": "kovalchuk at lutskrada"},
                "email",
                "«kovalchuk at lutskrada» не є правильною адресою електронної пошти.",
            ),
            (
                {"role": "owner"},
                "role",
                "Невідома роль «owner»: вкажіть creator (створює) або publisher (оприлюднює).",
            ),
            (
                {"organization_id": "no-such-body"},
                "organization_id",
                "Немає організації «no-such-body».",
            ),
            ({"full_name": ""}, "full_name", None),
            (
                {"valid_from": "13.01.2025"},
                "valid_from",
                "«13.01.2025» не є датою; запишіть її як РРРР-ММ-ДД.",
            ),
            (
                {"phone": "12-34"},
                "phone",
                "Введіть український номер телефону, наприклад +380 332 77-70-00.",
            ),
            (
                {"appointing_document": {"number": "1", "url": "lutskrada.gov.ua"}},
                "appointing_document",
                "Введіть повну вебадресу, що починається з http:// або https://.",
            ),
        ],
    )
    def test_bad_input_is_refused_with_a_clear_error(self, organization, overrides, field, message):
        with pytest.raises(tk.ValidationError) as raised:
            assign(organization, **overrides)
        assert field in raised.value.error_dict
        if message:
            assert raised.value.error_dict[field] == [message]
        assert call_action("lutsk_charter_responsible_change_list")["count"] == 0
        assert model.Session.query(model.Group).count() == 1  # nothing else was created


class TestEndAndCorrect:
    def test_ending_keeps_the_record_in_history(self, organization):
        person = assign(organization)
        ended = call_action(
            "lutsk_charter_responsible_end",
            context=site_context(),
            id=person["id"],
            valid_to="2025-06-30",
            reason="звільнення",
        )
        assert ended["valid_to"] == "2025-06-30"
        assert ended["end_reason"] == "звільнення"
        assert ended["current"] is False
        assert (
            call_action("lutsk_charter_responsible_list", organization_id=organization["id"]) == []
        )
        history = call_action(
            "lutsk_charter_responsible_history", organization_id=organization["id"]
        )
        assert [h["id"] for h in history] == [person["id"]]

    def test_cannot_end_before_it_started(self, organization):
        person = assign(organization)
        with pytest.raises(tk.ValidationError) as raised:
            call_action(
                "lutsk_charter_responsible_end",
                context=site_context(),
                id=person["id"],
                valid_to="2024-12-31",
            )
        assert raised.value.error_dict["valid_to"] == [
            "Дата завершення не може бути раніше за дату початку."
        ]
        assert call_action("lutsk_charter_responsible_list", organization_id=organization["id"])

    def test_cannot_end_twice(self, organization):
        person = assign(organization)
        call_action("lutsk_charter_responsible_end", context=site_context(), id=person["id"])
        with pytest.raises(tk.ValidationError) as raised:
            call_action("lutsk_charter_responsible_end", context=site_context(), id=person["id"])
        assert raised.value.error_dict["id"] == ["Це призначення вже завершено."]

    def test_unknown_assignment(self, organization):
        with pytest.raises(tk.ObjectNotFound):
            call_action("lutsk_charter_responsible_end", context=site_context(), id="nope")

    def test_correction_supersedes_and_keeps_the_old_record(self, organization):
        person = assign(organization)
        fixed = call_action(
            "lutsk_charter_responsible_correct",
            context=site_context(),
            id=person["id"],
            email="i.kovalchuk@lutsk.ua",
            reason="помилка в адресі",
        )
        assert fixed["id"] != person["id"]
        assert fixed["supersedes"] == person["id"]
        assert fixed["email"] == "i.kovalchuk@lutsk.ua"
        assert fixed["full_name"] == person["full_name"]
        assert fixed["valid_from"] == person["valid_from"]
        history = call_action(
            "lutsk_charter_responsible_history", organization_id=organization["id"]
        )
        by_id = {h["id"]: h for h in history}
        assert by_id[person["id"]]["superseded_by"] == fixed["id"]
        assert by_id[person["id"]]["email"] == "i.kovalchuk@lutskrada.gov.ua"
        current = call_action("lutsk_charter_responsible_list", organization_id=organization["id"])
        assert [c["id"] for c in current] == [fixed["id"]]


class TestChangeFeed:
    def test_every_change_is_in_the_feed_and_on_the_activity_stream(self, organization):
        admin = member(organization, "admin")
        person = call_action(
            "lutsk_charter_responsible_assign",
            context={"user": admin["name"]},
            organization_id=organization["id"],
            role="creator",
            full_name="Шевчук Оксана",
            email="o.shevchuk@lutskrada.gov.ua",
        )
        call_action(
            "lutsk_charter_responsible_end", context={"user": admin["name"]}, id=person["id"]
        )
        feed = call_action("lutsk_charter_responsible_change_list", acknowledged=False)
        assert feed["count"] == 2
        assert [c["kind"] for c in feed["results"]] == ["ended", "assigned"]
        assert feed["results"][0]["organization"]["name"] == organization["name"]
        activities = call_action("organization_activity_list", id=organization["id"])
        ours = [a for a in activities if a["activity_type"] == "changed responsible person"]
        assert [a["data"]["kind"] for a in ours] == ["ended", "assigned"]
        assert ours[0]["user_id"] == admin["id"]
        assert "email" not in ours[0]["data"]

    def test_acknowledging(self, organization):
        assign(organization)
        change = call_action("lutsk_charter_responsible_change_list")["results"][0]
        sysadmin = factories.Sysadmin()
        done = call_action(
            "lutsk_charter_responsible_change_acknowledge",
            context={"user": sysadmin["name"]},
            id=change["id"],
        )
        assert done["acknowledged"] is True
        assert done["acknowledged_by"] == sysadmin["id"]
        assert (
            call_action("lutsk_charter_responsible_change_list", acknowledged=False)["count"] == 0
        )
        assert call_action("lutsk_charter_responsible_change_list", acknowledged=True)["count"] == 1


class TestNotice:
    @pytest.mark.ckan_config("ckanext.lutsk_charter.ict_emails", "opendata@lutskrada.gov.ua")
    def test_ict_and_body_admins_receive_a_bilingual_mail(self, organization, smtp_inbox, run_jobs):
        admin = member(organization, "admin")
        assign(organization, role="creator")
        run_jobs()
        assert {tuple(m["to"]) for m in smtp_inbox} == {
            ("opendata@lutskrada.gov.ua",),
            (admin["email"],),
        }
        message = smtp_inbox[0]["message"]
        assert organization["title"] in message["Subject"]
        assert "Змінилися відповідальні особи" in message["Subject"]
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert "Особа: Ковальчук Ірина Василівна, головний спеціаліст" in body
        assert "Роль: створює відкриті дані" in body
        assert "Person: Ковальчук Ірина Василівна" in body
        assert "Role: creates open data" in body
        assert "15-к" in body
        assert body.index("Особа:") < body.index("English") < body.index("Person:")

    def test_no_recipients_no_mail(self, organization, smtp_inbox, run_jobs):
        call_action(
            "lutsk_charter_responsible_assign",
            context={"user": "", "ignore_auth": True},
            organization_id=organization["id"],
            role="publisher",
            full_name="Х",
            email="x@lutskrada.gov.ua",
        )
        run_jobs()
        assert smtp_inbox == []


class TestStaleContactsAndMaintainer:
    def test_stale_contacts_lists_datasets_of_people_not_current(self, organization):
        assign(organization, email="current@lutskrada.gov.ua")
        fresh = LutskDataset(
            owner_org=organization["id"],
            maintainer="К",
            maintainer_email="Current@lutskrada.gov.ua",
        )
        stale = LutskDataset(
            owner_org=organization["id"], maintainer="Л", maintainer_email="left@lutskrada.gov.ua"
        )
        other_body = LutskOrganization()
        elsewhere = LutskDataset(
            owner_org=other_body["id"], maintainer="К", maintainer_email="current@lutskrada.gov.ua"
        )
        found = call_action("lutsk_charter_stale_contacts")
        assert {d["name"] for d in found} == {stale["name"], elsewhere["name"]}
        assert fresh["name"] not in {d["name"] for d in found}
        only = call_action("lutsk_charter_stale_contacts", organization_id=organization["id"])
        assert [d["name"] for d in only] == [stale["name"]]

    def test_a_new_dataset_gets_the_current_publisher(self, organization):
        assign(organization, role="creator", full_name="Творець", email="c@lutskrada.gov.ua")
        # the person agreed to be the public contact (else the body's official e-mail is used)
        assign(
            organization, full_name="Публікатор", email="p@lutskrada.gov.ua", contact_public=True
        )
        created = LutskDataset(owner_org=organization["id"])
        assert (created["maintainer"], created["maintainer_email"]) == (
            "Публікатор",
            "p@lutskrada.gov.ua",
        )
        own = LutskDataset(owner_org=organization["id"], maintainer="Інша особа")
        assert own["maintainer"] == "Інша особа"

    @pytest.mark.ckan_config("ckanext.lutsk_charter.fill_maintainer_from_publisher", "false")
    def test_filling_the_maintainer_is_a_setting(self, organization):
        assign(organization)
        assert not LutskDataset(owner_org=organization["id"]).get("maintainer")
