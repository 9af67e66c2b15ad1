"""Every file of the corpus ends in the expected status with a clear code; none crashes."""

from __future__ import annotations

import json
import re

import pytest

from ckanext.lutsk_charter.validation.engine import validate_file
from ckanext.lutsk_charter.validation.inspect import Limits

from .corpus import CASES

LIMITS = Limits(max_bytes=1 << 20)  # 1 MB, so the over-size case stays small
BIG_LIMITS = Limits(max_bytes=2 << 30)

#: What UTF-8 read as a single-byte encoding (or the reverse) looks like.
MOJIBAKE = re.compile(r"[ÐÑ][\u0080-\u00bf]|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|�|РЎ|Р[°±]|С[‚ѓ]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_SUPPLEMENT = re.compile(r"[\u00c0-\u00ff]")


def _codes(report: dict) -> set[str]:
    return {f["code"] for f in report["findings"]} | {e["type"] for e in report["errors"]}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_outcome(case, tmp_path):
    path = case.write(tmp_path)
    outcome = validate_file(
        path, case.fmt, BIG_LIMITS if case.big else LIMITS, schema=case.schema, options=case.options
    )
    assert outcome.status == case.status, outcome.report
    for code in ([case.code] if case.code else []) + list(case.findings):
        assert code in _codes(outcome.report), outcome.report
    if case.encoding:
        assert outcome.report["meta"]["encoding"] == case.encoding
    if case.delimiter:
        assert outcome.report["meta"]["delimiter"] == case.delimiter
    if case.status == "success":
        assert not [f for f in outcome.report["findings"] if f["severity"] == "error"]
    assert len(str(outcome.report)) < 300_000


TEXT_CASES = [c for c in CASES if c.text]


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.name for c in TEXT_CASES])
def test_no_report_shows_mojibake(case, tmp_path):
    """The file's own words show as written: no Ð/Ã/Ñ sequences, no script of another file."""
    outcome = validate_file(case.write(tmp_path), case.fmt, LIMITS, options=case.options)
    # The markers we read as missing (Cyrillic kha among them) are ours, not the file's.
    outcome.report["meta"]["datapackage"]["schema"].pop("missingValues")
    shown = json.dumps(outcome.report, ensure_ascii=False)
    assert case.text in shown
    assert not MOJIBAKE.search(shown), shown
    if case.script == "latin":
        assert not CYRILLIC.search(shown), shown
    if case.script == "cyrillic":
        assert not LATIN_SUPPLEMENT.search(shown), shown


def test_the_mojibake_test_sees_mojibake(tmp_path):
    """The patterns catch the two usual ways of getting it wrong."""
    assert MOJIBAKE.search("Кінцева".encode().decode("latin-1"))
    assert MOJIBAKE.search("Région".encode().decode("cp1252"))
    assert CYRILLIC.search("Région".encode("cp1252").decode("cp1251"))


def test_corpus_is_big_enough():
    assert len(CASES) >= 30
    assert {c.status for c in CASES} == {"success", "failure", "error"}
    encodings = {c.encoding for c in CASES}
    assert {"utf-8", "utf-16", "utf-32", "windows-1251", "koi8-u", "windows-1252"} <= encodings
    assert {"iso-8859-1", "iso-8859-2", "iso-8859-7"} <= encodings
    assert {",", ";", "\t", "|"} <= {c.delimiter for c in CASES} | {","}


def test_encoding_and_delimiter_are_detected(tmp_path):
    case = next(c for c in CASES if c.name == "koi8u-semicolon")
    outcome = validate_file(case.write(tmp_path), "csv", LIMITS, schema=case.schema)
    assert outcome.report["meta"]["encoding"] == "koi8-u"
    assert outcome.report["meta"]["delimiter"] == ";"
    assert outcome.report["meta"]["rows"] == 3


def test_a_guess_says_how_sure_it_is(tmp_path):
    case = next(c for c in CASES if c.name == "windows-1251-guessed")
    outcome = validate_file(case.write(tmp_path), "csv", LIMITS)
    [guessed] = [f for f in outcome.report["findings"] if f["code"] == "encoding-guessed"]
    assert guessed["severity"] == "warning"
    assert guessed["args"]["encoding"] == "windows-1251"
    assert guessed["args"]["confidence"] >= 90
    assert outcome.report["meta"]["encoding_confidence"] == guessed["args"]["confidence"]


def test_a_declared_encoding_is_not_a_guess(tmp_path):
    case = next(c for c in CASES if c.name == "declared-encoding-wins")
    outcome = validate_file(case.write(tmp_path), "csv", LIMITS, options=case.options)
    codes = _codes(outcome.report)
    assert "encoding-guessed" not in codes
    assert outcome.report["meta"]["encoding_confidence"] == 100


def test_markers_are_named_per_column_with_the_declaration(tmp_path):
    case = next(c for c in CASES if c.name == "markers-without-schema")
    outcome = validate_file(case.write(tmp_path), "csv", LIMITS)
    found = {f["args"]["column"]: f["args"] for f in outcome.report["findings"]}
    assert set(found) == {"Населення", "Шкіл"}
    assert found["Населення"]["markers"] == "«-», «—», «x», «n/a»"
    assert found["Населення"]["row"] == 3
    assert found["Шкіл"]["markers"] == "«–», «х», «н/д»"
    declared = json.loads(found["Шкіл"]["declaration"])["missingValues"]
    assert set(declared) == {"", "-", "—", "x", "n/a", "–", "х", "н/д"}
    schema = outcome.report["meta"]["datapackage"]["schema"]
    assert [f["type"] for f in schema["fields"]] == ["string", "integer", "integer"]


def test_with_a_schema_only_its_missing_values_apply(tmp_path):
    case = next(c for c in CASES if c.name == "markers-with-schema-fail")
    outcome = validate_file(case.write(tmp_path), "csv", LIMITS, schema=case.schema)
    cells = {(e["fieldName"], e["cell"]) for e in outcome.report["errors"]}
    assert ("Населення", "-") in cells
    assert ("Шкіл", "н/д") in cells
    assert "missing-value-markers" not in _codes(outcome.report)


def test_the_format_option_overrides_the_resource_format(tmp_path):
    path = tmp_path / "routes.txt"
    path.write_bytes(CASES[0].make)  # a good CSV, published as TXT
    outcome = validate_file(path, "txt", LIMITS, schema=CASES[0].schema, options={"format": "csv"})
    assert outcome.status == "success"
    assert outcome.report["meta"]["rows"] == 3
