"""Actions of the catalogue of datasets that Resolution 835 makes mandatory, and its coverage."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.logic.action._common import now, portal_zone, user_id
from ckanext.lutsk_charter.model import RequiredDataset, ResourceDataChange
from ckanext.lutsk_charter.monitoring.exports import restore_text
from ckanext.lutsk_charter.types import REQUIRED_SECTIONS

_ = tk._

#: Columns of the catalogue's CSV, as ``data/835-list.csv`` and the export write them.
CSV_COLUMNS = ("code", "section", "number", "name_uk", "name_en", "source", "active")
_NEEDED_COLUMNS = ("section", "number", "name_uk")
#: The dataset field that links a dataset to its item.
FIELD = "required_dataset"


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
    query = sa.select(RequiredDataset).order_by(*_list_order())
    if data_dict.get("section"):
        query = query.where(RequiredDataset.section == data_dict["section"])
    if not data_dict.get("include_inactive"):
        query = query.where(RequiredDataset.active.is_(True))
    return [item.dictize() for item in context["session"].scalars(query)]


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
    session = context["session"]
    item = session.get(RequiredDataset, data_dict["code"], with_for_update=True)
    if item is None:
        raise tk.ObjectNotFound(_("There is no such item in the list of mandatory datasets."))
    for field in ("name_uk", "name_en", "active"):
        if field in data_dict:
            setattr(item, field, data_dict[field])
    item.updated_at = now()
    item.updated_by = user_id(context)
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
    rows, problems = _parse_csv(context, data_dict["csv"])
    if problems:
        raise tk.ValidationError({"csv": problems})
    session = context["session"]
    dry_run = bool(data_dict.get("dry_run"))
    query = sa.select(RequiredDataset).where(RequiredDataset.code.in_([r["code"] for r in rows]))
    existing = {
        item.code: item for item in session.scalars(query if dry_run else query.with_for_update())
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    moment, actor = now(), user_id(context)
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
    session = context["session"]
    organization_id = data_dict.get("organization_id")
    catalogue = session.scalars(
        sa.select(RequiredDataset).where(RequiredDataset.active.is_(True)).order_by(*_list_order())
    ).all()
    linked = _linked_datasets(context, organization_id)
    bodies = _organizations(context, {d["organization_id"] for d in linked})
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
        organization = bodies.get(organization_id) or _organizations(
            context, {organization_id}
        ).get(organization_id)
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


# --- private helpers ------------------------------------------------------------------


def _list_order() -> list[Any]:
    order = {section: n for n, section in enumerate(REQUIRED_SECTIONS)}
    return [
        sa.case(order, value=RequiredDataset.section, else_=len(order)),
        RequiredDataset.position,
        RequiredDataset.code,
    ]


def _parse_csv(context: Context, text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of the catalogue's CSV, ready for the table, and a message per bad line."""
    reader = csv.DictReader(io.StringIO(str(text).lstrip("\ufeff")))
    header = [c.strip() for c in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in _NEEDED_COLUMNS if c not in header]
    if missing:
        return [], [
            _("Line {line}: missing columns: {columns}.").format(line=1, columns=", ".join(missing))
        ]
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):
        cells = {
            k: restore_text((v or "").strip())
            for k, v in raw.items()
            if k in CSV_COLUMNS and v is not None
        }
        cells = {k: v for k, v in cells.items() if v != ""}
        data, errors = tk.navl_validate(cells, schema.required_dataset_row(), context)
        messages = [
            _("Line {line}: {field}: {error}").format(
                line=line, field=field, error=" ".join(str(e) for e in field_errors)
            )
            for field, field_errors in errors.items()
            if field_errors
        ]
        if not messages:
            prefix = REQUIRED_SECTIONS[data["section"]]
            number = int(data["number"])
            code = data.get("code") or f"{prefix}-{number}"
            if number < 1:
                messages.append(
                    _("Line {line}: number: the position must be 1 or more.").format(line=line)
                )
            if not code.startswith(f"{prefix}-"):
                messages.append(
                    _("Line {line}: code: {code} does not belong to the section {section}.").format(
                        line=line, code=code, section=data["section"]
                    )
                )
            if code in seen:
                messages.append(
                    _("Line {line}: code: {code} is already on line {other}.").format(
                        line=line, code=code, other=seen[code]
                    )
                )
            seen.setdefault(code, line)
            row = {
                "code": code,
                "section": data["section"],
                "position": number,
                "name_uk": data["name_uk"],
                "name_en": data.get("name_en", ""),
                "source": data.get("source", ""),
            }
            if "active" in data:
                row["active"] = data["active"]
            rows.append(row)
        problems.extend(messages)
    if not rows and not problems:
        problems.append(_("The file has no items."))
    return rows, problems


