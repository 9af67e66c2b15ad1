"""The validation service: validate a resource's data now or in the background, store the result.

The actions in ``logic/action/validation.py`` check access and call these; the
frictionless work itself is in ``validation/engine.py``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any, cast

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.lib.uploader import get_resource_uploader
from ckan.types import Context, DataDict

from ckanext.lutsk_charter import config, jobs
from ckanext.lutsk_charter.clock import now
from ckanext.lutsk_charter.interfaces import ILutskCharterValidation
from ckanext.lutsk_charter.model import ResourceValidation
from ckanext.lutsk_charter.model.validation import validation_candidates as candidates
from ckanext.lutsk_charter.quality.service import run_quality_checks
from ckanext.lutsk_charter.validation.deadline import run_with_deadline, unpacked_size
from ckanext.lutsk_charter.validation.engine import Outcome, validate_file
from ckanext.lutsk_charter.validation.fetch import FetchLimits, fetch
from ckanext.lutsk_charter.validation.findings import Finding, ValidationStop
from ckanext.lutsk_charter.validation.inspect import Limits

log = logging.getLogger(__name__)
_ = tk._


#: ``session.info`` key: resources whose validation is queued when the transaction commits.
TO_QUEUE = "lutsk_charter_validation_queue"


def _deferred(context: Context) -> bool:
    """The caller commits (``defer_commit``): write nothing of our own to the database."""
    return bool(context.get("defer_commit"))


def enqueue(
    context: Context, resource: dict[str, Any], reason: str | None = None
) -> dict[str, Any]:
    """Mark the resource ``pending`` and queue its validation job.

    With ``defer_commit`` the row is only flushed and the job queued when the
    caller's transaction commits (the worker must see what it reads); a rollback
    forgets it.
    """
    row = _row(context, resource)
    row.status, row.requested_at, row.started_at, row.finished_at = "pending", now(), None, None
    session = model.Session
    if _deferred(context):
        session.flush()
        session.info.setdefault(TO_QUEUE, {})[resource["id"]] = None
    else:
        session.commit()
        jobs.queue_reindex(resource["package_id"])  # search shows "pending" too
        try:
            tk.enqueue_job(
                jobs.validate_resource,
                [resource["id"]],
                queue=jobs.QUEUE,
                title=f"lutsk_charter validation {resource['id']}",
            )
        except Exception:  # Redis down: the row stays pending for `validate --pending`.
            log.exception("Could not queue the validation of resource %s", resource["id"])
    result = row.dictize(with_report=False)
    if reason:
        result.update(queued=True, queued_reason=reason)
    return result


def validation_candidates(context: Context, data_dict: DataDict) -> list[str]:
    """Ids of the active resources in validated formats that a batch covers."""
    dataset = model.Package.get(data_dict["dataset_id"]) if data_dict.get("dataset_id") else None
    return candidates(
        config.validation_formats(),
        organization_id=data_dict.get("organization_id"),
        package_id=dataset.id if dataset else None,
        pending_only=bool(data_dict.get("pending")),
        one_dataset=bool(data_dict.get("dataset_id")),
    )


def resource_dict(context: Context, resource_id: str) -> dict[str, Any]:
    try:
        return tk.get_action("resource_show")(
            {
                "ignore_auth": True,
                "session": model.Session,
            },
            {"id": resource_id},
        )
    except tk.ObjectNotFound:
        raise tk.ObjectNotFound(_("There is no such resource.")) from None


def is_validated_format(resource: dict[str, Any]) -> bool:
    return (resource.get("format") or "").lower() in config.validation_formats()


def check_validatable(context: Context, resource: dict[str, Any]) -> None:
    if not is_validated_format(resource):
        raise tk.ValidationError(
            {
                "resource_id": [
                    _("Data in the format “{format}” is not validated.").format(
                        format=resource.get("format") or "—"
                    )
                ]
            }
        )
    for plugin in p.PluginImplementations(ILutskCharterValidation):
        if not plugin.can_validate(context, resource):
            raise tk.ValidationError(
                {"resource_id": [_("Another plugin has chosen not to validate this resource.")]}
            )


def _row(context: Context, resource: dict[str, Any]) -> ResourceValidation:
    session = model.Session
    row = session.get(ResourceValidation, resource["id"], with_for_update=True)
    if row is None:
        row = ResourceValidation(
            resource_id=resource["id"],
            package_id=resource["package_id"],
            status="pending",
            requested_at=now(),
        )
        session.add(row)
    return row


def _limits() -> Limits:
    return Limits(max_bytes=config.validation_max_bytes())


def _fetch_limits() -> FetchLimits:
    timeout = config.validation_timeout()
    return FetchLimits(
        max_bytes=config.validation_max_bytes(),
        timeout=timeout,
        total_seconds=timeout * 6,
        allow_private=config.validation_allow_private_urls(),
    )


def _json_field(value: Any) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip().startswith("{"):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return None


def _input_hash(path: Path, resource: dict[str, Any]) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    digest.update(
        json.dumps(
            [_json_field(resource.get("schema")), _json_field(resource.get("validation_options"))],
            sort_keys=True,
        ).encode()
    )
    return digest.hexdigest()


def validate_now(
    context: Context, resource: dict[str, Any], bounded: bool = False
) -> dict[str, Any]:
    """Validate in this process; ``bounded`` (a web request): small and quick files only."""
    session = model.Session
    folder = Path(tempfile.mkdtemp(prefix="lutsk-charter-validation-"))
    try:
        try:
            path = _local_copy(resource, folder, bounded)
        except ValidationStop as stop:
            if bounded and stop.finding.code in ("too-big", "download-timeout"):
                return enqueue(context, resource, "too-big")
            return _finish(context, resource, _stopped(stop), None)
        if bounded and unpacked_size(path) > config.validation_sync_max_bytes():
            return enqueue(context, resource, "too-big")
        input_hash = _input_hash(path, resource)
        row = _row(context, resource)
        if row.input_hash == input_hash and row.status in ("success", "failure"):
            if not _deferred(context):
                session.commit()
            return {**row.dictize(), "unchanged": True}
        row.status, row.started_at, row.finished_at = "running", now(), None
        if _deferred(context):
            session.flush()
        else:
            session.commit()  # others see "running" while the file is validated

        def run() -> Outcome:
            return validate_file(
                path,
                resource["format"],
                _limits(),
                schema=_json_field(resource.get("schema")),
                options=_json_field(resource.get("validation_options")),
            )

        try:
            if bounded:
                outcome = run_with_deadline(run, config.validation_sync_timeout())
                if outcome is None:
                    return enqueue(context, resource, "too-slow")
            else:
                outcome = run()
        except Exception as e:  # never leave a row "running", never kill the worker
            log.exception("Validation of resource %s crashed", resource["id"])
            outcome = _stopped(
                ValidationStop(
                    "error", Finding("internal-error", args={"detail": type(e).__name__})
                )
            )
        return _finish(context, resource, outcome, input_hash)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _local_copy(resource: dict[str, Any], folder: Path, bounded: bool = False) -> Path:
    if resource.get("url_type") == "upload":
        path = Path(get_resource_uploader(resource).get_path(resource["id"]))
        if not path.exists():
            raise ValidationStop("error", Finding("file-missing"))
        return path
    limits = _fetch_limits()
    if bounded:  # a web request downloads no more, and no longer, than it may validate
        seconds = config.validation_sync_timeout()
        limits = FetchLimits(
            max_bytes=min(limits.max_bytes, config.validation_sync_max_bytes()),
            timeout=min(limits.timeout, seconds),
            total_seconds=seconds,
            allow_private=limits.allow_private,
        )
    return fetch(resource["url"], limits, folder)


def _stopped(stop: ValidationStop) -> Outcome:
    return Outcome(
        stop.status,
        {"findings": [stop.finding.to_dict()], "errors": [], "meta": {}},
        None,
        [stop.finding],
    )


def _finish(
    context: Context, resource: dict[str, Any], outcome: Outcome, input_hash: str | None
) -> dict[str, Any]:
    """Store the outcome, record a link's data change, check the dataset's quality again.

    Without ``defer_commit`` whatever a failed step left is rolled back first and
    the result committed; with it, the caller's transaction (e.g. the resource
    being created with ``validation.sync`` on) is kept and left to the caller.
    """
    session = model.Session
    deferred = _deferred(context)
    if not deferred:
        session.rollback()  # drop whatever a failed step left; the row is written anew
    row = _row(context, resource)
    row.status = outcome.status
    row.started_at = row.started_at or now()
    row.finished_at = now()
    row.report = outcome.report
    row.input_hash = input_hash
    errors = [f for f in outcome.report.get("findings", []) if f["severity"] == "error"]
    row.error = errors[0]["code"] if errors else None
    if deferred:
        session.flush()
    else:
        session.commit()
    if outcome.sha256 and resource.get("url_type") != "upload":
        # A link's content may change under the same URL: that moves the data clock too.
        tk.get_action("lutsk_charter_data_change_record")(
            cast(
                Context,
                {"ignore_auth": True, "user": context.get("user"), "defer_commit": deferred},
            ),
            {"id": resource["package_id"], "content": {resource["id"]: outcome.sha256}},
        )
    # A new result may raise or clear the "validation failed" flag.
    run_quality_checks(context, [resource["package_id"]])
    if not deferred:
        session.commit()
    # Search must tell what package_show tells: one background reindex per dataset.
    jobs.queue_reindex(resource["package_id"])
    result = row.dictize()
    for plugin in p.PluginImplementations(ILutskCharterValidation):
        plugin.receive_report(resource, result)
    return result


def validate_incoming(context: Context, data_dict: DataDict) -> tuple[Outcome, str] | None:
    """With ``validation.sync`` on, validate the file being saved; refuse invalid data."""
    if not config.validation_sync() or not is_validated_format(data_dict):
        return None
    folder = Path(tempfile.mkdtemp(prefix="lutsk-charter-incoming-"))
    try:
        upload = data_dict.get("upload")
        if upload is not None and hasattr(upload, "save"):
            path = folder / "incoming"
            upload.save(str(path))
            upload.stream.seek(0)
        elif data_dict.get("url") and data_dict.get("url_type") != "upload":
            try:
                path = fetch(data_dict["url"], _fetch_limits(), folder)
            except ValidationStop as stop:
                outcome = _stopped(stop)
                raise tk.ValidationError({"url": [outcome.summary]}) from None
        else:
            return None
        outcome = validate_file(
            path,
            data_dict["format"],
            _limits(),
            schema=_json_field(data_dict.get("schema")),
            options=_json_field(data_dict.get("validation_options")),
        )
        if outcome.status != "success":
            raise tk.ValidationError(
                {"url": [_("The data is not valid: {summary}").format(summary=outcome.summary)]}
            )
        return outcome, _input_hash(path, data_dict)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def store_checked(context: Context, resource: dict[str, Any], checked: tuple[Outcome, str]) -> None:
    outcome, input_hash = checked
    _finish(context, resource, outcome, input_hash)
