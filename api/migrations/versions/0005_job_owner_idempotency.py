"""jobs remember the API key that queued them and the request's Idempotency-Key

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 14:25:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("job", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("key_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("request_hash", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_job_key_id", ["key_id"])
        batch_op.create_unique_constraint("uq_job_idempotency_key", ["idempotency_key"])


def downgrade() -> None:
    with op.batch_alter_table("job", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint("uq_job_idempotency_key", type_="unique")
        batch_op.drop_index("ix_job_key_id")
        batch_op.drop_column("request_hash")
        batch_op.drop_column("idempotency_key")
        batch_op.drop_column("key_id")
