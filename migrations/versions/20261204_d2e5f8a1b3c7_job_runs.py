"""job runs: how each scheduled job last ended

One row per job, written after every run, so /healthz can name a job that keeps failing while the
scheduler itself, and the other jobs, carry on, and /metrics can say how long each run took.

Revision ID: d2e5f8a1b3c7
Revises: c6d9e1f3a4b5
Create Date: 2026-12-04 21:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import zienswijze.db.types

revision: str = 'd2e5f8a1b3c7'
down_revision: str | None = 'c6d9e1f3a4b5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'job_runs',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('ran_at', zienswijze.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('failed', sa.Boolean(), nullable=False),
        sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('seconds', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('job_runs')
