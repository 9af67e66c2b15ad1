"""SHACL check of one dataset's own DCAT-AP 3 graph (for the MQA's "DCAT-AP compliance").

Needs ckanext-dcat (the optional ``[dcat]`` dependency) and its ``dcat`` plugin;
without them nothing is checked and the 30 points are not earned. The graph is
what ``/dataset/NAME.ttl`` serves, with the profiles of
``ckanext.dcat.rdf.profiles``; the shapes are DCAT-AP 3.0.0's
(``data/dcat-ap-3.0.0-shacl-shapes.ttl``). One check costs about a second, so
it runs in the background (``jobs.check_dcat``), once per dataset however many
saves queue it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

SHAPES = Path(__file__).parent / "data" / "dcat-ap-3.0.0-shacl-shapes.ttl"


def available() -> bool:
    """Whether ckanext-dcat is installed and its ``dcat`` plugin is on."""
    try:
        import pyshacl  # noqa: F401

        import ckanext.dcat  # noqa: F401  # pyright: ignore[reportMissingImports]
    except ImportError:
        return False
    return p.plugin_loaded("dcat")


@functools.cache
def _shapes() -> Any:
    from rdflib import Graph

    return Graph().parse(SHAPES, format="turtle")


def dataset_graph(package_id: str) -> Any:
    """The dataset's DCAT graph as the portal serves it."""
    from ckanext.dcat.processors import RDFSerializer  # pyright: ignore[reportMissingImports]
    from ckanext.lutsk_charter.model.queries import site_context

    dataset = tk.get_action("package_show")(site_context(ignore_auth=True), {"id": package_id})
    serializer = RDFSerializer()
    serializer.graph_from_dataset(dataset)
    return serializer.g


def violations(graph: Any) -> int:
    """How many SHACL violations of DCAT-AP 3.0.0 the graph has."""
    import pyshacl
    from rdflib.namespace import SH

    _conforms, report, _text = pyshacl.validate(graph, shacl_graph=_shapes(), inference="none")
    return sum(1 for _ in report.subjects(SH.resultSeverity, SH.Violation))  # pyright: ignore[reportAttributeAccessIssue]
