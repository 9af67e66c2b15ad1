"""Quality flags: the sysadmins' review queue and each body's flags."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response

from ckanext.lutsk_charter.views import base
from ckanext.lutsk_charter.views.base import bp

_ = tk._

_FLAG_FILTERS = ("principle", "code", "severity", "status")
_PAGE_SIZE = 50


def _flag_page(body: dict[str, Any] | None) -> str:
    query = {k: tk.request.args.get(k, "") for k in _FLAG_FILTERS}
    query["status"] = query["status"] or "open"
    page = base.page_number()
    data: dict[str, Any] = {k: v for k, v in query.items() if v}
    if body is not None:
        data["organization_id"] = body["id"]
    elif tk.request.args.get("organization_id"):
        data["organization_id"] = tk.request.args["organization_id"]
    data.update(limit=_PAGE_SIZE, offset=(page - 1) * _PAGE_SIZE)
    try:
        flags = tk.get_action("lutsk_charter_flag_list")(base.context(), data)
    except tk.ValidationError as e:
        base.flash_errors(e)
        flags = {"count": 0, "results": []}
    filters = {k: v for k, v in data.items() if k not in ("limit", "offset")}
    pages = base.pager(page, flags["count"], _PAGE_SIZE, filters)
    # Whom the review form is for: the flags' own auth, asked for the whole body.
    scope = {"organization_id": body["id"]} if body is not None else {}
    kept, kept_errors = base.kept_form("review")
    extra = {
        "flags": flags,
        "review": {"flag": kept.get("flag") or [], "note": kept.get("note") or ""},
        "review_errors": kept_errors,
        "filters": filters,
        "pager": pages,
        "can_review": base.can("lutsk_charter_flag_review", scope),
        "came_from": base.this_page(),
    }
    if body is None:
        return tk.render(
            "lutsk_charter/quality_queue.html", {**extra, "organizations": base.organizations()}
        )
    return tk.render(
        "lutsk_charter/organization_quality.html",
        {**extra, "group_dict": body, "group_type": "organization"},
    )


@bp.route("/ckan-admin/quality")
@base.sysadmin_only(lambda: _("Only sysadmins may see every body's quality flags."))
def quality_queue() -> str:
    """Sysadmins: every body's quality flags, to acknowledge or dismiss in bulk."""
    return _flag_page(None)


@bp.route("/organization/quality/<id>")
def organization_quality(id: str) -> str:
    """A body's quality flags: its editors see them, its admins review them."""
    return _flag_page(base.organization(id))


@bp.route("/quality/review", methods=["POST"])
def quality_review() -> Response:
    """Acknowledge or dismiss the ticked flags, with one note, all or none."""
    form = tk.request.form
    back = base.came_from(tk.h.url_for("lutsk_charter.quality_queue"))
    ids = form.getlist("flag")
    note = form.get("note", "")
    if not ids:
        tk.h.flash_error(_("Tick the flags to review first."))
        base.keep_form("review", {"flag": [], "note": note}, {})
        return tk.redirect_to(back)
    try:
        result = tk.get_action("lutsk_charter_flag_review")(
            base.context(), {"id": ids, "status": form.get("status", ""), "note": note}
        )
    except tk.ObjectNotFound as e:
        tk.h.flash_error(str(e))
        base.keep_form("review", {"flag": ids, "note": note}, {})
    except tk.ValidationError as e:
        base.flash_errors(e)
        base.keep_form("review", {"flag": ids, "note": note}, e.error_dict)
    else:
        tk.h.flash_success(_("Flags reviewed: {count}.").format(count=len(result["results"])))
    return tk.redirect_to(back)
