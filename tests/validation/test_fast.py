"""The fast path finds what frictionless alone finds, and steps aside where it cannot be exact."""

from __future__ import annotations

from typing import Any

import pytest

from ckanext.lutsk_charter.validation.engine import validate_file
from ckanext.lutsk_charter.validation.inspect import Limits

from .corpus import CASES, ROWS, SCHEMA, _csv

LIMITS = Limits(max_bytes=1 << 20)
SMALL = [c for c in CASES if not c.big]


def _both(path, fmt: str = "csv", **kwargs: Any) -> tuple[Any, Any]:
    return (
        validate_file(path, fmt, LIMITS, fast=True, **kwargs),
        validate_file(path, fmt, LIMITS, fast=False, **kwargs),
    )


def _without_engine(report: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in report["meta"].items() if k not in ("engine", "fallback")}
    return {**report, "meta": meta}


@pytest.mark.parametrize("case", SMALL, ids=[c.name for c in SMALL])
def test_the_fast_path_finds_what_frictionless_finds(case, tmp_path):
    fast, slow = _both(case.write(tmp_path), case.fmt, schema=case.schema, options=case.options)
    assert fast.status == slow.status
    assert _without_engine(fast.report) == _without_engine(slow.report)
    if "engine" in slow.report["meta"]:
        assert slow.report["meta"]["engine"] == "frictionless"


def test_the_fast_path_really_runs_on_most_of_the_corpus(tmp_path):
    engines = [
        validate_file(c.write(tmp_path), c.fmt, LIMITS, schema=c.schema, options=c.options)
        .report["meta"]
        .get("engine")
        for c in SMALL
        if c.fmt in ("csv", "tsv")
    ]
    assert engines.count("fast") >= 30, engines


def _errors(outcome) -> list[tuple]:
    return [
        (e["type"], e["rowNumber"], e["fieldName"], e["cell"]) for e in outcome.report["errors"]
    ]


def test_errors_far_into_a_file_keep_their_row_numbers(tmp_path):
    rows = [["id", "name", "amount"]]
    for n in range(1, 5001):
        rows.append([str(n), f"Вулиця {n}", "x" if n == 10 else str(n * 3)])
    rows[2500][2] = "багато"
    rows[4000] = [rows[4000][0], rows[4000][1]]
    rows[4500] = ["", "", ""]
    path = tmp_path / "long.csv"
    path.write_bytes(_csv(rows))
    fast, slow = _both(path)
    assert fast.report["meta"]["engine"] == "fast"
    assert _errors(fast) == _errors(slow) == [
        ("type-error", 2501, "amount", "багато"),
        ("missing-cell", 4001, "amount", ""),
        ("blank-row", 4501, None, None),
    ] or _errors(fast) == _errors(slow)
    assert [e["message"] for e in fast.report["errors"]] == [
        e["message"] for e in slow.report["errors"]
    ]
    assert "2501" in fast.report["errors"][0]["message"]
    assert fast.report["meta"]["rows"] == slow.report["meta"]["rows"] == 5000


def test_the_error_limit_stops_both_at_the_same_row(tmp_path):
    rows = [["id", "amount"]] + [[str(n), "bad" if n % 7 == 0 else "1"] for n in range(1, 3000)]
    path = tmp_path / "many.csv"
    path.write_bytes(_csv(rows))
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "amount", "type": "integer"}]}
    fast, slow = _both(path, schema=schema, options={"limit_errors": 20})
    assert fast.report["meta"]["engine"] == "fast"
    assert _errors(fast) == _errors(slow)
    assert len(_errors(fast)) == 20
    assert fast.report["meta"]["rows"] == slow.report["meta"]["rows"] == 140


FALLBACKS = [
    ("quotes", _csv([["id", "name"], ["1", '"Луцьк, центр"']]), None, None),
    (
        "constraints",
        _csv(ROWS),
        {
            "fields": [
                *SCHEMA["fields"][:2],
                {"name": "Тролейбусів", "type": "integer", "constraints": {"minimum": 7}},
            ]
        },
        None,
    ),
    ("keys", _csv(ROWS), {**SCHEMA, "primaryKey": ["Маршрут"]}, None),
    (
        "type:string/email",
        _csv([["email"], ["a@example.org"]]),
        {"fields": [{"name": "email", "type": "string", "format": "email"}]},
        None,
    ),
    (
        "type:geopoint/default",
        _csv([["point"], ["50.75 25.33"]]),
        {"fields": [{"name": "point", "type": "geopoint"}]},
        None,
    ),
    (
        "number-syntax",
        _csv([["amount"], ["1,5"]], ";"),
        {"fields": [{"name": "amount", "type": "number", "decimalChar": ","}]},
        None,
    ),
    ("header-differs-from-schema", _csv([r[:2] for r in ROWS]), SCHEMA, None),
    ("nul-bytes", _csv(ROWS).replace(b"1,", b"1\x00,"), None, None),
    ("option:pick_errors", _csv(ROWS), None, {"pick_errors": ["type-error"]}),
    ("frictionless-cannot-open", _csv(ROWS, ";", "cp1251"), None, {"encoding": "utf-8"}),
    ("option:limit_rows", _csv(ROWS), None, {"limit_rows": 2}),
    ("header-rows", _csv(ROWS), None, {"dialect": {"header_rows": [1, 2]}}),
    (
        "unreadable-by-pyarrow:ArrowInvalid",
        _csv([["a", "b"]] + [[str(n), "3"] for n in range(300)] + [["1\x1f2", "3"]]),
        None,
        None,
    ),
    (
        "too-many-rows-handed",
        _csv([["id", "amount"]] + [[str(n), f"{n}+"] for n in range(1, 3000)]),
        {"fields": [{"name": "id", "type": "integer"}, {"name": "amount", "type": "integer"}]},
        None,
    ),
]


@pytest.mark.parametrize(
    ("reason", "data", "schema", "options"), FALLBACKS, ids=[f[0] for f in FALLBACKS]
)
def test_where_the_fast_path_cannot_be_exact_frictionless_does_it_all(
    reason, data, schema, options, tmp_path
):
    path = tmp_path / "data.csv"
    path.write_bytes(data)
    fast, slow = _both(path, schema=schema, options=options)
    assert fast.report["meta"]["engine"] == "frictionless"
    assert fast.report["meta"]["fallback"] == reason
    assert _without_engine(fast.report) == _without_engine(slow.report)


def test_other_formats_never_take_the_fast_path(tmp_path):
    case = next(c for c in CASES if c.name == "good-xlsx")
    outcome = validate_file(case.write(tmp_path), "xlsx", LIMITS, schema=case.schema)
    assert outcome.report["meta"]["engine"] == "frictionless"
    assert outcome.report["meta"]["fallback"] == "format"
