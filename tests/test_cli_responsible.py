"""``ckan lutsk-charter responsible import|export`` through CKAN's CLI."""

from __future__ import annotations

import csv
import io

import pytest
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

HEADER = (
    "organization,role,full_name,email,phone,position,"
    "document_number,document_date,document_url,valid_from\n"
)


def _write(tmp_path, body: str):
    path = tmp_path / "register.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return str(path)


def _history(organization) -> list:
    return call_action("lutsk_charter_responsible_history", organization_id=organization["id"])


def test_import_loads_every_line(cli, tmp_path, organization):
    path = _write(
        tmp_path,
        (
            f"{organization['name']},publisher,Ковальчук Ірина,i.k@lutskrada.gov.ua,0332724011,"
            "спеціаліст,15-к,2025-01-10,https://lutskrada.gov.ua/o/15,2025-01-13\n"
            f"{organization['name']},creator,Мельник Андрій,a.m@lutskrada.gov.ua,,,,,,\n"
        ),
    )
    result = cli.invoke(ckan, ["lutsk-charter", "responsible", "import", path])
    assert result.exit_code == 0, result.output
    assert "2 person(s) loaded" in result.output
    history = _history(organization)
    assert {h["full_name"] for h in history} == {"Ковальчук Ірина", "Мельник Андрій"}
    assert next(h for h in history if h["role"] == "publisher")["phone"] == "+380332724011"


def test_a_bad_line_loads_nothing_and_is_reported_by_number(cli, tmp_path, organization):
    path = _write(
        tmp_path,
        (
            f"{organization['name']},publisher,Ковальчук Ірина,i.k@lutskrada.gov.ua,,,,,,\n"
            f"{organization['name']},boss,Мельник Андрій,a.m@lutskrada.gov.ua,,,,,,\n"
            f"no-such-body,creator,Шевчук Оксана,not-an-email,,,,,,\n"
        ),
    )
    result = cli.invoke(ckan, ["lutsk-charter", "responsible", "import", path])
    assert result.exit_code != 0
    assert "Рядок 3: role:" in result.output  # through lutsk_charter_responsible_load
    assert "Рядок 4: organization_id:" in result.output
    assert "Рядок 4: email:" in result.output
    assert "Рядок 2" not in result.output
    assert "nothing was loaded" in result.output
    assert _history(organization) == []


def test_dry_run_checks_without_loading(cli, tmp_path, organization):
    path = _write(
        tmp_path, f"{organization['name']},publisher,Ковальчук,i.k@lutskrada.gov.ua,,,,,,\n"
    )
    result = cli.invoke(ckan, ["lutsk-charter", "responsible", "import", "--dry-run", path])
    assert result.exit_code == 0, result.output
    assert "nothing loaded" in result.output
    assert _history(organization) == []


def test_export_writes_the_history(cli, tmp_path, organization):
    path = _write(
        tmp_path, f"{organization['name']},publisher,Ковальчук,i.k@lutskrada.gov.ua,,,,,,\n"
    )
    cli.invoke(ckan, ["lutsk-charter", "responsible", "import", path])
    out = tmp_path / "out.csv"
    result = cli.invoke(ckan, ["lutsk-charter", "responsible", "export", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["organization"], r["role"], r["full_name"], r["current"]) for r in rows] == [
        (organization["name"], "publisher", "Ковальчук", "True")
    ]
