"""The Resolution 835 register of datasets held by the information holder (pure: no database).

One row per public dataset with the register's columns (the names of the
835 passport / DCAT the demo data already uses), written as CSV (UTF-8 with a
BOM, so Excel reads the Cyrillic) or XLSX (bold header row). The rows are
gathered by ``logic/action/register.py`` in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .exports import table_bytes

COLUMNS = (
    "identifier",
    "title",
    "description",
    "accrualPeriodicity",
    "keyword",
    "purpose",
    "landingPage",
    "distributionFormat",
    "publisherPrefLabel",
    "publisherIdentifier",
    "contactPointFn",
    "contactPointHasEmail",
    "accrualPeriodicityLabel",
    "modified",
)
FORMATS = ("csv", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class Dataset:
    """What the register needs of one dataset (and its body)."""

    name: str
    title: str
    notes: str
    update_frequency: str
    purpose: str
    maintainer: str
    maintainer_email: str
    tags: tuple[str, ...]
    formats: tuple[str, ...]
    organization_title: str
    organization_edrpou: str
    #: when the data last changed (the data clock), ISO date or ""
    modified: str = ""


def rows(
    datasets: Iterable[Dataset], site_url: str, frequency_labels: Mapping[str, str] | None = None
) -> list[dict[str, str]]:
    """The register's rows, by body then identifier.

    ``accrualPeriodicity`` keeps the data.gov.ua code for machines;
    ``accrualPeriodicityLabel`` says it in words (``frequency_labels``: code → label).
    """
    labels = frequency_labels or {}
    base = site_url.rstrip("/")
    ordered = sorted(datasets, key=lambda d: (d.organization_title.lower(), d.name))
    return [
        {
            "identifier": d.name,
            "title": d.title,
            "description": d.notes,
            "accrualPeriodicity": d.update_frequency,
            "keyword": ", ".join(sorted(d.tags, key=str.lower)),
            "purpose": d.purpose,
            "landingPage": f"{base}/dataset/{d.name}",
            "distributionFormat": ", ".join(distinct_formats(d.formats)),
            "publisherPrefLabel": d.organization_title,
            "publisherIdentifier": d.organization_edrpou,
            "contactPointFn": d.maintainer,
            "contactPointHasEmail": d.maintainer_email,
            "accrualPeriodicityLabel": labels.get(d.update_frequency, d.update_frequency),
            "modified": d.modified,
        }
        for d in ordered
    ]


def distinct_formats(formats: Iterable[str]) -> list[str]:
    """Formats once each (case-insensitively), upper-case, sorted; empty ones dropped."""
    return sorted({f.strip().upper() for f in formats if f and f.strip()})


def _table(register: Sequence[Mapping[str, Any]], fmt: str) -> bytes:
    return table_bytes(
        COLUMNS, ([row.get(c, "") for c in COLUMNS] for row in register), fmt, "register"
    )


def csv_text(register: Sequence[Mapping[str, Any]]) -> str:
    """The register as CSV text (no BOM; ``csv_bytes`` has it)."""
    return csv_bytes(register).decode("utf-8-sig")


def csv_bytes(register: Sequence[Mapping[str, Any]]) -> bytes:
    """The register as CSV in UTF-8 with a BOM, which Excel needs to read Cyrillic."""
    return _table(register, "csv")


def xlsx_bytes(register: Sequence[Mapping[str, Any]]) -> bytes:
    """The register as an XLSX workbook: one sheet, bold header row, frozen under it."""
    return _table(register, "xlsx")


def content(register: Sequence[Mapping[str, Any]], fmt: str) -> bytes:
    """The register in ``fmt`` (``csv`` or ``xlsx``) as bytes."""
    return csv_bytes(register) if fmt == "csv" else xlsx_bytes(register)
