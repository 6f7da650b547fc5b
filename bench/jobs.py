"""One tick of the scheduled jobs over 10,000 and over 1,000,000 open invitations, 100 of them due a reminder.

A job must cost what is due, not what is open: the tick over a million must stay within 1.5× the tick
over ten thousand. The invitations are written straight to a fresh database (they are the load, not
what is measured); then expiry, reminders and round completion run as the scheduler runs them, each
in its own session. The first tick queues the 100 reminders; later ticks find them claimed and are the
steady state of every minute. Run ``.venv/bin/python -m bench.jobs --help``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session

from zienswijze import clock, create_app, jobs
from zienswijze.db import Case, ConsultationRound, Contact, Invitation, Organisation, Stakeholder, migrate
from zienswijze.db.session import ENGINE_KEY
from zienswijze.domain.cases import StakeholderKind
from zienswijze.domain.consultation import InvitationState

STAKEHOLDERS_PER_CASE = 100
ROUNDS_PER_CASE = 100
DUE = 100


def build(engine: sa.Engine, invitations: int, today: date) -> None:
    """``invitations`` open invitations in cases of 100 stakeholders and 100 rounds; ``DUE`` of them end
    tomorrow (a reminder is due today), the others in three months."""
    cases = max(1, invitations // (STAKEHOLDERS_PER_CASE * ROUNDS_PER_CASE))
    sent = datetime.combine(today - timedelta(days=10), datetime.min.time(), UTC)
    with Session(engine) as session:
        organisation = Organisation(name="Bench")
        session.add(organisation)
        session.flush()
        organisation_id = organisation.id
        session.commit()
    with engine.begin() as connection:
        for case_number in range(cases):
            case_id = connection.execute(
                sa.insert(Case).values(
                    organisation_id=organisation_id,
                    reference=f"B-{case_number}",
                    subject="Bench",
                    received=today - timedelta(days=20),
                    created_at=sent,
                )
            ).inserted_primary_key[0]
            stakeholder_ids = [
                connection.execute(
                    sa.insert(Stakeholder).values(
                        case_id=case_id, code=f"S{n}", name=f"S{n}", kind=StakeholderKind.BEDRIJF, created_at=sent
                    )
                ).inserted_primary_key[0]
                for n in range(STAKEHOLDERS_PER_CASE)
            ]
            connection.execute(
                sa.insert(Contact),
                [{"stakeholder_id": s, "email": f"s{s}@example.org", "created_at": sent} for s in stakeholder_ids],
            )
            for round_number in range(1, ROUNDS_PER_CASE + 1):
                round_id = connection.execute(
                    sa.insert(ConsultationRound).values(
                        case_id=case_id,
                        number=round_number,
                        term_start=today - timedelta(days=10),
                        term_days=100,
                        deadline=today + timedelta(days=90),
                        sent_at=sent,
                        created_at=sent,
                    )
                ).inserted_primary_key[0]
                first = case_number == 0 and round_number == 1
                connection.execute(
                    sa.insert(Invitation),
                    [
                        {
                            "round_id": round_id,
                            "stakeholder_id": s,
                            "state": InvitationState.VERZONDEN,
                            "term_start": today - timedelta(days=10),
                            "term_days": 100,
                            "deadline": today + timedelta(days=1 if first and n < DUE else 90),
                            "token_issued_at": sent,
                            "created_at": sent,
                        }
                        for n, s in enumerate(stakeholder_ids)
                    ],
                )


TICK = {"expiry": jobs.expire, "reminders": jobs.remind, "completion": jobs.complete}


def tick() -> dict[str, float]:
    """Seconds for each job that selects what is due, run as the scheduler runs them, in its order."""
    seconds = {}
    for name, job in TICK.items():
        started = time.perf_counter()
        job()
        seconds[name] = time.perf_counter() - started
    return seconds


def measure(invitations: int, ticks: int) -> dict[str, tuple[float, float]]:
    """Per job: the first tick (it queues the due reminders) and the p50 of the steady ticks after it."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'jobs.db'}"
        app = create_app({"DATABASE_URL": url, "SCHEDULER_MODE": "separate", "UPLOAD_DIR": folder})
        with app.app_context():
            engine = app.extensions[ENGINE_KEY]
            migrate.upgrade(engine)
            build(engine, invitations, clock.today())
            first = tick()
            steady = [tick() for _ in range(ticks)]
        engine.dispose()
    return {name: (first[name], statistics.median(run[name] for run in steady)) for name in TICK} | {
        "whole tick": (sum(first.values()), statistics.median(sum(run.values()) for run in steady))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000, help="open invitations of the small run")
    parser.add_argument("--big", type=int, default=1_000_000, help="open invitations of the big run")
    parser.add_argument("--ticks", type=int, default=5, help="steady ticks timed after the first (p50)")
    options = parser.parse_args()
    small = measure(options.small, options.ticks)
    big = measure(options.big, options.ticks)
    print(f"{'job':<12} {'first tick':>24} {'steady tick (p50)':>24}")
    print(f"{'':<12} {options.small:>8,} {options.big:>9,} ratio {options.small:>8,} {options.big:>9,} ratio")
    for name, (small_first, small_steady) in small.items():
        big_first, big_steady = big[name]
        print(
            f"{name:<12} {small_first * 1000:>6.1f}ms {big_first * 1000:>7.1f}ms {big_first / small_first:>5.2f}"
            f" {small_steady * 1000:>6.1f}ms {big_steady * 1000:>7.1f}ms {big_steady / small_steady:>5.2f}"
        )
    print("goal: the whole tick over the big run within 1.5x the small run")


if __name__ == "__main__":
    main()
