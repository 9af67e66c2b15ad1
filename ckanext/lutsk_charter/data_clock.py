"""The clock of data changes: which of a dataset's resources changed their data, and when.

A save (the dataset hooks) and a validation (a linked file's new content) note it in
the caller's transaction; ``lutsk_charter_data_change_record`` is its action. What
counts as a change is ``timeliness.data_changed_at``'s rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ckan.types import AlchemySession

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.clock import now
from ckanext.lutsk_charter.model import ResourceDataChange
from ckanext.lutsk_charter.model.data_change import ResourceState, resource_states


def record(
    session: AlchemySession,
    package: Any,
    content: Mapping[str, str] | None = None,
    stored: Mapping[str, ResourceState] | None = None,
) -> list[str]:
    """Note the data changes of ``package``'s resources (a ``model.Package``); returns the
    ids of the resources whose data changed.

    ``content``: ``{resource_id: sha256}`` of linked files as just downloaded; a hash
    unlike the last one is a change (the first one seen is not). ``stored``: the
    resources' states as the caller just read them (``resource_states``), else read here.
    A row is loaded and written only for a resource with something to note.
    """
    if stored is None:
        stored = resource_states(session, package.id)
    content = content or {}
    moment = now()
    changed = []
    for resource in package.resources:
        data = {
            "url_type": resource.url_type,
            "url": resource.url,
            "size": resource.size,
            "last_modified": resource.last_modified and resource.last_modified.isoformat(),
            "created": resource.created,
        }
        state = stored.get(resource.id)
        noted = state is not None and state.noted
        fingerprint = state.fingerprint if state is not None and noted else None
        old_sha = state.content_sha256 if state is not None else None
        when = timeliness.data_changed_at(fingerprint, data, moment)
        sha = content.get(resource.id)
        if noted and sha and old_sha and sha != old_sha:
            when = when or moment  # same link, new content
        new_sha = bool(noted and sha and sha != old_sha)  # first sight of the content: no change
        if when is None and not new_sha:
            continue
        row = session.get(ResourceDataChange, resource.id) if noted else None
        if row is None:
            row = ResourceDataChange(
                resource_id=resource.id, package_id=package.id, content_sha256=sha
            )
            session.add(row)
        elif new_sha:
            row.content_sha256 = sha
        if when is None:
            continue
        changed.append(resource.id)
        row.fingerprint = timeliness.data_fingerprint(data)
        row.changed_at = when
    return changed
