"""CKAN's own actions, extended for the clients that copy a portal (``ckanapi dump``)."""

from __future__ import annotations

from typing import Any, Literal

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import ActionResult, Context, DataDict

from ckanext.lutsk_charter.model import packages


@tk.chained_action
@tk.side_effect_free
def package_list(up_func: Any, context: Context, data_dict: DataDict) -> ActionResult.PackageList:
    """Return the names (ids with API version 2) of the site's datasets.

    CKAN's own ``package_list`` lists only active public datasets and ignores the
    options below, which ``ckanapi dump datasets --all --include-private
    --include-drafts`` sends: so a dump left out every private dataset and draft.
    Here they are honoured, for what the caller may read anyway:

    :param include_private: also the private datasets of the bodies the caller is
        a member of (all of them for a sysadmin) (optional, default ``False``)
    :type include_private: bool
    :param include_drafts: also draft datasets: a sysadmin's all, anyone else's
        their own (optional, default ``False``)
    :type include_drafts: bool
    :param include_deleted: also deleted datasets, for a sysadmin only (optional,
        default ``False``)
    :type include_deleted: bool
    :param limit: at most this many names per call (optional)
    :type limit: int
    :param offset: with ``limit``, where the page starts (optional)
    :type offset: int

    :rtype: list of strings, sorted
    """
    private = tk.asbool(data_dict.get("include_private", False))
    drafts = tk.asbool(data_dict.get("include_drafts", False))
    deleted = tk.asbool(data_dict.get("include_deleted", False))
    if not (private or drafts or deleted):
        return up_func(context, data_dict)
    tk.check_access("package_list", context, data_dict)
    limit, offset = _whole(data_dict, "limit"), _whole(data_dict, "offset")

    user = context.get("user") or ""
    sysadmin = bool(user) and authz.is_sysadmin(user)
    user_obj = model.User.get(user) if user else None
    bodies: Literal["none", "all"] | list[str] = "none"
    if private and sysadmin:
        bodies = "all"
    elif private and user_obj is not None:
        bodies = [g.id for g in user_obj.get_groups("organization")] or "none"
    creator: Literal["none", "all"] | str = "none"
    if drafts and sysadmin:
        creator = "all"
    elif drafts and user_obj is not None:
        creator = user_obj.id
    return packages.package_names(
        by_id=context.get("api_version", 1) == 2,
        private=bodies,
        drafts=creator,
        deleted=deleted and sysadmin,
        limit=limit,
        offset=offset,
    )


def _whole(data_dict: DataDict, name: str) -> int | None:
    """A non-negative whole number option, or a 409 saying so."""
    value = data_dict.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0:
        raise tk.ValidationError({name: [tk._("Give a whole number, 0 or more.")]})
    return number
