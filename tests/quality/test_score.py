"""The MQA score and bands (pure)."""

from __future__ import annotations

import dataclasses

from ckanext.lutsk_charter.quality.checks import BUILT_IN, run_checks
from ckanext.lutsk_charter.quality.facts import ResourceFacts
from ckanext.lutsk_charter.quality.score import MAXIMUM, REACHABLE, band_of, score
from tests.quality.test_checks import ENV, good


def _score(dataset):
    return score(dataset, ENV, BUILT_IN.values(), run_checks(dataset, ENV, BUILT_IN.values()))


def test_the_scale_and_what_needs_dcat():
    assert MAXIMUM == 405
    assert REACHABLE == 405  # DCAT-AP compliance (30) needs a passing SHACL check


def test_bands_follow_mqa_thresholds():
    assert [band_of(s) for s in (405, 351, 350, 221, 220, 121, 120, 0)] == [
        "excellent",
        "excellent",
        "good",
        "good",
        "sufficient",
        "sufficient",
        "bad",
        "bad",
    ]


def test_a_complete_dataset_reaches_the_top_band():
    resources = (dataclasses.replace(good().resources[0], mimetype="text/csv"),)
    result = _score(good(resources=resources))
    assert result.score == 375  # all but DCAT-AP compliance: not checked
    assert result.band == "excellent"
    assert result.principles == dict.fromkeys(result.principles, 1.0)
    assert result.dimensions["interoperability"] == [80, 110]
    compliant = _score(good(resources=resources, dcat_ap_compliant=True))
    assert compliant.score == 405
    assert compliant.dimensions["interoperability"] == [110, 110]
    assert _score(good(resources=resources, dcat_ap_compliant=False)).score == 375


def test_each_missing_piece_costs_its_points():
    full = _score(good(resources=(dataclasses.replace(good().resources[0], mimetype="text/csv"),)))
    no_tags = _score(
        good(tags=0, resources=(dataclasses.replace(good().resources[0], mimetype="text/csv"),))
    )
    assert full.score - no_tags.score == 30
    link = ResourceFacts(id="l", url="https://x/a.csv", format="CSV", mimetype="text/csv", size=1)
    broken = dataclasses.replace(link, link_status="broken")
    assert _score(good(resources=(link,))).dimensions["accessibility"] == [50, 100]
    assert _score(good(resources=(broken,))).dimensions["accessibility"] == [0, 100]
    half = _score(good(resources=(link, broken))).dimensions["accessibility"]
    assert half == [25, 100]
    nothing = _score(
        good(resources=(), tags=0, groups=0, license_id=None, maintainer="", maintainer_email="")
    )
    assert nothing.band == "bad"
    assert nothing.principles["accessible_and_usable"] < 1
