"""openid connect sign-in: an organisation's provider, password login switch, users' iss and sub

Revision ID: f4a7b1c2d3e5
Revises: b8c2d4e6f1a3
Create Date: 2026-12-05 04:50:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = 'f4a7b1c2d3e5'
down_revision: str | None = 'b8c2d4e6f1a3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN and a unique index: nothing here makes SQLite copy a table that others refer to.
    op.add_column('organisations', sa.Column('oidc_issuer', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
    op.add_column('organisations', sa.Column('oidc_client_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
    op.add_column(
        'organisations', sa.Column('oidc_client_secret', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
    )
    op.add_column(
        'organisations', sa.Column('password_login_enabled', sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column('users', sa.Column('oidc_issuer', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
    op.add_column('users', sa.Column('oidc_subject', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
    op.create_index('ix_users_oidc_identity', 'users', ['oidc_issuer', 'oidc_subject'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_users_oidc_identity', table_name='users')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('oidc_subject')
        batch_op.drop_column('oidc_issuer')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('password_login_enabled')
        batch_op.drop_column('oidc_client_secret')
        batch_op.drop_column('oidc_client_id')
        batch_op.drop_column('oidc_issuer')
