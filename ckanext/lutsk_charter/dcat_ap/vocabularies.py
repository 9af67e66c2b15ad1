"""Our codes and their IRIs in the EU vocabularies and IANA media types (data only)."""

from __future__ import annotations

from rdflib import Namespace

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
