"""Dutch by default, English on request: the switch in the header, what it may redirect to, and a catalogue
that translates every Dutch text with the same placeholders."""

from __future__ import annotations

import ast
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_python
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlmodel import select

from tests.consultation import ids, start_consultation
from tests.helpers import csrf_token_from
from zienswijze.db import OutboxMessage
from zienswijze.db.session import new_session

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "zienswijze" / "translations"
ENGLISH_PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")
UPDATE_HINT = (
    "run `make messages`, then `.venv/bin/pybabel update -i zienswijze/translations/messages.pot "
    "-d zienswijze/translations`, and translate the new entries in zienswijze/translations/en/LC_MESSAGES/messages.po"
)


def _catalogue():
    with ENGLISH_PO.open("rb") as po:
        return read_po(po)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """The .mo is a build product (``make translations``); compile it here too, so this module runs on its own."""
    mo = ENGLISH_PO.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < ENGLISH_PO.stat().st_mtime:
        partial = mo.with_suffix(".mo.partial")
        with partial.open("wb") as out:
            write_mo(out, _catalogue())
        partial.replace(mo)


@pytest.fixture
def links(app):
    return start_consultation(app)


def _switch(client, locale: str, next_path: str, page: str = "/inloggen"):
    token = csrf_token_from(client.get(page).text)
    return client.post("/taal", data={"csrf_token": token, "locale": locale, "next": next_path})


def _open(client, path):
    landing = client.get(path)
    return client.post(path, data={"csrf_token": csrf_token_from(landing.text)})


def test_pages_are_dutch_by_default_even_when_the_browser_prefers_english(client):
    page = client.get("/inloggen", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="nl"' in page.text and "Inloggen" in page.text
    assert '<span lang="en">English</span>' in page.text


def test_switching_to_english_on_the_landing_page_keeps_english_in_the_file(client, links):
    landing_path = links["S1"]
    response = _switch(client, "en", landing_path, page=landing_path)
    assert response.status_code == 303 and response.headers["Location"] == landing_path
    landing = client.get(landing_path).text
    assert '<html lang="en"' in landing and "Request for your view (zienswijze)" in landing
    assert "Open your file" in landing and '<span lang="nl">Nederlands</span>' in landing
    assert _open(client, landing_path).headers["Location"] == "/z/dossier"
    dossier = client.get("/z/dossier").text
    assert '<html lang="en"' in dossier and "Your documents" in dossier and "Uw documenten" not in dossier


def test_switching_back_to_dutch_works(client, links):
    _open(client, links["S1"])
    _switch(client, "en", "/z/dossier", page="/z/dossier")
    response = _switch(client, "nl", "/z/dossier", page="/z/dossier")
    assert response.headers["Location"] == "/z/dossier"
    dossier = client.get("/z/dossier").text
    assert '<html lang="nl"' in dossier and "Uw documenten" in dossier


def test_the_choice_survives_logging_out(logged_in_client):
    client = logged_in_client
    assert _switch(client, "en", "/zaken/", page="/zaken/").headers["Location"] == "/zaken/"
    assert '<html lang="en"' in client.get("/zaken/").text
    client.post("/uitloggen", data={"csrf_token": csrf_token_from(client.get("/zaken/").text)})
    assert '<html lang="en"' in client.get("/inloggen").text


def test_an_unknown_language_changes_nothing(client):
    _switch(client, "de", "/inloggen")
    assert '<html lang="nl"' in client.get("/inloggen").text


@pytest.mark.parametrize(
    "next_path",
    [
        "https://evil.example/",
        "//evil.example/inloggen",
        "/\\evil.example/inloggen",
        "javascript:alert(1)",
        "/inloggen?next=https://evil.example/",
        "/bestaat-niet",
        "",
    ],
)
def test_the_switch_never_redirects_off_site_or_to_an_unknown_page(client, next_path):
    response = _switch(client, "en", next_path)
    location = response.headers["Location"]
    assert response.status_code == 303
    assert location == "/" and not urlsplit(location).netloc


def test_a_page_that_only_answers_a_form_sends_the_stakeholder_back_to_the_file(client, links):
    _open(client, links["S1"])
    response = _switch(client, "en", "/z/dossier/verlenging", page="/z/dossier")
    assert response.headers["Location"] == "/z/dossier"


def test_the_switch_needs_the_csrf_token(client):
    client.get("/inloggen")
    response = client.post("/taal", data={"locale": "en", "next": "/inloggen"})
    assert response.status_code == 400
    assert '<html lang="nl"' in client.get("/inloggen").text


def test_switching_on_the_landing_page_keeps_the_token_out_of_the_log(client, links, caplog):
    caplog.set_level(logging.INFO, logger="zienswijze.requests")
    _switch(client, "en", links["S1"], page=links["S1"])
    token = links["S1"].rsplit("/", 1)[1]
    assert "path=/taal" in caplog.text and token not in caplog.text


def test_mail_to_a_stakeholder_stays_dutch_after_switching_to_english(app, client, links):
    _open(client, links["S1"])
    _switch(client, "en", "/z/dossier", page="/z/dossier")
    redaction = ids(app, "S1")["redaction"]
    form = {
        "csrf_token": csrf_token_from(client.get("/z/dossier").text),
        "extra_rows": "1",
        "position": "geen bezwaar",
        "action": "bewaar",
        f"r{redaction}": "toestemming",
        f"r{redaction}-reasons": "Het is de naam van onze medewerker.",
    }
    client.post("/z/dossier", data=form)
    client.post("/z/dossier/indienen", data={"csrf_token": form["csrf_token"]})
    assert '<html lang="en"' in client.get("/z/dossier/ontvangen").text
    with app.app_context(), new_session() as session:
        receipts = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "receipt")).all()
    assert receipts and all("Ontvangstbevestiging van uw zienswijze" in r.body_html for r in receipts)
    assert not any("Acknowledgement" in r.body_html for r in receipts)


