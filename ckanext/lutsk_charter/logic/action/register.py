"""The Resolution 835 register of datasets: exported on demand, published as a dataset."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import config, publishing
from ckanext.lutsk_charter.clock import today
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model.register import register_datasets
from ckanext.lutsk_charter.monitoring import register

_ = tk._

# The register dataset's own metadata: stored content of the portal (Ukrainian,
# as all the city's datasets), so it does not depend on the caller's language.
_DATASET = {
    "title": "Реєстр наборів даних, що перебувають у володінні розпорядника інформації",
    "notes": (
        "Реєстр наборів даних, що перебувають у володінні Луцької міської ради та її "
        "виконавчих органів, за формою Постанови Кабінету Міністрів України від 21.10.2015 "
        "№ 835: ідентифікатор, назва, опис, частота оновлення, ключові слова, підстава та "
        "призначення збору, сторінка набору, формати, розпорядник, його код ЄДРПОУ, "
        "відповідальна особа та її електронна пошта, дата останньої зміни даних. "
        "Формується автоматично з метаданих "
        "порталу щодня."
    ),
    "tag_string": "реєстр наборів даних, відкриті дані, Постанова 835",
    "update_frequency": "once a day",
    "purpose_of_collecting_information": (
        "Оприлюднення реєстру наборів даних, що перебувають у володінні розпорядника "
        "інформації (Постанова КМУ від 21.10.2015 № 835, Закон України «Про доступ до "
        "публічної інформації»)."
    ),
    "legal_basis": "Постанова КМУ від 21.10.2015 № 835",
    "language": "ua",
    "license_id": "cc-by",
}
_RESOURCES = {
    "csv": {"name": "Реєстр наборів даних (CSV)", "format": "CSV"},
    "xlsx": {"name": "Реєстр наборів даних (XLSX)", "format": "XLSX"},
}


@tk.side_effect_free
@tk.validate_action_data(schema.register_export)
def lutsk_charter_register_export(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The 835 register of datasets held by the information holder, as CSV or XLSX.

    Anyone may call it: it lists only public, active datasets. The columns are
    ``identifier``, ``title``, ``description``, ``accrualPeriodicity``,
    ``keyword``, ``purpose``, ``landingPage``, ``distributionFormat``,
    ``publisherPrefLabel``, ``publisherIdentifier`` (ЄДРПОУ), ``contactPointFn``,
    ``contactPointHasEmail``, ``accrualPeriodicityLabel`` (the frequency in
    Ukrainian words) and ``modified`` (when the data last changed, the portal's
    data clock, a date in Kyiv time); one row per dataset, by body then identifier.
    No cell is ever a live formula (text starting with ``=``, ``+``, ``-``, ``@`` is neutralised).

    :param format: ``csv`` (default) or ``xlsx``
    :type format: string
    :param organization_id: only this body's datasets (optional)
    :type organization_id: string

    :returns: ``{"filename", "format", "rows", "records", "content"}``: ``rows`` is
        the number of datasets, ``records`` the register's rows (one dict a dataset,
        the columns above as keys, in order), and for ``csv`` ``content`` is the CSV
        text (without a BOM). An XLSX workbook is not sent through the API (since
        0.13 no base64 ``content``): build it from ``records``, or download
        ``/dataset-register.xlsx``; ``format`` still names the file in ``filename``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_register_export", context, data_dict)
    fmt = data_dict.get("format") or "csv"
    organization_id = data_dict.get("organization_id")
    rows = register.rows(
        register_datasets(model.Session, organization_id),
        tk.config["ckan.site_url"],
        _frequencies(),
    )
    result: dict[str, Any] = {
        "filename": _filename(context, organization_id, fmt),
        "format": fmt,
        "rows": len(rows),
        "records": rows,
    }
    if fmt == "csv":
        result["content"] = register.csv_text(rows)
    return result


@tk.validate_action_data(schema.register_publish)
def lutsk_charter_register_publish(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish the register of datasets as a dataset with a CSV and an XLSX resource.

    Sysadmins only; ``ckan lutsk-charter register publish`` runs it from cron. The
    dataset named by ``ckanext.lutsk_charter.register.dataset`` is created (owned by
    the body named by ``ckanext.lutsk_charter.register.organization``) or updated,
    and the files of its two resources are replaced by the register of now.

    :returns: ``{"dataset_id", "name", "created", "rows", "resources": {"csv": id, "xlsx": id}}``
    :rtype: dictionary
    :raises: ``ValidationError`` when ``ckanext.lutsk_charter.register.organization``
        is not set or names no organization
    """
    tk.check_access("lutsk_charter_register_publish", context, data_dict)
    organization = _publishing_body(context)
    user = context.get("user", "")
    fields = {
        **_DATASET,
        "name": config.register_dataset(),
        "owner_org": organization.id,
        "private": False,
    }
    dataset, created = publishing.ensure_dataset(user, fields)
    # the register lists the datasets public now: its own dataset too
    rows = register.rows(
        register_datasets(model.Session), tk.config["ckan.site_url"], _frequencies()
    )
    files = [
        publishing.File(
            fmt, meta, register.content(rows, fmt), register.MEDIA_TYPES[fmt].split(";")[0]
        )
        for fmt, meta in _RESOURCES.items()
    ]
    resources = publishing.replace_files(user, dataset, files)
    return {**publishing.published(dataset, created, resources), "rows": len(rows)}


def _frequencies() -> dict[str, str]:
    """The dataset schema's update frequencies in Ukrainian, the register's language."""
    from ckanext.scheming.helpers import scheming_field_by_name, scheming_get_dataset_schema  # pyright: ignore[reportMissingImports]

    schema = scheming_get_dataset_schema("dataset") or {}
    field = scheming_field_by_name(schema.get("dataset_fields", []), "update_frequency") or {}
    labels = {}
    for choice in field.get("choices") or []:
        label = choice.get("label")
        labels[choice["value"]] = (
            label.get("uk") or choice["value"]
            if isinstance(label, dict)
            else str(label or choice["value"])
        )
    return labels


def _publishing_body(context: Context) -> Any:
    name = config.register_organization()
    if not name:
        raise tk.ValidationError(
            {
                "organization": [
                    _(
                        "Set ckanext.lutsk_charter.register.organization to the body "
                        "that publishes the register of datasets."
                    )
                ]
            }
        )
    group = model.Group.get(name)
    if group is None or not group.is_organization or group.state != "active":
        raise tk.ValidationError(
            {
                "organization": [
                    _("There is no organization {name} to publish the register.").format(name=name)
                ]
            }
        )
    return group


def _filename(context: Context, organization_id: str | None, fmt: str) -> str:
    stem = "reiestr-naboriv-danykh"
    if organization_id:
        group = model.Group.get(organization_id)
        stem += f"-{group.name if group else organization_id}"
    return f"{stem}-{today().isoformat()}.{fmt}"
