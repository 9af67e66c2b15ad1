"""Each check on its own: pure functions of a dataset's facts, no database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ckanext.lutsk_charter.quality.checks import BUILT_IN, PRINCIPLES, Finding, run_checks
from ckanext.lutsk_charter.quality.facts import CheckEnv, DatasetFacts, ResourceFacts

KYIV = ZoneInfo("Europe/Kyiv")
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.timezone.utc)
ENV = CheckEnv(
    now=NOW,
    zone=KYIV,
    open_licences=frozenset({"cc-by", "cc-zero", "odc-odbl"}),
    known_licences=frozenset({"cc-by", "cc-zero", "odc-odbl", "other-closed"}),
    vocabularies={
        "update_frequency": frozenset({"once a month", "once a year", "no longer updated"}),
        "language": frozenset({"ua", "en"}),
    },
)
CSV = ResourceFacts(id="r1", url="http://x/data.csv", url_type="upload", format="CSV", size=10)
PERSONS = {
    "creator": frozenset({"c@lutskrada.gov.ua"}),
    "publisher": frozenset({"p@lutskrada.gov.ua"}),
}


def good(**changes) -> DatasetFacts:
    """A dataset every built-in check passes."""
    base = DatasetFacts(
        id="d1",
        name="budget",
        title="Бюджет",
        notes="Дані про бюджет громади: доходи і видатки за кодами класифікації, щомісяця. " * 2,
        owner_org="o1",
        license_id="cc-by",
        maintainer="Іваненко Олена",
        maintainer_email="p@lutskrada.gov.ua",
        metadata_created=NOW - dt.timedelta(days=400),
        extras={
            "update_frequency": "once a year",
            "language": "ua",
            "purpose_of_collecting_information": "Бюджетний кодекс.",
            "data_actuality_date": "2026-11-01",
            "spatial_coverage": "Луцька міська територіальна громада",
            "temporal_start": "2026-01-01",
        },
        tags=2,
        groups=1,
        resources=(dataclasses.replace(CSV, has_schema=True, validation_status="success"),),
        data_changed_at=NOW - dt.timedelta(days=30),
        responsible=PERSONS,
    )
    return dataclasses.replace(base, **changes)


def found(dataset: DatasetFacts, code: str, env: CheckEnv = ENV) -> list[Finding]:
    """The findings of one check, with their code checked and then left out."""
    findings = BUILT_IN[code](dataset, env)
    assert {f.code for f in findings} <= {code}
    return [Finding("", f.args, f.resource_id) for f in findings]


def test_a_good_dataset_passes_every_check():
    assert run_checks(good(), ENV, BUILT_IN.values()) == []


def test_every_check_names_a_principle_and_has_texts():
    assert {c.principle for c in BUILT_IN.values()} == set(PRINCIPLES)
    for check in BUILT_IN.values():
        assert check.severity in ("error", "warning", "info")
        assert check.title
        assert check.message
        assert check.how_to_fix


@pytest.mark.parametrize(
    ("licence", "flagged"),
    [("cc-by", False), ("other-closed", True), (None, True), ("", True), ("made-up", True)],
)
def test_licence_not_open(licence, flagged):
    result = found(good(license_id=licence), "license_not_open")
    assert bool(result) is flagged
    if flagged:
        assert result[0].args == {"license": licence or "—"}


def test_a_closed_dataset_must_say_why_and_when():
    extras = {**good().extras}
    assert found(good(private=False), "closed_without_justification") == []
    assert found(good(private=True), "closed_without_justification")[0].args == {
        "missing": ["closed_justification", "planned_release_date"]
    }
    justified = {
        **extras,
        "closed_justification": "Персональні дані",
        "planned_release_date": "2027-01-01",
    }
    assert found(good(private=True, extras=justified), "closed_without_justification") == []
    assert found(good(private=True, extras=justified), "release_date_passed") == []
    passed = {**justified, "planned_release_date": "2026-11-26"}
    assert found(good(private=True, extras=passed), "release_date_passed")[0].args == {
        "date": "2026-11-26"
    }
    today = {**justified, "planned_release_date": "2026-11-27"}
    assert found(good(private=True, extras=today), "release_date_passed") == []


def _changed(frequency: str, changed: dt.datetime, now: dt.datetime) -> DatasetFacts:
    return good(extras={**good().extras, "update_frequency": frequency}, data_changed_at=changed)


@pytest.mark.parametrize(
    ("frequency", "changed", "now", "code", "due"),
    [
        # once a day: due the next day, so due_soon until then, overdue the day after
        ("once a day", "2026-11-26T10:00", "2026-11-27T10:00", "due_soon", "2026-11-27"),
        ("once a day", "2026-11-25T10:00", "2026-11-27T10:00", "overdue", "2026-11-26"),
        ("once a week", "2026-11-20T10:00", "2026-11-27T10:00", "due_soon", "2026-11-27"),
        ("once a week", "2026-11-19T10:00", "2026-11-27T10:00", "overdue", "2026-11-26"),
        # once a month from 31 January: due on the last day of February
        ("once a month", "2026-01-31T10:00", "2026-02-28T10:00", "due_soon", "2026-02-28"),
        ("once a month", "2026-01-31T10:00", "2026-03-01T10:00", "overdue", "2026-02-28"),
        # ... and on 29 February in a leap year
        ("once a month", "2028-01-31T10:00", "2028-02-29T10:00", "due_soon", "2028-02-29"),
        ("once a quarter", "2026-08-27T10:00", "2026-11-20T10:00", "due_soon", "2026-11-27"),
        ("once a quarter", "2026-08-27T10:00", "2026-11-19T10:00", None, None),
        ("once a half year", "2026-05-26T10:00", "2026-11-27T10:00", "overdue", "2026-11-26"),
        ("once a year", "2024-02-29T10:00", "2025-02-28T10:00", "due_soon", "2025-02-28"),
        ("once a year", "2024-02-29T10:00", "2025-03-01T10:00", "overdue", "2025-02-28"),
        # exactly seven days left is still a reminder, eight is not
        ("once a month", "2026-11-04T10:00", "2026-11-27T10:00", "due_soon", "2026-12-04"),
        ("once a month", "2026-11-05T10:00", "2026-11-27T10:00", None, None),
        # 23:30 UTC on 31 Oct is 1 Nov in Kyiv: the Kyiv day counts
        ("once a month", "2026-10-31T23:30", "2026-12-01T21:00", "due_soon", "2026-12-01"),
        ("once a month", "2026-10-31T23:30", "2026-12-01T22:30", "overdue", "2026-12-01"),
        ("more than once a day", "2020-01-01T00:00", "2026-11-27T10:00", None, None),
        ("immediately after making changes", "2020-01-01T00:00", "2026-11-27T10:00", None, None),
        ("no longer updated", "2020-01-01T00:00", "2026-11-27T10:00", None, None),
    ],
)
def test_timeliness_by_frequency(frequency, changed, now, code, due):
    utc = dt.timezone.utc
    env = dataclasses.replace(ENV, now=dt.datetime.fromisoformat(now).replace(tzinfo=utc))
    dataset = _changed(frequency, dt.datetime.fromisoformat(changed).replace(tzinfo=utc), env.now)
    results = {c: found(dataset, c, env) for c in ("overdue", "due_soon")}
    if code is None:
        assert results == {"overdue": [], "due_soon": []}
    else:
        assert results[code] == [Finding("", {"due": due})]
        other = "due_soon" if code == "overdue" else "overdue"
        assert results[other] == []


def test_timeliness_counts_from_the_data_not_from_creation():
    stale = good(data_changed_at=NOW - dt.timedelta(days=400))
    assert found(stale, "overdue")
    never_changed = good(data_changed_at=None, metadata_created=NOW - dt.timedelta(days=400))
    assert found(never_changed, "overdue")
    fresh = good(
        data_changed_at=NOW - dt.timedelta(days=1), metadata_created=NOW - dt.timedelta(days=900)
    )
    assert found(fresh, "overdue") == []


def test_passport_fields_and_description_and_actuality():
    empty = good(notes="", tags=0, maintainer=None, maintainer_email="", extras={})
    assert found(empty, "passport_incomplete")[0].args == {
        "fields": [
            "notes",
            "tags",
            "language",
            "update_frequency",
            "purpose_of_collecting_information",
            "maintainer",
            "maintainer_email",
        ]
    }
    assert found(empty, "description_too_short") == []  # empty is the passport's finding
    assert found(empty, "no_actuality_date") == [Finding("")]
    assert found(good(notes="x" * 99), "description_too_short")[0].args == {
        "length": 99,
        "minimum": 100,
    }
    assert found(good(notes="x" * 100), "description_too_short") == []
    assert found(good(notes="  " + "x" * 99 + "  "), "description_too_short")


def test_resources_and_formats():
    pdf = ResourceFacts(id="p", format="PDF", url_type="upload")
    xlsx = ResourceFacts(id="x", format="XLSX", url_type="upload", has_schema=True)
    doc = ResourceFacts(id="d", format=".docx", url_type="upload")
    assert found(good(resources=()), "no_resources") == [Finding("")]
    assert found(good(resources=()), "no_machine_readable") == []
    assert found(good(resources=(pdf,)), "no_machine_readable")[0].args == {"formats": "PDF"}
    assert found(good(resources=(pdf, xlsx)), "no_machine_readable") == []
    assert found(good(resources=(xlsx, doc)), "only_proprietary_formats")[0].args == {
        "formats": "DOCX, XLSX"
    }
    assert found(good(resources=(xlsx, pdf)), "only_proprietary_formats") == []


def test_broken_links_are_flagged_per_resource():
    link = ResourceFacts(id="l", url="https://x/a.csv", format="CSV", has_schema=True)
    broken = dataclasses.replace(link, link_status="broken", link_reason="HTTP 404")
    assert found(good(resources=(link,)), "broken_link") == []
    assert (
        found(good(resources=(dataclasses.replace(link, link_status="skipped"),)), "broken_link")
        == []
    )
    assert found(good(resources=(broken,)), "broken_link") == [
        Finding("", {"reason": "HTTP 404"}, "l")
    ]


def test_structure_validation_and_vocabularies():
    table = ResourceFacts(id="t", format="csv", url_type="upload")
    failed = dataclasses.replace(
        table, has_schema=True, validation_status="failure", validation_errors=3
    )
    assert found(good(resources=(table,)), "no_table_schema") == [
        Finding("", {"format": "CSV"}, "t")
    ]
    assert found(good(resources=(ResourceFacts(id="j", format="JSON"),)), "no_table_schema") == []
    assert found(good(resources=(failed,)), "validation_failed") == [
        Finding("", {"errors": 3}, "t")
    ]
    odd = good(
        license_id="made-up",
        extras={**good().extras, "update_frequency": "hourly", "language": "ua"},
        resources=(ResourceFacts(id="w", format="WeirdFormat", url_type="upload"),),
    )
    assert found(odd, "value_not_in_list") == [
        Finding("", {"values": {"update_frequency": "hourly", "license_id": "made-up"}}),
        Finding("", {"values": {"format": "WeirdFormat"}}, "w"),
    ]


def test_governance_checks_read_the_register():
    assert found(good(responsible={}), "no_responsible_person")[0].args == {
        "roles": ["creator", "publisher"]
    }
    only_creator = {"creator": PERSONS["creator"]}
    assert found(good(responsible=only_creator), "no_responsible_person")[0].args == {
        "roles": ["publisher"]
    }
    stranger = good(maintainer_email="Someone@Gmail.com")
    assert found(stranger, "maintainer_not_responsible")[0].args == {"email": "someone@gmail.com"}
    assert found(good(maintainer_email="P@LutskRada.gov.ua"), "maintainer_not_responsible") == []
    assert (
        found(good(responsible={}, maintainer_email="x@y.ua"), "maintainer_not_responsible") == []
    )
    nobody = good(maintainer="", maintainer_email=None, responsible=only_creator)
    assert found(nobody, "no_contact") == [Finding("")]
    assert found(good(maintainer="", maintainer_email=None), "no_contact") == []


def test_inclusive_development_checks():
    assert found(good(tags=0), "no_tags") == [Finding("")]
    assert found(good(groups=0), "no_groups") == [Finding("")]
