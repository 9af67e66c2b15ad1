"""Issue 10 on the real stack: URL names from titles, bulk acknowledgement, plural forms,
blank names, dates in the reader's language."""

from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import LutskDataset, LutskOrganization, site_context

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)


def test_a_dataset_without_a_name_gets_one_from_its_title(organization):
    first = LutskDataset(owner_org=organization["id"], title="Музеї Луцька", name="")
    assert first["name"] == "muzei-lutska"
    second = LutskDataset(owner_org=organization["id"], title="Музеї Луцька", name="")
    assert second["name"] == "muzei-lutska-2"  # taken: the next free one
    updated = call_action(
        "package_patch", context=site_context(), id=first["id"], title="Зовсім інша назва"
    )
    assert updated["name"] == "muzei-lutska"  # an existing dataset is never renamed


def test_a_name_given_is_kept(organization):
    dataset = LutskDataset(owner_org=organization["id"], title="Музеї Луцька", name="museums")
    assert dataset["name"] == "museums"


def test_plural_forms_of_the_limit_and_the_count():
    from ckanext.lutsk_charter.logic.validators import lutsk_charter_max_length

    def message(limit: int, text: str) -> str:
        with pytest.raises(tk.Invalid) as error:
            lutsk_charter_max_length(limit)(text, {})
        return str(error.value.error)

    assert message(72, "я" * 73) == "Дозволено щонайбільше 72 символи; тут 73 символи."
    assert message(1, "яя") == "Дозволено щонайбільше 1 символ; тут 2 символи."
    assert message(5, "я" * 11) == "Дозволено щонайбільше 5 символів; тут 11 символів."
    assert message(21, "я" * 25) == "Дозволено щонайбільше 21 символ; тут 25 символів."


def _assign(organization: dict, n: int) -> dict:
    return call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=organization["id"],
        role="creator",
        full_name=f"Особа {n}",
        email=f"p{n}@lutskrada.gov.ua",
        valid_from="2025-01-13",
    )


def test_changes_are_filtered_by_kind_and_acknowledged_in_bulk():
    culture = LutskOrganization()
    sport = LutskOrganization()
    persons = [_assign(culture, n) for n in range(4)]
    for person in persons[:3]:
        call_action(
            "lutsk_charter_responsible_end",
            context=site_context(),
            id=person["id"],
            reason="переведення",
        )
    _assign(sport, 9)
    sysadmin = factories.Sysadmin()
    context = {"user": sysadmin["name"], "ignore_auth": False}
    ended = call_action(
        "lutsk_charter_responsible_change_list", context=dict(context), kind="ended"
    )
    assert ended["count"] == 3
    assert {c["kind"] for c in ended["results"]} == {"ended"}

    one = ended["results"][0]["id"]
    done = call_action(
        "lutsk_charter_responsible_change_acknowledge_many", context=dict(context), id=[one]
    )
    assert done == {"count": 1}
    again = call_action(
        "lutsk_charter_responsible_change_acknowledge_many", context=dict(context), id=one
    )
    assert again == {"count": 0}  # the first acknowledgement stays

    everything = call_action(
        "lutsk_charter_responsible_change_acknowledge_many",
        context=dict(context),
        organization_id=culture["id"],
    )
    assert everything == {"count": 4 + 3 - 1}
    left = call_action(
        "lutsk_charter_responsible_change_list", context=dict(context), acknowledged=False
    )
    assert left["count"] == 1
    assert left["results"][0]["organization_id"] == sport["id"]

    with pytest.raises(tk.ObjectNotFound):
        call_action(
            "lutsk_charter_responsible_change_acknowledge_many",
            context=dict(context),
            id=[left["results"][0]["id"], "no-such-change"],
        )
    assert (
        call_action(
            "lutsk_charter_responsible_change_list", context=dict(context), acknowledged=False
        )["count"]
        == 1
    )  # all or nothing
    with pytest.raises(tk.ValidationError) as error:
        call_action("lutsk_charter_responsible_change_list", context=dict(context), kind="renamed")
    assert "kind" in error.value.error_dict


def test_only_sysadmins_acknowledge_in_bulk():
    user = factories.User()
    with pytest.raises(tk.NotAuthorized):
        call_action(
            "lutsk_charter_responsible_change_acknowledge_many",
            context={"user": user["name"], "ignore_auth": False},
        )


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_item_name_is_refused_in_ukrainian(blank):
    item = call_action("lutsk_charter_required_dataset_list")[0]
    with pytest.raises(tk.ValidationError) as error:
        call_action("lutsk_charter_required_dataset_update", code=item["code"], name_uk=blank)
    assert "не може бути порожнім чи з самих пробілів" in error.value.error_dict["name_uk"][0]


def test_dates_in_the_readers_language_and_kyiv_time():
    from ckanext.lutsk_charter.helpers import lutsk_charter_datetime

    utc = dt.datetime(2026, 12, 1, 7, 36, tzinfo=dt.timezone.utc)
    assert " ".join(lutsk_charter_datetime(utc).split()) == "1 грудня 2026 р., 09:36"
    assert " ".join(lutsk_charter_datetime("2026-12-01T07:36:00").split()) == (
        "1 грудня 2026 р., 09:36"  # naive = UTC, as CKAN stores it
    )
    assert " ".join(lutsk_charter_datetime("2026-12-01").split()) == "1 грудня 2026 р."
    assert lutsk_charter_datetime(None) == ""
    assert lutsk_charter_datetime("not a date") == "not a date"
