"""Alembic's environment for tenderpack's migrations.

tenderpack runs the migrations itself (:func:`generator.database.upgrade_database`) and hands this
script an open connection in ``config.attributes["connection"]``. A developer writing a new migration
runs Alembic from the repository root (``alembic.ini`` there) against a database named with
``-x db=URL``; autogenerate compares it with the tables of :mod:`generator.tables`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from generator.database import VERSION_TABLE, model_metadata

config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=model_metadata(), version_table=VERSION_TABLE,
                      # SQLite alters a table by copying it; batch mode does that in later migrations.
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("name the database: alembic -x db=URL ...")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
