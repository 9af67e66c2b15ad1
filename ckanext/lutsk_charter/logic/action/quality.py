"""Actions of the quality flags: checks tied to the Charter, a score, and the review of flags."""

from __future__ import annotations

import logging
from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import config, jobs
from ckanext.lutsk_charter.clock import now
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model import DatasetQuality, LinkCheck
from ckanext.lutsk_charter.model.flags import flag_page, flags_for_update, open_flags
from ckanext.lutsk_charter.model.queries import get_group, get_package, user_context
from ckanext.lutsk_charter.quality.checks import PRINCIPLES
from ckanext.lutsk_charter.quality.links import LinkLimits, check_link
from ckanext.lutsk_charter.quality.service import reindex, run_quality_checks
from ckanext.lutsk_charter.quality.store import JUST_STORED

log = logging.getLogger(__name__)
_ = tk._

_SEVERITY_ORDER = ("error", "warning", "info")
_PRINCIPLE_ORDER = list(PRINCIPLES)


@tk.validate_action_data(schema.quality_recheck)
def lutsk_charter_quality_recheck(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Run the quality checks again: on one dataset, a body's, or all of them.

    Sysadmins only. Time alone makes datasets overdue, so cron runs this daily
    (``ckan lutsk-charter check``). Datasets whose score, band or open flags
    changed are indexed again.

    :param id: the id or name of one dataset (optional)
    :type id: string
    :param organization_id: check only this body's datasets (optional)
    :type organization_id: string
    :param background: queue the check on the ``lutsk_charter`` queue and return
        at once (default: false)
    :type background: bool

    :returns: ``checked``, ``opened``, ``resolved``, ``reopened`` and ``changed``
        (the ids indexed again); with ``background`` only ``{"queued": true}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_quality_recheck", context, data_dict)
    package_ids = None
    if data_dict.get("id"):
        package_ids = [get_package(data_dict["id"]).id]
    organization_id = None
    if data_dict.get("organization_id"):
        organization_id = get_group(data_dict["organization_id"]).id
    if data_dict.get("background"):
        tk.enqueue_job(
            jobs.check_quality,
            [package_ids, organization_id],
            queue=jobs.QUEUE,
            title="lutsk_charter quality check",
        )
        return {"queued": True}
    outcome = run_quality_checks(context, package_ids, organization_id)
    if context.get("defer_commit"):
        return {"checked": outcome.checked, "changed": outcome.changed}
    model.Session.commit()
    if data_dict.get("reindex", True):
        reindex(outcome.changed)
    return {
        "checked": outcome.checked,
        "opened": outcome.opened,
        "resolved": outcome.resolved,
        "reopened": outcome.reopened,
        "changed": outcome.changed,
    }


@tk.side_effect_free
@tk.validate_action_data(schema.dataset_id)
def lutsk_charter_dataset_quality_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A dataset's quality: its MQA score and band, each Charter principle, its flags.

    Whoever may see the dataset sees the score, band and principles; the flags
    (open and acknowledged, each with its code and arguments) only those who may
    edit the dataset.

    :param id: the id or name of the dataset
    :type id: string

    :returns: ``score`` (0–405; 375 until the DCAT-AP SHACL check passes), ``band`` (excellent,
        good, sufficient, bad), ``dimensions`` (``{name: [points, maximum]}``),
        ``principles`` (``{principle: share of its checks passed}``),
        ``checked_at``, and ``flags`` (a list, or ``null`` for readers)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_dataset_quality_show", context, data_dict)
    package = get_package(data_dict["id"])
    session = model.Session
    row = session.get(DatasetQuality, package.id)
    savepoint = None
    if row is None:  # never checked yet (e.g. created before the extension): check it
        # in a savepoint rolled back below, so this read stores nothing (the save
        # path and ``lutsk_charter_quality_recheck`` store the results).
        savepoint = session.begin_nested()
        run_quality_checks(context, [package.id])
        row = session.get(DatasetQuality, package.id)
        if row is None:  # not a dataset the checks cover (e.g. deleted)
            savepoint.rollback()
            raise tk.ObjectNotFound(_("Dataset not found"))
    try:
        flags = None
        if authz.is_authorized_boolean(
            "package_update",
            user_context(context.get("user")),
            {"id": package.id},
        ):
            flags = [f.dictize(row.checked_at) for f in open_flags(package.id)]
            # The worst first, then in the Charter's order of principles.
            flags.sort(
                key=lambda f: (
                    _SEVERITY_ORDER.index(f["severity"]),
                    _PRINCIPLE_ORDER.index(f["principle"])
                    if f["principle"] in _PRINCIPLE_ORDER
                    else 99,
                    f["code"],
                )
            )
        result = {
            "id": package.id,
            "score": row.score,
            "band": row.band,
            "dimensions": row.dimensions,
            "principles": row.principles,
            "checked_at": row.checked_at.isoformat(),
            "flags": flags,
        }
    finally:
        if savepoint is not None:
            savepoint.rollback()
            session.info.get(JUST_STORED, {}).pop(package.id, None)
    return result


@tk.side_effect_free
@tk.validate_action_data(schema.flag_list)
def lutsk_charter_flag_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Quality flags, newest first, filtered and paged: the review queue.

    Sysadmins see every body's flags; a body's admins and editors must pass
    their body's ``organization_id`` (or a ``package_id`` of theirs).

    :param organization_id: the body (optional for sysadmins)
    :type organization_id: string
    :param package_id: one dataset (optional)
    :type package_id: string
    :param principle: one of the six Charter principles (optional)
    :type principle: string
    :param code: a check's code, e.g. ``overdue`` (optional)
    :type code: string
    :param severity: error, warning or info (optional)
    :type severity: string
    :param status: open (default), acknowledged, dismissed, resolved, or
        unresolved (the first three)
    :type status: string
    :param limit: page size (default 50, at most 1000)
    :type limit: int
    :param offset: flags to skip (default 0)
    :type offset: int

    :returns: ``{"count": total matching, "results": [flags with dataset name and title]}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_flag_list", context, data_dict)
    organization_id = package_id = None
    if data_dict.get("organization_id"):
        organization_id = get_group(data_dict["organization_id"]).id  # its body now
    if data_dict.get("package_id"):
        package_id = get_package(data_dict["package_id"]).id
    count, rows = flag_page(
        organization_id=organization_id,
        package_id=package_id,
        equal={k: data_dict[k] for k in ("principle", "code", "severity") if data_dict.get(k)},
        status=data_dict["status"],
        limit=min(data_dict.get("limit", 50), 1000),
        offset=data_dict.get("offset", 0),
    )
    return {
        "count": count,
        "results": [
            {**flag.dictize(checked_at), "package_name": name, "package_title": title}
            for flag, name, title, checked_at in rows
        ],
    }


@tk.validate_action_data(schema.flag_review)
def lutsk_charter_flag_review(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Acknowledge flags (they will be fixed) or dismiss them (they do not apply here).

    A body's admins review their own datasets' flags, sysadmins every flag. A
    dismissed flag stays dismissed on later checks unless what it found changes;
    a resolved flag cannot be reviewed. Several flags are reviewed together or
    not at all.

    :param id: the id of the flag, or a list of ids
    :type id: string or list of strings
    :param status: ``acknowledged`` or ``dismissed``
    :type status: string
    :param note: why (optional, up to 2000 characters)
    :type note: string

    :returns: ``{"results": [the reviewed flags]}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_flag_review", context, data_dict)
    session = model.Session
    flags = flags_for_update(data_dict["id"])
    missing = set(data_dict["id"]) - {f.id for f in flags}
    if missing:
        raise tk.ObjectNotFound(
            _("Quality flag not found: {ids}").format(ids=", ".join(sorted(missing)))
        )
    if any(f.status == "resolved" for f in flags):
        raise tk.ValidationError({"status": [_("A resolved flag has nothing left to review.")]})
    user = model.User.get(context.get("user") or "")
    moment = now()
    for flag in flags:
        flag.status = data_dict["status"]
        flag.reviewer = user.name if user else context.get("user")
        flag.reviewed_at = moment
        flag.review_note = data_dict.get("note") or None
    # Dismissed flags no longer count against the score or in search: check again.
    outcome = run_quality_checks(context, sorted({f.package_id for f in flags}))
    if not context.get("defer_commit"):
        session.commit()
        reindex(outcome.changed)
    return {"results": [f.dictize() for f in flags]}


@tk.validate_action_data(schema.link_check)
def lutsk_charter_link_check(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Check whether the links of a dataset's resources answer (uploads are not checked).

    Whoever may edit the dataset may call it. Each link gets a HEAD request
    (a short GET when refused), bounded in time and redirects; private and
    loopback addresses are skipped unless ``validation.allow_private_urls``.
    The quality flags of the dataset are checked again afterwards.

    :param id: the id or name of the dataset
    :type id: string
    :param sync: check now and return the results (default: queue a job)
    :type sync: bool

    :returns: ``{"results": [{resource_id, url, status, http_status, reason}]}``,
        or ``{"queued": true}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_link_check", context, data_dict)
    package = get_package(data_dict["id"])
    if not data_dict.get("sync"):
        tk.enqueue_job(
            jobs.check_links,
            [package.id],
            queue=jobs.QUEUE,
            title=f"lutsk_charter links {package.id}",
        )
        return {"queued": True}
    session = model.Session
    limits = LinkLimits(
        timeout=config.quality_link_timeout(),
        total_seconds=3.0 * config.quality_link_timeout(),
        allow_private=config.validation_allow_private_urls(),
    )
    results = []
    for resource in package.resources:
        if resource.url_type == "upload" or not resource.url:
            continue
        result = check_link(resource.url, limits)
        row = session.get(LinkCheck, resource.id) or LinkCheck(
            resource_id=resource.id, package_id=package.id
        )
        moment = now()
        if result.status == "broken":
            row.first_failure = (
                row.first_failure if row.status == "broken" and row.url == resource.url else moment
            )
        else:
            row.first_failure = None
        row.url, row.status, row.http_status, row.reason = (
            resource.url,
            result.status,
            result.http_status,
            result.reason,
        )
        row.checked_at = moment
        session.add(row)
        results.append(
            {
                "resource_id": resource.id,
                "url": resource.url,
                "status": result.status,
                "http_status": result.http_status,
                "reason": result.reason,
            }
        )
    if not results:
        return {"results": results}
    outcome = run_quality_checks(context, [package.id])
    if not context.get("defer_commit"):
        session.commit()
        reindex(outcome.changed)
    return {"results": results}
