"""job leases: a running job's process renews job.lease_until; only an expired lease is
failed by a (re)starting or another server

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 14:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("job", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("job", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("lease_until")
