"""Demo data for a development portal, loaded through CKAN's action API only.

``load()`` is idempotent: a body or dataset that already exists (by name) is
left alone, so running it twice creates nothing the second time. It is also
all-or-nothing per dataset: a dataset whose resources fail is purged, so the
next run does not count a half-made one as existing.

Specs that break the schema make the run fail loudly: the ValidationError is
raised again with the body's or dataset's name in it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk
from werkzeug.datastructures import FileStorage

from . import files, tables
from .bodies import BODIES
from .datasets import DATASETS, INTENDED, Dates, DemoDataset, DemoResource, register_rows
from .persons import PERSONS

__all__ = ["BODIES", "DATASETS", "INTENDED", "PERSONS", "load", "resource_bytes"]

Echo = Callable[[str], None]
Act = Callable[[str, dict[str, Any]], Any]

_CSV = "text/csv"
_FILE_KINDS: dict[str, tuple[str, str, str]] = {
    # kind: (extension, format shown, mimetype declared by the "browser")
    "csv": ("csv", "CSV", _CSV),
    "csv-bom": ("csv", "CSV", _CSV),
    "cp1251": ("csv", "CSV", _CSV),
    "koi8u": ("csv", "CSV", _CSV),
    "tsv": ("tsv", "TSV", "text/tab-separated-values"),
    "xlsx": ("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("json", "JSON", "application/json"),
    # The broken ones still claim to be CSV: that is how they arrive.
    "ragged": ("csv", "CSV", _CSV),
    "html": ("csv", "CSV", _CSV),
    "empty": ("csv", "CSV", _CSV),
}


def load(echo: Echo = print) -> dict[str, int]:
    """Create the demo bodies, persons and datasets that are missing; return what was done."""
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    act = _actor(site_user["name"])
    created = existing = 0

    org_ids: dict[str, str] = {}
    for body in BODIES:
        found = _show(act, "organization_show", body["name"])
        if found:
            existing += 1
            org_ids[body["name"]] = found["id"]
            echo(f"  exists   organization {body['name']}")
            continue
        data = {k: v for k, v in body.items() if k != "parent"}
        if body["parent"]:
            # Parents come first in BODIES, so their ids are known by now.
            data["parent_body"] = org_ids[body["parent"]]
        org_ids[body["name"]] = _named(
            f"demo body {body['name']}", act, "organization_create", data
        )["id"]
        created += 1
        echo(f"  created  organization {body['name']}")

    for body_name, persons in PERSONS.items():
        history = act("lutsk_charter_responsible_history", {"organization_id": org_ids[body_name]})
        if history:
            existing += 1
            echo(f"  exists   responsible persons of {body_name}")
            continue
        for person in persons:
            _assign(act, org_ids[body_name], person)
        created += 1
        echo(f"  created  responsible persons of {body_name}")

    now = dt.datetime.now(dt.timezone.utc)
    for spec in DATASETS:
        if _show(act, "package_show", spec.name):
            existing += 1
            echo(f"  exists   dataset {spec.name}")
            continue
        _create_dataset(act, spec, org_ids[spec.org], now)
        created += 1
        echo(f"  created  dataset {spec.name} ({spec.frequency}, {spec.intended})")

    if _load_plan(act, org_ids, echo):
        created += 1
    else:
        existing += 1

    return {
        "created": created,
        "existing": existing,
        "organizations": len(BODIES),
        "datasets": len(DATASETS),
        "bodies_with_persons": len(PERSONS),
    }


def _load_plan(act: Act, org_ids: dict[str, str], echo: Echo) -> bool:
    """The illustrative action plan, its measures, reports and feedback; False if it exists."""
    from . import plan as demo_plan

    try:
        act("lutsk_charter_plan_show", {"id": demo_plan.PLAN_NAME})
        echo(f"  exists   action plan {demo_plan.PLAN_NAME}")
        return False
    except tk.ObjectNotFound:
        pass
    plan = _named("demo action plan", act, "lutsk_charter_plan_create", demo_plan.PLAN)
    measure_ids: dict[str, str] = {}
    for spec in demo_plan.MEASURES:
        data = {k: v for k, v in spec.items() if k not in ("lead", "indicator_organization")}
        data["plan_id"] = plan["id"]
        data["lead_organization_id"] = org_ids[spec["lead"]]
        if spec.get("indicator_organization"):
            data["indicator_organization_id"] = org_ids[spec["indicator_organization"]]
        if spec["deadline_kind"] == "ongoing":
            data.pop("deadline")
        what = f"demo measure {spec['number']}"
        measure_ids[spec["number"]] = _named(what, act, "lutsk_charter_measure_create", data)["id"]
    for report in demo_plan.REPORTS:
        data = {
            "measure_id": measure_ids[report["measure"]],
            "period": report["period"],
            "text_uk": report["text_uk"],
            "percent": report["percent"],
        }
        if report["text_en"]:
            data["text_en"] = report["text_en"]
        what = f"demo report {report['measure']} {report['period']}"
        submitted = _named(what, act, "lutsk_charter_report_submit", data)
        if report["review"]:
            review = {"id": submitted["id"], "state": report["review"]}
            if report.get("comment"):
                review["comment"] = report["comment"]
            _named(what, act, "lutsk_charter_report_review", review)
    for comment in demo_plan.FEEDBACK:
        data = {
            "measure_id": measure_ids[comment["measure"]],
            "name": comment["name"],
            "text": comment["text"],
        }
        if comment["email"]:
            data["email"] = comment["email"]
        sent = _named("demo feedback", act, "lutsk_charter_feedback_submit", data)
        if comment["review"]:
            act("lutsk_charter_feedback_review", {"id": sent["id"], "state": comment["review"]})
    echo(f"  created  action plan {demo_plan.PLAN_NAME} ({len(measure_ids)} measures)")
    return True


def _actor(user_name: str) -> Act:
    """Call actions as the site user; a fresh context each time, as CKAN expects."""

    def act(action: str, data: dict[str, Any]) -> Any:
        return tk.get_action(action)({"user": user_name, "ignore_auth": True}, data)

    return act


def _show(act: Act, action: str, name: str) -> dict[str, Any] | None:
    try:
        return act(action, {"id": name})
    except tk.ObjectNotFound:
        return None


def _named(what: str, act: Act, action: str, data: dict[str, Any]) -> Any:
    """Run an action; a ValidationError says which demo item broke the schema."""
    try:
        return act(action, data)
    except tk.ValidationError as e:
        raise tk.ValidationError({"demo item": [what], **e.error_dict}) from e


def _assign(act: Act, org_id: str, person: dict[str, Any]) -> None:
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
    assigned = act("lutsk_charter_responsible_assign", data)
    if person["ended"]:
        act(
            "lutsk_charter_responsible_end",
            {"id": assigned["id"], "valid_to": person["ended"], "reason": person["reason"]},
        )


def _create_dataset(act: Act, spec: DemoDataset, org_id: str, now: dt.datetime) -> None:
    changed = now - dt.timedelta(days=spec.age_days)
    dates = Dates(today=now.date(), changed=changed.date())
    what = f"demo dataset {spec.name}"
    dataset = _named(what, act, "package_create", spec.package_dict(org_id, dates))
    try:
        # resource_create, one by one, as a publisher uploads: its hooks run for each file.
        for number, resource in enumerate(spec.resources, start=1):
            _named(what, act, "resource_create", _resource_dict(dataset, number, resource))
        if spec.resources:
            # An upload stamps last_modified with "now"; the demo needs the data's real age
            # (naive UTC, as CKAN keeps it). One package_patch for all of them is one
            # re-index instead of one per resource.
            stamp = changed.replace(tzinfo=None).isoformat()
            resources = act("package_show", {"id": dataset["id"]})["resources"]
            _named(
                what,
                act,
                "package_patch",
                {
                    "id": dataset["id"],
                    "resources": [{**r, "last_modified": stamp} for r in resources],
                },
            )
        if spec.legacy:
            _write_legacy(dataset["id"], spec.legacy)
            act("lutsk_charter_quality_recheck", {"id": dataset["id"]})
    except BaseException:
        # A half-made dataset would count as "exists" next time: take it away.
        act("dataset_purge", {"id": dataset["id"]})
        raise


def _write_legacy(package_id: str, values: dict[str, Any]) -> None:
    """Store values the schema refuses, as migrated data has them (no action would)."""
    from ckan import model

    package = model.Package.get(package_id)
    assert package is not None, package_id
    for key, value in values.items():
        if key == "tags":
            for package_tag in package.package_tags:
                model.Session.delete(package_tag)
        elif key == "format":  # every resource's, as the old portal wrote it
            for resource in package.resources:
                resource.format = value
        else:
            package.extras = {**package.extras, key: value}
    model.repo.commit()


def _resource_dict(dataset: dict[str, Any], number: int, resource: DemoResource) -> dict[str, Any]:
    data: dict[str, Any] = {"package_id": dataset["id"], "name": resource.name}
    if resource.description:
        data["description"] = resource.description
    if resource.schema:
        data["schema"] = resource.schema
    if resource.validation_options:
        data["validation_options"] = resource.validation_options
    if resource.kind == "link":
        extension = resource.url.rsplit("/", 1)[-1].rpartition(".")[2]
        data.update(
            url=resource.url, format=extension.upper() if extension in ("csv", "json") else "HTML"
        )
        return data
    extension, fmt, mimetype = _FILE_KINDS[resource.kind]
    # Stable, readable file names, as a publisher would give them.
    filename = f"{dataset['name']}-{number}.{extension}"
    data.update(
        url=filename,
        format=fmt,
        upload=FileStorage(
            stream=io.BytesIO(resource_bytes(resource)), filename=filename, content_type=mimetype
        ),
    )
    return data


def _rows(table: str) -> tables.Table:
    if table == "register":
        return register_rows(DATASETS, {b["name"]: b for b in BODIES})
    if table == "directory":
        return tables.bodies_directory(BODIES)
    if table == "parking-fines":
        return tables.parking_fines()
    return tables.TABLES[table]


def resource_bytes(resource: DemoResource) -> bytes:
    """The bytes of a demo file, exactly as uploaded (also for tests of later features)."""
    kind = resource.kind
    if kind == "html":
        return files.HTML_ERROR_PAGE
    if kind == "empty":
        return b""
    rows = _rows(resource.table)
    if kind == "csv":
        return files.csv_bytes(rows)
    if kind == "csv-bom":
        return files.csv_bytes(rows, bom=True)
    if kind == "cp1251":
        # What Excel on a Ukrainian Windows saves as "CSV": cp1251, ";" and decimal commas.
        return files.csv_bytes(rows, encoding="windows-1251", delimiter=";", decimal_comma=True)
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
    raise ValueError(f"unknown demo resource kind {kind!r}")
