"""Every handler page, the stakeholder's file and every API list of a big case against a small one.

Builds both cases in one fresh database through the CLI import and the API (bench/case_builder.py),
serves the application with gunicorn, and requests each page of each case interleaved with the floor
route (``/healthz`` in the same server), one client, three rounds. Prints a Markdown table of the
p50s and their ratios against the goals of issue 15. Run ``.venv/bin/python -m bench.big_case --help``;
see bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.case_builder import BuiltCase, Shape, build_case
from bench.live_app import Operator, api_client, logged_in, stakeholder
from bench.support import elapsed_ms

ROUNDS = 3
IMPORT_SECONDS, IMPORT_MB = 15, 300
BIG_OVER_SMALL, SMALL_OVER_FLOOR, IMAGE_OVER_FLOOR = 1.5, 3, 2
HEADER = (
    "| page | small p50 ms | big p50 ms | floor p50 ms | big/small (per round) | small/floor | big/floor | goal met |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
)
# No scheduler runs beside the bench, so /healthz answers 503 after the same checks as a 200.
HEALTH = (200, 503)
HTMX = {"HX-Request": "true"}


@dataclass(frozen=True)
class Page:
    name: str
    who: str  # "handler", "stakeholder" or "api"
    path: str  # formatted with the built case's fields
    htmx: bool = False


PAGES = [
    Page("case list", "handler", "/zaken/"),
    Page("case page", "handler", "/zaken/{reference}"),
    Page("stakeholder list section (last page)", "handler", "/zaken/{reference}?belanghebbenden={last_page}"),
    Page("status fragment (status matrix)", "handler", "/zaken/{reference}/uitnodigingen", htmx=True),
    Page("documents page", "handler", "/zaken/{reference}/documenten"),
    Page("one document", "handler", "/zaken/{reference}/documenten/{document_id}"),
    Page("stakeholder edit page", "handler", "/zaken/{reference}/belanghebbenden/{stakeholder_id}"),
    Page("new stakeholder page", "handler", "/zaken/{reference}/belanghebbenden/nieuw"),
    Page("new round page", "handler", "/zaken/{reference}/rondes/nieuw"),
    Page("weighing page", "handler", "/zaken/{reference}/afweging/"),
    Page("decision page", "handler", "/zaken/{reference}/besluit/"),
    Page("publication page", "handler", "/zaken/{reference}/publicatie/"),
    Page("export page", "handler", "/zaken/{reference}/export/"),
    Page("audit trail fragment", "handler", "/zaken/{reference}/export/audit", htmx=True),
    Page("stakeholder's file", "stakeholder", "/z/dossier"),
    Page("cached page image", "stakeholder", "/z/dossier/documenten/{document_id}/pagina/1.png"),
    Page("API cases", "api", "/api/v1/cases"),
    Page("API documents", "api", "/api/v1/cases/{case_id}/documents"),
    Page("API stakeholders", "api", "/api/v1/cases/{case_id}/stakeholders"),
    Page("API invitations", "api", "/api/v1/cases/{case_id}/invitations"),
    Page("API weighing", "api", "/api/v1/cases/{case_id}/weighing"),
    Page("API rounds", "api", "/api/v1/cases/{case_id}/rounds"),
]


@dataclass
class Side:
    """One case as its handler, its API caller and its stakeholder see it."""

    case: BuiltCase
    stakeholders: int
    clients: dict[str, requests.Session]

    def url(self, base: str, page: Page) -> str:
        last_page = max(1, -(-self.stakeholders // 50))
        return base + page.path.format(
            reference=self.case.reference,
            case_id=self.case.case_id,
            stakeholder_id=self.case.main_stakeholder_id,
            document_id=self.case.document_id,
            last_page=last_page,
        )


def timed_get(client: requests.Session, url: str, htmx: bool, expected: tuple[int, ...] = (200, 286)) -> float:
    def get() -> None:
        answer = client.get(url, headers=HTMX if htmx else None, allow_redirects=False)
        if answer.status_code not in expected:
            raise SystemExit(f"GET {url}: {answer.status_code}\n{answer.text[:500]}")

    return elapsed_ms(get)


def measure(base: str, page: Page, small: Side, big: Side, requests_per_round: int) -> dict[str, list[list[float]]]:
    """Per side, per round, the milliseconds of each request: floor, small and big taken in turn."""
    times: dict[str, list[list[float]]] = {"floor": [], "small": [], "big": []}
    floor = requests.Session()
    for side in (small, big):  # once unmeasured: the page image is rendered and cached, the server warm
        timed_get(side.clients[page.who], side.url(base, page), page.htmx)
    for _ in range(ROUNDS):
        for series in times.values():
            series.append([])
        for _ in range(requests_per_round):
            times["floor"][-1].append(timed_get(floor, f"{base}/healthz", False, HEALTH))
            times["small"][-1].append(timed_get(small.clients[page.who], small.url(base, page), page.htmx))
            times["big"][-1].append(timed_get(big.clients[page.who], big.url(base, page), page.htmx))
    return times


def p50(rounds: list[list[float]]) -> float:
    return statistics.median(value for one in rounds for value in one)


def row(page: Page, times: dict[str, list[list[float]]]) -> str:
    small, big, floor = p50(times["small"]), p50(times["big"]), p50(times["floor"])
    per_round = " ".join(
        f"{statistics.median(b) / statistics.median(s):.2f}" for s, b in zip(times["small"], times["big"], strict=True)
    )
    if page.name == "cached page image":
        met = big / floor <= IMAGE_OVER_FLOOR and small / floor <= IMAGE_OVER_FLOOR
    else:
        met = big / small <= BIG_OVER_SMALL and small / floor <= SMALL_OVER_FLOOR
    return (
        f"| {page.name} | {small:.1f} | {big:.1f} | {floor:.1f} | {big / small:.2f} ({per_round}) "
        f"| {small / floor:.1f} | {big / floor:.1f} | {'yes' if met else '**no**'} |"
    )


def build(operator: Operator, base: str, folder: Path, name: str, shape: Shape) -> Side:
    organisation, email = f"Bench {name}", f"behandelaar@{name}.bench.example.org"
    token = operator.handler(email, organisation)
    api = api_client(base, token)
    case = build_case(
        operator, api, base, folder=folder / name, organisation=organisation, reference=f"BENCH-{name}", shape=shape
    )
    print(
        f"{name}: {shape.documents} documents, {shape.redactions} redactions, {shape.stakeholders} stakeholders: "
        f"import {case.imported.seconds:.1f} s (peak RSS {case.imported.peak_mb:.0f} MB), "
        + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in case.seconds.items()),
        flush=True,
    )
    clients = {"api": api, "handler": logged_in(base, email), "stakeholder": stakeholder(base, case.link_path)}
    return Side(case, shape.stakeholders, clients)


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.machine()


def machine(database_url: str) -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    database = f"SQLite {sqlite3.sqlite_version}" if database_url.startswith("sqlite") else database_url.split("@")[-1]
    return (
        f"{os.cpu_count()} cores ({cpu_model()}), {memory:.0f} GB RAM, "
        f"Python {platform.python_version()}, {database}, gunicorn 1 worker"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000, help="documents of the big case (default 5000)")
    parser.add_argument("--redactions", type=int, default=15000, help="its proposed redactions (default 15000)")
    parser.add_argument("--stakeholders", type=int, default=500, help="its stakeholders (default 500)")
    parser.add_argument("--main-concerns", type=int, default=200, help="documents of the measured stakeholder")
    parser.add_argument("--small-documents", type=int, default=40, help="documents of the small case (default 40)")
    parser.add_argument("--requests", type=int, default=10, help="requests per page, side and round (default 10)")
    parser.add_argument(
        "--database-url", default=None, help="an empty database, e.g. PostgreSQL (default: a new SQLite file)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="build in this new folder and leave it (to profile)")
    options = parser.parse_args()
    small_shape = Shape(options.small_documents, options.small_documents * 3, 5, options.small_documents // 5, 8)
    big_shape = Shape(options.documents, options.redactions, options.stakeholders, options.main_concerns, 10)
    with tempfile.TemporaryDirectory() as directory:
        folder = options.keep or Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        url = options.database_url or f"sqlite:///{folder / 'bench.db'}"
        operator = Operator(url, folder / "uploads")
        operator.run("init-db")
        with (folder / "server.log").open("wb") as log, operator.serving(log) as base:
            small = build(operator, base, folder, "klein", small_shape)
            big = build(operator, base, folder, "groot", big_shape)
            imported = big.case.imported
            met = imported.seconds < IMPORT_SECONDS and imported.peak_mb < IMPORT_MB
            print(
                f"\nImport of {big_shape.documents} documents, {big_shape.redactions} redactions and "
                f"{big_shape.documents} PDFs: {imported.seconds:.1f} s, peak RSS {imported.peak_mb:.0f} MB "
                f"(goal < {IMPORT_SECONDS} s and < {IMPORT_MB} MB: {'met' if met else 'NOT met'})\n"
            )
            print(f"Machine: {machine(url)}; {options.requests} requests per page, side and round, {ROUNDS} rounds\n")
            print(HEADER)
            for page in PAGES:
                print(row(page, measure(base, page, small, big, options.requests)), flush=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
