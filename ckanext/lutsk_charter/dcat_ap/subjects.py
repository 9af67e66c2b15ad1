"""Legislation, spatial coverage and the subjects: the 835 item and the Charter principles."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Literal, URIRef

from ckanext.dcat.profiles import DCATAP, DCT, RDF, SKOS  # pyright: ignore[reportMissingImports]

from .graph import GraphPieces, site
from .vocabularies import CHARTER, ELI, PRINCIPLES, RESOLUTION_835


class SubjectMapping(GraphPieces):
    """``dcatap:applicableLegislation``, ``dct:spatial`` and ``dct:subject`` of a dataset."""

    def _legislation(self, dataset: dict[str, Any], ref: Any) -> None:
        """``legal_basis`` (and the 835 item) as ``eli:LegalResource`` IRIs with their text."""
        g = self.g
        g.remove((ref, DCATAP.applicableLegislation, None))
        text = (dataset.get("legal_basis") or "").strip()
        acts: list[tuple[str, str]] = []
        if dataset.get("required_dataset") or "835" in text:
            acts.append((RESOLUTION_835, "Постанова КМУ від 21.10.2015 № 835"))
        link = re.search(r"https?://\S+", text)
        if link:
            acts.append((link.group(0).rstrip(".,;)"), text))
        elif text and "835" not in text:
            acts.append((f"{site()}/dataset/{dataset['name']}#legal-basis", text))
        for uri, title in acts:
            act = self._typed(quote(uri, safe=":/#%?=&"), ELI.LegalResource)
            g.add((ref, DCATAP.applicableLegislation, act))
            g.add((act, DCT.title, Literal(title, lang="uk")))

    def _spatial(self, dataset: dict[str, Any], ref: Any) -> None:
        text = (dataset.get("spatial_coverage") or "").strip()
        if not text or (ref, DCT.spatial, None) in self.g:
            return
        place = BNode()
        self.g.add((ref, DCT.spatial, place))
        self.g.add((place, RDF.type, DCT.Location))
        self.g.add((place, SKOS.prefLabel, Literal(text, lang="uk")))

    def _subjects(self, dataset: dict[str, Any], ref: Any) -> None:
        """The 835 item and the Charter principles: concepts of our own schemes."""
        g = self.g
        code = dataset.get("required_dataset")
        if code:
            scheme = self._typed(f"{site()}/required-datasets", SKOS.ConceptScheme)
            g.add(
                (
                    scheme,
                    DCT.title,
                    Literal("Перелік наборів даних, Постанова КМУ № 835", lang="uk"),
                )
            )
            concept = self._typed(f"{site()}/required-datasets#{quote(str(code))}", SKOS.Concept)
            g.add((concept, SKOS.inScheme, scheme))
            g.add((concept, SKOS.notation, Literal(str(code))))
            item = self._required_item(str(code))
            g.add((concept, SKOS.prefLabel, Literal(item[0] if item else str(code), lang="uk")))
            if item and item[1]:
                g.add((concept, SKOS.prefLabel, Literal(item[1], lang="en")))
            g.add((ref, DCT.subject, concept))
        principles = dataset.get("charter_principles") or []
        if isinstance(principles, str):
            try:
                principles = json.loads(principles)
            except ValueError:
                principles = [principles]
        if principles:
            scheme = self._typed(CHARTER, SKOS.ConceptScheme)
            g.add(
                (
                    scheme,
                    DCT.title,
                    Literal("International Open Data Charter principles", lang="en"),
                )
            )
        for value in principles:
            if value not in PRINCIPLES:
                continue
            concept = self._typed(f"{CHARTER}#{value}", SKOS.Concept)
            uk, en = PRINCIPLES[value]
            g.add((concept, SKOS.prefLabel, Literal(uk, lang="uk")))
            g.add((concept, SKOS.prefLabel, Literal(en, lang="en")))
            g.add((concept, SKOS.inScheme, URIRef(CHARTER)))
            g.add((ref, DCT.subject, concept))

    def _required_item(self, code: str) -> tuple[str, str] | None:
        from ckan import model

        from ckanext.lutsk_charter.model import RequiredDataset

        row = model.Session.get(RequiredDataset, code)
        return (row.name_uk, row.name_en) if row is not None else None
