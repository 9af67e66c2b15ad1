"""Statements a save runs every time, prepared once per database connection.

Planning a statement can cost PostgreSQL more than running it (the quality facts of
one dataset: ~0.6 ms of planning against ~0.3 ms of execution), and a save runs the
same few statements again and again with other ids. Each is compiled by SQLAlchemy
once, ``PREPARE``d on a connection the first time that connection runs it, then
``EXECUTE``d with a generic plan (its plan does not depend on the ids it is given;
the setting only concerns prepared statements, and ends with the transaction).
PostgreSQL plans it again by itself when a table it reads changes. What is kept is
a plan, never data: every execution reads the tables as they are.

A read can also ride with the last write of a save (``carry``): sent after it in the
same round trip, its rows wait in ``session.info`` for the one who asked
(``carried``), and are dropped as soon as the database connection sends any
statement other than a ``SELECT``, the session flushes, or a transaction ends, so
they never stand in for a read made after a write. Once taken, they serve one more
``carried`` of the same read right after the save commits (CKAN shows the dataset
again for its activity): only in the transaction that follows the commit, within
``AFTER_COMMIT_SECONDS`` of it, on the same connection, with nothing written, flushed
or rolled back since they were read. They then stand for the dataset as the save
committed it, as its index does.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ckan import model
from ckan.types import AlchemySession
from sqlalchemy import event
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine

__all__ = ["carried", "carry", "execute", "write_count"]

#: ``connection.info`` key: ``{key: prepared name}`` on this database connection.
_PREPARED = "lutsk_charter_prepared"

#: A statement's arguments, in order: ``(name of its bind parameter, PostgreSQL type)``.
Arguments = Sequence[tuple[str, str]]


def execute(
    session: AlchemySession,
    key: str,
    build: Callable[[], Any],
    arguments: Arguments,
    values: Mapping[str, Any],
    before: str = "",
    with_carried: bool = False,
) -> Any:
    """Rows of the statement ``build()`` (cached by ``key``) run with ``values``, in the
    session's transaction.

    ``before``: statements of the same round trip, run first, each as a statement of
    its own (so with its own snapshot, as if sent alone); they may use ``values`` as
    ``%(name)s`` and their results are not returned. ``with_carried`` (a write that
    ends a save): the read waiting to be ``carry``-ed is sent after it, and its rows,
    not this statement's, are returned (and kept for ``carried``).
    """
    connection = session.connection()
    name = _prepared(connection.connection, key, build, tuple(arguments))
    sql = f"{before}SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE {name}"
    sql += _placeholders(arguments)
    sent = dict(values)
    waiting = session.info.pop(_CARRY, None) if with_carried else None
    if waiting is not None:
        read_key, read_build, read_arguments, read_values = waiting
        read = _prepared(connection.connection, read_key, read_build, read_arguments)
        sql += f"; EXECUTE {read}{_placeholders(read_arguments, 'carried_')}"
        sent |= {f"carried_{argument}": value for argument, value in read_values.items()}
    result = connection.exec_driver_sql(sql, sent)
    if waiting is not None:
        rows = list(result)
        session.info[_CARRIED] = (waiting[0], waiting[3], _writes(connection), rows)
        return rows
    return result


def _placeholders(arguments: Arguments, prefix: str = "") -> str:
    return "(" + ", ".join(f"%({prefix}{argument})s" for argument, _type in arguments) + ")"


#: ``session.info`` keys: the read waiting to ride with the next write, and its rows.
_CARRY = "lutsk_charter_carry"
_CARRIED = "lutsk_charter_carried"
#: ``connection.info`` key: how many statements other than a SELECT it has sent.
_WRITES = "lutsk_charter_writes"


def carry(
    session: AlchemySession,
    key: str,
    build: Callable[[], Any],
    arguments: Arguments,
    values: Mapping[str, Any],
) -> None:
    """Send this read (prepared as ``execute`` does) after the next write that takes it
    (``execute(..., with_carried=True)``), in its round trip, for ``carried`` to take."""
    session.info.pop(_CARRIED, None)
    session.info[_CARRY] = (key, build, tuple(arguments), dict(values))


#: ``session.info`` keys: carried rows once taken (until the commit), then kept for the
#: show right after it.
_TAKEN = "lutsk_charter_carried_taken"
_AFTER_COMMIT = "lutsk_charter_carried_after_commit"
#: How long after a commit the rows of its save may still serve a show (CKAN's own show
#: for the activity comes within milliseconds).
AFTER_COMMIT_SECONDS = 1.0


def carried(session: AlchemySession, key: str, values: Mapping[str, Any]) -> list[Any] | None:
    """The rows of the read ``key`` carried with ``values``, if nothing was written since it
    ran (taken once, and once more right after the commit: see the module); else None:
    read it yourself."""
    kept = session.info.pop(_CARRIED, None)
    if kept is None:
        return _after_commit(session, key, values)
    read_key, read_values, writes, rows = kept
    connection = session.connection()
    if (read_key, read_values) != (key, dict(values)) or writes != _writes(connection):
        return None
    session.info[_TAKEN] = (read_key, read_values, rows, connection.info, writes)
    return rows


def _after_commit(session: AlchemySession, key: str, values: Mapping[str, Any]) -> list[Any] | None:
    kept = session.info.pop(_AFTER_COMMIT, None)
    if kept is None:
        return None
    read_key, read_values, rows, info, writes, committed_at, _own_end = kept
    connection = session.connection()
    if (
        (read_key, read_values) != (key, dict(values))
        or connection.info is not info  # another database connection: its own count
        or _writes(connection) != writes
        or time.monotonic() - committed_at > AFTER_COMMIT_SECONDS
    ):
        return None
    return rows


def _writes(connection: Any) -> int:
    return _writes_of(connection.info)


def write_count(session: AlchemySession) -> int:
    """How many statements other than a ``SELECT`` the session's database connection has
    sent: unchanged between two moments, nothing was written in between."""
    return _writes(session.connection())


@event.listens_for(Engine, "before_cursor_execute")
def _count_writes(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
    """Every statement that is not a plain SELECT counts as a write (``SET``, ``EXECUTE``,
    ``WITH``, ``ROLLBACK TO SAVEPOINT`` too: when unsure, it is one), but for setting or
    releasing a savepoint, which change no data."""
    head = statement.lstrip()[:17].upper()
    if head[:6] != "SELECT" and not head.startswith(("SAVEPOINT ", "RELEASE SAVEPOINT")):
        conn.info[_WRITES] = conn.info.get(_WRITES, 0) + 1


@event.listens_for(model.Session, "after_flush")  # pyright: ignore[reportAttributeAccessIssue]
@event.listens_for(model.Session, "after_rollback")  # pyright: ignore[reportAttributeAccessIssue]
def _drop_carried(session: Any, *args: Any) -> None:
    for name in (_CARRIED, _TAKEN, _AFTER_COMMIT):
        session.info.pop(name, None)


@event.listens_for(model.Session, "after_commit")  # pyright: ignore[reportAttributeAccessIssue]
def _keep_taken_after_commit(session: Any) -> None:
    """Rows taken in the transaction just committed, with nothing written since: they serve
    the first show after the commit (in the transaction that follows it) once more. Not at
    a savepoint's release, which SQLAlchemy reports as a commit too."""
    if session.in_nested_transaction():
        return
    taken = session.info.pop(_TAKEN, None)
    session.info.pop(_AFTER_COMMIT, None)
    if taken is not None:
        read_key, read_values, rows, info, writes = taken
        if _writes_of(info) == writes:
            # the last item: the committed transaction's own end is still to come
            kept = [read_key, read_values, rows, info, writes, time.monotonic(), True]
            session.info[_AFTER_COMMIT] = kept


