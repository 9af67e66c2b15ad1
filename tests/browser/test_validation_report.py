"""A publisher reads the validation report of a resource in Ukrainian."""

from __future__ import annotations

import json

import pytest
from ckan.tests.helpers import call_action

from tests.conftest import site_context, upload
from tests.validation.corpus import ROWS, SCHEMA, _csv

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_report_page_in_ukrainian(page, dataset, run_jobs):
    bad = _csv([*ROWS, ["5", "Вокзал", "багато"]], ";", "cp1251")
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        name="Маршрути",
        url="routes.csv",
        format="CSV",
        upload=upload(bad, "routes.csv"),
        schema=SCHEMA,
    )
    run_jobs()

    page.goto(f"/uk/dataset/{dataset['name']}")
    badge = page.locator(f"li[data-id='{resource['id']}'] .lutsk-charter-validation-badge")
    assert badge.inner_text() == "Дані: має помилки"
    badge.click()

    assert page.locator("h1").inner_text() == "Перевірка даних: Маршрути"
    findings = page.locator("ul.lutsk-charter-findings").inner_text()
    assert "Файл у кодуванні windows-1251, а не UTF-8." in findings
    assert "Що робити:" in findings
    row = page.locator("table.lutsk-charter-errors tbody tr").first
    cells = row.locator("td").all_inner_texts()
    assert cells[:4] == ["Неправильний тип значення", "5", "Тролейбусів", "багато"]
    assert "типу колонки" in cells[4]

    link = page.get_by_role("link", name="Завантажити звіт (JSON)")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers.get("content-disposition", "").startswith("attachment"), (
        response.url,
        response.status,
        response.headers,
    )
    raw = json.loads(response.text())
    assert raw["status"] == "failure"
    assert raw["report"]["errors"][0]["type"] == "type-error"


def test_a_visitor_cannot_see_the_report_of_a_private_dataset(page, organization, run_jobs):
    from tests.conftest import LutskDataset

    private = LutskDataset(owner_org=organization["id"], private=True)
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=private["id"],
        url="a.csv",
        format="CSV",
        upload=upload(_csv(ROWS), "a.csv"),
    )
    run_jobs()
    response = page.goto(f"/uk/dataset/{private['name']}/resource/{resource['id']}/validation")
    assert response.status in (403, 404)
    assert "Тролейбусів" not in page.content()
