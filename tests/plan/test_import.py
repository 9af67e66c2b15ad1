"""Importing a plan's measures: all or nothing, bad lines by number, dry run, CLI, export back."""

from __future__ import annotations

import base64
import io

import ckan.plugins.toolkit as tk
import pytest
from ckan.cli.cli import ckan
from ckan.tests.helpers import call_action
from openpyxl import Workbook

from tests.plan.conftest import as_user

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "with_request_context")

HEADER = "number,title_uk,title_en,principles,lead_organization,deadline_kind,deadline,status\n"
GOOD = (
    HEADER
    + "3.1,Новий захід,New measure,accessible_and_usable,education,year,2025,planned\n"
    + '1.1,Захід 1.1 змінений,Measure 1.1,"open_by_default, improved_governance",'
    + "education,quarter,2024-Q2,done\n"
)
BAD = (
    HEADER
    + "3.1,Новий захід,New measure,accessible_and_usable,education,year,2025,planned\n"
    + "3.2,Захід,Measure,openness,education,year,2025,planned\n"
    + "3.3,,Measure,open_by_default,nobody,year,2025,planned\n"
    + "3.4,Захід,Measure,open_by_default,education,quarter,2025,planned\n"
)


def _numbers() -> list[str]:
    return [m["number"] for m in call_action("lutsk_charter_measure_list", context=as_user("sys"))]


def test_import_creates_and_updates(plan):
    result = call_action(
        "lutsk_charter_plan_import", context=as_user("sys"), id=plan["plan"]["id"], content=GOOD
    )
    assert result == {"created": 1, "updated": 1, "unchanged": 0, "rows": 2, "dry_run": False}
    assert _numbers() == ["1.1", "1.2", "2.1", "3.1"]
    shown = call_action(
        "lutsk_charter_measure_show", context=as_user(None), id=plan["measures"]["1.1"]["id"]
    )
    assert shown["status"] == "done"
    assert shown["principles"] == ["open_by_default", "improved_governance"]


def test_bad_lines_are_reported_by_number_and_nothing_is_stored(plan):
    with pytest.raises(tk.ValidationError) as error:
        call_action(
            "lutsk_charter_plan_import", context=as_user("sys"), id=plan["plan"]["id"], content=BAD
        )
    rows = error.value.error_dict["rows"]
    assert [r.split(":")[0] for r in rows] == ["рядок 3", "рядок 4", "рядок 5"]
    assert "principles" in rows[0]
    assert "title_uk" in rows[1]
    assert "lead_organization_id" in rows[1]
    assert "deadline" in rows[2]
    assert _numbers() == ["1.1", "1.2", "2.1"]  # 3.1 was good, but all or nothing


def test_dry_run_stores_nothing(plan):
    result = call_action(
        "lutsk_charter_plan_import",
        context=as_user("sys"),
        id=plan["plan"]["id"],
        content=GOOD,
        dry_run=True,
    )
    assert result["created"] == 1
    assert result["dry_run"] is True
    assert _numbers() == ["1.1", "1.2", "2.1"]


def test_xlsx_and_export_round_trip(plan):
    exported = call_action("lutsk_charter_plan_export", context=as_user(None), format="csv")
    assert exported["content"].startswith("number,section_uk")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    lines = [line.split(",") for line in HEADER.strip().split("\n")]
    sheet.append(lines[0])
    sheet.append(
        [
            "4.1",
            "Захід з таблиці",
            "",
            "open_by_default",
            "transport",
            "date",
            "2025-05-31",
            "planned",
        ]
    )
    out = io.BytesIO()
    book.save(out)
    result = call_action(
        "lutsk_charter_plan_import",
        context=as_user("sys"),
        id=plan["plan"]["id"],
        content=base64.b64encode(out.getvalue()).decode(),
        format="xlsx",
    )
    assert result["created"] == 1
    again = call_action(
        "lutsk_charter_plan_import",
        context=as_user("sys"),
        id=plan["plan"]["id"],
        content=call_action("lutsk_charter_plan_export", context=as_user(None), format="csv")[
            "content"
        ],
    )
    assert again["unchanged"] == 4
    formula = HEADER + "4.2,=1+2,,open_by_default,transport,year,2025,planned\n"
    call_action(
        "lutsk_charter_plan_import", context=as_user("sys"), id=plan["plan"]["id"], content=formula
    )
    exported = call_action("lutsk_charter_plan_export", context=as_user(None), format="csv")
    assert "'=1+2" in exported["content"]  # neutralised in the export
    titles = {m["number"]: m["title_uk"] for m in call_action("lutsk_charter_measure_list")}
    assert titles["4.2"] == "=1+2"
    assert titles["4.1"] == "Захід з таблиці"


def test_cli_import_bad_lines_and_dry_run(cli, plan, tmp_path):
    bad = tmp_path / "plan.csv"
    bad.write_text(BAD, encoding="utf-8")
    result = cli.invoke(ckan, ["lutsk-charter", "plan", "import", str(bad)])
    assert result.exit_code != 0
    assert "рядок 3" in result.output
    assert "рядок 5" in result.output
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    result = cli.invoke(ckan, ["lutsk-charter", "plan", "import", str(good), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 created, 1 updated" in result.output
    assert _numbers() == ["1.1", "1.2", "2.1"]
    result = cli.invoke(ckan, ["lutsk-charter", "plan", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert _numbers() == ["1.1", "1.2", "2.1", "3.1"]
    out = tmp_path / "out.csv"
    result = cli.invoke(ckan, ["lutsk-charter", "plan", "export", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("\n") == 5
