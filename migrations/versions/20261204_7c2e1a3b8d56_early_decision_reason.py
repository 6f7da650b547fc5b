"""early decision reason

The reason a handler gave for recording the decision while a stakeholder could still give a view;
NULL for a decision taken after every term ended, and for every decision recorded before this.

Revision ID: 7c2e1a3b8d56
Revises: 9e4a3c5d0f78
Create Date: 2026-12-04 15:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7c2e1a3b8d56'
down_revision: str | None = '9e4a3c5d0f78'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('early_decision_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('early_decision_reason')
