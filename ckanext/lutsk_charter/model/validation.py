"""The latest data validation of each resource.

One row per resource, replaced by each run: ``status`` moves pending → running →
success | failure | error. ``input_hash`` covers the file and the schema and
options it was checked with, so an unchanged input is not validated again.
``queued_inputs`` is what a save last queued a validation for (where the data is,
its size and stamp, format, schema and options): a save that changes none of
them queues nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from sqlalchemy.orm import Mapped

STATUSES = ("pending", "running", "success", "failure", "error")


class ResourceValidation(tk.BaseModel):  # type: ignore[misc, valid-type]
    __table__ = sa.Table(
        "lutsk_charter_validation",
        tk.BaseModel.metadata,
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("input_hash", sa.UnicodeText),
        sa.Column("report", sa.JSON),
        sa.Column("error", sa.UnicodeText),
        sa.Column("queued_inputs", sa.UnicodeText),
        sa.CheckConstraint(
            "status IN ('pending', 'running', 'success', 'failure', 'error')",
            name="lutsk_charter_validation_status",
        ),
        sa.Index("lutsk_charter_validation_package_idx", "package_id"),
    )

    resource_id: Mapped[str]
    package_id: Mapped[str]
    status: Mapped[str]
    requested_at: Mapped[dt.datetime]
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    input_hash: Mapped[str | None]
    report: Mapped[dict[str, Any] | None]
    error: Mapped[str | None]
    queued_inputs: Mapped[str | None]

    @property
    def timestamp(self) -> dt.datetime:
        """When the shown status was reached (``validation_timestamp``)."""
        return self.finished_at or self.started_at or self.requested_at

    def dictize(self, with_report: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "resource_id": self.resource_id,
            "package_id": self.package_id,
            "status": self.status,
            "requested_at": self.requested_at.isoformat(),
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "timestamp": self.timestamp.isoformat(),
            "error": self.error,
        }
        if with_report:
            data["report"] = self.report
        return data


def validation_candidates(
    formats: Collection[str],
    organization_id: str | None = None,
    package_id: str | None = None,
    pending_only: bool = False,
    one_dataset: bool = False,
) -> list[str]:
    """Ids of the active resources of active datasets in these formats, by dataset name and
    position: of one body, of one dataset (``one_dataset``: ``package_id``, None matching
    nothing), or only those whose validation is pending."""
    from ckan import model

    resource, package = model.Resource, model.Package
    query = (
        sa.select(resource.id)
        .join(package, package.id == resource.package_id)
        .where(
            resource.state == "active",
            package.state == "active",
            sa.func.lower(resource.format).in_(formats),
        )
        .order_by(package.name, resource.position)
    )
    if organization_id:
        query = query.where(package.owner_org == organization_id)
    if one_dataset:
        query = query.where(package.id == package_id)
    if pending_only:
        query = query.join(ResourceValidation, ResourceValidation.resource_id == resource.id).where(
            ResourceValidation.status == "pending"
        )
    return list(model.Session.scalars(query))


def shown_facts(package_id: str | None, resource_ids: list[str]) -> list[Any]:
    """The resources' validation rows (``resource_id`` set) and the dataset's data clock
    (a row with ``resource_id`` None: ``changed``, ``created``), in one round trip: a save
    shows its dataset three times. Prepared once per connection (``model.prepared``)."""
    from ckan import model

    from ckanext.lutsk_charter.model import prepared

    if package_id:
        rows = prepared.carried(model.Session, "shown_by_package", {"package_id": package_id})
        covered = {row.resource_id for row in rows or () if row.resource_id is not None}
        if rows is not None and covered.issuperset(resource_ids):
            wanted = set(resource_ids)
            return [
                r
                for r in rows
                if r.resource_id is None or (r.validated and r.resource_id in wanted)
            ]
    values = {"package_ids": [package_id] if package_id else [], "resource_ids": resource_ids}
    return list(
        prepared.execute(model.Session, "shown_facts", _shown_facts_statement, _SHOWN, values)
    )


def carry_shown_facts(package_id: str) -> None:
    """Have ``shown_facts`` of this dataset read with the save's last write, in its round
    trip (``prepared.carry``): CKAN shows the dataset right after the save's hooks, for
    the index and the answer. Its rows serve that show only if nothing was written since."""
    from ckan import model

    from ckanext.lutsk_charter.model import prepared

    prepared.carry(
        model.Session,
        "shown_by_package",
        _shown_by_package_statement,
        (("package_id", "text"),),
        {"package_id": package_id},
    )


#: The arguments of the prepared statement of ``shown_facts``.
_SHOWN = (("package_ids", "text[]"), ("resource_ids", "text[]"))


def _shown_by_package_statement() -> Any:
    """``shown_facts`` of all the active resources of ``:package_id`` (each one, validated
    or not: ``validated`` tells) and its data clock."""
    from ckan import model

    from ckanext.lutsk_charter.model.packages import data_clock_column

    package, resource = model.package_table, model.resource_table
    package_id = sa.bindparam("package_id", type_=sa.UnicodeText)
    validation = (
        sa.select(
            resource.c.id.label("resource_id"),
            ResourceValidation.status,
            ResourceValidation.requested_at,
            ResourceValidation.started_at,
            ResourceValidation.finished_at,
            sa.null().label("changed"),
            sa.null().label("created"),
            (ResourceValidation.resource_id.is_not(None)).label("validated"),
        )
        .select_from(resource)
        .outerjoin(ResourceValidation, ResourceValidation.resource_id == resource.c.id)
        .where(resource.c.package_id == package_id, resource.c.state == "active")
    )
    clock = sa.select(
        sa.null(),
        sa.null(),
        sa.null(),
        sa.null(),
        sa.null(),
        data_clock_column(),
        package.c.metadata_created,
        sa.null(),
    ).where(package.c.id == package_id)
    return sa.union_all(validation, clock)


def _shown_facts_statement() -> Any:
    from ckan import model

    from ckanext.lutsk_charter.model.packages import data_clock_column

    package = model.package_table
    ids = {name: sa.bindparam(name, type_=sa.ARRAY(sa.UnicodeText)) for name, _type in _SHOWN}
    validation = sa.select(
        ResourceValidation.resource_id,
        ResourceValidation.status,
        ResourceValidation.requested_at,
        ResourceValidation.started_at,
        ResourceValidation.finished_at,
        sa.null().label("changed"),
        sa.null().label("created"),
    ).where(ResourceValidation.resource_id == sa.func.any(ids["resource_ids"]))
    clock = sa.select(
        sa.null(),
        sa.null(),
        sa.null(),
        sa.null(),
        sa.null(),
        data_clock_column(),
        package.c.metadata_created,
    ).where(package.c.id == sa.func.any(ids["package_ids"]))
    return sa.union_all(validation, clock)
