"""Actions of the catalogue of datasets that Resolution 835 makes mandatory, and its coverage."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.clock import now
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model import RequiredDataset
from ckanext.lutsk_charter.model.queries import org_summaries, user_id
from ckanext.lutsk_charter.model.required import items_by_code, required_items
from ckanext.lutsk_charter.monitoring import required
from ckanext.lutsk_charter.types import REQUIRED_SECTIONS

_ = tk._


@tk.side_effect_free
@tk.validate_action_data(schema.required_dataset_list)
def lutsk_charter_required_dataset_list(
    context: Context, data_dict: DataDict
) -> list[dict[str, Any]]:
    """The datasets Resolution 835 makes mandatory for the city's bodies.

    Anyone may call it: it is the law's own list. Items are given in the order of
    the list: all information holders (``ALL-<n>``) first, then local
    self-government bodies (``OMS-<n>``), each by its position in its section.

    :param section: only ``all_holders`` or only ``local_self_government`` (optional)
    :type section: string
    :param include_inactive: also the items sysadmins have switched off (optional,
        default false)
    :type include_inactive: bool

    :returns: ``code``, ``section``, ``position``, ``name_uk``, ``name_en``,
        ``source``, ``active``, ``updated_at``, ``updated_by`` per item
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_required_dataset_list", context, data_dict)
    items = required_items(
        model.Session, data_dict.get("section"), bool(data_dict.get("include_inactive"))
    )
    return [item.dictize() for item in items]


@tk.validate_action_data(schema.required_dataset_update)
def lutsk_charter_required_dataset_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Edit an item of the list of mandatory datasets (sysadmins only).

    :param code: the item's code, e.g. ``OMS-1``
    :type code: string
    :param name_uk: the Ukrainian name, as in the Resolution (optional)
    :type name_uk: string
    :param name_en: the English name (optional)
    :type name_en: string
    :param active: whether the item is still required (optional); datasets
        linked to an inactive item stay linked but are not counted
    :type active: bool

    :returns: the item
    :rtype: dictionary
    :raises: ``ObjectNotFound`` when there is no item with this code
    """
    tk.check_access("lutsk_charter_required_dataset_update", context, data_dict)
    session = model.Session
    item = session.get(RequiredDataset, data_dict["code"], with_for_update=True)
    if item is None:
        raise tk.ObjectNotFound(_("There is no such item in the list of mandatory datasets."))
    for field in ("name_uk", "name_en", "active"):
        if field in data_dict:
            setattr(item, field, data_dict[field])
    item.updated_at = now()
    item.updated_by = user_id(context.get("user"))
    if not context.get("defer_commit"):
        session.commit()
    return item.dictize()


@tk.validate_action_data(schema.required_dataset_load)
def lutsk_charter_required_dataset_load(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Load items of the list of mandatory datasets from CSV text (sysadmins only).

    All or nothing: every line is checked first, and if any is bad nothing is
    loaded. Items are matched by ``code``; an item in the file is created or
    updated, items missing from the file are left as they are.

    Columns: ``code`` (optional: the section's prefix ``ALL``/``OMS``, a hyphen
    and ``number``), ``section`` (``all_holders`` or ``local_self_government``),
    ``number`` (position within the section), ``name_uk``, ``name_en``,
    ``source`` and ``active`` (optional; new items are active, others keep their
    state). ``data/835-list.csv`` in the package is such a file.

    :param csv: the CSV text, with a header line
    :type csv: string
    :param dry_run: only check the lines (optional, default false)
    :type dry_run: bool

    :returns: ``{"created": n, "updated": n, "unchanged": n, "dry_run": bool}``
    :rtype: dictionary
    :raises: ``ValidationError`` with ``csv``: one translated message per bad
        line, naming the line's number (the header is line 1)
    """
    tk.check_access("lutsk_charter_required_dataset_load", context, data_dict)
    rows, problems = required.parse_csv(context, data_dict["csv"])
    if problems:
        raise tk.ValidationError({"csv": problems})
    session = model.Session
    dry_run = bool(data_dict.get("dry_run"))
    existing = items_by_code(session, [r["code"] for r in rows], for_update=not dry_run)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    moment, actor = now(), user_id(context.get("user"))
    for row in rows:
        item = existing.get(row["code"])
        if item is None:
            counts["created"] += 1
            if not dry_run:
                session.add(
                    RequiredDataset(
                        **{**row, "active": row.get("active", True)},
                        updated_at=moment,
                        updated_by=actor,
                    )
                )
            continue
        changes = {k: v for k, v in row.items() if getattr(item, k) != v}
        counts["updated" if changes else "unchanged"] += 1
        if changes and not dry_run:
            for key, value in changes.items():
                setattr(item, key, value)
            item.updated_at, item.updated_by = moment, actor
    if not dry_run and not context.get("defer_commit"):
        session.commit()
    return {**counts, "dry_run": dry_run}


@tk.side_effect_free
@tk.validate_action_data(schema.required_dataset_coverage)
def lutsk_charter_required_dataset_coverage(
    context: Context, data_dict: DataDict
) -> dict[str, Any]:
    """Which mandatory datasets are published and current, and which are missing.

    For the whole city (no ``organization_id``; sysadmins only) every active item
    applies: the items for all information holders and those for local
    self-government, which bind the city council as a whole. For one body
    (sysadmins, and the body's admins and editors) the items for all information
    holders apply, plus every local self-government item the body has linked a
    dataset to.

    A dataset counts when it is public and active and its ``required_dataset``
    names the item; it is current unless its timeliness state (as
    ``lutsk_charter_dataset_timeliness_show`` judges it) is ``overdue``.

    :param organization_id: the id or name of the body (optional)
    :type organization_id: string

    :returns: ``organization`` (``id``, ``name``, ``title``, or null for the city),
        ``items`` (per item: ``code``, ``section``, ``position``, ``name_uk``,
        ``name_en``, ``published``, ``current`` and ``datasets``: ``id``,
        ``name``, ``title``, ``organization``, ``state``, ``data_changed_at``,
        ``due``, ``current``) and ``totals`` (``required``, ``published``,
        ``current``, ``missing``)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_required_dataset_coverage", context, data_dict)
    session = model.Session
    organization_id = data_dict.get("organization_id")
    catalogue = required_items(session)
    linked = required.linked_datasets(context, organization_id)
    bodies = org_summaries({d["organization_id"] for d in linked})
    by_code: dict[str, list[dict[str, Any]]] = {}
    for dataset in linked:
        dataset["organization"] = bodies.get(dataset.pop("organization_id"))
        by_code.setdefault(dataset.pop("code"), []).append(dataset)
    all_prefix = REQUIRED_SECTIONS["all_holders"]
    items = []
    for item in catalogue:
        datasets = by_code.get(item.code, [])
        if organization_id and not item.code.startswith(f"{all_prefix}-") and not datasets:
            continue
        items.append(
            {
                "code": item.code,
                "section": item.section,
                "position": item.position,
                "name_uk": item.name_uk,
                "name_en": item.name_en,
                "published": bool(datasets),
                "current": any(d["current"] for d in datasets),
                "datasets": datasets,
            }
        )
    published = sum(1 for i in items if i["published"])
    organization = None
    if organization_id:
        organization = bodies.get(organization_id) or org_summaries({organization_id}).get(
            organization_id
        )
    return {
        "organization": organization,
        "items": items,
        "totals": {
            "required": len(items),
            "published": published,
            "current": sum(1 for i in items if i["current"]),
            "missing": len(items) - published,
        },
    }
