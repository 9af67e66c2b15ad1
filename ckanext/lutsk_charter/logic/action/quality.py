"""Actions of the quality flags: checks tied to the Charter, a score, and the review of flags."""

from __future__ import annotations

import logging
from typing import Any

import ckan.authz as authz
import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.lib import search
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import config, jobs
from ckanext.lutsk_charter.interfaces import ILutskCharterChecks
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.logic.action._common import now, portal_zone, today
from ckanext.lutsk_charter.model import DatasetQuality, LinkCheck, QualityFlag
from ckanext.lutsk_charter.quality import gather, store
from ckanext.lutsk_charter.quality.checks import BUILT_IN, PRINCIPLES, Check
from ckanext.lutsk_charter.quality.facts import CheckEnv
from ckanext.lutsk_charter.quality.links import LinkLimits, check_link

log = logging.getLogger(__name__)
_ = tk._

_SEVERITY_ORDER = ("error", "warning", "info")
_PRINCIPLE_ORDER = list(PRINCIPLES)

#: Select fields whose values must come from the schema's lists.
_VOCABULARY_FIELDS = ("update_frequency", "language")


def registered_checks() -> list[Check]:
    """The built-in checks and those other plugins add (``ILutskCharterChecks``)."""
    checks = dict(BUILT_IN)
    for plugin in p.PluginImplementations(ILutskCharterChecks):
        for extra in plugin.quality_checks():
            checks[extra.code] = extra
    return list(checks.values())


def check_env() -> CheckEnv:
    """What every dataset of a run is checked against."""
    from ckan import model

    from ckanext.scheming.helpers import scheming_get_dataset_schema

    licences = model.Package.get_license_register()
    fields = (scheming_get_dataset_schema("dataset") or {}).get("dataset_fields", [])
    vocabularies = {
        f["field_name"]: frozenset(c["value"] for c in f["choices"])
        for f in fields
        if f["field_name"] in _VOCABULARY_FIELDS and f.get("choices")
    }
    return CheckEnv(
        now=now(),
        zone=portal_zone(),
        open_licences=frozenset(i for i, lic in licences.items() if lic.isopen()),
        known_licences=frozenset(licences),
        vocabularies=vocabularies,
        description_min_length=config.quality_description_min_length(),
    )


def run_quality_checks(
    context: Context,
    package_ids: list[str] | None = None,
    organization_id: str | None = None,
) -> store.Outcome:
    """Check datasets (some, a body's, or all when both are None) and store the results.

    Leaves the commit to the caller, so a save's check lands with the save.
    """
    session = context["session"]
    session.flush()  # CKAN's session does not autoflush: let the queries see this save
    in_scope = gather.scope(package_ids, organization_id)
    _lock(session, package_ids if in_scope.kind != "all" and package_ids else None)
    return store.check_and_store(
        session,
        gather.gather(session, in_scope, today()),
        check_env(),
        registered_checks(),
        everything=in_scope.kind == "all",
    )


#: The key of the PostgreSQL advisory lock that keeps quality runs from overlapping.
_LOCK_KEY = 0x4C55_5443  # "LUTC"


def _lock(session: Any, package_ids: list[str] | None) -> None:
    """Serialise quality runs across processes, in PostgreSQL (not in a process).

    A run over some datasets shares the global lock and holds each dataset's own;
    a run over a body or the whole portal holds the global lock alone. Both are
    transaction locks: they end with the caller's commit, so a second ``check``
    started at the same moment waits, then sees the first one's flags and leaves
    one consistent set.
    """
    if package_ids is None:
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        return
    # One round trip: the shared lock first, then each dataset's in a fixed order (a
    # select list is evaluated left to right).
    ids = sorted(set(package_ids))
    locks = ", ".join(f"pg_advisory_xact_lock(:key2, hashtext(:id{i}))" for i in range(len(ids)))
    session.execute(
        sa.text(f"SELECT pg_advisory_xact_lock_shared(:key), {locks}"),
        {"key": _LOCK_KEY, "key2": _LOCK_KEY & 0x7FFF_FFFF}
        | {f"id{i}": package_id for i, package_id in enumerate(ids)},
    )