def _writes_of(info: Mapping[str, Any]) -> int:
    return info.get(_WRITES, 0)


@event.listens_for(model.Session, "after_transaction_end")  # pyright: ignore[reportAttributeAccessIssue]
def _drop_carried_at_end(session: Any, transaction: Any) -> None:
    """Rows: at the end of any transaction (a flush's or a savepoint's too); the read
    waiting for its write: at the end of the session's transaction; rows kept after a
    commit: at the end of the transaction after it."""
    session.info.pop(_CARRIED, None)
    if transaction.parent is not None:
        return
    session.info.pop(_CARRY, None)
    session.info.pop(_TAKEN, None)
    kept = session.info.get(_AFTER_COMMIT)
    if kept is not None and kept[-1]:  # the committed transaction's own end
        kept[-1] = False
    else:  # the end of the transaction after it
        session.info.pop(_AFTER_COMMIT, None)


def _prepared(dbapi: Any, key: str, build: Callable[[], Any], arguments: Arguments) -> str:
    prepared: dict[str, str] = dbapi.info.setdefault(_PREPARED, {})
    if key not in prepared:
        name = f"lutsk_charter_prepared_{len(prepared)}"
        types = ", ".join(type_ for _argument, type_ in arguments)
        with dbapi.cursor() as cursor:
            sql = _sql(key, build, arguments, cursor)
            cursor.execute(f"PREPARE {name}({types}) AS {sql}")
        prepared[key] = name
    return prepared[key]


def _sql(key: str, build: Callable[[], Any], arguments: Arguments, cursor: Any) -> str:
    from psycopg2.extensions import AsIs

    compiled = _compiled(key, build)
    values = {
        **compiled.params,
        **{argument: AsIs(f"${i}") for i, (argument, _type) in enumerate(arguments, 1)},
    }
    return cursor.mogrify(str(compiled), values).decode()


#: ``{key: compiled statement}``: SQL compiled once per process (code, not data).
_COMPILED: dict[str, Any] = {}


def _compiled(key: str, build: Callable[[], Any]) -> Any:
    if key not in _COMPILED:
        _COMPILED[key] = build().compile(
            dialect=postgresql.dialect(), compile_kwargs={"render_postcompile": True}
        )
    return _COMPILED[key]
