"""The Resolution 835 list of mandatory datasets: the sysadmins' coverage page and edit form."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response

from ckanext.lutsk_charter.views import base
from ckanext.lutsk_charter.views.base import bp

_ = tk._


def _refusal() -> str:
    return _("Only sysadmins may edit the list of mandatory datasets.")


@bp.route("/ckan-admin/required-datasets")
@base.sysadmin_only(_refusal)
def required_datasets() -> str:
    """Sysadmins: the Resolution 835 list, with what the city (or one body) publishes of it."""
    organization_id = tk.request.args.get("organization_id") or None
    scope = {"organization_id": organization_id} if organization_id else {}
    try:
        coverage = tk.get_action("lutsk_charter_required_dataset_coverage")(base.context(), scope)
    except tk.ValidationError:
        return tk.abort(404, _("Organization not found"))
    everything = tk.get_action("lutsk_charter_required_dataset_list")(
        base.context(), {"include_inactive": True}
    )
    return tk.render(
        "lutsk_charter/required_datasets.html",
        {
            "coverage": coverage,
            "inactive": [i for i in everything if not i["active"]],
            "organization_id": organization_id or "",
        },
    )


def _required_item(code: str) -> dict[str, Any]:
    items = tk.get_action("lutsk_charter_required_dataset_list")(
        base.context(), {"include_inactive": True}
    )
    item = next((i for i in items if i["code"] == code.upper()), None)
    if item is None:
        raise tk.ObjectNotFound(_("There is no such item in the list of mandatory datasets."))
    return item


@bp.route("/ckan-admin/required-datasets/<code>/edit", methods=["GET", "POST"])
@base.sysadmin_only(_refusal)
def required_dataset_edit(code: str) -> Response | str:
    """Sysadmins: edit an item's names, or switch it off or on."""
    item = _required_item(code)
    errors: dict[str, Any] = {}
    form: dict[str, Any] = item
    if tk.request.method == "POST":
        posted = tk.request.form
        form = {
            **item,
            "name_uk": posted.get("name_uk", ""),
            "name_en": posted.get("name_en", ""),
            "active": posted.get("active") == "true",
        }
        data = {k: form[k] for k in ("name_uk", "name_en", "active")}
        try:
            tk.get_action("lutsk_charter_required_dataset_update")(
                base.context(), {"code": item["code"], **data}
            )
        except tk.ValidationError as e:
            errors = e.error_dict
            tk.h.flash_error(_("The item was not saved: check the marked fields."))
        else:
            tk.h.flash_success(_("Item {code} is saved.").format(code=item["code"]))
            return tk.redirect_to("lutsk_charter.required_datasets")
    return tk.render(
        "lutsk_charter/required_dataset_edit.html",
        {"item": item, "form": form, "errors": errors},
    )
