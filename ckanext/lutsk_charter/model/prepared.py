"""Statements a save runs every time, prepared once per database connection.

Planning a statement can cost PostgreSQL more than running it (the quality facts of
one dataset: ~0.6 ms of planning against ~0.3 ms of execution), and a save runs the
same few statements again and again with other ids. Each is compiled by SQLAlchemy
once, ``PREPARE``d on a connection the first time that connection runs it, then
``EXECUTE``d with a generic plan (its plan does not depend on the ids it is given;
the setting only concerns prepared statements, and ends with the transaction).
PostgreSQL plans it again by itself when a table it reads changes. What is kept is
a plan, never data: every execution reads the tables as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ckan.types import AlchemySession
from sqlalchemy.dialects import postgresql

__all__ = ["execute"]

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
) -> Any:
    """Rows of the statement ``build()`` (cached by ``key``) run with ``values``, in the
    session's transaction.

    ``before``: statements of the same round trip, run first, each as a statement of
    its own (so with its own snapshot, as if sent alone); they may use ``values`` as
    ``%(name)s`` and their results are not returned.
    """
    connection = session.connection()
    name = _prepared(connection.connection, key, build, tuple(arguments))
    placeholders = ", ".join(f"%({argument})s" for argument, _type in arguments)
    return connection.exec_driver_sql(
        f"{before}SET LOCAL plan_cache_mode = force_generic_plan; EXECUTE {name}({placeholders})",
        dict(values),
    )


def _prepared(dbapi: Any, key: str, build: Callable[[], Any], arguments: Arguments) -> str:
    prepared: dict[str, str] = dbapi.info.setdefault(_PREPARED, {})
    if key not in prepared:
        name = f"lutsk_charter_{key}"
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


@functools.cache
def _compiled(key: str, build: Callable[[], Any]) -> Any:
    return build().compile(
        dialect=postgresql.dialect(), compile_kwargs={"render_postcompile": True}
    )
