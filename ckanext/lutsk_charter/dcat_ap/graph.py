"""What the pieces of the profile share: the graph, the site's address, typed IRIs."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from rdflib import URIRef

from ckanext.dcat.profiles import RDF  # pyright: ignore[reportMissingImports]


def site() -> str:
    """The portal's address, without a trailing slash."""
    return str(tk.config.get("ckan.site_url") or "").rstrip("/")


class GraphPieces:
    """A mixin of the profile: ``g`` is the profile's graph."""

    g: Any

    def _replace(self, subject: Any, predicate: Any, value: Any) -> None:
        self.g.remove((subject, predicate, None))
        if value is not None:
            self.g.add((subject, predicate, value))

    def _typed(self, uri: str, kind: Any) -> URIRef:
        ref = URIRef(uri)
        self.g.add((ref, RDF.type, kind))
        return ref
