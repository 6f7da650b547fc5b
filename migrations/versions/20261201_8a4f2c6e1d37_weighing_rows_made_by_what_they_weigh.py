"""weighing rows made by what they weigh

Weighing rows used to be made when the weighing list was first read; now the round makes one per
invitation and each submission one per objection or extra-redaction request. This adds the rows a
read would have made: one per invitation, one per weighed item of every submitted version.

Revision ID: 8a4f2c6e1d37
Revises: 5d1e7a3c9b24
Create Date: 2026-12-01 10:30:00.000000
"""
from collections.abc import Sequence

from alembic import op

revision: str = '8a4f2c6e1d37'
down_revision: str | None = '5d1e7a3c9b24'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO weighings (invitation_id, interests, motivation)"
        " SELECT i.id, '', '' FROM invitations i"
        " WHERE NOT EXISTS (SELECT 1 FROM weighings w WHERE w.invitation_id = i.id)"
    )
    # The stored values of VersionStatus.INGEDIEND and of the weighed ItemKinds (domain.weighing).
    op.execute(
        "INSERT INTO weighings (item_id, interests, motivation)"
        " SELECT ri.id, '', '' FROM response_items ri"
        " JOIN response_versions v ON v.id = ri.version_id"
        " WHERE v.status = 'ingediend' AND ri.kind IN ('bezwaar', 'extra lakking')"
        " AND NOT EXISTS (SELECT 1 FROM weighings w WHERE w.item_id = ri.id)"
    )


def downgrade() -> None:
    # The rows stay: the older code reads them as the rows it would have made itself.
    pass
