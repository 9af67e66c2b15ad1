"""A visitor reads a body's passport on its "about" page."""

from __future__ import annotations

import pytest
from ckan.tests.helpers import call_action

from tests.conftest import site_context, valid_edrpou

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_body_passport_shows_labels_not_codes(page):
    parent = call_action(
        "organization_create",
        context=site_context(),
        name="housing",
        title="Департамент житлово-комунального господарства",
        edrpou=valid_edrpou(),
        body_kind="executive_body",
    )
    call_action(
        "organization_create",
        context=site_context(),
        name="lutskteplo",
        title="КП «Луцьктепло»",
        edrpou="03190024",
        body_kind="municipal_enterprise",
        parent_body=parent["id"],
        contact_phone="0332 25-00-00",
        description="<script>alert('x')</script> Теплопостачання.",
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/uk/organization/about/lutskteplo")
    passport = page.locator("table.lutsk-charter-body-passport")
    assert passport.locator("tr", has_text="Код ЄДРПОУ").inner_text().endswith("03190024")
    assert "Комунальне підприємство" in passport.inner_text()
    assert "municipal_enterprise" not in passport.inner_text()
    parent_link = passport.get_by_role("link", name="Департамент житлово-комунального господарства")
    assert parent_link.get_attribute("href").endswith(f"/organization/{parent['id']}")
    assert "+380332250000" in passport.inner_text()
    # The description is user input: shown, never run.
    assert "Теплопостачання." in page.inner_text("body")
    assert dialogs == []
