"""Builds a case of a given size as a handler would: the case and stakeholders through the API, the
documents through the CLI import (measured: wall time and peak memory), then a consultation round."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests
from sqlmodel import Session, col, select

from bench.case_files import write_case_files
from bench.live_app import Operator, Run
from zienswijze.db import OutboxMessage
from zienswijze.db.session import make_engine

LINK = re.compile(r"https?://[^/\s]+(/z/\S+)")


@dataclass(frozen=True)
class Shape:
    documents: int
    redactions: int
    stakeholders: int
    main_concerns: int  # the documents that concern the first stakeholder, whose file is measured
    other_concerns: int  # the documents that concern each of the others


@dataclass(frozen=True)
class BuiltCase:
    reference: str
    case_id: int
    main_stakeholder_id: int
    document_id: int  # a document of the main stakeholder, with a PDF
    link_path: str
    imported: Run
    seconds: dict[str, float]


def build_case(
    operator: Operator,
    api: requests.Session,
    base: str,
    *,
    folder: Path,
    organisation: str,
    reference: str,
    shape: Shape,
) -> BuiltCase:
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    files = write_case_files(folder, documents=shape.documents, redactions=shape.redactions)
    seconds["files"] = time.perf_counter() - start
    body = {"reference": reference, "subject": "Dashboard (bench)", "received_on": date.today().isoformat()}
    case_id = _json(api.post(f"{base}/api/v1/cases", json=body))["id"]
    imported = operator.run(
        "import-inventory",
        reference,
        str(files.inventory),
        "--redactions",
        str(files.redactions),
        "--documents",
        str(files.documents),
        "--organisation",
        organisation,
    )
    start = time.perf_counter()
    documents = _all(api, f"{base}/api/v1/cases/{case_id}/documents?limit=500")
    ids = [document["id"] for document in sorted(documents, key=lambda document: document["number"])]
    stakeholder_ids = [
        _json(api.post(f"{base}/api/v1/cases/{case_id}/stakeholders", json=_stakeholder(reference, index, ids, shape)))[
            "id"
        ]
        for index in range(shape.stakeholders)
    ]
    seconds["stakeholders"] = time.perf_counter() - start
    start = time.perf_counter()
    _json(
        api.post(
            f"{base}/api/v1/cases/{case_id}/rounds", json={"extension_max_days": 14, "auto_grant_extensions": False}
        )
    )
    seconds["round"] = time.perf_counter() - start
    return BuiltCase(
        reference,
        case_id,
        stakeholder_ids[0],
        ids[0],
        _link(operator.environ["ZIENSWIJZE_DATABASE_URL"], _email(reference, 0)),
        imported,
        seconds,
    )


def _stakeholder(reference: str, index: int, ids: list[int], shape: Shape) -> dict:
    """The first is concerned by ``main_concerns`` documents; the others by ``other_concerns`` each, in turn."""
    if index == 0:
        concerned = ids[: shape.main_concerns]
    else:
        first = (index * shape.other_concerns) % len(ids)
        concerned = [ids[(first + offset) % len(ids)] for offset in range(shape.other_concerns)]
    return {
        "name": f"Bedrijf {index + 1} B.V.",
        "kind": "bedrijf",
        "email": _email(reference, index),
        "document_ids": concerned,
    }


def _email(reference: str, index: int) -> str:
    return f"belanghebbende-{index + 1}@{reference.lower()}.example.com"


def _all(api: requests.Session, url: str | None) -> list[dict]:
    """Every page of an API list, following its ``Link: rel="next"``."""
    items: list[dict] = []
    while url:
        answer = api.get(url)
        items += _json(answer)
        url = answer.links.get("next", {}).get("url")
    return items


def _json(answer: requests.Response):
    if not answer.ok:
        raise SystemExit(f"{answer.request.method} {answer.url}: {answer.status_code} {answer.text[:500]}")
    return answer.json()


def _link(database_url: str, email: str) -> str:
    """The path of the stakeholder's link, from the invitation mail queued in the outbox (newest first)."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        messages = session.exec(
            select(OutboxMessage).where(OutboxMessage.to_address == email).order_by(col(OutboxMessage.id).desc())
        ).all()
    engine.dispose()
    for message in messages:
        found = LINK.search(message.body_text)
        if found:
            return found.group(1)
    raise SystemExit(f"no invitation mail with a link to {email}")
