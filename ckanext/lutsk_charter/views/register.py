"""The 835 register of datasets, to download as CSV or XLSX (anyone; public datasets only)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response
from flask import Response as FlaskResponse

from ckanext.lutsk_charter.monitoring.register import MEDIA_TYPES, content
from ckanext.lutsk_charter.views import base
from ckanext.lutsk_charter.views.base import bp

_ = tk._


def _register_download(fmt: str) -> Response:
    """The register as an attachment, made from the rows the action returns."""
    data: dict[str, Any] = {"format": fmt}
    if tk.request.args.get("organization"):
        data["organization_id"] = tk.request.args["organization"]
    try:
        result = tk.get_action("lutsk_charter_register_export")(base.context(), data)
    except tk.ValidationError:
        return tk.abort(404, _("Organization not found"))
    return FlaskResponse(
        content(result["records"], fmt),
        mimetype=MEDIA_TYPES[fmt].split(";")[0],
        headers={
            "Content-Type": MEDIA_TYPES[fmt],
            "Content-Disposition": f'attachment; filename="{result["filename"]}"',
        },
    )


@bp.route("/dataset-register.csv")
def register_csv() -> Response:
    """The register of datasets as CSV (UTF-8 with a BOM, for Excel)."""
    return _register_download("csv")


@bp.route("/dataset-register.xlsx")
def register_xlsx() -> Response:
    """The register of datasets as an XLSX workbook."""
    return _register_download("xlsx")