def _with_extras(model: Any, keys: tuple[str, ...]) -> tuple[Any, dict[str, Any]]:
    """The package table joined to the given extras, and each extra's column.

    CKAN 2.12 keeps a dataset's extras in the package's JSONB ``extras`` column,
    CKAN 2.11 in the ``package_extra`` table.
    """
    package = model.package_table
    if "extras" in package.c:
        return package, {key: package.c.extras[key].astext for key in keys}
    source, columns = package, {}
    for key in keys:
        extra = model.package_extra_table.alias(f"extra_{key}")
        source = source.outerjoin(
            extra,
            sa.and_(
                extra.c.package_id == package.c.id, extra.c.key == key, extra.c.state == "active"
            ),
        )
        columns[key] = extra.c.value
    return source, columns


def _linked_datasets(context: Context, organization_id: str | None) -> list[dict[str, Any]]:
    """Every public, active dataset linked to an item, with its timeliness: two queries in all."""
    model, session = context["model"], context["session"]
    package = model.package_table
    source, extras = _with_extras(model, (FIELD, "update_frequency"))
    query = (
        sa.select(
            package.c.id,
            package.c.name,
            package.c.title,
            package.c.owner_org,
            package.c.metadata_created,
            extras[FIELD].label("code"),
            extras["update_frequency"].label("frequency"),
        )
        .select_from(source)
        .where(
            package.c.state == "active",
            package.c.private.is_(False),
            package.c.type == "dataset",
            extras[FIELD].isnot(None),
            extras[FIELD] != "",
        )
        .order_by(package.c.title, package.c.name)
    )
    if organization_id:
        query = query.where(package.c.owner_org == organization_id)
    rows = session.execute(query).all()
    latest = _data_changed_at(context, [r.id for r in rows])
    moment, zone = now(), portal_zone()
    result = []
    for row in rows:
        changed = latest.get(row.id) or timeliness.parse_ckan_time(row.metadata_created)
        assessed = timeliness.assess(row.frequency, changed, moment, zone)
        result.append(
            {
                "id": row.id,
                "name": row.name,
                "title": row.title,
                "organization_id": row.owner_org,
                "code": row.code,
                "update_frequency": row.frequency,
                "state": assessed.state,
                "data_changed_at": changed.isoformat() if changed else None,
                "due": assessed.due.isoformat() if assessed.due else None,
                "current": assessed.state != "overdue",
            }
        )
    return result


def _data_changed_at(context: Context, package_ids: list[str]) -> dict[str, dt.datetime]:
    """When each dataset's data last changed, over its active resources (as the clock does)."""
    if not package_ids:
        return {}
    resource = context["model"].resource_table
    rows = context["session"].execute(
        sa.select(resource.c.package_id, sa.func.max(ResourceDataChange.changed_at))
        .join(ResourceDataChange, ResourceDataChange.resource_id == resource.c.id)
        .where(resource.c.package_id.in_(package_ids), resource.c.state == "active")
        .group_by(resource.c.package_id)
    )
    return {row[0]: row[1] for row in rows}


def _organizations(context: Context, ids: set[str]) -> dict[str, dict[str, str]]:
    group = context["model"].Group
    rows = context["session"].execute(
        sa.select(group.id, group.name, group.title).where(group.id.in_(ids))
    )
    return {r.id: {"id": r.id, "name": r.name, "title": r.title} for r in rows}
