"""The migration after which the weighing decides: consent items, and no stored redactions added by a weighing."""

import sqlite3

import pytest

from tests.helpers import engine_migrated_to

BEFORE = "3c7e9a1f5b20"  # the last revision in which honouring a request stored a proposed redaction


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "weighing.db"
    engine_migrated_to(path, BEFORE).dispose()
    # Only the rows the migration reads; foreign keys are not enforced on this plain connection.
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO proposed_redactions (id, document_id, page, passage, ground_id, reason, created_at)"
            " VALUES (?, 1, 1, ?, 1, '', '2026-12-01 10:00:00')",
            [(1, "J. de Vries"), (2, "Omzet 2023")],
        )
        db.executemany(
            "INSERT INTO response_items (id, version_id, kind, document_id, redaction_id, passage, reasons)"
            " VALUES (?, 1, ?, 1, ?, ?, '')",
            [(1, "bezwaar", 1, ""), (2, "extra lakking", None, "Omzet 2023"), (3, "bezwaar", None, "")],
        )
        db.executemany(
            "INSERT INTO weighings (id, item_id, interests, outcome, motivation, added_redaction_id)"
            " VALUES (?, ?, '', 'gehonoreerd', ?, ?)",
            [(1, 1, "Naam blijft weg.", None), (2, 2, "Omzet is bedrijfsgevoelig.", 2), (3, 3, "Heel document.", None)],
        )
    engine = engine_migrated_to(path, "head")
    engine.dispose()
    return path


def _rows(path, sql):
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_an_objection_to_a_passage_proposed_for_redaction_becomes_a_consent_to_disclose(path):
    assert _rows(path, "SELECT id, kind FROM response_items ORDER BY id") == [
        (1, "toestemming"),
        (2, "extra lakking"),
        (3, "bezwaar"),
    ]


def test_its_old_outcome_is_cleared_and_the_motivation_kept(path):
    assert _rows(path, "SELECT outcome, motivation FROM weighings WHERE id = 1") == [(None, "Naam blijft weg.")]
    assert _rows(path, "SELECT outcome FROM weighings WHERE id IN (2, 3) ORDER BY id") == [
        ("gehonoreerd",),
        ("gehonoreerd",),
    ]


def test_a_redaction_a_weighing_added_to_the_proposal_is_removed_the_proposal_stays(path):
    assert _rows(path, "SELECT id FROM proposed_redactions ORDER BY id") == [(1,)]
