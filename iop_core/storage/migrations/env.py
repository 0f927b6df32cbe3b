"""Alembic environment: always run through iop_core.storage.db.migrate() with an open connection."""

from alembic import context

from iop_core.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through iop_core.storage.db.migrate(engine)")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
