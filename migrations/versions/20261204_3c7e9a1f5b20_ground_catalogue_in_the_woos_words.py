"""ground catalogue in the Woo's words

Each organisation holds its own copy of the ground catalogue. This brings the copies made before
issue 10 in line with the catalogue: labels as the Woo words them, the ground of Woo art. 5.4, and
one code for Woo art. 5.2. An organisation's own edits stay: a label, explanation or row is only
changed or removed while it still holds the old default text, and a ground that a proposed
redaction, a response item or a weighing refers to is never removed.

Revision ID: 3c7e9a1f5b20
Revises: 8a4f2c6e1d37
Create Date: 2026-12-04 12:45:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '3c7e9a1f5b20'
down_revision: str | None = '8a4f2c6e1d37'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (code, the old default label, the label in the Woo's words); frozen here, not read from the domain.
LABELS = (
    ('5.1.1c', 'Vertrouwelijk verstrekte bedrijfs- en fabricagegegevens',
     'Bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn meegedeeld'),
    ('5.1.1d', 'Bijzondere persoonsgegevens',
     'Persoonsgegevens als bedoeld in paragraaf 3.1 of 3.2 van de Uitvoeringswet AVG'),
    ('5.1.1e', 'Identificatienummers', 'Nationale identificatienummers'),
    ('5.1.2a', 'Betrekkingen met andere staten en internationale organisaties',
     'Betrekkingen van Nederland met andere staten en met internationale organisaties'),
    ('5.1.2b', 'Economische of financiële belangen van de Staat',
     'Economische of financiële belangen van de Staat, andere publiekrechtelijke lichamen of bestuursorganen'),
    ('5.1.2d', 'Inspectie, controle en toezicht', 'Inspectie, controle en toezicht door bestuursorganen'),
    ('5.1.2i', 'Goed functioneren van de Staat',
     'Goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen'),
    ('8.8', 'Woo niet van toepassing: bijzondere openbaarmakingsregeling',
     'Woo niet van toepassing: bepaling uit de bijlage bij de Woo'),
)
OLD_5_2 = 'Het gaat om persoonlijke meningen over beleid in stukken voor intern beraad.'
NEW_5_2 = (
    'Het gaat om persoonlijke meningen over beleid in stukken voor intern beraad (lid 1), of om wat zulke '
    'meningen tot personen herleidbaar maakt (lid 2 en 3).'
)
DUPLICATE_5_2 = ('5.2.1', 'Persoonlijke beleidsopvattingen in intern beraad')
GROUND_5_4 = (
    '5.4',
    'Informatie die berust bij de formateur of de informateur',
    'Woo art. 5.4',
    'absoluut',  # the stored value of GroundKind.ABSOLUUT
    'Het gaat om informatie van of aan de formateur of informateur; die is pas openbaar na de formatie.',
)
UNUSED = (
    " AND NOT EXISTS (SELECT 1 FROM proposed_redactions r WHERE r.ground_id = grounds.id)"
    " AND NOT EXISTS (SELECT 1 FROM response_items i WHERE i.ground_id = grounds.id)"
    " AND NOT EXISTS (SELECT 1 FROM weighings w WHERE w.ground_id = grounds.id)"
)


def _relabel(pairs: Sequence[tuple[str, str, str]]) -> None:
    statement = sa.text("UPDATE grounds SET label = :new WHERE code = :code AND label = :old")
    for code, old, new in pairs:
        op.execute(statement.bindparams(code=code, old=old, new=new))


def upgrade() -> None:
    _relabel(LABELS)
    op.execute(
        sa.text("UPDATE grounds SET explanation = :new WHERE code = '5.2' AND explanation = :old").bindparams(
            old=OLD_5_2, new=NEW_5_2
        )
    )
    code, label = DUPLICATE_5_2
    op.execute(
        sa.text(
            "DELETE FROM grounds WHERE code = :code AND label = :label"
            " AND EXISTS (SELECT 1 FROM grounds g WHERE g.organisation_id = grounds.organisation_id AND g.code = '5.2')"
            + UNUSED
        ).bindparams(code=code, label=label)
    )
    code, label, article, kind, explanation = GROUND_5_4
    op.execute(
        sa.text(
            "INSERT INTO grounds (organisation_id, code, label, article, kind, explanation)"
            " SELECT o.id, :code, :label, :article, :kind, :explanation FROM organisations o"
            " WHERE NOT EXISTS (SELECT 1 FROM grounds g WHERE g.organisation_id = o.id AND g.code = :code)"
        ).bindparams(code=code, label=label, article=article, kind=kind, explanation=explanation)
    )


def downgrade() -> None:
    # The old labels come back where the new defaults still stand; an unused, unedited 5.4 goes.
    # The removed duplicate of 5.2 stays removed: the older code works without it.
    _relabel([(code, new, old) for code, old, new in LABELS])
    op.execute(
        sa.text("UPDATE grounds SET explanation = :old WHERE code = '5.2' AND explanation = :new").bindparams(
            old=OLD_5_2, new=NEW_5_2
        )
    )
    code, label = GROUND_5_4[:2]
    op.execute(sa.text("DELETE FROM grounds WHERE code = :code AND label = :label" + UNUSED).bindparams(code=code, label=label))
