"""Every file of the corpus ends in the expected status with a clear code; none crashes."""

from __future__ import annotations

import pytest

from ckanext.lutsk_charter.validation.engine import validate_file
from ckanext.lutsk_charter.validation.inspect import Limits

from .corpus import CASES

LIMITS = Limits(max_bytes=1 << 20)  # 1 MB, so the over-size case stays small
BIG_LIMITS = Limits(max_bytes=2 << 30)


def _codes(report: dict) -> set[str]:
    return {f["code"] for f in report["findings"]} | {e["type"] for e in report["errors"]}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_outcome(case, tmp_path):
    path = case.write(tmp_path)
    outcome = validate_file(
        path, case.fmt, BIG_LIMITS if case.big else LIMITS, schema=case.schema, options=case.options
    )
    assert outcome.status == case.status, outcome.report
    if case.code:
        assert case.code in _codes(outcome.report), outcome.report
    if case.status == "success":
        assert not [f for f in outcome.report["findings"] if f["severity"] == "error"]
    assert len(str(outcome.report)) < 300_000


def test_corpus_is_big_enough():
    assert len(CASES) >= 20
    assert {c.status for c in CASES} == {"success", "failure", "error"}


def test_encoding_and_delimiter_are_detected(tmp_path):
    case = next(c for c in CASES if c.name == "koi8u-semicolon")
    outcome = validate_file(case.write(tmp_path), "csv", LIMITS, schema=case.schema)
    assert outcome.report["meta"]["encoding"] == "koi8-u"
    assert outcome.report["meta"]["delimiter"] == ";"
    assert outcome.report["meta"]["rows"] == 3


def test_the_format_option_overrides_the_resource_format(tmp_path):
    path = tmp_path / "routes.txt"
    path.write_bytes(CASES[0].make)  # a good CSV, published as TXT
    outcome = validate_file(path, "txt", LIMITS, schema=CASES[0].schema, options={"format": "csv"})
    assert outcome.status == "success"
    assert outcome.report["meta"]["rows"] == 3
