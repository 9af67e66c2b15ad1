"""Actions of the data validation of tabular resources (frictionless)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model import ResourceValidation
from ckanext.lutsk_charter.validation import service

_ = tk._


@tk.validate_action_data(schema.validation_run)
def lutsk_charter_validation_run(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Validate a resource's data with frictionless, in the background or now.

    Whoever may update the resource may call it. An unchanged file (same bytes,
    same ``schema`` and ``validation_options``) is not validated again.

    :param resource_id: the id of the resource
    :type resource_id: string
    :param sync: validate now and return the result (default: queue a job on the
        ``lutsk_charter`` queue and return the ``pending`` state)
    :type sync: bool

    A ``sync`` call validates inside the request only a file up to
    ``validation.sync_max_size_mb`` (XLSX/ODS: unpacked) and for at most
    ``validation.sync_timeout`` seconds; otherwise the validation goes on in the
    background and the answer says ``"queued": true`` with the ``queued_reason``
    (``too-big`` or ``too-slow``).

    :returns: the validation: ``status`` (pending, running, success, failure,
        error), times, and when finished the ``report``
    :rtype: dictionary
    :raises: ``ValidationError`` when the resource's format is not validated
    """
    tk.check_access("lutsk_charter_validation_run", context, data_dict)
    resource = service.resource_dict(context, data_dict["resource_id"])
    service.check_validatable(context, resource)
    if data_dict.get("sync"):
        # A web request is bounded; the background job and the CLI are not.
        from flask import has_request_context
        from rq import get_current_job

        bounded = has_request_context() and get_current_job() is None
        return service.validate_now(context, resource, bounded=bounded)
    return service.enqueue(context, resource)


@tk.side_effect_free
@tk.validate_action_data(schema.validation_show)
def lutsk_charter_validation_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The latest data validation of a resource, with its report.

    Whoever may see the resource may call it.

    :param resource_id: the id of the resource
    :type resource_id: string

    :returns: ``status``, ``requested_at``, ``started_at``, ``finished_at``,
        ``timestamp``, ``error`` and ``report`` (``findings``, ``errors``, ``meta``)
    :rtype: dictionary
    :raises: ``ObjectNotFound`` when the resource was never validated
    """
    tk.check_access("lutsk_charter_validation_show", context, data_dict)
    row = model.Session.get(ResourceValidation, data_dict["resource_id"])
    if row is None:
        raise tk.ObjectNotFound(_("This resource has not been validated."))
    return row.dictize()


@tk.validate_action_data(schema.validation_run_batch)
def lutsk_charter_validation_run_batch(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Validate many resources: a body's, a dataset's, every one, or the pending ones.

    Sysadmins only.

    :param organization_id: only this body's datasets (optional)
    :type organization_id: string
    :param dataset_id: only this dataset (optional)
    :type dataset_id: string
    :param pending: only resources whose validation is still pending, e.g. after
        Redis was down when they were saved (optional)
    :type pending: bool
    :param sync: validate now instead of queueing jobs (optional)
    :type sync: bool

    :returns: ``{"resources": n, "statuses": {status: count}}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_validation_run_batch", context, data_dict)
    statuses: dict[str, int] = {}
    ids = service.validation_candidates(context, data_dict)
    for resource_id in ids:
        result = tk.get_action("lutsk_charter_validation_run")(
            {"user": context.get("user"), "ignore_auth": True},  # type: ignore[typeddict-item]
            {"resource_id": resource_id, "sync": bool(data_dict.get("sync"))},
        )
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    return {"resources": len(ids), "statuses": statuses}


# --- core actions, extended: validation while saving (``validation.sync``) -----------------


@tk.chained_action
def resource_create(up_func: Any, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Create a resource; with ``validation.sync`` on, invalid data is refused before saving."""
    return _save_validated(up_func, context, data_dict)


@tk.chained_action
def resource_update(up_func: Any, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Update a resource; with ``validation.sync`` on, invalid new data is refused."""
    return _save_validated(up_func, context, data_dict)


def _save_validated(up_func: Any, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Core's save, with the data validated first when ``validation.sync`` is on (refused when
    invalid) and the result stored with the saved resource."""
    checked = service.validate_incoming(context, data_dict)
    if checked is not None:  # the save hooks need not queue it
        context["lutsk_charter_validated_while_saving"] = True  # type: ignore[typeddict-unknown-key]
    saved = up_func(context, data_dict)
    if checked is not None:
        service.store_checked(context, saved, checked)
    return saved
