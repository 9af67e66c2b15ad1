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

The mapping is split by what it maps (``dcat_ap/``): the vocabularies, the subjects and
legislation, the distributions; this module keeps the dataset and catalogue themselves.

Every value of a ``sh:class`` constraint is typed in the graph itself (the EU
vocabularies are not loaded beside it), so the graph validates on its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from rdflib import BNode, Literal, URIRef

from ckanext.dcat.profiles import DCAT, DCATAP, DCT, FOAF, RDF, VCARD, XSD  # pyright: ignore[reportMissingImports]
from ckanext.dcat.profiles.euro_dcat_ap_3 import EuropeanDCATAP3Profile  # pyright: ignore[reportMissingImports]
from ckanext.dcat.utils import resource_uri  # pyright: ignore[reportMissingImports]
from ckanext.lutsk_charter import config, legacy
from ckanext.lutsk_charter.dcat_ap.distribution import DistributionMapping
from ckanext.lutsk_charter.dcat_ap.graph import site
from ckanext.lutsk_charter.dcat_ap.subjects import SubjectMapping
from ckanext.lutsk_charter.dcat_ap.vocabularies import ELI, EU, FREQUENCIES, LANGUAGES


class LutskCharterDCATAPProfile(SubjectMapping, DistributionMapping, EuropeanDCATAP3Profile):
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
        publisher = URIRef(f"{site()}/#publisher")
        g.add((catalog_ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, FOAF.name, Literal(config.dcat_publisher_name(), lang="uk")))
        if config.dcat_publisher_identifier():
            g.add((publisher, DCT.identifier, Literal(config.dcat_publisher_identifier())))
        homepage = (catalog_ref, FOAF.homepage, None)
        for _s, _p, page in list(g.triples(homepage)):
            g.add((page, RDF.type, FOAF.Document))

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
        page = self._typed(f"{site()}/dataset/{dataset['name']}", FOAF.Document)
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
        publisher = URIRef(f"{site()}/organization/{organization['name']}")
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

    def _temporal(self, ref: Any) -> None:
        for _s, _p, period in self.g.triples((ref, DCT.temporal, None)):
            self.g.add((period, RDF.type, DCT.PeriodOfTime))
