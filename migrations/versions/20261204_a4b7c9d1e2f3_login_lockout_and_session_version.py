"""login lockout and session version

A handler account counts its failed logins and is locked for a while after too many, in the
database so that every worker counts the same guesses; its session version ends every session of
the user when it is raised (at logout and at a password change). Existing accounts start unlocked,
with no failures and version 0, so sessions made before this revision still hold the old version
they never stored and end once: their users log in again.

Revision ID: a4b7c9d1e2f3
Revises: 8d3f2b4c9e67
Create Date: 2026-12-04 18:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import zienswijze.db.types

revision: str = 'a4b7c9d1e2f3'
down_revision: str | None = '8d3f2b4c9e67'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain columns, added in place: SQLite would have to rebuild users, which api_tokens refers to.
    op.add_column('users', sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
    op.add_column(
        'users', sa.Column('failed_logins_since', zienswijze.db.types.UTCDateTime(timezone=True), nullable=True)
    )
    op.add_column('users', sa.Column('locked_until', zienswijze.db.types.UTCDateTime(timezone=True), nullable=True))
    op.add_column('users', sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins_since')
        batch_op.drop_column('failed_logins')
