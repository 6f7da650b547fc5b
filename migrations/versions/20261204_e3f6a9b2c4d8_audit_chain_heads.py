"""audit chain heads: the last hash and the length of each audit chain

An append reads the head instead of searching the chain, and a chain whose last events were deleted
no longer matches its head. Filled from the events already written.

Revision ID: e3f6a9b2c4d8
Revises: d2e5f8a1b3c7
Create Date: 2026-12-04 21:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'e3f6a9b2c4d8'
down_revision: str | None = 'd2e5f8a1b3c7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LAST_OF_EACH_CHAIN = """
SELECT e.case_id, e.organisation_id, e.hash, chains.events
FROM audit_events e
JOIN (
    SELECT MAX(id) AS last_id, COUNT(*) AS events FROM audit_events GROUP BY case_id, organisation_id
) chains ON e.id = chains.last_id
"""


def upgrade() -> None:
    heads = op.create_table(
        'audit_chain_heads',
        sa.Column('chain', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('head_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('chain'),
    )
    rows = op.get_bind().execute(sa.text(LAST_OF_EACH_CHAIN)).all()
    op.bulk_insert(
        heads,
        [
            {
                'chain': f'case:{case_id}' if case_id is not None else f'organisation:{organisation_id}',
                'head_hash': head_hash,
                'events': events,
            }
            for case_id, organisation_id, head_hash, events in rows
        ],
    )


def downgrade() -> None:
    op.drop_table('audit_chain_heads')
