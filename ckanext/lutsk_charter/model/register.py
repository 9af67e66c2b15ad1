"""The query behind the Resolution 835 register: every public dataset with its tags,
formats and body, in five queries whatever the number of datasets."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from ckan import model

from ckanext.lutsk_charter.clients import data_clock
from ckanext.lutsk_charter.clock import portal_zone
from ckanext.lutsk_charter.monitoring import register

from .queries import extras_object


def register_datasets(session: Any, organization_id: str | None = None) -> list[register.Dataset]:
    """Every public active dataset (of one body, or all) with its tags, formats and body."""
    package = model.package_table
    query = sa.select(
        package.c.id,
        package.c.name,
        package.c.title,
        package.c.notes,
        package.c.maintainer,
        package.c.maintainer_email,
        package.c.owner_org,
        extras_object(package).label("extras"),
    ).where(
        package.c.type == "dataset",
        package.c.state == "active",
        package.c.private.is_(False),
    )
    if organization_id:
        query = query.where(package.c.owner_org == organization_id)
    packages = session.execute(query).all()
    ids = [p.id for p in packages]
    tags: dict[str, list[str]] = {}
    formats: dict[str, list[str]] = {}
    bodies: dict[str, tuple[str, str]] = {}
    if ids:
        package_tag, tag = model.package_tag_table, model.tag_table
        for package_id, tag_name in session.execute(
            sa.select(package_tag.c.package_id, tag.c.name)
            .join(tag, tag.c.id == package_tag.c.tag_id)
            .where(
                package_tag.c.package_id.in_(ids),
                package_tag.c.state == "active",
                tag.c.vocabulary_id.is_(None),
            )
        ):
            tags.setdefault(package_id, []).append(tag_name)
        resource = model.resource_table
        for package_id, fmt in session.execute(
            sa.select(resource.c.package_id, resource.c.format)
            .where(resource.c.package_id.in_(ids), resource.c.state == "active")
            .distinct()
        ):
            formats.setdefault(package_id, []).append(fmt or "")
        group = model.group_table
        for row in session.execute(
            sa.select(
                group.c.id,
                group.c.name,
                group.c.title,
                extras_object(group).label("extras"),
            ).where(group.c.id.in_({p.owner_org for p in packages if p.owner_org}))
        ):
            bodies[row.id] = (row.title or row.name, (row.extras or {}).get("edrpou") or "")
    clock = data_clock(session, ids)
    zone = portal_zone()
    found = []
    for p in packages:
        extras = p.extras or {}
        body_title, edrpou = bodies.get(p.owner_org or "", ("", ""))
        found.append(
            register.Dataset(
                name=p.name,
                title=p.title or p.name,
                notes=p.notes or "",
                update_frequency=extras.get("update_frequency") or "",
                purpose=extras.get("purpose_of_collecting_information") or "",
                maintainer=p.maintainer or "",
                maintainer_email=p.maintainer_email or "",
                tags=tuple(tags.get(p.id, ())),
                formats=tuple(formats.get(p.id, ())),
                organization_title=body_title,
                organization_edrpou=edrpou,
                modified=clock[p.id].astimezone(zone).date().isoformat() if p.id in clock else "",
            )
        )
    return found
