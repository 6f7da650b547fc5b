"""received bounces: reports that came back to the bounce address after a message was sent

One row per report and message, so a hard bounce delivered twice makes its invitation undeliverable
and tells the handler once (see services/bounces.py).

Revision ID: b8c2d4e6f1a3
Revises: e3f6a9b2c4d8
Create Date: 2026-12-04 23:50:25.660310
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import zienswijze.db.types

revision: str = 'b8c2d4e6f1a3'
down_revision: str | None = 'e3f6a9b2c4d8'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'received_bounces',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('outbox_message_id', sa.Integer(), nullable=False),
        sa.Column('report_key', sqlmodel.sql.sqltypes.AutoString(length=250), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('diagnostic', sa.Text(), nullable=False),
        sa.Column('received_at', zienswijze.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id']),
        sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('outbox_message_id', 'report_key'),
    )
    with op.batch_alter_table('received_bounces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_received_bounces_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_received_bounces_outbox_message_id'), ['outbox_message_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('received_bounces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_received_bounces_outbox_message_id'))
        batch_op.drop_index(batch_op.f('ix_received_bounces_organisation_id'))
    op.drop_table('received_bounces')
