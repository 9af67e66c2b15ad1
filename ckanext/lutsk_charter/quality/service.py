"""The quality service: run the checks on datasets, store the flags and scores, reindex.

Jobs, save hooks and actions call these; the actions in ``logic/action/quality.py``
only check access, validate and orchestrate.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import sqlalchemy as sa
from ckan import model
from ckan.lib import search
from ckan.types import Context

from ckanext.lutsk_charter import config
from ckanext.lutsk_charter.clock import now, portal_zone, today
from ckanext.lutsk_charter.interfaces import ILutskCharterChecks
from ckanext.lutsk_charter.model import monitoring_summary
from ckanext.lutsk_charter.quality import gather, store
from ckanext.lutsk_charter.quality.checks import BUILT_IN, Check
from ckanext.lutsk_charter.quality.facts import CheckEnv

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
    from ckanext.scheming.helpers import scheming_get_dataset_schema  # pyright: ignore[reportMissingImports]

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

    Leaves the commit to the caller, so a save's check lands with the save. The
    monitoring summary of the datasets checked (of a body's or all: of those whose
    band or flags changed) is written again in the same transaction.
    """
    session = model.Session
    session.flush()  # CKAN's session does not autoflush: let the queries see this save
    in_scope = gather.scope(package_ids, organization_id)
    _lock(session, package_ids if in_scope.kind != "all" and package_ids else None)
    outcome = store.check_and_store(
        session,
        gather.gather(session, in_scope, today()),
        check_env(),
        registered_checks(),
        everything=in_scope.kind == "all",
    )
    monitoring_summary.refresh(
        session, package_ids if package_ids is not None else outcome.changed, str(portal_zone())
    )
    return outcome


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
