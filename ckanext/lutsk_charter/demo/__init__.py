"""Demo data for a development portal, loaded through CKAN's action API.

``load()`` is idempotent: a body or dataset that already exists (by name) is
left alone, so running it twice creates nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from . import files
from .bodies import BODIES
from .datasets import DATASETS, TABLES, DemoDataset, DemoResource
from .persons import PERSONS

__all__ = ["BODIES", "DATASETS", "PERSONS", "load"]

_FILE_KINDS: dict[str, tuple[str, str, str]] = {
    # kind: (extension, format, mimetype)
    "csv": ("csv", "CSV", "text/csv"),
    "csv-bom": ("csv", "CSV", "text/csv"),
    "cp1251": ("csv", "CSV", "text/csv"),
    "koi8u": ("csv", "CSV", "text/csv"),
    "tsv": ("tsv", "TSV", "text/tab-separated-values"),
    "xlsx": ("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("json", "JSON", "application/json"),
    "ragged": ("csv", "CSV", "text/csv"),
    "html": ("csv", "CSV", "text/csv"),
    "empty": ("csv", "CSV", "text/csv"),
}


def load(echo: Callable[[str], None] = print) -> dict[str, int]:
    """Create the demo bodies and datasets that are missing; return what was done."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    created = existing = 0
    org_ids: dict[str, str] = {}

    for body in BODIES:
        found = _show("organization_show", site_user, body["name"])
        if found:
            existing += 1
            org_ids[body["name"]] = found["id"]
            echo(f"  exists   organization {body['name']}")
            continue
        data = {k: v for k, v in body.items() if k != "parent"}
        if body["parent"]:
            data["parent_body"] = org_ids[body["parent"]]
        org_ids[body["name"]] = _act("organization_create", site_user, data)["id"]
        created += 1
        echo(f"  created  organization {body['name']}")

    for body_name, persons in PERSONS.items():
        history = _act(
            "lutsk_charter_responsible_history", site_user, {"organization_id": org_ids[body_name]}
        )
        if history:
            existing += 1
            continue
        for person in persons:
            _assign(org_ids[body_name], person, site_user)
        created += 1
        echo(f"  created  responsible persons of {body_name}")

    now = dt.datetime.now(dt.timezone.utc)
    for spec in DATASETS:
        if _show("package_show", site_user, spec.name):
            existing += 1
            echo(f"  exists   dataset {spec.name}")
            continue
        _create_dataset(spec, org_ids[spec.org], site_user, now)
        created += 1
        echo(f"  created  dataset {spec.name} ({spec.intended})")

    return {
        "bodies_with_persons": len(PERSONS),
        "created": created,
        "existing": existing,
        "organizations": len(BODIES),
        "datasets": len(DATASETS),
    }


def _assign(org_id: str, person: dict[str, Any], site_user: dict[str, Any]) -> None:
    data: dict[str, Any] = {
        "organization_id": org_id,
        "role": person["role"],
        "full_name": person["full_name"],
        "email": person["email"],
        "valid_from": person["valid_from"],
    }
    if person["position"]:
        data["position"] = person["position"]
    if person["order"]:
        data["appointing_document"] = {"number": person["order"], "date": person["valid_from"]}
    assigned = _act("lutsk_charter_responsible_assign", site_user, data)
    if person["ended"]:
        _act(
            "lutsk_charter_responsible_end",
            site_user,
            {"id": assigned["id"], "valid_to": person["ended"], "reason": person["reason"]},
        )


def _create_dataset(
    spec: DemoDataset, org_id: str, site_user: dict[str, Any], now: dt.datetime
) -> None:
    dataset: dict[str, Any] = {}
    try:
        dataset = _act(
            "package_create",
            site_user,
            {
                "name": spec.name,
                "title": spec.title,
                "notes": spec.notes,
                "tag_string": spec.tags,
                "update_frequency": spec.frequency,
                "purpose_of_collecting_information": spec.purpose,
                "owner_org": org_id,
                **spec.extra,
            },
        )
        changed = (now - dt.timedelta(days=spec.age_days)).replace(tzinfo=None)
        for resource in spec.resources:
            created = _act("resource_create", site_user, _resource_dict(dataset["id"], resource))
            # An upload stamps last_modified with now; the demo wants the data's real age.
            _act(
                "resource_patch",
                site_user,
                {"id": created["id"], "last_modified": changed.isoformat()},
            )
    except Exception as e:
        # A half-made dataset would count as "exists" next time: remove it.
        if dataset:
            _act("dataset_purge", site_user, {"id": dataset["id"]})
        if isinstance(e, tk.ValidationError):
            raise tk.ValidationError({"demo dataset": [spec.name], **e.error_dict}) from e
        raise


def _resource_dict(dataset_id: str, resource: DemoResource) -> dict[str, Any]:
    data: dict[str, Any] = {"package_id": dataset_id, "name": resource.name}
    if resource.schema:
        data["schema"] = resource.schema
    if resource.validation_options:
        data["validation_options"] = resource.validation_options
    if resource.kind == "link":
        data.update(
            url=resource.url,
            format=resource.url.rsplit(".", 1)[-1].upper()
            if resource.url.endswith((".csv", ".json"))
            else "HTML",
        )
        return data
    extension, fmt, mimetype = _FILE_KINDS[resource.kind]
    filename = f"{dataset_id[:8]}-{resource.kind}.{extension}"
    data.update(
        url=filename,
        format=fmt,
        upload=FileStorage(
            io.BytesIO(_file_bytes(resource)), filename=filename, content_type=mimetype
        ),
    )
    return data


def _file_bytes(resource: DemoResource) -> bytes:
    rows = TABLES.get(resource.table, [])
    kind = resource.kind
    if kind == "csv":
        return files.csv_bytes(rows)
    if kind == "csv-bom":
        return files.csv_bytes(rows, bom=True)
    if kind == "cp1251":
        return files.csv_bytes(rows, encoding="windows-1251", delimiter=";")
    if kind == "koi8u":
        return files.csv_bytes(rows, encoding="koi8-u", delimiter=";")
    if kind == "tsv":
        return files.csv_bytes(rows, delimiter="\t")
    if kind == "xlsx":
        return files.xlsx_bytes(rows)
    if kind == "json":
        return files.json_bytes(rows)
    if kind == "ragged":
        return files.ragged_csv_bytes(rows)
    if kind == "html":
        return files.HTML_ERROR_PAGE
    if kind == "empty":
        return b""
    raise ValueError(f"unknown demo resource kind {kind!r}")


def _act(action: str, site_user: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    return tk.get_action(action)({"user": site_user["name"], "ignore_auth": True}, data)


def _show(action: str, site_user: dict[str, Any], name: str) -> dict[str, Any] | None:
    try:
        return _act(action, site_user, {"id": name})
    except tk.ObjectNotFound:
        return None
