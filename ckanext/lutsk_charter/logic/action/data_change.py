"""Actions of the clock of timeliness: when a dataset's data last changed."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import data_clock, timeliness
from ckanext.lutsk_charter.clock import now, portal_zone
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model.queries import data_changed_at, get_package


@tk.validate_action_data(schema.data_change_record)
def lutsk_charter_data_change_record(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Note which of a dataset's resources changed their data.

    Sysadmins only: the validation calls it with a linked file's new content; every
    save notes its own changes by the same rule (``data_clock.record``), for everyone.

    :param id: the id or name of the dataset
    :type id: string
    :param content: ``{resource_id: sha256}`` of linked files as just downloaded
        (by the validation); a hash unlike the last one is a data change (optional)
    :type content: dict

    :returns: ``{"changed": [resource ids whose data changed]}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_data_change_record", context, data_dict)
    session = model.Session
    package = get_package(data_dict["id"])
    given = data_dict.get("content")
    changed = data_clock.record(session, package, given if isinstance(given, dict) else None)
    if not context.get("defer_commit"):
        session.commit()
    return {"changed": changed}


@tk.side_effect_free
@tk.validate_action_data(schema.dataset_id)
def lutsk_charter_dataset_timeliness_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """When a dataset's data last changed, when its next update is due, and whether it is late.

    Whoever may see the dataset may call it. The clock is the data, not
    ``metadata_modified``: editing a title or storing a validation result does
    not reset it. A dataset without resources counts from its creation.

    :param id: the id or name of the dataset
    :type id: string

    :returns: ``data_changed_at``, ``update_frequency``, ``state`` (normal,
        due_soon, overdue, inactive), ``due`` and ``days_left``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_dataset_timeliness_show", context, data_dict)
    package = get_package(data_dict["id"])
    latest = data_changed_at([package.id]).get(package.id)
    changed = latest or timeliness.parse_ckan_time(package.metadata_created) or now()
    frequency = package.extras.get("update_frequency")
    result = timeliness.assess(frequency, changed, now(), portal_zone())
    return {
        "id": package.id,
        "data_changed_at": changed.isoformat() if changed else None,
        "update_frequency": frequency,
        "state": result.state,
        "due": result.due.isoformat() if result.due else None,
        "days_left": result.days_left,
    }
