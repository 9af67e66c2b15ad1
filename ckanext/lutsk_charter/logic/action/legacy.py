"""Actions that find (and fix) stored datasets the current schema would refuse."""

from __future__ import annotations

from typing import Any, cast

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib import plugins as lib_plugins
from ckan.lib import search
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.logic.errors import flatten_errors
from ckanext.lutsk_charter.model.packages import active_dataset_ids
from ckanext.lutsk_charter.model.queries import get_package, site_context

_ = tk._

#: Fields whose stored value a save rewrites to the current one (a safe fix).
_DATASET_ALIASES = ("language", "update_frequency")
_RESOURCE_ALIASES = ("format",)


@tk.validate_action_data(schema.legacy_check)
def lutsk_charter_legacy_check(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Stored datasets the current schema would refuse, or would save with other values.

    Sysadmins only (``ckan lutsk-charter legacy check``). Each dataset is run
    through the schema of ``package_update`` without saving anything.

    :param id: only this dataset (optional; default every active dataset)
    :type id: string

    :returns: ``{"checked": n, "datasets": [{"id", "name", "refused": [{"field",
        "reason"}], "fixes": [{"field", "from", "to"}]}]}``: ``refused`` lists what
        a person must correct, ``fixes`` the old values a save (and
        ``lutsk_charter_legacy_fix``) replaces safely
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_legacy_check", context, data_dict)
    ids = _dataset_ids(context, data_dict.get("id"))
    found = []
    for package_id in ids:
        report = _inspect(context, package_id)
        if report["refused"] or report["fixes"]:
            found.append(report)
    return {"checked": len(ids), "datasets": found}


@tk.validate_action_data(schema.legacy_fix)
def lutsk_charter_legacy_fix(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Replace the old values that have a safe fix (``uk`` → ``ua``, ``Щороку`` → ``once a year``).

    Sysadmins only (``ckan lutsk-charter legacy fix``). A dataset with nothing
    else wrong is saved through ``package_patch`` (hooks, activity, index); one that
    the schema still refuses for another reason gets only the safe values written
    and indexed again, and stays in the answer of ``lutsk_charter_legacy_check``
    for a person to finish.

    :param id: only this dataset (optional)
    :type id: string
    :param dry_run: say what would be fixed, change nothing (default false)
    :type dry_run: bool

    :returns: the report of ``lutsk_charter_legacy_check``, each dataset with
        ``fixed`` (``"saved"``, ``"values"``, or ``""`` when nothing was changed)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_legacy_fix", context, data_dict)
    report = tk.get_action("lutsk_charter_legacy_check")(
        {"user": context.get("user"), "ignore_auth": True},  # type: ignore[typeddict-item]
        {"id": data_dict["id"]} if data_dict.get("id") else {},
    )
    for dataset in report["datasets"]:
        dataset["fixed"] = ""
        if not dataset["fixes"] or data_dict.get("dry_run"):
            continue
        if not dataset["refused"]:
            # Values written behind CKAN's back leave a stale copy in the index, which
            # package_patch would read and see nothing to change: index it first.
            search.rebuild(dataset["id"])
            _patch(context, dataset)
            dataset["fixed"] = "saved"
        else:
            _write_values(context, dataset)
            dataset["fixed"] = "values"
    return report


# --- private helpers ---------------------------------------------------------------------


def _dataset_ids(context: Context, one: str | None) -> list[str]:
    if one:
        return [get_package(one).id]
    return active_dataset_ids()


def _site_context(context: Context) -> Context:
    # what is stored (use_cache off), not the search index's copy
    return site_context(ignore_auth=True, use_cache=False, session=model.Session)


def _inspect(context: Context, package_id: str) -> dict[str, Any]:
    show_context = _site_context(context)
    stored = tk.get_action("package_show")(show_context, {"id": package_id})
    plugin = lib_plugins.lookup_package_plugin(stored.get("type"))
    validate_context = cast(
        Context, {**_site_context(context), "package": model.Package.get(package_id)}
    )
    schema_ = plugin.update_package_schema()
    data, errors = lib_plugins.plugin_validate(
        plugin, validate_context, dict(stored), schema_, "package_update"
    )
    model.Session.rollback()  # validation writes nothing, but leave no state behind
    refused = flatten_errors(errors)
    fixes = []
    for field in _DATASET_ALIASES:
        before, after = stored.get(field), data.get(field)
        if before and after and before != after and field not in errors:
            fixes.append({"field": field, "from": before, "to": after})
    for number, (before_res, after_res) in enumerate(
        zip(stored.get("resources") or [], data.get("resources") or [], strict=False), start=1
    ):
        for field in _RESOURCE_ALIASES:
            before, after = before_res.get(field), after_res.get(field)
            if before and after and before != after:
                fixes.append(
                    {
                        "field": f"resources[{number}].{field}",
                        "from": before,
                        "to": after,
                        "resource_id": before_res["id"],
                    }
                )
    return {"id": stored["id"], "name": stored["name"], "refused": refused, "fixes": fixes}


def _patch(context: Context, dataset: dict[str, Any]) -> None:
    changes: dict[str, Any] = {"id": dataset["id"]}
    formats = {}
    for fix in dataset["fixes"]:
        if "resource_id" in fix:
            formats[fix["resource_id"]] = fix["to"]
        else:
            changes[fix["field"]] = fix["to"]
    if formats:
        shown = tk.get_action("package_show")(_site_context(context), {"id": dataset["id"]})
        changes["resources"] = [
            {**r, "format": formats.get(r["id"], r.get("format"))} for r in shown["resources"]
        ]
    tk.get_action("package_patch")(
        {"user": context.get("user"), "ignore_auth": True},  # type: ignore[typeddict-item]
        changes,
    )


def _write_values(context: Context, dataset: dict[str, Any]) -> None:
    """Only the safe values, where the schema refuses the dataset for something else."""
    session = model.Session
    package = get_package(dataset["id"])
    for fix in dataset["fixes"]:
        if "resource_id" in fix:
            resource = model.Resource.get(fix["resource_id"])
            if resource is not None:
                resource.format = fix["to"]
        else:
            package.extras = {**package.extras, fix["field"]: fix["to"]}
    session.commit()
    search.rebuild(package.id)
    search.commit()
