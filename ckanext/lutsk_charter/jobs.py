"""Background jobs (queue ``lutsk_charter``)."""

from __future__ import annotations

import logging
import uuid
from typing import Any, cast

from ckan.lib import mailer

from ckanext.lutsk_charter import notices

log = logging.getLogger(__name__)

QUEUE = "lutsk_charter"


def send_responsible_change_notice(
    notice: dict[str, Any], recipients: list[str], change_id: str | None = None
) -> int:
    """Mail a change of responsible persons to each recipient; return how many were sent.

    One failed address does not stop the others; the failure is logged, written to
    the change feed (``change_id``) where a sysadmin can resend it, and the job ends
    failed so it shows in ``ckan jobs list``.
    """
    subject, body = notices.compose(notice)
    failed = []
    error = ""
    for address in recipients:
        try:
            mailer.mail_recipient(address, address, subject, body)
        except mailer.MailerException as e:
            log.exception("Could not mail the responsible-person notice to %s", address)
            failed.append(address)
            error = str(e)
    if change_id:
        _notice_result(change_id, failed, error)
    if failed:
        raise mailer.MailerException(f"not sent to {', '.join(failed)}")
    return len(recipients)


def _site_context() -> Any:
    """The one context jobs call actions with: the site user, auth not checked again."""
    from ckanext.lutsk_charter.model.queries import site_context

    return site_context(ignore_auth=True)


def _notice_result(change_id: str, failed: list[str], error: str) -> None:
    import ckan.plugins.toolkit as tk

    data = {"id": change_id, "state": "failed" if failed else "sent"}
    if failed:
        data["error"] = f"{', '.join(failed)}: {error}"[:500]
    try:
        tk.get_action("lutsk_charter_responsible_change_notice_result")(_site_context(), data)
    except tk.ObjectNotFound:
        log.warning("The change %s of the notice is gone", change_id)


def validate_resource(resource_id: str) -> str:
    """Validate one resource's data (the job queued by ``lutsk_charter_validation_run``)."""
    import ckan.plugins.toolkit as tk

    result = tk.get_action("lutsk_charter_validation_run")(
        _site_context(),
        {"resource_id": resource_id, "sync": True},
    )
    return result["status"]


def check_quality(package_ids: list[str] | None, organization_id: str | None) -> dict[str, int]:
    """Run the quality checks (the job queued by ``lutsk_charter_quality_recheck``)."""
    import ckan.plugins.toolkit as tk

    context = _site_context()
    if package_ids:
        changed = 0
        for package_id in package_ids:
            result = tk.get_action("lutsk_charter_quality_recheck")(
                cast(Any, dict(context)), {"id": package_id}
            )
            changed += len(result["changed"])
        return {"changed": changed}
    data = {"organization_id": organization_id} if organization_id else {}
    result = tk.get_action("lutsk_charter_quality_recheck")(context, data)
    return {"checked": result["checked"], "changed": len(result["changed"])}


def check_links(package_id: str) -> int:
    """Check a dataset's links, then its quality (queued after saves and by ``check --links``)."""
    import ckan.plugins.toolkit as tk

    result = tk.get_action("lutsk_charter_link_check")(
        _site_context(), {"id": package_id, "sync": True}
    )
    return len(result["results"])


# --- the search index follows stored results, once per dataset however many arrive ----------


def reindex_job_id(package_id: str, kind: str = "reindex") -> str:
    """One job id per dataset (and site: job ids are global in Redis)."""
    import ckan.plugins.toolkit as tk

    return f"{tk.config.get('ckan.site_id') or 'ckan'}-lutsk_charter-{kind}-{package_id}"


def queue_reindex(package_id: str) -> str | None:
    """Index a dataset again in the background, once however many ask (see ``queue_once``)."""
    return queue_once(package_id, "reindex", reindex_dataset)


def queue_dcat_check(package_id: str, now_if_down: bool = True) -> str | None:
    """Check a dataset's DCAT-AP graph in the background, once however many saves ask."""
    return queue_once(package_id, "dcat", check_dcat, now_if_down)


def queue_once(package_id: str, kind: str, job: Any, now_if_down: bool = True) -> str | None:
    """Index a dataset again in the background, unless that is already queued.

    A queued job reads the database when it runs, so it carries every result
    stored before it starts: a batch of 500 results for one dataset queues it
    once. A job already running may have read too early, so then one more is
    queued (under a second id, deduplicated in the same way). Redis down: the
    job runs now, unless ``now_if_down`` is off (a caller that may not run SQL: a
    session's ``after_commit``). Returns the id of the queued job, or ``None``.
    """
    import ckan.plugins.toolkit as tk
    from ckan.lib import jobs as ckan_jobs
    from rq.job import JobStatus

    base = reindex_job_id(package_id, kind)
    try:
        connection = ckan_jobs.get_queue(QUEUE).connection
        free = None
        for job_id in (base, f"{base}-next"):
            status = _status(connection, job_id)
            if status in (JobStatus.QUEUED, JobStatus.DEFERRED, JobStatus.SCHEDULED):
                return None  # it will see what was just stored
            if free is None and status != JobStatus.STARTED:
                free = job_id
        if free is None:  # both running, perhaps both before this result: one more
            free = f"{base}-{uuid.uuid4().hex[:8]}"
        tk.enqueue_job(
            job,
            [package_id],
            queue=QUEUE,
            title=f"lutsk_charter {kind} {package_id}",
            rq_kwargs={"job_id": free},
        )
        return free
    except Exception:  # Redis down: do it now rather than leave search stale
        if not now_if_down:
            log.exception("Could not queue the %s of dataset %s", kind, package_id)
            return None
        log.exception("Could not queue the %s of dataset %s; doing it now", kind, package_id)
        job(package_id)
        return None


def _status(connection: Any, job_id: str) -> Any:
    """The job's status as ``Job.get_status`` reads it (``None``: no such job): only the
    ``status`` field of its hash, one ``HGET``, rather than ``Job.fetch`` (the whole hash)
    and ``get_status`` (again): every save asks this for its DCAT check."""
    from rq.job import Job, JobStatus

    raw = connection.hget(Job.key_for(job_id), "status")
    return JobStatus(raw.decode() if isinstance(raw, bytes) else raw) if raw else None


def reindex_dataset(package_id: str) -> str:
    """Index one dataset again from the database (the job ``queue_reindex`` queues)."""
    from ckan.lib import search

    search.rebuild(package_id)
    search.commit()
    return package_id


def check_dcat(package_id: str) -> int | None:
    """SHACL-check one dataset's DCAT-AP 3 graph, store it, re-score if it changed.

    Returns the number of violations (``None``: ckanext-dcat is not on, or the
    dataset is gone).
    """
    import ckan.plugins.toolkit as tk
    from ckan import model

    from ckanext.lutsk_charter import dcat_check
    from ckanext.lutsk_charter.clock import now
    from ckanext.lutsk_charter.model import DcatCheck

    package = model.Package.get(package_id)
    if package is None or package.state != "active" or not dcat_check.available():
        return None
    count = dcat_check.violations(dcat_check.dataset_graph(package_id))
    row = model.Session.get(DcatCheck, package_id)
    changed = row is None or row.conforms != (count == 0)
    if row is None:
        row = DcatCheck(package_id=package_id)
        model.Session.add(row)
    row.conforms, row.violations, row.checked_at = count == 0, count, now()
    model.Session.commit()
    if changed:  # the score moves by 30 points
        tk.get_action("lutsk_charter_quality_recheck")(_site_context(), {"id": package_id})
    return count
