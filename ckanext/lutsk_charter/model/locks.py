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
    ids = sorted(set(package_ids))
    locks = ", ".join(f"pg_advisory_xact_lock(:key2, hashtext(:id{i}))" for i in range(len(ids)))
    session.execute(
        sa.text(f"SELECT pg_advisory_xact_lock_shared(:key), {locks}"),
        {"key": key, "key2": key & 0x7FFF_FFFF}
        | {f"id{i}": package_id for i, package_id in enumerate(ids)},
    )
