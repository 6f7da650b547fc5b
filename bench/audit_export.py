"""Peak memory and seconds to export a long audit trail (100,000 events) as JSON and CSV.

Appends the events to one case through the service (so each is chained to its head), then reads the
exports the way a download does, chunk by chunk, and prints the peak memory Python allocated
(tracemalloc) and the bytes written. Run ``.venv/bin/python -m bench.audit_export --help``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sqlmodel import Session

from zienswijze.db import Case, Organisation, migrate
from zienswijze.db.session import make_engine
from zienswijze.services import audit, exports
from zienswijze.services.context import Actor


def fill(session: Session, events: int) -> Case:
    organisation = Organisation(name="Bench")
    session.add(organisation)
    session.flush()
    case = Case(organisation_id=organisation.id, reference="B-1", subject="Bench", received=date(2026, 1, 5))
    session.add(case)
    session.flush()
    actor = Actor.system("bench")
    for number in range(events):
        audit.record(session, actor, "bench.event", case=case, number=number, note="Een gebeurtenis van de benchmark.")
        if number % 1000 == 999:
            session.commit()
    session.commit()
    return case


def measure(chunks: Callable[[], Iterator[str]]) -> tuple[float, float, int]:
    """Seconds, peak allocated MB and bytes of one export read to its end."""
    tracemalloc.start()
    started = time.perf_counter()
    size = sum(len(chunk.encode()) for chunk in chunks())
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 1e6, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events in the trail (default 100000)")
    parser.add_argument("--database-url", default=None, help="an empty database (default: a new SQLite file)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(options.database_url or f"sqlite:///{Path(directory) / 'bench.db'}")
        migrate.upgrade(engine)
        with Session(engine) as session:
            started = time.perf_counter()
            case = fill(session, options.events)
            filled = time.perf_counter() - started
            print(f"{options.events} events appended in {filled:.1f} s ({options.events / filled:.0f} per second)")
            print(f"{'export':<8} {'s':>8} {'peak MB':>8} {'MB out':>8}")
            for name, export in (("json", exports.audit_json), ("csv", exports.audit_csv)):
                seconds, peak, size = measure(lambda export=export: export(session, case))
                print(f"{name:<8} {seconds:>8.1f} {peak:>8.1f} {size / 1e6:>8.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
