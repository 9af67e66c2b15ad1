"""``ckan lutsk-charter required load|export`` through CKAN's CLI."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

HEADER = "code,section,number,name_uk,name_en,source\n"


def _write(tmp_path, text: str):
    path = tmp_path / "835.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _items() -> dict[str, dict]:
    return {
        i["code"]: i
        for i in call_action("lutsk_charter_required_dataset_list", include_inactive=True)
    }


def test_load_the_package_csv_changes_nothing(cli):
    path = resources.files("ckanext.lutsk_charter") / "data" / "835-list.csv"
    result = cli.invoke(ckan, ["lutsk-charter", "required", "load", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 new, 0 changed, 73 unchanged" in result.output


def test_load_creates_and_updates(cli, tmp_path):
    path = _write(
        tmp_path,
        HEADER + "OMS-1,local_self_government,1,Перелік об’єктів комунальної власності,"
        "Register of municipal property,\n"
        ",local_self_government,58,Перелік укриттів,List of shelters,рішення міськради\n",
    )
    result = cli.invoke(ckan, ["lutsk-charter", "required", "load", path])
    assert result.exit_code == 0, result.output
    assert "1 new, 1 changed, 0 unchanged" in result.output
    items = _items()
    assert items["OMS-58"]["source"] == "рішення міськради"
    assert items["OMS-1"]["name_en"] == "Register of municipal property"


def test_bad_lines_are_reported_by_number_and_nothing_is_loaded(cli, tmp_path):
    path = _write(
        tmp_path,
        HEADER
        + ",local_self_government,58,Перелік укриттів,,\n"
        + "OMS-X,local_self_government,59,Поганий код,,\n"
        + ",local_self_government,60,,,\n",
    )
    result = cli.invoke(ckan, ["lutsk-charter", "required", "load", path])
    assert result.exit_code == 1
    assert "Рядок 3: code: «OMS-X» не є кодом пункту" in result.output
    assert "Рядок 4: name_uk: Значення відсутнє" in result.output
    assert "Рядок 2" not in result.output
    assert "2 bad line(s); nothing was loaded" in result.output
    assert "OMS-58" not in _items()


def test_dry_run_checks_without_loading(cli, tmp_path):
    path = _write(tmp_path, HEADER + ",local_self_government,58,Перелік укриттів,,\n")
    result = cli.invoke(ckan, ["lutsk-charter", "required", "load", "--dry-run", path])
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output
    assert "nothing loaded" in result.output
    assert "OMS-58" not in _items()


def test_export_round_trips(cli, tmp_path):
    call_action("lutsk_charter_required_dataset_update", code="ALL-16", active=False)
    out = tmp_path / "out.csv"
    result = cli.invoke(ckan, ["lutsk-charter", "required", "export", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 73
    assert rows[0]["code"] == "ALL-1"
    assert rows[0]["number"] == "1"
    assert next(r for r in rows if r["code"] == "ALL-16")["active"] == "false"
    again = cli.invoke(ckan, ["lutsk-charter", "required", "load", str(out)])
    assert again.exit_code == 0, again.output
    assert "0 new, 0 changed, 73 unchanged" in again.output
