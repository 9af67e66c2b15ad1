"""PostgreSQL advisory locks that serialise work across processes (transaction locks: they
end with the caller's commit)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def advisory_lock(session: Any, key: int, package_ids: list[str] | None) -> None:
    """Without ``package_ids``, the lock ``key`` alone; with them, ``key`` shared and each
    dataset's own lock (``key`` and the id's hash), in one round trip and a fixed order (a
    select list is evaluated left to right)."""
    if package_ids is None:
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
        return
    sql, values = advisory_lock_sql(key, package_ids)
    session.connection().exec_driver_sql(sql, values)


def advisory_lock_sql(key: int, package_ids: list[str]) -> tuple[str, dict[str, Any]]:
    """The statement of ``advisory_lock`` for these datasets, as driver SQL (``%(name)s``
    placeholders) and its values: to be sent ahead of a read in the same round trip
    (``model.prepared.execute``'s ``before``), where it runs as a statement of its own, so
    the read after it takes its snapshot once the locks are held."""
    ids = sorted(set(package_ids))
    locks = ", ".join(
        f"pg_advisory_xact_lock(%(lock_key2)s, hashtext(%(lock_id{i})s))" for i in range(len(ids))
    )
    values: dict[str, Any] = {"lock_key": key, "lock_key2": key & 0x7FFF_FFFF}
    values |= {f"lock_id{i}": package_id for i, package_id in enumerate(ids)}
    return f"SELECT pg_advisory_xact_lock_shared(%(lock_key)s), {locks}; ", values
