"""the weighing decides: consent to disclose, partly honoured passages, no stored added redactions

A document's final redactions are now derived from the proposal and the weighing
(``domain.outcome``), so the redactions that honouring a request used to add to the proposal are
removed again (when nothing else refers to them) and ``weighings.added_redaction_id`` goes.

On a passage the body proposed to withhold, the response form offered "Akkoord met weglakken" or
"Bezwaar": not agreeing to the redaction, that is, consent to disclose. Those items become
``toestemming``. Their weighing was read as an objection that kept the redaction; a weighed consent
now lifts it, so the outcome is cleared (the motivation stays) and the redaction stays, as before.

Revision ID: 6b1d0f2a7c45
Revises: 3c7e9a1f5b20
Create Date: 2026-12-04 14:45:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '6b1d0f2a7c45'
down_revision: str | None = '3c7e9a1f5b20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "weighing_passages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("weighing_id", sa.Integer(), sa.ForeignKey("weighings.id"), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("passage", sa.Text(), nullable=False),
    )
    op.create_index("ix_weighing_passages_weighing_id", "weighing_passages", ["weighing_id"])
    op.execute(
        "UPDATE weighings SET outcome = NULL WHERE item_id IN"
        " (SELECT id FROM response_items WHERE kind = 'bezwaar' AND redaction_id IS NOT NULL)"
    )
    op.execute("UPDATE response_items SET kind = 'toestemming' WHERE kind = 'bezwaar' AND redaction_id IS NOT NULL")
    op.execute(
        "CREATE TEMPORARY TABLE added_redactions AS"
        " SELECT added_redaction_id FROM weighings WHERE added_redaction_id IS NOT NULL"
    )
    with op.batch_alter_table("weighings") as batch:
        batch.drop_column("added_redaction_id")
    op.execute(
        "DELETE FROM proposed_redactions WHERE id IN (SELECT added_redaction_id FROM added_redactions)"
        " AND id NOT IN (SELECT redaction_id FROM response_items WHERE redaction_id IS NOT NULL)"
    )
    op.execute("DROP TABLE added_redactions")


def downgrade() -> None:
    with op.batch_alter_table("weighings") as batch:
        batch.add_column(sa.Column("added_redaction_id", sa.Integer(), sa.ForeignKey("proposed_redactions.id")))
    op.execute("UPDATE response_items SET kind = 'bezwaar' WHERE kind = 'toestemming'")
    op.drop_index("ix_weighing_passages_weighing_id", "weighing_passages")
    op.drop_table("weighing_passages")