def test_every_dutch_text_in_the_code_is_in_the_english_catalogue():
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "N_": None}
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords
        )
    }
    catalogued = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue() if m.id}
    assert sorted(found - catalogued) == [], UPDATE_HINT


def test_every_entry_in_the_english_catalogue_has_a_translation():
    untranslated = [
        m.id
        for m in _catalogue()
        if m.id and ("fuzzy" in m.flags or not all(m.string if isinstance(m.string, tuple) else (m.string,)))
    ]
    assert untranslated == [], UPDATE_HINT


def test_each_translation_has_the_placeholders_of_its_dutch_text():
    mismatches = []
    for m in _catalogue():
        if not m.id:
            continue
        wanted = set(PLACEHOLDER.findall(" ".join(m.id if isinstance(m.id, tuple) else (m.id,))))
        for string in m.string if isinstance(m.string, tuple) else (m.string,):
            if set(PLACEHOLDER.findall(string)) != wanted:
                mismatches.append((m.id, string))
    assert mismatches == []


# The layers below the pages write their texts with N_ (zienswijze/domain/text.py); pages translate them.
CORE = ("domain", "services", "files")
REFUSALS = frozenset(
    {"Invalid", "Conflict", "NotAPdf", "DocumentError", "TableError", "ClosedDayError", "NotRedactable"}
)


def _core_files():
    return sorted(path for layer in CORE for path in (ROOT / "zienswijze" / layer).rglob("*.py"))


def test_every_text_the_domain_and_services_mark_has_an_english_translation():
    marked = set()
    for path in _core_files():
        with path.open("rb") as source:
            found = extract_python(source, {"N_": None}, [], {})
            marked.update(message if isinstance(message, str) else message[0] for _line, _name, message, _c in found)
    translations = {m.id: m.string for m in _catalogue() if m.id}
    assert {"geen zienswijze", "Vul het paginanummer in.", "%(day)s is %(reason)s; verschoven naar %(next)s"} <= marked
    assert sorted(text for text in marked if not translations.get(text)) == [], UPDATE_HINT


def _bare(node: ast.expr) -> bool:
    """Text written in place, which no page can translate: a string literal or an f-string."""
    if isinstance(node, ast.Dict):
        return any(value is not None and _bare(value) for value in node.values)
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def test_the_domain_and_services_refuse_with_marked_text_only():
    bare = []
    for path in _core_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in REFUSALS and node.args and _bare(node.args[0]):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.Assign) and _bare(node.value):
                target = node.targets[0]
                if isinstance(target, ast.Subscript) and getattr(target.value, "id", "").endswith("errors"):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == [], "wrap each text in N_() from zienswijze/domain/text.py"
