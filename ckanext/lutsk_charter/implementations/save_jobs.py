"""What a save queues for the workers, once it commits: the validation of each resource
whose inputs changed, the DCAT-AP check, the link check of links never checked.

A worker that took a job before the commit would read the dataset as it was, and a save
rolled back queues nothing; so the save's hooks mark the jobs (``after_commit``, the
validation rows' ``pending``) and they are queued when the session commits.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context
from sqlalchemy import event

from ckanext.lutsk_charter import config, jobs, timeliness
from ckanext.lutsk_charter.clock import now
from ckanext.lutsk_charter.interfaces import ILutskCharterValidation
from ckanext.lutsk_charter.model import ResourceValidation
from ckanext.lutsk_charter.model.data_change import ResourceState
from ckanext.lutsk_charter.validation.service import TO_QUEUE

log = logging.getLogger(__name__)


#: ``session.info`` key: ``{(kind, package_id): None}``, the jobs a save queues once it
#: commits (``dcat``: the DCAT-AP check; ``links``: the link check), in order, once each.
_AFTER_COMMIT = "lutsk_charter_after_commit"


def after_commit(kind: str, package_id: str) -> None:
    """Queue this dataset's job once the save commits: a worker that took it before would
    read the dataset as it was, and a save rolled back queues nothing."""
    model.Session.info.setdefault(_AFTER_COMMIT, {})[(kind, package_id)] = None


def _queue_dcat_check(package_id: str) -> None:
    """The DCAT-AP SHACL check (the MQA's 30 points): in the background, ~1 s each.
    Redis down: the stored result stays until the dataset's next save."""
    from ckanext.lutsk_charter import dcat_check

    if dcat_check.available():
        jobs.queue_dcat_check(package_id, now_if_down=False)  # no SQL after a commit


def _queue_link_check(package_id: str) -> None:
    # Redis down: `ckan lutsk-charter check --links` catches up.
    _enqueue(jobs.check_links, package_id, "links", "the link check of dataset")


def _enqueue(job: Any, argument: str, kind: str, what: str) -> None:
    """Queue ``job(argument)`` on our queue; Redis down: logged (each caller says who
    catches up), the save stays committed."""
    try:
        tk.enqueue_job(job, [argument], queue=jobs.QUEUE, title=f"lutsk_charter {kind} {argument}")
    except Exception:
        log.exception("Could not queue %s %s", what, argument)


# --- validation on every save path --------------------------------------------------------

#: ``session.info`` key: resources whose validation is queued when the save commits.
_TO_QUEUE = TO_QUEUE


def _json_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else None
        except ValueError:
            return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def validation_inputs(resource: Any) -> str:
    """What a validation of ``resource`` (a ``model.Resource``) depends on, as one string."""
    data = timeliness.data_fingerprint(
        {
            "url_type": resource.url_type,
            "url": resource.url,
            "size": resource.size,
            "last_modified": resource.last_modified and resource.last_modified.isoformat(),
        }
    )
    extras = resource.extras or {}
    rules = _json_text([extras.get("schema"), extras.get("validation_options")])
    digest = hashlib.sha256(rules.encode()).hexdigest()[:16]
    return f"{data}|{(resource.format or '').lower()}|{digest}"


def queue_validations(
    context: Context, package: Any, data_changed: list[str], stored: Mapping[str, ResourceState]
) -> None:
    """Mark for validation the resources whose inputs changed; queued once the save commits.

    A resource never queued, or whose file, link, size, stamp, format, schema or
    options differ from what was last queued, gets a ``pending`` row in the save's
    transaction and one job after its commit. A row from before this rule (no
    ``queued_inputs``) is queued when its data changed, else just remembered.
    """
    if context.get("lutsk_charter_validated_while_saving"):  # type: ignore[misc]
        return  # ``validation.sync``: resource_create/update validated it already
    formats = config.validation_formats()
    session = model.Session
    for resource in package.resources:
        if (resource.format or "").lower() not in formats:
            continue
        inputs = validation_inputs(resource)
        state = stored.get(resource.id)
        validated = state is not None and state.validated
        if state is not None and validated and state.queued_inputs == inputs:
            continue
        # Something to write: only now the row itself (a read by key).
        row = session.get(ResourceValidation, resource.id) if validated else None
        if row is not None and row.queued_inputs is None and resource.id not in data_changed:
            row.queued_inputs = inputs  # from before this rule: nothing new to validate
            continue
        as_dict = {
            "id": resource.id,
            "package_id": package.id,
            "format": resource.format,
            "name": resource.name,
            "url": resource.url,
            "url_type": resource.url_type,
        }
        if not all(
            plugin.can_validate(context, as_dict)
            for plugin in p.PluginImplementations(ILutskCharterValidation)
        ):
            log.info("Resource %s is not validated: another plugin said no", resource.id)
            continue
        if row is None:
            row = ResourceValidation(resource_id=resource.id, package_id=package.id)
            session.add(row)
        row.status, row.requested_at, row.started_at, row.finished_at = (
            "pending",
            now(),
            None,
            None,
        )
        row.queued_inputs = inputs
        session.info.setdefault(_TO_QUEUE, {})[resource.id] = None


@event.listens_for(model.Session, "after_commit")  # pyright: ignore[reportAttributeAccessIssue]
def _enqueue_after_commit(session: Any) -> None:
    """The save is committed: what it wrote can be read by the workers. Not at the release
    of a savepoint (``package_update`` releases its own before the commit), which SQLAlchemy
    reports as a commit too."""
    if session.in_nested_transaction():
        return
    for kind, package_id in session.info.pop(_AFTER_COMMIT, {}):
        if kind == "dcat":
            _queue_dcat_check(package_id)
        else:
            _queue_link_check(package_id)
    for resource_id in session.info.pop(_TO_QUEUE, {}):
        # Redis down: the row stays pending for `validate --pending`.
        _enqueue(jobs.validate_resource, resource_id, "validation", "the validation of resource")


@event.listens_for(model.Session, "after_rollback")  # pyright: ignore[reportAttributeAccessIssue]
def _forget_after_rollback(session: Any) -> None:
    session.info.pop(_TO_QUEUE, None)
    session.info.pop(_AFTER_COMMIT, None)