def reindex(package_ids: list[str]) -> None:
    """Index datasets again so ``charter_score``/``band``/``flags`` in Solr are current."""
    if package_ids:
        # Indexes each without a Solr commit (as rebuild does for a list), then commits once.
        search.rebuild(package_ids=package_ids, quiet=True)
        search.commit()


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
        package_ids = [context["model"].Package.get(data_dict["id"]).id]
    organization_id = None
    if data_dict.get("organization_id"):
        organization_id = context["model"].Group.get(data_dict["organization_id"]).id
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
    context["session"].commit()
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
    package = context["model"].Package.get(data_dict["id"])
    row = context["session"].get(DatasetQuality, package.id)
    if row is None:  # never checked yet (e.g. created before the extension)
        run_quality_checks(context, [package.id])
        context["session"].commit()
        row = context["session"].get(DatasetQuality, package.id)
    flags = None
    if authz.is_authorized_boolean(
        "package_update",
        {"user": context.get("user"), "model": context["model"]},  # type: ignore[typeddict-item]
        {"id": package.id},
    ):
        flags = [
            f.dictize(row.checked_at)
            for f in context["session"].scalars(
                sa.select(QualityFlag)
                .where(QualityFlag.package_id == package.id)
                .where(QualityFlag.status.in_(("open", "acknowledged")))
            )
        ]
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
    return {
        "id": package.id,
        "score": row.score,
        "band": row.band,
        "dimensions": row.dimensions,
        "principles": row.principles,
        "checked_at": row.checked_at.isoformat(),
        "flags": flags,
    }


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
    from ckan import model

    query = (
        sa.select(QualityFlag, model.Package.name, model.Package.title, DatasetQuality.checked_at)
        .join(model.Package, model.Package.id == QualityFlag.package_id)
        .outerjoin(DatasetQuality, DatasetQuality.package_id == QualityFlag.package_id)
    )
    if data_dict.get("organization_id"):
        group = model.Group.get(data_dict["organization_id"])
        query = query.where(model.Package.owner_org == group.id)  # its body now
    if data_dict.get("package_id"):
        query = query.where(QualityFlag.package_id == model.Package.get(data_dict["package_id"]).id)
    for name in ("principle", "code", "severity"):
        if data_dict.get(name):
            query = query.where(getattr(QualityFlag, name) == data_dict[name])
    status = data_dict["status"]
    if status == "unresolved":
        query = query.where(QualityFlag.status != "resolved")
    else:
        query = query.where(QualityFlag.status == status)
    session = context["session"]
    count = session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    rows = session.execute(
        query.order_by(QualityFlag.first_seen.desc(), QualityFlag.id)
        .limit(min(data_dict.get("limit", 50), 1000))
        .offset(data_dict.get("offset", 0))
    ).all()
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
    session = context["session"]
    flags = session.scalars(
        sa.select(QualityFlag).where(QualityFlag.id.in_(data_dict["id"])).with_for_update()
    ).all()
    missing = set(data_dict["id"]) - {f.id for f in flags}
    if missing:
        raise tk.ObjectNotFound(
            _("Quality flag not found: {ids}").format(ids=", ".join(sorted(missing)))
        )
    if any(f.status == "resolved" for f in flags):
        raise tk.ValidationError({"status": [_("A resolved flag has nothing left to review.")]})
    user = context["model"].User.get(context.get("user") or "")
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
    package = context["model"].Package.get(data_dict["id"])
    if not data_dict.get("sync"):
        tk.enqueue_job(
            jobs.check_links,
            [package.id],
            queue=jobs.QUEUE,
            title=f"lutsk_charter links {package.id}",
        )
        return {"queued": True}
    session = context["session"]
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
    session.commit()
    reindex(outcome.changed)
    return {"results": results}
