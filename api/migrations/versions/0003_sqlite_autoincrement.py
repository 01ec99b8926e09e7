"""ids are never reused on SQLite: every table's id becomes AUTOINCREMENT

Without AUTOINCREMENT SQLite hands out the largest id + 1, so deleting the newest scenario,
job or schedule gave its id to the next one and an old link showed another plan.
PostgreSQL sequences never go back: nothing to do there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 14:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Parents before children; api.db.migrate turns foreign keys off while tables are rebuilt.
TABLES = ("api_key", "scenario", "scenario_version", "job", "schedule")


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
