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


def _our_metadata() -> sa.MetaData:
    import ckan.plugins.toolkit as tk

    ours = sa.MetaData()
    for table in tk.BaseModel.metadata.sorted_tables:
        if table.name.startswith("lutsk_charter_"):
            table.to_metadata(ours)
    return ours


def test_the_models_tables_are_the_migrated_tables():
    """Columns, indexes and unique constraints (alembic's comparison) and CHECK
    constraints (which it does not compare) of the model are those the migrations made."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    ours = _our_metadata()
    assert len(ours.tables) >= 11

    def include_name(name, type_, _parent):
        if type_ == "table":
            return name in ours.tables
        return True

    bind = model.Session.get_bind()
    with bind.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_name, "compare_type": True}
        )
        differences = compare_metadata(context, ours)
    assert differences == []
    inspector = sa.inspect(bind)
    for table in ours.sorted_tables:
        in_database = {c["name"] for c in inspector.get_check_constraints(table.name)}
        declared = {c.name for c in table.constraints if isinstance(c, sa.CheckConstraint)}
        assert declared == in_database, table.name
        # From the catalogue, not the inspector: SQLAlchemy 1.4 (CKAN 2.11) leaves
        # expression indexes out of ``get_indexes``.
        with bind.connect() as connection:
            indexes = set(
                connection.execute(
                    sa.text(
                        "SELECT i.relname FROM pg_index x"
                        " JOIN pg_class i ON i.oid = x.indexrelid"
                        " JOIN pg_class t ON t.oid = x.indrelid"
                        " WHERE t.relname = :table AND NOT x.indisprimary"
                        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                        "   WHERE c.conindid = x.indexrelid)"  # a UNIQUE constraint's own index
                    ),
                    {"table": table.name},
                ).scalars()
            )
        assert {i.name for i in table.indexes} == indexes, table.name


def test_migration_005_seeds_its_frozen_copy_not_the_package_file():
    from pathlib import Path

    versions = (
        Path(__file__).resolve().parent.parent
        / "ckanext/lutsk_charter/migration/lutsk_charter/versions"
    )
    (path,) = versions.glob("005_*.py")
    source = path.read_text(encoding="utf-8")
    assert "835-list.csv" not in source.split("SEED = (")[1]  # no file is read
    assert "open(" not in source
    assert source.count("\n    ('ALL-") == 16
    assert source.count("\n    ('OMS-") == 57
