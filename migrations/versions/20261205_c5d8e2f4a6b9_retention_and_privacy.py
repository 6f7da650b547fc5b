"""retention and privacy: retention period and privacy statement settings, erasure marks, audit details digest

The audit hash now covers a digest of each event's details instead of the details, so that personal data
can be erased from them at the end of the retention period. Every chain that verifies under the old
hash is rehashed under the new one, and its head moved; a chain that does not verify is left as it is,
so a break that was there stays there (it is not laundered into a chain that holds).

Revision ID: c5d8e2f4a6b9
Revises: f4a7b1c2d3e5
Create Date: 2026-12-05 05:10:00.000000
"""
import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import zienswijze.db.types

revision: str = 'c5d8e2f4a6b9'
down_revision: str | None = 'f4a7b1c2d3e5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENTS = sa.table(
    'audit_events',
    sa.column('id', sa.Integer),
    sa.column('organisation_id', sa.Integer),
    sa.column('case_id', sa.Integer),
    sa.column('invitation_id', sa.Integer),
    sa.column('occurred_at', zienswijze.db.types.UTCDateTime(timezone=True)),
    sa.column('actor', sa.String),
    sa.column('kind', sa.String),
    sa.column('details', sa.JSON),
    sa.column('details_sha256', sa.String),
    sa.column('previous_hash', sa.String),
    sa.column('hash', sa.String),
)
HEADS = sa.table(
    'audit_chain_heads', sa.column('chain', sa.String), sa.column('head_hash', sa.String), sa.column('events', sa.Integer)
)


def upgrade() -> None:
    op.add_column('organisations', sa.Column('retention_years', sa.Integer(), nullable=True))
    op.add_column('organisations', sa.Column('privacy_officer', sa.Text(), nullable=False, server_default=''))
    op.add_column('organisations', sa.Column('privacy_recipients', sa.Text(), nullable=False, server_default=''))
    op.add_column('cases', sa.Column('erased_at', zienswijze.db.types.UTCDateTime(timezone=True), nullable=True))
    op.add_column('cases', sa.Column('retained_paragraphs', sa.JSON(), nullable=True))
    op.add_column('audit_events', sa.Column('details_sha256', sa.String(length=64), nullable=False, server_default=''))
    op.add_column('audit_events', sa.Column('erased', sa.Boolean(), nullable=False, server_default=sa.false()))
    _rehash_every_chain(op.get_bind(), _old_hash, _new_hash)


def _rehash_every_chain(connection, old, new) -> None:
    case_chains = connection.execute(sa.select(EVENTS.c.case_id).where(EVENTS.c.case_id.is_not(None)).distinct())
    for (case_id,) in case_chains.all():
        _rehash(connection, f'case:{case_id}', EVENTS.c.case_id == case_id, old, new)
    organisation_chains = connection.execute(
        sa.select(EVENTS.c.organisation_id).where(EVENTS.c.case_id.is_(None)).distinct()
    )
    for (organisation_id,) in organisation_chains.all():
        in_chain = sa.and_(EVENTS.c.case_id.is_(None), EVENTS.c.organisation_id == organisation_id)
        _rehash(connection, f'organisation:{organisation_id}', in_chain, old, new)


def _rehash(connection, chain: str, in_chain, old, new) -> None:
    """Each event's details digest; and the chain's hashes made anew with ``new``, only if it holds under ``old``."""
    events = connection.execute(sa.select(EVENTS).where(in_chain).order_by(EVENTS.c.id)).mappings().all()
    head = connection.execute(sa.select(HEADS).where(HEADS.c.chain == chain)).mappings().first()
    previous, intact = '', True
    for event in events:
        intact = intact and event['previous_hash'] == previous and event['hash'] == old(event, event['previous_hash'])
        previous = event['hash']
    intact = intact and head is not None and head['head_hash'] == previous and head['events'] == len(events)
    previous = ''
    for event in events:
        values = {'details_sha256': _sha256(event['details'])}
        if intact:
            values['previous_hash'] = previous
            values['hash'] = previous = new(event, previous)
        connection.execute(sa.update(EVENTS).where(EVENTS.c.id == event['id']).values(**values))
    if intact and events:
        connection.execute(sa.update(HEADS).where(HEADS.c.chain == chain).values(head_hash=previous))


def _fields(event) -> dict:
    return {
        'organisation_id': event['organisation_id'],
        'case_id': event['case_id'],
        'invitation_id': event['invitation_id'],
        'occurred_at': event['occurred_at'].isoformat(),
        'actor': event['actor'],
        'kind': event['kind'],
    }


def _old_hash(event, previous: str) -> str:
    """The hash as revision f4a7b1c2d3e5 and before made it: over the details themselves."""
    return _sha256({**_fields(event), 'details': event['details'], 'previous_hash': previous})


def _new_hash(event, previous: str) -> str:
    """The hash from this revision on: over the details' digest (an event not yet erased)."""
    return _sha256({**_fields(event), 'details_sha256': _sha256(event['details']), 'previous_hash': previous})


def _sha256(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(',', ':'), default=str).encode()).hexdigest()


def downgrade() -> None:
    # A chain with erased events does not hold under the old hash, which needs the details: it stays as it is.
    _rehash_every_chain(op.get_bind(), _new_hash, _old_hash)
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('erased')
        batch_op.drop_column('details_sha256')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('retained_paragraphs')
        batch_op.drop_column('erased_at')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('privacy_recipients')
        batch_op.drop_column('privacy_officer')
        batch_op.drop_column('retention_years')
