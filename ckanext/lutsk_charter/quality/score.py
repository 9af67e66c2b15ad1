"""A dataset's score after data.europa.eu's Metadata Quality Assessment (pure).

MQA gives up to 405 points in five dimensions and shows a band. It scores a
catalogue's share of entities having each property; per dataset that becomes
yes/no × weight, and resource indicators are averaged over the resources
(interoperability takes the best resource, as MQA does for distributions).
*DCAT-AP compliance* (30) is earned when the dataset's own DCAT-AP 3 graph
(ckanext-dcat with the ``lutsk_charter_dcat_ap`` profile) passes the SHACL
shapes, checked in the background; *rights* (5) is the licence, which the DCAT
profile also states as ``dct:rights``. So a dataset reaches 405 (375 without
ckanext-dcat, still in the Excellent band, 351–405). The mapping to CKAN fields
is the ``INDICATORS`` table below and the README's "Quality score" section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ckanext.lutsk_charter.messages import N_
from ckanext.lutsk_charter.types import Band

from .checks import KNOWN_FORMATS, MACHINE_READABLE, NON_PROPRIETARY, Check, Finding
from .facts import CheckEnv, DatasetFacts, ResourceFacts

#: Lowest score of each band (MQA's rating thresholds).
THRESHOLDS: tuple[tuple[int, Band], ...] = (
    (351, "excellent"),
    (221, "good"),
    (121, "sufficient"),
    (0, "bad"),
)
DIMENSIONS: dict[str, str] = {
    "findability": N_("Findability"),
    "accessibility": N_("Accessibility"),
    "interoperability": N_("Interoperability"),
    "reusability": N_("Reusability"),
    "contextuality": N_("Contextuality"),
}

Measure = Callable[[DatasetFacts, CheckEnv], float]
ResourceMeasure = Callable[[ResourceFacts], bool]


@dataclass(frozen=True)
class Indicator:
    dimension: str
    name: str
    points: int
    #: Share (0–1) of the points earned; ``None``: cannot be scored without DCAT.
    measure: Measure | None


def _mean(resources: Iterable[ResourceFacts], test: ResourceMeasure) -> float:
    values = [test(r) for r in resources]
    return sum(values) / len(values) if values else 0.0


def _fmt(resource: ResourceFacts) -> str:
    return resource.format.strip().lower().lstrip(".")


def _reachable(resource: ResourceFacts) -> bool:
    """A file on the portal is reachable; a link unless its last check found it broken."""
    return resource.is_upload or resource.link_status != "broken"


def _interoperability(
    dataset: DatasetFacts, failing: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Points of the best resource (MQA counts the best distribution).

    A resource whose data failed validation (``failing``) is not machine-readable
    in fact, whatever its format says: it earns no machine-readable points, so
    the score and band show failing data.
    """
    best: dict[str, float] = {}
    for resource in dataset.resources:
        fmt = _fmt(resource)
        points = {
            "format": 20.0 * bool(fmt),
            "media_type": 10.0 * bool(resource.mimetype),
            "format_vocabulary": 10.0 * (fmt in KNOWN_FORMATS),
            "non_proprietary": 20.0 * (fmt in NON_PROPRIETARY),
            "machine_readable": 20.0 * (fmt in MACHINE_READABLE and resource.id not in failing),
        }
        if sum(points.values()) > sum(best.values()):
            best = points
    return best


def _interop(name: str) -> Measure:
    """Placeholder measure: ``score`` reads interoperability from the best resource once."""

    def measure(d: DatasetFacts, e: CheckEnv) -> float:
        return _interoperability(d).get(name, 0.0) / _INTEROP_POINTS[name]

    measure.interop = name  # type: ignore[attr-defined]
    return measure


_INTEROP_POINTS = {
    "format": 20,
    "media_type": 10,
    "format_vocabulary": 10,
    "non_proprietary": 20,
    "machine_readable": 20,
}


def _uploads(dataset: DatasetFacts) -> list[ResourceFacts]:
    return [r for r in dataset.resources if r.is_upload]


