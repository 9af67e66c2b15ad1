"""The lutsk_charter migrations go down and up again, and the data survives the way up."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.tests.helpers import call_action

from tests.conftest import site_context

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

TABLES = {"lutsk_charter_responsible_assignment", "lutsk_charter_responsible_change"}


def _tables() -> set[str]:
    return set(sa.inspect(model.Session.get_bind()).get_table_names()) & TABLES


def test_upgrade_downgrade_upgrade_round_trip(migrate_db_for, organization):
    assert _tables() == TABLES
    person = call_action(
        "lutsk_charter_responsible_assign",
        context=site_context(),
        organization_id=organization["id"],
        role="creator",
        full_name="Гнатюк Марія",
        email="m.hnatiuk@lutskrada.gov.ua",
        valid_from="2025-02-01",
    )
    dump = [
        dict(r._mapping)
        for r in model.Session.execute(
            sa.text("SELECT * FROM lutsk_charter_responsible_assignment")
        )
    ]
    model.Session.commit()
    model.Session.remove()

    migrate_db_for("lutsk_charter", "base", False)
    assert _tables() == set()

    migrate_db_for("lutsk_charter")
    assert _tables() == TABLES
    # The tables come back empty and usable; reload what was there, as a restore would.
    table = sa.Table(
        "lutsk_charter_responsible_assignment",
        sa.MetaData(),
        autoload_with=model.Session.get_bind(),
    )
    model.Session.execute(table.insert(), dump)
    model.Session.commit()
    history = call_action("lutsk_charter_responsible_history", organization_id=organization["id"])
    assert [(h["id"], h["valid_from"]) for h in history] == [(person["id"], "2025-02-01")]
