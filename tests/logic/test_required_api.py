"""The Resolution 835 catalogue through the HTTP API: who gets in, and errors in Ukrainian."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

HEADER = "code,section,number,name_uk,name_en,source\n"


def test_anonymous_reads_the_list_through_the_api(app):
    response = app.get("/api/3/action/lutsk_charter_required_dataset_list?section=all_holders")
    assert [i["code"] for i in response.json["result"]] == [f"ALL-{n}" for n in range(1, 17)]
    app.post(
        "/api/3/action/lutsk_charter_required_dataset_update",
        json={"code": "OMS-1", "active": False},
        status=403,
    )
    app.get("/api/3/action/lutsk_charter_required_dataset_coverage", status=403)


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "",
            "Рядок 2: section: Невідомий розділ «ministries»: вкажіть all_holders або"
            " local_self_government.",
        ),
        (
            "/en",
            "Line 2: section: Unknown section “ministries”: use all_holders or"
            " local_self_government.",
        ),
    ],
)
def test_load_errors_are_in_the_language_of_the_request(app, sysadmin_token, prefix, message):
    response = app.post(
        f"{prefix}/api/3/action/lutsk_charter_required_dataset_load",
        json={"csv": HEADER + ",ministries,3,Щось,,\n"},
        headers={"Authorization": sysadmin_token["token"]},
        status=409,
    )
    assert response.json["error"]["csv"] == [message]


def test_a_bad_item_gets_a_ukrainian_error(app, sysadmin_token, organization):
    response = app.post(
        "/api/3/action/package_create",
        json={
            "name": "reestr-mayna",
            "title": "Реєстр майна",
            "owner_org": organization["id"],
            "notes": "Перелік об'єктів комунальної власності.",
            "tag_string": "майно",
            "update_frequency": "once a month",
            "purpose_of_collecting_information": "Облік майна громади.",
            "required_dataset": "OMS-99",
        },
        headers={"Authorization": sysadmin_token["token"]},
        status=409,
    )
    assert response.json["error"]["required_dataset"] == [
        "«OMS-99» не є пунктом переліку обов’язкових наборів даних Постанови № 835."
    ]
