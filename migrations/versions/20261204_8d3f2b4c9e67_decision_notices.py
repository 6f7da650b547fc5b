"""decision notices

Woo art. 4.4 lid 5 and 6: the decision letter a case's notices carry, one notice per stakeholder
with how it went out and when it reached them, the stakeholder's consent to electronic notice
(Awb 2:14) on their view, the handler's record that no objection is to be expected, the body's
address for objections, and the attachment a queued mail carries. A case decided before this
revision mailed its notices on the day it was made known: each of its stakeholders gets a notice
that reached them that day, so its disclosure dates stay what they were.

Revision ID: 8d3f2b4c9e67
Revises: 7c2e1a3b8d56
Create Date: 2026-12-04 15:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import zienswijze.db.types

revision: str = '8d3f2b4c9e67'
down_revision: str | None = '7c2e1a3b8d56'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('objection_address', sa.Text(), nullable=False, server_default=''))
    # Plain columns, added in place: a foreign key would need SQLite to rebuild cases and outbox_messages,
    # which fails while other tables refer to them.
    op.add_column('cases', sa.Column('decision_letter_sha256', sa.String(length=64), nullable=True))
    op.add_column('cases', sa.Column('decision_letter_name', sa.String(length=300), nullable=True))
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('no_objection_expected', sa.Boolean(), nullable=False, server_default='0')
        )
    with op.batch_alter_table('response_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_consent', sa.Boolean(), nullable=False, server_default='0'))
    op.create_table(
        'decision_notices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('stakeholder_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.Enum('e-mail', 'post', name='noticechannel', native_enum=False), nullable=False),
        sa.Column('objection_end', sa.Date(), nullable=True),
        sa.Column('reached_on', sa.Date(), nullable=True),
        sa.Column('bounced', sa.Boolean(), nullable=False),
        sa.Column('created_at', zienswijze.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id']),
        sa.ForeignKeyConstraint(['stakeholder_id'], ['stakeholders.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('case_id', 'stakeholder_id'),
    )
    with op.batch_alter_table('decision_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_notices_case_id'), ['case_id'], unique=False)
    op.create_table(
        'outbox_attachments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=300), nullable=False),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['message_id'], ['outbox_messages.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    _notices_of_decided_cases()
    with op.batch_alter_table('outbox_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_attachments_message_id'), ['message_id'], unique=False)
    op.add_column('outbox_messages', sa.Column('decision_notice_id', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_outbox_messages_decision_notice_id'), 'outbox_messages', ['decision_notice_id'])


def _notices_of_decided_cases() -> None:
    cases = sa.table('cases', sa.column('id'), sa.column('announced_date'))
    stakeholders = sa.table('stakeholders', sa.column('id'), sa.column('case_id'))
    notices = sa.table(
        'decision_notices',
        *(sa.column(name) for name in ('case_id', 'stakeholder_id', 'channel', 'reached_on', 'bounced', 'created_at')),
    )
    decided = (
        sa.select(
            stakeholders.c.case_id,
            stakeholders.c.id,
            sa.literal('e-mail'),
            cases.c.announced_date,
            sa.false(),
            sa.func.current_timestamp(),
        )
        .select_from(stakeholders.join(cases, cases.c.id == stakeholders.c.case_id))
        .where(cases.c.announced_date.is_not(None))
    )
    op.execute(notices.insert().from_select(list(notices.c.keys()), decided))


def downgrade() -> None:
    op.drop_index(op.f('ix_outbox_messages_decision_notice_id'), table_name='outbox_messages')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('decision_notice_id')
    op.drop_table('outbox_attachments')
    op.drop_table('decision_notices')
    with op.batch_alter_table('response_versions', schema=None) as batch_op:
        batch_op.drop_column('email_consent')
    with op.batch_alter_table('stakeholders', schema=None) as batch_op:
        batch_op.drop_column('no_objection_expected')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('decision_letter_name')
        batch_op.drop_column('decision_letter_sha256')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('objection_address')
