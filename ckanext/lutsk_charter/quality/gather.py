"""Gather the facts the checks need, a batch of datasets at a time.

A few datasets (a save) are read in one batch; a body or the whole portal in
batches of ``batch_size`` datasets in id order (keyset pagination), each batch
with one statement (``model.quality_facts``), so the cost per dataset and the
memory held stay the same whether the portal has ten thousand datasets or a
hundred thousand: no ``package_show`` per dataset, and never the whole portal
in memory at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ckan.types import AlchemySession

from ckanext.lutsk_charter.model import quality_facts
from ckanext.lutsk_charter.model.quality_facts import ScopeKind

from .facts import DatasetFacts, ResourceFacts


@dataclass(frozen=True)
class Scope:
    """Which active datasets to check: some (``ids``), a body's (``org``), or ``all``."""

    kind: ScopeKind
    params: dict[str, Any]

    def package_ids(self, session: AlchemySession) -> list[str]:
        """The ids of the datasets in scope."""
        return quality_facts.scope_ids(session, self.kind, self.params)


def scope(package_ids: list[str] | None = None, organization_id: str | None = None) -> Scope:
    """Some datasets, a body's, or all (when both are None)."""
    if package_ids is not None:
        return Scope("ids", {"scope_ids": list(package_ids)})
    if organization_id is not None:
        return Scope("org", {"scope_org": organization_id})
    return Scope("all", {})


#: A live flag as stored: id, resource id, code, arguments, status.
StoredFlag = tuple[str, str | None, str, dict[str, Any], str]


@dataclass
class Gathered:
    """The facts of each dataset of a batch, and what the last check stored for it."""

    datasets: list[DatasetFacts]
    #: ``{package_id: (score, band, open codes)}`` as last stored (what Solr has).
    stored_scores: dict[str, tuple[int, str, str]]
    #: ``{package_id: [live flags]}`` (not resolved).
    live_flags: dict[str, list[StoredFlag]]
    #: ``{package_id: its body now}`` of the datasets whose stored score is of another body:
    #: moved since their last check (their flags have not followed yet).
    moved: dict[str, str | None] = field(default_factory=dict)


def batches(
    session: AlchemySession,
    in_scope: Scope,
    today: dt.date,
    batch_size: int,
    lock: tuple[str, dict[str, Any]] | None = None,
) -> Iterator[Gathered]:
    """The datasets in scope, ``batch_size`` at a time, each batch gathered in one statement.

    The next batch starts after the last id of the one before; it is read while this
    one is checked (``quality_facts.batches_read_ahead``), so at most two are in memory.
    ``lock`` (some datasets only): the advisory lock's driver SQL, sent ahead of the
    first batch's read in its round trip.
    """
    if in_scope.kind == "ids":
        ids = sorted(set(in_scope.params["scope_ids"]))
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            before, lock = lock or ("", {}), None
            yield _gathered(quality_facts.few_rows(session, chunk, today, before))
        return
    if lock is not None:
        raise ValueError("only a run over some datasets sends its lock with a read")
    organization_id = in_scope.params.get("scope_org")
    for rows in quality_facts.batches_read_ahead(session, organization_id, batch_size, today):
        yield _gathered(rows)


def from_rows(rows: Iterable[quality_facts.Row]) -> Gathered:
    """A batch gathered from rows already read (a save's own read of its dataset)."""
    return _gathered(rows)


def _gathered(rows: Iterable[quality_facts.Row]) -> Gathered:
    gathered = Gathered([], {}, {})
    for r in rows:
        responsible: dict[str, set[str]] = defaultdict(set)
        for role, email in r["persons"] or ():
            responsible[role].add(email)
        resources = tuple(_resource(fields) for fields in r["resources"] or ())
        changed = [c for c in (fields[-1] for fields in r["resources"] or ()) if c is not None]
        flags = r["flags"]
        created = r["metadata_created"]
        gathered.datasets.append(
            DatasetFacts(
                id=r["id"],
                name=r["name"],
                title=r["title"] or "",
                notes=r["notes"] or "",
                private=bool(r["private"]),
                owner_org=r["owner_org"],
                license_id=r["license_id"],
                maintainer=r["maintainer"],
                maintainer_email=r["maintainer_email"],
                metadata_created=_aware(dt.datetime.fromisoformat(created)) if created else None,
                extras={k: v for k, v in (r["extras"] or {}).items() if isinstance(v, str)},
                tags=r["tags"],
                groups=r["groups"],
                resources=resources,
                # the latest change of its active resources' data (None: none recorded)
                data_changed_at=max(map(dt.datetime.fromisoformat, changed)) if changed else None,
                responsible={role: frozenset(emails) for role, emails in responsible.items()},
                dcat_ap_compliant=r["dcat_conforms"],
                open_flags=frozenset((f[2], f[1] or "") for f in flags or ()),
            )
        )
        if r["stored"] is not None:
            score, band, codes, body = r["stored"]
            gathered.stored_scores[r["id"]] = (score, band, codes)
            if body != r["owner_org"]:
                gathered.moved[r["id"]] = r["owner_org"]
        if flags:
            gathered.live_flags[r["id"]] = [tuple(f) for f in flags]
    return gathered


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=dt.timezone.utc) if moment and not moment.tzinfo else moment


def _resource(fields: list[Any]) -> ResourceFacts:
    """A resource from its JSON array (``quality_facts.RESOURCE_FIELDS``)."""
    (rid, url, url_type, fmt, mimetype, size, has_schema, validation_status, errors,
     link_status, link_reason, _changed) = fields  # fmt: skip
    return ResourceFacts(
        id=rid,
        url=url or "",
        url_type=url_type,
        format=fmt or "",
        mimetype=mimetype,
        size=size,
        has_schema=bool(has_schema),
        validation_status=validation_status,
        validation_errors=errors or 0,
        link_status=link_status,
        link_reason=link_reason,
    )
