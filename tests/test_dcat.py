"""DCAT-AP 3 through ckanext-dcat: the ``lutsk_charter_dcat_ap`` profile on the demo catalogue.

The SHACL shapes are DCAT-AP 3.0.0's (``tests/data``, a copy of
``shared/reference/dcat-ap``). Values that ``sh:class`` constraints check (a
frequency, a language, a licence…) are typed in the data graph itself; the EU
vocabularies are not loaded beside it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyshacl
import pytest
from ckan.tests.helpers import call_action
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH, XSD

from ckanext.lutsk_charter.demo import load

pytestmark = pytest.mark.usefixtures(
    "with_plugins", "clean_db", "clean_index", "with_request_context"
)

SHAPES = Path(__file__).parent / "data" / "dcat-ap-3.0.0-shacl-shapes.ttl"
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"


def violations(data: Graph) -> list[str]:
    shapes = Graph().parse(SHAPES, format="turtle")
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    found = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        found.append(
            f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
            f"{report.value(result, SH.resultMessage)}"
        )
    return found


def _dataset_graph(app, name: str) -> tuple[Graph, URIRef]:
    response = app.get(f"/dataset/{name}.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.body, format="turtle")
    (ref,) = graph.subjects(RDF.type, DCAT.Dataset)
    return graph, ref


def test_the_demo_catalogue_passes_the_dcat_ap_3_shapes_and_maps_the_passport(app):
    load(echo=lambda line: None)  # one load for the three parts: it is slow
    response = app.get("/catalog.ttl")
    assert response.status_code == 200
    graph = Graph().parse(data=response.body, format="turtle")
    public = call_action("package_search", rows=1000)["count"]
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == public
    assert violations(graph) == []

    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert graph.value(catalog, DCTERMS.description)
    assert graph.value(graph.value(catalog, DCTERMS.publisher), FOAF.name)
    assert graph.value(catalog, DCTERMS.language) == URIRef(f"{EU}language/UKR")

    # The passport of a mandatory (835) dataset.
    found = next(
        d
        for d in call_action("package_search", rows=1000)["results"]
        if d.get("required_dataset") and d.get("legal_basis") and d.get("maintainer_email")
    )
    shown = call_action("package_show", id=found["id"])
    graph, ref = _dataset_graph(app, shown["name"])
    assert violations(graph) == []
    assert graph.value(ref, DCTERMS.accrualPeriodicity).startswith(f"{EU}frequency/")
    assert graph.value(ref, DCTERMS.language) == URIRef(f"{EU}language/UKR")
    modified = graph.value(ref, DCTERMS.modified)
    assert modified.datatype == XSD.dateTime
    assert dt.datetime.fromisoformat(str(modified)) == dt.datetime.fromisoformat(
        shown["data_last_updated"]
    )
    assert shown["data_last_updated"] != shown["metadata_modified"]
    legislation = list(graph.objects(ref, DCATAP.applicableLegislation))
    assert legislation
    assert all(
        (act, RDF.type, URIRef("http://data.europa.eu/eli/ontology#LegalResource")) in graph
        for act in legislation
    )
    assert graph.value(graph.value(ref, DCTERMS.spatial), RDF.type) == DCTERMS.Location
    subjects = {str(s) for s in graph.objects(ref, DCTERMS.subject)}
    assert any("required-datasets#" in s for s in subjects)
    publisher = graph.value(ref, DCTERMS.publisher)
    body = call_action("organization_show", id=shown["owner_org"])
    assert graph.value(publisher, DCTERMS.identifier) == Literal(body["edrpou"])
    contact = graph.value(ref, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in graph
    assert graph.value(contact, VCARD.hasEmail) == URIRef(f"mailto:{shown['maintainer_email']}")
    assert graph.value(ref, DCTERMS.accessRights) == URIRef(f"{EU}access-right/PUBLIC")
    for distribution in graph.objects(ref, DCAT.distribution):
        assert str(graph.value(distribution, DCTERMS.license)).startswith(f"{EU}licence/")
        assert graph.value(distribution, DCAT.accessURL)

    # The old portal's values come out as the EU vocabularies' too.
    graph, ref = _dataset_graph(app, "old-portal-parking")
    assert graph.value(ref, DCTERMS.language) == URIRef(f"{EU}language/UKR")
    assert graph.value(ref, DCTERMS.accrualPeriodicity) == URIRef(f"{EU}frequency/ANNUAL")

    # A Table Schema is dct:conformsTo.
    with_schema = next(
        d
        for d in call_action("package_search", rows=1000)["results"]
        if any(r.get("schema") for r in d["resources"])
    )
    graph, ref = _dataset_graph(app, with_schema["name"])
    standards = [graph.value(d, DCTERMS.conformsTo) for d in graph.objects(ref, DCAT.distribution)]
    assert any(s is not None and (s, RDF.type, DCTERMS.Standard) in graph for s in standards)
    assert violations(graph) == []


def test_the_shacl_check_runs_in_the_background_and_earns_its_30_points(
    dataset, run_jobs, ckan_config
):
    import time

    from ckan import model

    from ckanext.lutsk_charter import jobs
    from ckanext.lutsk_charter.model import DcatCheck
    from tests.conftest import ARTIFACTS, add_csv, site_context

    add_csv(dataset)
    started = time.perf_counter()
    call_action("package_patch", context=site_context(), id=dataset["id"], title="Бюджет громади")
    save_seconds = time.perf_counter() - started
    assert model.Session.get(DcatCheck, dataset["id"]) is None  # not while saving
    before = call_action("lutsk_charter_dataset_quality_show", id=dataset["id"])["score"]
    run_jobs()
    model.Session.expire_all()
    row = model.Session.get(DcatCheck, dataset["id"])
    assert row is not None
    assert row.violations == 0
    assert row.conforms is True
    after = call_action("lutsk_charter_dataset_quality_show", id=dataset["id"])
    assert after["score"] == before + 30
    assert after["dimensions"]["interoperability"][0] >= 30
    (searched,) = call_action("package_search", fq=f"id:{dataset['id']}", fl="id,charter_score")[
        "results"
    ]
    started = time.perf_counter()
    assert jobs.check_dcat(dataset["id"]) == 0
    check_seconds = time.perf_counter() - started
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "dcat-check-timing.txt").write_text(
        f"package_patch (a save, the baseline): {save_seconds:.3f} s\n"
        f"DCAT-AP SHACL check of one dataset (background job): {check_seconds:.3f} s\n"
    )
    assert searched["id"] == dataset["id"]
