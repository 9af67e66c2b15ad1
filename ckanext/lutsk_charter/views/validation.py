"""A resource's validation: the report a person reads, the report and Data Package as JSON."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response
from flask import Response as FlaskResponse

from ckanext.lutsk_charter.validation.package import datapackage
from ckanext.lutsk_charter.validation.service import is_validated_format
from ckanext.lutsk_charter.views import base
from ckanext.lutsk_charter.views.base import bp

_ = tk._


def _validation(
    resource_id: str, legacy: bool = False
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The dataset, the resource and its validation, as the current user may see them.

    With ``legacy``, a resource that we never validated but that carries a
    ``validation_status`` from ckanext-validation gets that status as its result
    (``legacy: True``, no report).
    """
    try:
        resource = tk.get_action("resource_show")(base.context(), {"id": resource_id})
        dataset = tk.get_action("package_show")(base.context(), {"id": resource["package_id"]})
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not see this resource."))
    except tk.ObjectNotFound:
        return tk.abort(404, _("This resource has not been validated."))
    try:
        result = tk.get_action("lutsk_charter_validation_show")(
            base.context(), {"resource_id": resource_id}
        )
    except tk.NotAuthorized:
        return tk.abort(403, _("You may not see this resource."))
    except tk.ObjectNotFound:
        if not (legacy and resource.get("validation_status")):
            return tk.abort(404, _("This resource has not been validated."))
        result = {
            # What it came with; ``validation_status`` itself reads ``imported`` by now.
            "status": resource.get("validation_status_imported") or resource["validation_status"],
            "finished_at": resource.get("validation_timestamp") or None,
            "report": None,
            "legacy": True,
        }
    return dataset, resource, result


@bp.route("/dataset/<id>/resource/<resource_id>/validation")
def validation_report(id: str, resource_id: str) -> str:
    """The validation report of a resource, readable by a person."""
    dataset, resource, result = _validation(resource_id, legacy=True)
    return tk.render(
        "lutsk_charter/validation_report.html",
        {
            "pkg_dict": dataset,
            "resource": resource,
            "result": result,
            "can_run": is_validated_format(resource)
            and base.can("lutsk_charter_validation_run", {"resource_id": resource_id}),
        },
    )


@bp.route("/dataset/<id>/resource/<resource_id>/validation/report.json")
def validation_report_json(id: str, resource_id: str) -> Response:
    """The stored report as JSON, to download."""
    _dataset, _resource, result = _validation(resource_id)
    return FlaskResponse(
        json.dumps(result, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="validation-{resource_id}.json"'},
    )


@bp.route("/dataset/<id>/resource/<resource_id>/validation/datapackage.json")
def validation_datapackage(id: str, resource_id: str) -> Response:
    """A Data Package of the resource as validated, for ``frictionless validate``."""
    dataset, resource, result = _validation(resource_id)
    described = ((result.get("report") or {}).get("meta") or {}).get("datapackage")
    if not described:
        return tk.abort(404, _("This validation stopped before reading the data as a table."))
    url = resource.get("url") or ""
    filename = url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or described["path"]
    package = datapackage(
        described,
        name=dataset["name"],
        title=_title(dataset, resource),
        path=filename,
        homepage=tk.url_for(
            f"{dataset['type']}_resource.read",
            id=dataset["name"],
            resource_id=resource_id,
            _external=True,
        ),
    )
    return FlaskResponse(
        json.dumps(package, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="datapackage.json"'},
    )


def _title(dataset: dict[str, Any], resource: dict[str, Any]) -> str:
    title = dataset.get("title") or dataset["name"]
    name = resource.get("name")
    return f"{title}: {name}" if name else title


@bp.route("/dataset/<id>/resource/<resource_id>/validation/run", methods=["POST"])
def validation_run(id: str, resource_id: str) -> Response:
    """Validate the resource again (its editors), then back to its report."""
    try:
        tk.get_action("lutsk_charter_validation_run")(base.context(), {"resource_id": resource_id})
    except tk.ValidationError as e:
        base.flash_errors(e)
    else:
        tk.h.flash_success(_("The data will be validated again in a moment."))
    return tk.redirect_to("lutsk_charter.validation_report", id=id, resource_id=resource_id)
