"""invitation deadline explanation

Each invitation stores how its deadline was computed, written with the deadline itself. Existing
invitations keep NULL: services.closed_days.explanation_of computes their steps from the term, as
every mail and page did before, so this migration computes nothing.

Revision ID: 5d1e7a3c9b24
Revises: bcbeb918431b
Create Date: 2026-12-01 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5d1e7a3c9b24'
down_revision: str | None = 'bcbeb918431b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deadline_explanation', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('deadline_explanation')
