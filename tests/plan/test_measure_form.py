"""The sysadmins' measure form: an edit keeps the rest and can unbind a live indicator."""

from __future__ import annotations

import pytest
from ckan.tests.helpers import call_action

from tests.plan.city import PLAN_NAME, build_plan_city

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


@pytest.fixture
def plan_city():
    return build_plan_city()


def _form_values(page: str) -> dict[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    form = soup.find("form", id="lc-measure-form")
    assert form is not None
    values: dict[str, str] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "textarea":
            values[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            if field.has_attr("multiple"):
                continue  # lists are sent below
            values[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                values[name] = field.get("value", "on")
        else:
            values[name] = field.get("value", "")
    return values


def test_an_edit_changes_the_title_and_unbinds_the_indicator(app, plan_city):
    sysadmin = plan_city["people"]["sysadmin"]
    measure = plan_city["measures"]["overdue"]
    call_action(
        "lutsk_charter_measure_update",
        context={"user": sysadmin["name"], "ignore_auth": False},
        id=measure["id"],
        indicator_code="public_datasets",
        indicator_target=50,
    )
    headers = {"Authorization": sysadmin["token"]}
    url = f"/uk/ckan-admin/charter/{PLAN_NAME}/measure/1.2/edit"
    page = app.get(url, headers=headers)
    assert page.status_code == 200
    values = _form_values(page.get_data(as_text=True))
    assert values["title_uk"] == "Відкрити дані про заклади освіти"
    assert values["indicator_code"] == "public_datasets"
    values |= {"title_uk": "Відкрити дані про всі заклади освіти", "indicator_code": ""}
    data = [(k, v) for k, v in values.items()]
    data += [("principles", "open_by_default"), ("principles", "accessible_and_usable")]
    from werkzeug.datastructures import MultiDict

    saved = app.post(url, data=MultiDict(data), headers=headers, follow_redirects=False)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    shown = call_action(
        "lutsk_charter_measure_show",
        context={"user": sysadmin["name"], "ignore_auth": False},
        id=measure["id"],
    )
    assert shown["title_uk"] == "Відкрити дані про всі заклади освіти"
    assert not (shown.get("live_indicator") or {}).get("code")
    assert shown["description_uk"] == "Перелік закладів освіти з адресами."
    assert shown["deadline"]["value"] == "2025-H1"
    assert sorted(shown["principles"]) == ["accessible_and_usable", "open_by_default"]


def test_a_refused_edit_keeps_the_values_and_says_why(app, plan_city):
    sysadmin = plan_city["people"]["sysadmin"]
    headers = {"Authorization": sysadmin["token"]}
    url = f"/uk/ckan-admin/charter/{PLAN_NAME}/measure/1.2/edit"
    values = _form_values(app.get(url, headers=headers).get_data(as_text=True))
    values |= {"title_uk": "Нова назва", "status": "cancelled", "cancel_reason_uk": ""}
    response = app.post(url, data=values, headers=headers)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Вкажіть причину скасування заходу." in page
    assert _form_values(page)["title_uk"].strip() == "Нова назва"  # a textarea
