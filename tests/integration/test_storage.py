"""Storage promises: migrations match the model, a row's removal never reads a whole table to
check references to it, and a unit of work keeps nothing uncommitted."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text

from tipwatch.services.context import Context
from tipwatch.storage import tables as t
from tipwatch.storage.database import schema_is_current, upgrade
from tipwatch.storage.tables import Base


def test_the_migrations_build_exactly_the_model(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert schema_is_current(engine)


def test_upgrading_a_current_database_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    assert schema_is_current(engine)


# Tables whose rows tipwatch deletes: a case an import replaces (with its parties and charges),
# the people no case refers to any more.
DELETED_ROWS = {"cases", "parties", "charges", "persons"}


def test_every_reference_to_a_deleted_row_is_indexed(engine: Engine) -> None:
    """Deleting a row makes the database check that nothing refers to it: without an index
    on the referring column, by reading that whole table for every row deleted."""
    schema = inspect(engine)
    unindexed = []
    for table in schema.get_table_names():
        leading = {index["column_names"][0] for index in schema.get_indexes(table)}
        leading |= {u["column_names"][0] for u in schema.get_unique_constraints(table)}
        leading |= set(schema.get_pk_constraint(table)["constrained_columns"][:1])
        for key in schema.get_foreign_keys(table):
            column = key["constrained_columns"][0]
            if key["referred_table"] in DELETED_ROWS and column not in leading:
                unindexed.append(f"{table}.{column}")
    assert unindexed == []


def _unit() -> t.Unit:
    return t.Unit(
        code="PS-UOW",
        name="PS Test",
        kind="police_station",
        agency="Punjab Police",
        district="Lahore",
        province="Punjab",
    )


def test_a_unit_of_work_rolls_back_unless_committed(ctx: Context) -> None:
    with ctx.uow() as uow:
        uow.session.add(_unit())
        uow.flush()
    with ctx.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(t.Unit)) == 0


def test_a_unit_of_work_rolls_back_when_the_use_case_fails(ctx: Context) -> None:
    try:
        with ctx.uow() as uow:
            uow.session.add(_unit())
            uow.flush()
            raise RuntimeError("crash mid-write")
    except RuntimeError:
        pass
    with ctx.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(t.Unit)) == 0


def test_a_committed_unit_of_work_is_kept(ctx: Context) -> None:
    with ctx.uow() as uow:
        uow.session.add(_unit())
        uow.commit()
    with ctx.uow() as uow:
        assert uow.session.scalar(select(t.Unit.code)) == "PS-UOW"


def test_figures_seeded_before_their_scope_was_measured_are_moved_to_it(tmp_path: Path) -> None:
    from alembic import command

    from tipwatch.storage.database import connect, migrations_config

    engine = connect(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(migrations_config(engine), "0006")
    insert = text(
        "INSERT INTO published_figures (source, period_start, period_end, area, measure, unit, "
        "value, definition, status, notes, created_at, updated_at) VALUES ('SSDO', '2024-01-01', "
        "'2024-12-31', 'Punjab', :measure, 'cases', 457, :definition, 'S', '', "
        "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    with engine.begin() as connection:
        connection.execute(
            insert, {"measure": "cases_registered", "definition": "child trafficking cases"}
        )
        connection.execute(insert, {"measure": "cases_registered", "definition": "cases filed"})
    upgrade(engine)
    with engine.connect() as connection:
        measures = connection.execute(
            text("SELECT definition, measure FROM published_figures ORDER BY id")
        ).all()
    engine.dispose()
    assert [tuple(row) for row in measures] == [
        ("child trafficking cases", "child_cases_registered"),
        ("cases filed", "cases_registered"),  # all cases: left as it was
    ]


def test_a_database_error_is_shown_and_logged_without_the_values_of_the_row(ctx: Context) -> None:
    """PostgreSQL's own message repeats the failing row ("Failing row contains (...)"), and
    SQLAlchemy's its parameters: the text the CLI prints and the app logs holds neither."""
    from sqlalchemy.exc import IntegrityError

    from tipwatch.storage.database import error_text

    insert = text(
        "INSERT INTO units (code, name, kind, agency, province) "
        "VALUES ('X-1', 'Shelter of Nadia Bibi', 'ngo', NULL, 'Punjab')"
    )
    with pytest.raises(IntegrityError) as failed, ctx.engine.begin() as connection:
        connection.execute(insert)
    assert "Nadia" not in error_text(failed.value)
    assert error_text(failed.value).startswith("IntegrityError (")
