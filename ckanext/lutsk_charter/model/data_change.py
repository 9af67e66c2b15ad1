"""When each resource's data last changed — the clock of timeliness.

``metadata_modified`` moves with every edit (a title, a stored validation
result), so it cannot tell whether a dataset's data is late. This table keeps,
per resource, a fingerprint of its data (where it is, how big, when the file
was stamped), the hash of a linked file's content as the validation last saw
it, and when either last changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.orm import Mapped


class ResourceDataChange(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_data_change",
        tk.BaseModel.metadata,
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("fingerprint", sa.UnicodeText, nullable=False),
        sa.Column("content_sha256", sa.UnicodeText),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Index("lutsk_charter_data_change_package_idx", "package_id"),
    )

    resource_id: Mapped[str]
    package_id: Mapped[str]
    fingerprint: Mapped[str]
    content_sha256: Mapped[str | None]
    changed_at: Mapped[dt.datetime]


class ResourceState(NamedTuple):
    """What a save's hooks know of one active resource before they write: its data clock's
    row (``noted``) and its validation row (``validated``), as last stored."""

    resource_id: str
    noted: bool
    fingerprint: str | None
    content_sha256: str | None
    validated: bool
    queued_inputs: str | None


def resource_states(session: Any, package_id: str) -> dict[str, ResourceState]:
    """Each active resource's ``ResourceState``, by resource id: both tables in one read.

    Every save asks this of its dataset (the data clock, then the validation queue);
    prepared once per connection (``model.prepared``).
    """
    from . import prepared

    rows = prepared.execute(
        session, "resource_states", _states_statement, _STATES, {"package_id": package_id}
    )
    return {row[0]: ResourceState(*row) for row in rows}


def states_document() -> sa.ScalarSelect[Any]:
    """``resource_states`` of ``:package_id`` as one JSON array (of arrays), as text: to ride
    in another statement (a save's read of its quality facts)."""
    rows = _states_statement().subquery("states")
    return sa.select(
        sa.cast(sa.func.json_agg(sa.func.json_build_array(*rows.c)), sa.UnicodeText)
    ).scalar_subquery()


def states_from_document(document: str | None) -> dict[str, ResourceState]:
    """``states_document`` read back: ``{resource_id: ResourceState}``."""
    import json

    return {item[0]: ResourceState(*item) for item in json.loads(document or "[]")}


#: The arguments of the prepared statement of ``resource_states``.
_STATES = (("package_id", "text"),)


def _states_statement() -> sa.Select:
    from ckan import model

    from .validation import ResourceValidation

    resource = model.resource_table
    change, validation = ResourceDataChange.__table__, ResourceValidation.__table__
    package_id = sa.bindparam("package_id", type_=sa.UnicodeText)
    return (
        sa.select(
            resource.c.id,
            change.c.resource_id.is_not(None),
            change.c.fingerprint,
            change.c.content_sha256,
            validation.c.resource_id.is_not(None),
            validation.c.queued_inputs,
        )
        .select_from(
            resource.outerjoin(
                change,
                sa.and_(
                    change.c.resource_id == resource.c.id,
                    change.c.package_id == resource.c.package_id,
                ),
            ).outerjoin(validation, validation.c.resource_id == resource.c.id)
        )
        .where(resource.c.package_id == package_id, resource.c.state == "active")
    )
