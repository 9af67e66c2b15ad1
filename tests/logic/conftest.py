"""Fixtures shared by the tests of tests/logic (the save-cost tests count statements)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from ckan import model


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement sent while the test runs, as sent."""
    seen: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    sa.event.listen(model.meta.engine, "before_cursor_execute", listener)
    yield seen
    sa.event.remove(model.meta.engine, "before_cursor_execute", listener)
