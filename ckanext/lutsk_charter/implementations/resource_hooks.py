"""Resource and dataset hooks: the clock of data changes and the data validation.

A saved dataset has its data changes noted in the same transaction (the clock
of timeliness); a saved resource in a validated format gets a background
validation; a shown dataset carries each resource's latest result as
``validation_status`` and ``validation_timestamp`` — read from our table, never
written to the resource, so ``metadata_modified`` keeps telling when the
metadata changed.
"""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.types import Context

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.model import ResourceValidation

log = logging.getLogger(__name__)


class ResourceHooks(p.SingletonPlugin):
    p.implements(p.IResourceController, inherit=True)
    p.implements(p.IPackageController, inherit=True)

    def after_dataset_create(self, context: Context, pkg_dict: dict[str, Any]) -> None:
        _record_data_change(context, pkg_dict["id"])

    def after_dataset_update(self, context: Context, pkg_dict: dict[str, Any]) -> None:
        _record_data_change(context, pkg_dict["id"])

    def after_resource_create(self, context: Context, resource: dict[str, Any]) -> None:
        _queue(context, resource)

    def after_resource_update(self, context: Context, resource: dict[str, Any]) -> None:
        _queue(context, resource)

    def after_dataset_show(self, context: Context, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        resources = pkg_dict.get("resources") or []
        if not resources:
            return pkg_dict
        rows = model.Session.execute(
            sa.select(
                ResourceValidation.resource_id,
                ResourceValidation.status,
                ResourceValidation.requested_at,
                ResourceValidation.started_at,
                ResourceValidation.finished_at,
            ).where(ResourceValidation.resource_id.in_([r["id"] for r in resources]))
        )
        latest = {r.resource_id: r for r in rows}
        for resource in resources:
            row = latest.get(resource["id"])
            if row is None or (row.finished_at is None and resource.get("validation_status")):
                continue  # keep what ckanext-validation left until our first result
            when = row.finished_at or row.started_at or row.requested_at
            resource["validation_status"] = row.status
            resource["validation_timestamp"] = when.isoformat()
        return pkg_dict


def _record_data_change(context: Context, package_id: str) -> None:
    """Inside core's transaction (``defer_commit``): the note commits with the save."""
    tk.get_action("lutsk_charter_data_change_record")(
        {
            "user": context.get("user"),
            "ignore_auth": True,
            "defer_commit": True,  # type: ignore[typeddict-item]
            "model": model,
            "session": model.Session,
        },
        {"id": package_id},
    )


def _queue(context: Context, resource: dict[str, Any]) -> None:
    if config.validation_sync():
        return  # validated while saving, by the chained resource_create/update
    if (resource.get("format") or "").lower() not in config.validation_formats():
        return
    try:
        tk.get_action("lutsk_charter_validation_run")(
            {"user": context.get("user"), "ignore_auth": True},  # type: ignore[typeddict-item]
            {"resource_id": resource["id"]},
        )
    except tk.ValidationError as e:  # another plugin said no
        log.info("Resource %s is not validated: %s", resource["id"], e.error_dict)
