"""``lutsk_charter_dcat_ap``: the 835 passport in DCAT-AP 3, over ckanext-dcat's ``euro_dcat_ap_3``.

Needs the optional dependency ``ckanext-lutsk_charter[dcat]``; configure
``ckanext.dcat.rdf.profiles = euro_dcat_ap_3 lutsk_charter_dcat_ap``. The base
profile writes what CKAN core knows; this one replaces what DCAT-AP 3 wants as
IRIs of the EU vocabularies (frequency, language, file type, media type, licence,
access right) and adds the passport: the data clock as ``dct:modified``, the legal
basis as ``dcatap:applicableLegislation``, spatial coverage, the 835 item and the
Charter principles as ``dct:subject`` concepts, the body's ЄДРПОУ as the
publisher's ``dct:identifier``, the responsible person as a ``vcard:Kind``
contact point, a resource's Table Schema as ``dct:conformsTo``.

Every value of a ``sh:class`` constraint is typed in the graph itself (the EU
vocabularies are not loaded beside it), so the graph validates on its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from typing import Any
from urllib.parse import quote

import ckan.plugins.toolkit as tk
from rdflib import BNode, Literal, Namespace, URIRef

from ckanext.dcat.profiles import DCAT, DCATAP, DCT, FOAF, RDF, RDFS, SKOS, VCARD, XSD  # pyright: ignore[reportMissingImports]
from ckanext.dcat.profiles.euro_dcat_ap_3 import EuropeanDCATAP3Profile  # pyright: ignore[reportMissingImports]
from ckanext.dcat.utils import resource_uri  # pyright: ignore[reportMissingImports]
from ckanext.lutsk_charter import config, legacy

ELI = Namespace("http://data.europa.eu/eli/ontology#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"

FREQUENCIES = {
    "more than once a day": "UPDATE_CONT",
    "once a day": "DAILY",
    "once a week": "WEEKLY",
    "once a month": "MONTHLY",
    "once a quarter": "QUARTERLY",
    "once a half year": "ANNUAL_2",
    "once a year": "ANNUAL",
    "immediately after making changes": "IRREG",
    "no longer updated": "NEVER",
}
LANGUAGES = {
    "ua": "UKR",
    "en": "ENG",
    "ru": "RUS",
    "pl": "POL",
    "ro": "RON",
    "hu": "HUN",
    "bg": "BUL",
}
#: CKAN format → (EU file type, IANA media type)
FORMATS = {
    "CSV": ("CSV", "text/csv"),
    "TSV": ("TSV", "text/tab-separated-values"),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "XLS": ("XLS", "application/vnd.ms-excel"),
    "ODS": ("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "JSON": ("JSON", "application/json"),
    "GEOJSON": ("GEOJSON", "application/geo+json"),
    "XML": ("XML", "application/xml"),
    "PDF": ("PDF", "application/pdf"),
    "HTML": ("HTML", "text/html"),
    "ZIP": ("ZIP", "application/zip"),
    "TXT": ("TXT", "text/plain"),
    "DOCX": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "DOC": ("DOC", "application/msword"),
    "SHP": ("SHP", None),
    "KML": ("KML", "application/vnd.google-earth.kml+xml"),
    "RDF": ("RDF_XML", "application/rdf+xml"),
}
LICENCES = {
    "cc-by": "CC_BY_4_0",
    "cc-by-4.0": "CC_BY_4_0",
    "cc-by-sa": "CC_BY_SA_4_0",
    "cc-by-sa-4.0": "CC_BY_SA_4_0",
    "cc-zero": "CC0",
    "cc0-1.0": "CC0",
    "cc-nc": "CC_BY_NC_4_0",
    "odc-odbl": "ODC_BL",
    "odc-by": "ODC_BY",
    "odc-pddl": "ODC_PDDL",
    "other-pd": "PD",
}
RESOLUTION_835 = "https://zakon.rada.gov.ua/laws/show/835-2015-%D0%BF"
CHARTER = "https://opendatacharter.org/principles/"
PRINCIPLES = {
    "open_by_default": ("Відкритість за замовчуванням", "Open by default"),
    "timely_and_comprehensive": ("Оперативність і повнота", "Timely and comprehensive"),
    "accessible_and_usable": ("Доступність і зручність використання", "Accessible and usable"),
    "comparable_and_interoperable": (
        "Порівнюваність та інтероперабельність",
        "Comparable and interoperable",
    ),
    "improved_governance": (
        "Покращене врядування та залучення громадян",
        "For improved governance and citizen engagement",
    ),
    "inclusive_development": (
        "Інклюзивний розвиток та інновації",
        "For inclusive development and innovation",
    ),
}


def _site() -> str:
    return str(tk.config.get("ckan.site_url") or "").rstrip("/")


class LutskCharterDCATAPProfile(EuropeanDCATAP3Profile):
    """DCAT-AP 3 with the Lutsk passport (see the module's docstring)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        super().graph_from_dataset(dataset_dict, dataset_ref)
        g = self.g
        g.bind("dcatap", DCATAP)
        g.bind("eli", ELI)
        self._replace(dataset_ref, DCT.accrualPeriodicity, self._frequency(dataset_dict))
        self._replace(dataset_ref, DCT.language, self._language(dataset_dict.get("language")))
        self._modified(dataset_dict, dataset_ref)
        self._landing_page(dataset_dict, dataset_ref)
        self._access_rights(dataset_dict, dataset_ref)
        self._contact_point(dataset_dict, dataset_ref)
        self._publisher(dataset_dict, dataset_ref)
        self._legislation(dataset_dict, dataset_ref)
        self._spatial(dataset_dict, dataset_ref)
        self._subjects(dataset_dict, dataset_ref)
        self._temporal(dataset_ref)
        for resource in dataset_dict.get("resources") or []:
            self._distribution(dataset_dict, resource, URIRef(resource_uri(resource)))

    def graph_from_catalog(self, catalog_dict: dict[str, Any] | None, catalog_ref: Any) -> None:
        super().graph_from_catalog(catalog_dict, catalog_ref)
        g = self.g
        if (catalog_ref, DCT.description, None) not in g:
            g.add(
                (
                    catalog_ref,
                    DCT.description,
                    Literal(config.dcat_catalog_description(), lang="uk"),
                )
            )
        self._replace(catalog_ref, DCT.language, self._language("ua"))
        g.remove((catalog_ref, DCT.publisher, None))
        publisher = URIRef(f"{_site()}/#publisher")
        g.add((catalog_ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, FOAF.name, Literal(config.dcat_publisher_name(), lang="uk")))
        if config.dcat_publisher_identifier():
            g.add((publisher, DCT.identifier, Literal(config.dcat_publisher_identifier())))
        homepage = (catalog_ref, FOAF.homepage, None)
        for _s, _p, page in list(g.triples(homepage)):
            g.add((page, RDF.type, FOAF.Document))

    # --- pieces -------------------------------------------------------------------------

    def _replace(self, subject: Any, predicate: Any, value: Any) -> None:
        self.g.remove((subject, predicate, None))
        if value is not None:
            self.g.add((subject, predicate, value))

    def _typed(self, uri: str, kind: Any) -> URIRef:
        ref = URIRef(uri)
        self.g.add((ref, RDF.type, kind))
        return ref

    def _frequency(self, dataset: dict[str, Any]) -> URIRef | None:
        code = FREQUENCIES.get(legacy.frequency(dataset.get("update_frequency") or ""))
        return self._typed(f"{EU}frequency/{code}", DCT.Frequency) if code else None

    def _language(self, value: Any) -> URIRef | None:
        code = LANGUAGES.get(legacy.language(str(value or "")))
        return self._typed(f"{EU}language/{code}", DCT.LinguisticSystem) if code else None

    def _modified(self, dataset: dict[str, Any], ref: Any) -> None:
        """When the data changed (the data clock), not metadata_modified."""
        value = dataset.get("data_last_updated") or dataset.get("metadata_modified")
        if not value:
            return
        moment = dt.datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        self._replace(ref, DCT.modified, Literal(moment.isoformat(), datatype=XSD.dateTime))

    def _landing_page(self, dataset: dict[str, Any], ref: Any) -> None:
        page = self._typed(f"{_site()}/dataset/{dataset['name']}", FOAF.Document)
        self._replace(ref, DCAT.landingPage, page)

    def _access_rights(self, dataset: dict[str, Any], ref: Any) -> None:
        right = "NON_PUBLIC" if dataset.get("private") else "PUBLIC"
        self._replace(
            ref, DCT.accessRights, self._typed(f"{EU}access-right/{right}", DCT.RightsStatement)
        )

    def _contact_point(self, dataset: dict[str, Any], ref: Any) -> None:
        g = self.g
        for _s, _p, old in list(g.triples((ref, DCAT.contactPoint, None))):
            g.remove((old, None, None))
        g.remove((ref, DCAT.contactPoint, None))
        name, email = dataset.get("maintainer"), dataset.get("maintainer_email")
        if not (name or email):
            return
        contact = BNode()
        g.add((ref, DCAT.contactPoint, contact))
        g.add((contact, RDF.type, VCARD.Kind))
        g.add((contact, RDF.type, VCARD.Individual))
        if name:
            g.add((contact, VCARD.fn, Literal(name)))
        if email:
            g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))

    def _publisher(self, dataset: dict[str, Any], ref: Any) -> None:
        organization = dataset.get("organization") or {}
        if not organization.get("id"):
            return
        g = self.g
        for _s, _p, old in list(g.triples((ref, DCT.publisher, None))):
            g.remove((old, None, None))
        g.remove((ref, DCT.publisher, None))
        body = self._organization(organization["id"])
        publisher = URIRef(f"{_site()}/organization/{organization['name']}")
        g.add((ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, RDF.type, FOAF.Organization))
        g.add((publisher, FOAF.name, Literal(organization.get("title") or organization["name"])))
        if body.get("edrpou"):
            g.add((publisher, DCT.identifier, Literal(body["edrpou"])))
        if body.get("contact_email"):
            g.add((publisher, FOAF.mbox, URIRef(f"mailto:{body['contact_email']}")))

    def _organization(self, organization_id: str) -> dict[str, Any]:
        cache = self._org_cache
        if organization_id not in cache:
            try:
                cache[organization_id] = tk.get_action("organization_show")(
                    {"ignore_auth": True},
                    {"id": organization_id, "include_datasets": False, "include_users": False},
                )
            except tk.ObjectNotFound:
                cache[organization_id] = {}
        return cache[organization_id]

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
            acts.append((f"{_site()}/dataset/{dataset['name']}#legal-basis", text))
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
            scheme = self._typed(f"{_site()}/required-datasets", SKOS.ConceptScheme)
            g.add(
                (
                    scheme,
                    DCT.title,
                    Literal("Перелік наборів даних, Постанова КМУ № 835", lang="uk"),
                )
            )
            concept = self._typed(f"{_site()}/required-datasets#{quote(str(code))}", SKOS.Concept)
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

    def _temporal(self, ref: Any) -> None:
        for _s, _p, period in self.g.triples((ref, DCT.temporal, None)):
            self.g.add((period, RDF.type, DCT.PeriodOfTime))

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
                    f"{_site()}/dataset/{dataset['name']}/resource/{resource['id']}#table-schema",
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
