"""Dataset and resource hooks: the clock of data changes, data validation, quality flags.

A saved dataset has its data changes noted and its quality checked in the same
transaction (so the search index, written at commit, carries its current
``charter_score``, ``charter_band`` and ``charter_flags``); its links not yet
checked get a background link check; a resource in a validated format whose
file, link, format, schema or options changed gets a background validation —
whichever action saved it: resource_create/update/patch, or package_create,
package_update and package_patch with inline resources (ckanapi, harvesters),
once per change, queued when the save commits (``save_jobs``); a shown dataset
carries each resource's latest result as ``validation_status`` and
``validation_timestamp`` — read from our table, never written to the resource, so
``metadata_modified`` keeps telling when the metadata changed. Editors and sysadmins
get search facets by quality.
"""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context
from sqlalchemy import event

from ckanext.lutsk_charter import clients, config, data_clock, keywords
from ckanext.lutsk_charter.model import DatasetQuality
from ckanext.lutsk_charter.model import validation as validation_model
from ckanext.lutsk_charter.model.data_change import resource_states
from ckanext.lutsk_charter.quality import store

from . import save_jobs

log = logging.getLogger(__name__)


class DatasetHooks(p.SingletonPlugin):
    p.implements(p.IResourceController, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IFacets, inherit=True)

    def after_dataset_create(self, context: Context, pkg_dict: dict[str, Any]) -> None:
        _after_save(context, pkg_dict["id"])

    def after_dataset_update(self, context: Context, pkg_dict: dict[str, Any]) -> None:
        # Also the path of resource_create/update/patch/delete, which save through package_update.
        _after_save(context, pkg_dict["id"], moved_maybe=True)

    def after_dataset_delete(self, context: Context, pkg_dict: dict[str, Any]) -> None:
        package = model.Package.get(pkg_dict["id"])
        if package is not None:
            store.forget(model.Session, [package.id], _now())
            _keep_monitoring_current(package.id, forget=True)  # called before it is deleted

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        stored = model.Session.info.get(store.JUST_STORED, {}).pop(pkg_dict["id"], None)
        if stored is None:
            row = model.Session.get(DatasetQuality, pkg_dict["id"])
            stored = (row.score, row.band, row.open_codes) if row is not None else None
        if stored is not None:
            pkg_dict["charter_score"], pkg_dict["charter_band"], codes = stored
            pkg_dict["charter_flags"] = codes.split()
        shown = model.Session.info.get(_SHOWN_CLOCK, {}).pop(pkg_dict["id"], _NOT_SHOWN)
        if shown is _NOT_SHOWN:  # no show of it in this transaction since its last write
            clock = clients.data_clock(model.Session, [pkg_dict["id"]]).get(pkg_dict["id"])
        else:
            clock = shown
        if clock is not None:  # a Solr date: filter with [NOW-1YEAR TO *], sort desc
            pkg_dict["data_last_updated"] = clients.solr_date(clock)
        return pkg_dict

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        """Any apostrophe a searcher types is the keywords' ``ʼ``: every form finds them."""
        for name in ("q", "fq"):
            if isinstance(search_params.get(name), str):
                search_params[name] = keywords.normalize_apostrophes(search_params[name])
        if isinstance(search_params.get("fq_list"), list):
            search_params["fq_list"] = [
                keywords.normalize_apostrophes(f) if isinstance(f, str) else f
                for f in search_params["fq_list"]
            ]
        return search_params

    def after_dataset_search(
        self, search_results: dict[str, Any], search_params: dict[str, Any]
    ) -> dict[str, Any]:
        from ckanext.lutsk_charter.helpers import (
            lutsk_charter_band_label,
            lutsk_charter_check_title,
        )

        labels = {
            "charter_band": lutsk_charter_band_label,
            "charter_flags": lutsk_charter_check_title,
        }
        for name, label in labels.items():
            for item in (search_results.get("search_facets") or {}).get(name, {}).get("items", []):
                item["display_name"] = label(item["name"])
        return search_results

    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        return _quality_facets(facets_dict)

    def organization_facets(
        self, facets_dict: dict[str, Any], organization_type: str, package_type: str | None
    ) -> dict[str, Any]:
        return _quality_facets(facets_dict)

    def after_dataset_show(self, context: Context, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        resources = pkg_dict.get("resources") or []
        latest, clock = _shown_facts(pkg_dict.get("id"), [r["id"] for r in resources])
        _show_validation(resources, latest)
        if pkg_dict.get("id"):
            pkg_dict["data_last_updated"] = clients.iso_utc(clock) if clock else ""
            # The indexer that follows (CKAN indexes what it has just shown) reads it here.
            model.Session.info.setdefault(_SHOWN_CLOCK, {})[pkg_dict["id"]] = clock
        clients.complete_for_clients(pkg_dict)
        return pkg_dict


#: ``session.info`` key: ``{package_id: data clock}`` as the last show of each dataset read
#: it, for the index hook: CKAN indexes a dataset right after showing it (2.12:
#: ``package_show_default_and_custom_schemas``; 2.11: the ``package_show`` of its
#: indexer), so the index need not read the clock again. Taken once; dropped whenever the
#: session writes (flush, a statement other than a SELECT), commits or rolls back, so it
#: never outlives what it was read from.
_SHOWN_CLOCK = "lutsk_charter_shown_clock"
_NOT_SHOWN = object()


@event.listens_for(model.Session, "after_flush")  # pyright: ignore[reportAttributeAccessIssue]
@event.listens_for(model.Session, "after_transaction_end")  # pyright: ignore[reportAttributeAccessIssue]
def _forget_shown(session: Any, *args: Any) -> None:
    session.info.pop(_SHOWN_CLOCK, None)


@event.listens_for(model.Session, "do_orm_execute")  # pyright: ignore[reportAttributeAccessIssue]
def _forget_shown_on_write(state: Any) -> None:
    if not state.is_select and _SHOWN_CLOCK in state.session.info:
        state.session.info.pop(_SHOWN_CLOCK, None)


def _shown_facts(package_id: str | None, resource_ids: list[str]) -> tuple[dict[str, Any], Any]:
    """The resources' latest validation rows and the dataset's data clock, in one query.

    A save shows its dataset three times (before, for the index, for the activity):
    one round trip each instead of two.
    """
    if not package_id and not resource_ids:
        return {}, None
    latest: dict[str, Any] = {}
    clock = None
    for row in validation_model.shown_facts(package_id, resource_ids):
        if row.resource_id is None:
            clock = clients.clock_moment(row.changed, row.created)
        else:
            latest[row.resource_id] = row
    return latest, clock


def _show_validation(resources: list[dict[str, Any]], latest: dict[str, Any]) -> None:
    """Each resource's latest result of ours; a status that came with an import says so.

    A ``validation_status`` stored on the resource (copied by ``ckanapi load`` from
    another portal, or left by ckanext-validation) is not a result of this portal:
    until our own worker has one, it shows as ``imported``, with the value it came
    with in ``validation_status_imported``.
    """
    if resources:
        for resource in resources:
            row = latest.get(resource["id"])
            imported = imported_status(resource, validated_here=row is not None)
            if imported and (row is None or row.finished_at is None):
                resource["validation_status"] = "imported"
                resource["validation_status_imported"] = imported
                continue  # until our own first result
            resource.pop("validation_status_imported", None)
            if row is None:
                continue
            when = row.finished_at or row.started_at or row.requested_at
            resource["validation_status"] = row.status
            resource["validation_timestamp"] = when.isoformat()


def imported_status(resource: dict[str, Any], validated_here: bool) -> str:
    """The status a resource came with from elsewhere, or ``""``.

    Saves mark it in ``validation_status_imported``; a ``validation_status``
    stored on a resource this portal never validated (written by a database
    migration from ckanext-validation) counts too. Once we have validated it, a
    stored ``validation_status`` is only our own result echoed back by a save.
    """
    stored = resource.get("validation_status_imported")
    if not stored and not validated_here:
        stored = resource.get("validation_status")
    return "" if stored in (None, "", "imported") else str(stored)


def _after_save(context: Context, package_id: str, moved_maybe: bool = False) -> None:
    """A dataset saved, inside core's transaction (what is written here commits with it).

    One read first: its resources' states (data clock, validation rows) and, when saves
    are checked, its quality facts (``read_for_save``). Then the data clock, the
    validations of what changed, the check (from that read, unless something was written
    since) and, once committed, its DCAT check.
    """
    package = model.Package.get(package_id)
    if package is None:
        return
    session = model.Session
    read = None
    if config.quality_after_save():  # the check moves the flags of a moved dataset itself
        from ckanext.lutsk_charter.quality.service import read_for_save

        read = read_for_save(session, package.id)
        stored = read.states
    else:
        if moved_maybe:  # moved to another body: its flags move too, at once
            store.follow_owner(session, package.id, package.owner_org)
        stored = resource_states(session, package.id)
    changed = data_clock.record(session, package, stored=stored)
    save_jobs.queue_validations(context, package, changed, stored)
    # CKAN shows it next (for the index and the answer): that show's read of our tables
    # rides with the save's last write (the dashboard's summary).
    validation_model.carry_shown_facts(package.id)
    _check_quality(context, package.id, read)
    save_jobs.after_commit("dcat", package.id)


def _now() -> Any:
    from ckanext.lutsk_charter.clock import now

    return now()


def _check_quality(context: Context, package_id: str, read: Any = None) -> None:
    """The cheap after-save check: this dataset only, committed with the save (it writes the
    dataset's monitoring summary again too; without the check, that is written alone).
    ``read``: the save's own read (``read_for_save``), or None when saves are not checked."""
    if read is None:
        _keep_monitoring_current(package_id)
        return
    from ckanext.lutsk_charter.quality.service import run_quality_checks

    context = {"model": model, "session": model.Session}  # type: ignore[assignment]
    outcome = run_quality_checks(context, [package_id], read=read)
    if outcome.unchecked_links:  # links never checked at their current URL
        save_jobs.after_commit("links", package_id)


def _keep_monitoring_current(package_id: str, forget: bool = False) -> None:
    from ckanext.lutsk_charter.monitoring.service import keep_current

    keep_current(model.Session, [package_id], forget)


def _quality_facets(facets_dict: dict[str, Any]) -> dict[str, Any]:
    """Quality facets, for those who act on them: sysadmins and editors of some body."""
    import ckan.authz as authz

    user = tk.current_user
    if not user or not user.is_authenticated:
        return facets_dict
    if user.sysadmin or authz.has_user_permission_for_some_org(user.name, "update_dataset"):  # pyright: ignore[reportAttributeAccessIssue]
        from ckanext.lutsk_charter.helpers import _quality_facet_titles

        facets_dict.update(_quality_facet_titles())
    return facets_dict
