"""A resource that kept its status from ckanext-validation, and no report of ours.

What a person sees: the badge links to the report page, which says what the
status is, that it was imported from the earlier validation, and — for those who
may — offers to validate now (a CSRF-protected POST).
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import site_context, upload
from tests.validation.corpus import ROWS, _csv

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

PASSWORD = "Lutsk-Correct-Horse-42"


@pytest.fixture
def legacy(dataset):
    """A CSV whose ``validation_status`` came from ckanext-validation (no row of ours)."""
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        name="Маршрути",
        url="routes.csv",
        format="CSV",
        upload=upload(_csv(ROWS), "routes.csv"),
        validation_status="failure",
        validation_timestamp="2023-05-04T10:00:00",
    )
    # As on a portal migrated from ckanext-validation: the status is on the resource only.
    model.Session.execute(
        sa.text("DELETE FROM lutsk_charter_validation WHERE resource_id = :id"),
        {"id": resource["id"]},
    )
    model.Session.commit()
    return resource


def test_the_report_page_tells_where_the_status_came_from_and_validates_now(
    page, log_in, dataset, legacy, run_jobs
):
    admin = factories.Sysadmin(password=PASSWORD)
    log_in(admin["name"], PASSWORD)
    page.goto(f"/uk/dataset/{dataset['name']}")
    badge = page.locator(f"li[data-id='{legacy['id']}'] .lutsk-charter-validation-badge")
    assert badge.inner_text() == "Дані: має помилки"
    badge.click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Перевірка даних: Маршрути"
    summary = page.locator(".lutsk-charter-validation-summary").inner_text()
    assert "Дані: має помилки" in summary
    assert "перенесено з попередньої перевірки" in summary
    assert "2023" in summary
    note = page.locator(".lutsk-charter-legacy-status").inner_text()
    assert "«має помилки»" in note
    assert "ckanext-validation" in note
    assert "Перевірте дані зараз" in note
    assert "Цей ресурс ще не перевірявся." not in page.content()
    assert page.get_by_role("link", name="Завантажити звіт (JSON)").count() == 0
    form = page.locator("form").filter(has=page.get_by_role("button", name="Перевірити зараз"))
    assert form.locator("input[name=_csrf_token]").count() == 1

    form.get_by_role("button", name="Перевірити зараз").click()
    page.wait_for_load_state()
    assert "Дані буде перевірено ще раз за мить." in page.content()
    assert page.locator(".lutsk-charter-legacy-status").count() == 0
    run_jobs()
    page.reload()
    assert page.locator(".lutsk-charter-validation-badge").first.inner_text() == "Дані: без помилок"
    assert "Помилок немає" in page.content()


def test_a_visitor_sees_the_status_without_the_button(page, dataset, legacy):
    page.goto(f"/uk/dataset/{dataset['name']}/resource/{legacy['id']}/validation")
    note = page.locator(".lutsk-charter-legacy-status").inner_text()
    assert (
        "перенесено з попередньої перевірки"
        in page.locator(".lutsk-charter-validation-summary").inner_text()
    )
    assert "ckanext-validation" in note
    assert page.get_by_role("button", name="Перевірити зараз").count() == 0


def test_validating_now_needs_the_csrf_token(page, log_in, dataset, legacy):
    admin = factories.Sysadmin(password=PASSWORD)
    log_in(admin["name"], PASSWORD)
    url = f"/uk/dataset/{dataset['name']}/resource/{legacy['id']}/validation/run"
    response = page.request.post(url, max_redirects=0)
    # CKAN 2.12 answers 400; 2.11 sends the browser back with "the form has expired".
    assert response.status in (302, 400, 403)
    assert "/validation/run" not in (response.headers.get("location") or "")
    with pytest.raises(tk.ObjectNotFound):  # nothing was queued
        call_action("lutsk_charter_validation_show", resource_id=legacy["id"])
