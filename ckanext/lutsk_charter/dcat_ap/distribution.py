"""A resource as a ``dcat:Distribution``: file and media type, licence, access, Table Schema."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from rdflib import BNode, Literal, URIRef

from ckanext.dcat.profiles import DCAT, DCT, RDF, RDFS, XSD  # pyright: ignore[reportMissingImports]

from .graph import GraphPieces, site
from .vocabularies import EU, FORMATS, IANA, LICENCES


class DistributionMapping(GraphPieces):
    """What DCAT-AP 3 wants of a distribution, over what the base profile wrote."""

    def _distribution(self, dataset: dict[str, Any], resource: dict[str, Any], ref: Any) -> None:
        g = self.g
        fmt = (resource.get("format") or "").upper()
        file_type, media_type = FORMATS.get(fmt, (None, None))
        media_type = resource.get("mimetype") or media_type
        self._replace(
            ref,
            DCT["format"],
            self._typed(f"{EU}file-type/{file_type}", DCT.MediaTypeOrExtent) if file_type else None,
        )
        self._replace(
            ref,
            DCAT.mediaType,
            self._typed(f"{IANA}{media_type}", DCT.MediaType)
            if media_type and re.fullmatch(r"[\w.+-]+/[\w.+-]+", media_type)
            else None,
        )
        licence = self._licence(dataset)
        if licence is not None:
            self._replace(ref, DCT.license, licence)
            for _s, _p, old in list(g.triples((ref, DCT.rights, None))):
                g.remove((old, None, None))
            g.remove((ref, DCT.rights, None))
            rights = BNode()
            g.add((ref, DCT.rights, rights))
            g.add((rights, RDF.type, DCT.RightsStatement))
            title = dataset.get("license_title") or dataset.get("license_id")
            g.add((rights, RDFS.label, Literal(f"Ліцензія: {title}", lang="uk")))
        url = resource.get("url") or ""
        if url.startswith(("http://", "https://")):
            access = URIRef(url)
            self._replace(ref, DCAT.accessURL, access)
            g.add((access, RDF.type, RDFS.Resource))
            if resource.get("url_type") == "upload" or file_type:
                self._replace(ref, DCAT.downloadURL, access)
        schema = resource.get("schema")
        if schema:
            if isinstance(schema, str) and schema.startswith(("http://", "https://")):
                standard = self._typed(schema, DCT.Standard)
            else:
                standard = self._typed(
                    f"{site()}/dataset/{dataset['name']}/resource/{resource['id']}#table-schema",
                    DCT.Standard,
                )
            g.add((standard, DCT.title, Literal("Table Schema (Frictionless Data)", lang="en")))
            g.add(
                (
                    standard,
                    DCT.conformsTo,
                    self._typed("https://specs.frictionlessdata.io/table-schema/", DCT.Standard),
                )
            )
            self._replace(ref, DCT.conformsTo, standard)
        for _s, _p, size in list(g.triples((ref, DCAT.byteSize, None))):
            if size.datatype != XSD.nonNegativeInteger:
                g.remove((ref, DCAT.byteSize, size))
                with contextlib.suppress(TypeError, ValueError):
                    g.add((ref, DCAT.byteSize, Literal(int(size), datatype=XSD.nonNegativeInteger)))

    def _licence(self, dataset: dict[str, Any]) -> URIRef | None:
        license_id = dataset.get("license_id") or ""
        code = LICENCES.get(license_id)
        if code:
            return self._typed(f"{EU}licence/{code}", DCT.LicenseDocument)
        url = dataset.get("license_url")
        if url:
            return self._typed(url, DCT.LicenseDocument)
        return None
