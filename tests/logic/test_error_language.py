"""Errors come in the language of the request: Ukrainian by default, English on /en."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("", "Код ЄДРПОУ має складатися рівно з 8 цифр."),
        ("/uk", "Код ЄДРПОУ має складатися рівно з 8 цифр."),
        ("/en", "The ЄДРПОУ code must be exactly 8 digits."),
    ],
)
def test_api_errors_are_translated(app, sysadmin_token, prefix, message):
    response = app.post(
        f"{prefix}/api/3/action/organization_create",
        json={"name": "finance", "title": "Фінанси", "edrpou": "123", "body_kind": "other"},
        headers={"Authorization": sysadmin_token["token"]},
        status=409,
    )
    assert response.json["error"]["edrpou"] == [message]
