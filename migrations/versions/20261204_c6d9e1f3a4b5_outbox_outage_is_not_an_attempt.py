"""outbox: an outage is not an attempt

A connection failure (mail server down, 421, our sender refused) no longer uses up a message's
attempts: ``deferrals`` counts them for the backoff instead. ``bounced`` records that a message
failed on a permanent reply, the one failure that makes an invitation undeliverable. Messages that
failed before are taken to have bounced, as they made their invitations undeliverable. ``sent_at``
is indexed for /healthz, which asks when mail last went out.

Revision ID: c6d9e1f3a4b5
Revises: a4b7c9d1e2f3
Create Date: 2026-12-04 18:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c6d9e1f3a4b5'
down_revision: str | None = 'a4b7c9d1e2f3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deferrals', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('bounced', sa.Boolean(), nullable=False, server_default='0'))
        batch_op.create_index(batch_op.f('ix_outbox_messages_sent_at'), ['sent_at'], unique=False)
    op.execute("UPDATE outbox_messages SET bounced = (state = 'failed')")


def downgrade() -> None:
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_messages_sent_at'))
        batch_op.drop_column('bounced')
        batch_op.drop_column('deferrals')