#: MQA's indicators and the CKAN field each is read from.
INDICATORS: tuple[Indicator, ...] = (
    # dcat:keyword ← tags; dcat:theme ← groups
    Indicator("findability", "keywords", 30, lambda d, e: float(d.tags > 0)),
    Indicator("findability", "categories", 30, lambda d, e: float(d.groups > 0)),
    # dct:spatial ← spatial_coverage; dct:temporal ← temporal_start / temporal_end
    Indicator("findability", "spatial", 20, lambda d, e: float(bool(d.extra("spatial_coverage")))),
    Indicator(
        "findability",
        "temporal",
        20,
        lambda d, e: float(bool(d.extra("temporal_start") or d.extra("temporal_end"))),
    ),
    # dcat:accessURL ← resource url, reachable unless the link check found it broken
    Indicator("accessibility", "access_url", 50, lambda d, e: _mean(d.resources, _reachable)),
    # dcat:downloadURL ← an uploaded file's URL (a link is an access URL only)
    Indicator(
        "accessibility", "download_url", 20, lambda d, e: _mean(d.resources, lambda r: r.is_upload)
    ),
    Indicator(
        "accessibility",
        "download_url_reachable",
        30,
        lambda d, e: _mean(_uploads(d), _reachable),
    ),
    # dct:format ← format; dcat:mediaType ← mimetype
    Indicator("interoperability", "format", 20, _interop("format")),
    Indicator("interoperability", "media_type", 10, _interop("media_type")),
    Indicator("interoperability", "format_vocabulary", 10, _interop("format_vocabulary")),
    Indicator("interoperability", "non_proprietary", 20, _interop("non_proprietary")),
    Indicator("interoperability", "machine_readable", 20, _interop("machine_readable")),
    # SHACL of the dataset's own DCAT-AP 3 graph, checked in the background (ckanext-dcat)
    Indicator(
        "interoperability", "dcat_ap_compliance", 30, lambda d, e: float(bool(d.dcat_ap_compliant))
    ),
    # dct:license ← license_id (in CKAN's licence register)
    Indicator("reusability", "licence", 20, lambda d, e: float(bool(d.license_id))),
    Indicator(
        "reusability",
        "licence_vocabulary",
        10,
        lambda d, e: float(d.license_id in e.known_licences),
    ),
    # dct:accessRights ← private / public, which CKAN always knows
    Indicator("reusability", "access_rights", 10, lambda d, e: 1.0),
    Indicator("reusability", "access_rights_vocabulary", 5, lambda d, e: 1.0),
    # dcat:contactPoint ← maintainer / maintainer_email; dct:publisher ← owner_org
    Indicator(
        "reusability",
        "contact_point",
        20,
        lambda d, e: float(
            bool((d.maintainer_email or "").strip() or (d.maintainer or "").strip())
        ),
    ),
    Indicator("reusability", "publisher", 10, lambda d, e: float(bool(d.owner_org))),
    # dct:rights ← the licence, written as a rights statement by the DCAT profile
    Indicator("contextuality", "rights", 5, lambda d, e: float(bool(d.license_id))),
    # dcat:byteSize ← size; dct:issued ← metadata_created; dct:modified ← metadata_modified
    Indicator(
        "contextuality", "byte_size", 5, lambda d, e: _mean(d.resources, lambda r: bool(r.size))
    ),
    Indicator(
        "contextuality", "date_of_issue", 5, lambda d, e: float(d.metadata_created is not None)
    ),
    Indicator("contextuality", "modification_date", 5, lambda d, e: 1.0),
)
MAXIMUM = sum(i.points for i in INDICATORS)
REACHABLE = sum(i.points for i in INDICATORS if i.measure is not None)


@dataclass(frozen=True)
class Score:
    score: int
    band: Band
    #: ``{dimension: [points, maximum]}``
    dimensions: dict[str, list[int]]
    #: ``{principle: share of its checks passed}``
    principles: dict[str, float]


def band_of(score: int) -> Band:
    return next(band for lowest, band in THRESHOLDS if score >= lowest)


def score(
    dataset: DatasetFacts, env: CheckEnv, checks: Iterable[Check], findings: Iterable[Finding]
) -> Score:
    """The MQA points and band of a dataset, and the pass ratio of each Charter principle."""
    findings = list(findings)
    failing = frozenset(
        f.resource_id for f in findings if f.code == "validation_failed" and f.resource_id
    )
    dimensions: dict[str, list[float]] = {name: [0.0, 0.0] for name in DIMENSIONS}
    # once, not once per interoperability indicator
    best = _interoperability(dataset, failing)
    for indicator in INDICATORS:
        dimensions[indicator.dimension][1] += indicator.points
        if indicator.measure is None:
            continue
        interop = getattr(indicator.measure, "interop", None)
        earned = (
            best.get(interop, 0.0)
            if interop
            else indicator.points * indicator.measure(dataset, env)
        )
        dimensions[indicator.dimension][0] += earned
    total = round(sum(points for points, _ in dimensions.values()))
    failed = {f.code for f in findings}
    run: dict[str, list[int]] = {}
    for c in checks:
        counts = run.setdefault(c.principle, [0, 0])
        counts[0] += c.code not in failed
        counts[1] += 1
    return Score(
        total,
        band_of(total),
        {name: [round(p), round(m)] for name, (p, m) in dimensions.items()},
        {principle: round(passed / count, 2) for principle, (passed, count) in run.items()},
    )
