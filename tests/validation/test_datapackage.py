"""The stored Data Package resource reproduces the portal's verdict with plain frictionless."""

from __future__ import annotations

import json

import pytest
from frictionless import Checklist, Package

from ckanext.lutsk_charter.validation.engine import validate_file
from ckanext.lutsk_charter.validation.inspect import Limits
from ckanext.lutsk_charter.validation.package import datapackage

from .corpus import CASES

LIMITS = Limits(max_bytes=1 << 20)
DESCRIBED = [c for c in CASES if not c.big and c.fmt != "json"]


@pytest.mark.parametrize("case", DESCRIBED, ids=[c.name for c in DESCRIBED])
def test_frictionless_alone_gives_the_same_verdict(case, tmp_path):
    path = case.write(tmp_path)
    outcome = validate_file(path, case.fmt, LIMITS, schema=case.schema, options=case.options)
    described = outcome.report["meta"].get("datapackage")
    if described is None:
        # Stopped before frictionless (empty, binary, HTML, zip bomb...): nothing to reproduce.
        assert outcome.status in ("failure", "error")
        return
    package = datapackage(described, name="lutsk-test", title="Test", path=path.name)
    (tmp_path / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False))
    options = described.get("lutsk_charter:options") or {}
    report = Package(str(tmp_path / "datapackage.json")).validate(
        Checklist(pick_errors=options.get("pick_errors") or [])
    )
    assert report.valid == (outcome.status == "success"), report.flatten(["type", "note"])
    errors = [(e.type, getattr(e, "row_number", None)) for e in report.tasks[0].errors]
    assert errors[: len(outcome.report["errors"])] == [
        (e["type"], e["rowNumber"]) for e in outcome.report["errors"]
    ]


def test_the_descriptor_says_how_to_run_it():
    package = datapackage(
        {"name": "data", "path": "x.csv", "lutsk_charter:options": {"pick_errors": ["type-error"]}},
        name="routes",
        title="Маршрути",
        path="routes.csv",
    )
    assert package["resources"][0]["path"] == "routes.csv"
    command = "frictionless validate datapackage.json --pick-errors type-error"
    assert command in package["description"]
