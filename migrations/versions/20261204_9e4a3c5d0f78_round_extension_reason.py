"""round extension reason

A round names why its stakeholders may ask for a later date ("de vakantie"); the decision
paragraph writes it. Existing rounds get the empty text, meaning no reason given: the paragraph
no longer assumes the holidays.

Revision ID: 9e4a3c5d0f78
Revises: 6b1d0f2a7c45
Create Date: 2026-12-04 15:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9e4a3c5d0f78'
down_revision: str | None = '6b1d0f2a7c45'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('consultation_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extension_reason', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('consultation_rounds', schema=None) as batch_op:
        batch_op.drop_column('extension_reason')
