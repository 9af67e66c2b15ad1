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


def _frictionless(folder, *args: str) -> dict:
    import subprocess
    import sys
    from pathlib import Path

    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "--json", *args]
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout)


def test_the_downloaded_datapackage_repeats_the_verdict(page, dataset, run_jobs, tmp_path):
    """Dashes for "no number": valid on the portal, and with its datapackage.json for anyone."""
    from tests.validation.corpus import MARKERS

    # Numbers first, so frictionless alone infers integers and then faults every dash.
    numbers = [[f"Район {n}", str(1000 + n), str(n)] for n in range(60)]
    data = _csv([MARKERS[0], *numbers, *MARKERS[1:]], ";", "cp1251")
    resource = call_action(
        "resource_create",
        context=site_context(),
        package_id=dataset["id"],
        name="Школи",
        url="schools.csv",
        format="CSV",
        upload=upload(data, "schools.csv"),
    )
    run_jobs()
    page.goto(f"/uk/dataset/{dataset['name']}/resource/{resource['id']}/validation")
    summary = page.locator(".lutsk-charter-validation-summary").inner_text()
    assert "кодування: windows-1251" in summary
    assert "розділювач: крапка з комою «;»" in summary
    findings = page.locator("ul.lutsk-charter-findings").inner_text()
    assert "Кодування windows-1251 визначено за текстом" in findings
    assert "Колонка «Населення» має «-», «—», «x», «n/a»" in findings
    assert '"missingValues": ["", "-", "n/a", "x", "н/д", "х", "–", "—"]' in findings
    assert (
        "frictionless validate datapackage.json"
        in page.locator(".lutsk-charter-reproduce").inner_text()
    )

    link = page.get_by_role("link", name="Завантажити datapackage.json (щоб повторити перевірку)")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    descriptor = json.loads(response.text())
    [described] = descriptor["resources"]
    assert described["path"] == "schools.csv"
    assert described["encoding"] == "windows-1251"
    assert described["dialect"]["csv"]["delimiter"] == ";"
    (tmp_path / "datapackage.json").write_text(response.text(), encoding="utf-8")
    file_url = call_action("resource_show", id=resource["id"])["url"]
    (tmp_path / "schools.csv").write_bytes(page.request.get(file_url).body())

    assert _frictionless(tmp_path, "datapackage.json")["valid"] is True
    # The same file without the descriptor: every dash is a type error to frictionless.
    assert _frictionless(tmp_path, "schools.csv")["valid"] is False


def test_the_datapackage_of_a_failing_file_fails_too(page, dataset, run_jobs, tmp_path):
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
    page.goto(f"/uk/dataset/{dataset['name']}/resource/{resource['id']}/validation")
    link = page.get_by_role("link", name="Завантажити datapackage.json (щоб повторити перевірку)")
    response = page.request.get(link.get_attribute("href"))
    (tmp_path / "datapackage.json").write_text(response.text(), encoding="utf-8")
    file_url = call_action("resource_show", id=resource["id"])["url"]
    (tmp_path / "routes.csv").write_bytes(page.request.get(file_url).body())
    result = _frictionless(tmp_path, "datapackage.json")
    assert result["valid"] is False
    [task] = result["tasks"]
    assert [(e["type"], e["rowNumber"], e["cell"]) for e in task["errors"]] == [
        ("type-error", 5, "багато")
    ]
