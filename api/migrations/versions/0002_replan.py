"""replans: job kind, baseline, date and incidents; a schedule's baseline and diff

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), server_default="solve", nullable=False)
        )
        batch_op.add_column(sa.Column("baseline_schedule_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("now", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("incidents", sa.Text(), nullable=True))

    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("baseline_schedule_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("now", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("incidents", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("frozen_phases", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("diff", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("schedule", schema=None) as batch_op:
        batch_op.drop_column("diff")
        batch_op.drop_column("frozen_phases")
        batch_op.drop_column("incidents")
        batch_op.drop_column("now")
        batch_op.drop_column("baseline_schedule_id")

    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_column("incidents")
        batch_op.drop_column("now")
        batch_op.drop_column("baseline_schedule_id")
        batch_op.drop_column("kind")
