"""The audit timeline's sentences: one per event kind, naming who did what to which document or stakeholder.

A handler or jurist reads "S2 (Adviesbureau Analyse B.V.) heeft een concept bewaard", not
``response.draft_saved stakeholder``. Every kind the services record has a sentence here (a test
keeps that so); the CSV and JSON exports keep the stored codes.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from zienswijze.domain.dutch_text import capitalise
from zienswijze.services.audit_timeline import ActorKind, Entry, Party
from zienswijze.web.dates import long_date

SENTENCES = {
    "account.locked": _l("%(actor)s heeft een account geblokkeerd na te veel mislukte inlogpogingen"),
    "account.password_changed": _l("%(actor)s heeft het wachtwoord van een account gewijzigd"),
    "api_token.revoked": _l("%(actor)s heeft een API-sleutel ingetrokken"),
    "organisation.objection_address": _l("%(actor)s heeft het adres voor bezwaarschriften gewijzigd"),
    "account.created": _l("%(actor)s heeft een account aangemaakt bij de eerste aanmelding via de inlogdienst"),
    "account.linked": _l("%(actor)s heeft een account gekoppeld aan de inlogdienst van de organisatie"),
    "organisation.sign_in": _l("%(actor)s heeft de instellingen voor inloggen gewijzigd"),
    "organisation.password_login": _l("%(actor)s heeft inloggen met een wachtwoord aan- of uitgezet"),
    "organisation.privacy": _l("%(actor)s heeft de bewaartermijn en de privacyverklaring gewijzigd"),
    "retention.erased": _l("%(actor)s heeft na afloop van de bewaartermijn de persoonsgegevens van de zaak verwijderd"),
    "closed_day.added": _l("%(actor)s heeft %(day)s als sluitingsdag toegevoegd"),
    "closed_day.removed": _l("%(actor)s heeft de sluitingsdag %(day)s verwijderd"),
    "case.created": _l("%(actor)s heeft de zaak aangemaakt"),
    "case.updated": _l("%(actor)s heeft de gegevens van de zaak gewijzigd"),
    "case.postponed": _l("%(actor)s heeft de beslistermijn verdaagd tot %(day)s"),
    "document.added": _l("%(actor)s heeft document %(document)s toegevoegd"),
    "documents.imported": _l("%(actor)s heeft de inventarislijst geïmporteerd"),
    "documents.uploaded": _l("%(actor)s heeft PDF-bestanden bij de documenten gevoegd"),
    "redaction.added": _l("%(actor)s heeft een lakvoorstel toegevoegd op pagina %(page)s van document %(document)s"),
    "redaction.edited": _l("%(actor)s heeft een lakvoorstel gewijzigd op pagina %(page)s van document %(document)s"),
    "redaction.removed": _l("%(actor)s heeft een lakvoorstel verwijderd op pagina %(page)s van document %(document)s"),
    "stakeholder.added": _l("%(actor)s heeft belanghebbende %(stakeholder)s toegevoegd"),
    "stakeholder.concerns_set": _l("%(actor)s heeft vastgelegd welke documenten %(stakeholder)s raken"),
    "stakeholders.imported": _l("%(actor)s heeft belanghebbenden geïmporteerd"),
    "stakeholder.no_objection_expected": _l(
        "%(actor)s heeft voor %(stakeholder)s vastgelegd of bezwaar tegen de openbaarmaking te verwachten is"
    ),
    "round.started": _l("%(actor)s heeft ronde %(round)s gestart, met als uiterste datum %(day)s"),
    "round.completed": _l("Ronde %(round)s is afgerond"),
    "mail.sent": _l("%(actor)s heeft een e-mail verstuurd aan %(address)s"),
    "mail.retry": _l("Een e-mail aan %(address)s kon nog niet worden verstuurd; %(actor)s probeert het opnieuw"),
    "mail.failed": _l("Een e-mail aan %(address)s kon niet worden bezorgd"),
    "mail.bounced": _l("Een e-mail aan %(address)s is later als onbestelbaar teruggekomen"),
    "reminder.sent": _l("%(actor)s heeft %(stakeholder)s een herinnering gestuurd"),
    "reminder.skipped": _l("%(actor)s heeft een herinnering aan %(stakeholder)s overgeslagen"),
    "invitation.opened": _l("%(actor)s heeft het dossier geopend"),
    "invitation.resent": _l("%(actor)s heeft de uitnodiging opnieuw naar %(stakeholder)s gestuurd"),
    "invitation.revoked": _l("%(actor)s heeft de uitnodiging van %(stakeholder)s ingetrokken"),
    "invitation.address_corrected": _l("%(actor)s heeft het e-mailadres van %(stakeholder)s verbeterd"),
    "invitation.deadline_recomputed": _l("De uiterste datum van %(stakeholder)s is herberekend: %(day)s"),
    "invitation.expired": _l("De termijn van %(stakeholder)s is verstreken op %(day)s"),
    "extension.requested": _l("%(actor)s heeft verlenging gevraagd tot %(day)s"),
    "extension.granted": _l("%(actor)s heeft %(stakeholder)s verlenging gegeven tot %(day)s"),
    "extension.refused": _l("%(actor)s heeft de verlenging voor %(stakeholder)s geweigerd"),
    "response.draft_saved": _l("%(actor)s heeft een concept bewaard"),
    "response.attachment_added": _l("%(actor)s heeft een bijlage toegevoegd"),
    "response.attachment_removed": _l("%(actor)s heeft een bijlage verwijderd"),
    "response.submitted": _l("%(actor)s heeft een zienswijze ingediend"),
    "response.recorded": _l("%(actor)s heeft de mondelinge of schriftelijke zienswijze van %(stakeholder)s vastgelegd"),
    "weighing.recorded": _l("%(actor)s heeft de afweging van %(subject)s vastgelegd"),
    "requester.suspension_notice_sent": _l(
        "%(actor)s heeft vastgelegd dat de verzoeker op %(day)s is bericht over de opschorting"
    ),
    "requester.suspension_end_notice_sent": _l("%(actor)s heeft vastgelegd dat de opschorting eindigde op %(day)s"),
    "provisional_measure.pending": _l(
        "%(actor)s heeft vastgelegd dat een voorlopige voorziening loopt tegen document %(document)s"
    ),
    "provisional_measure.lifted": _l(
        "%(actor)s heeft vastgelegd dat geen voorlopige voorziening meer loopt tegen document %(document)s"
    ),
    "decision.recorded": _l("%(actor)s heeft het besluit van %(day)s vastgelegd"),
    "decision.letter_uploaded": _l("%(actor)s heeft de besluitbrief toegevoegd"),
    "decision.notice_posted": _l(
        "%(actor)s heeft vastgelegd dat het besluit op %(day)s naar %(stakeholder)s is gepost"
    ),
}


def sentence(entry: Entry) -> str:
    """The event in words, in the page's language; a kind without a sentence (one since retired) keeps its code."""
    template = SENTENCES.get(entry.kind)
    if template is None:
        return _("%(actor)s: %(kind)s", actor=_actor(entry, first=True), kind=entry.kind)
    text = str(template) % {
        "actor": _actor(entry, first=str(template).startswith("%(actor)s")),
        "stakeholder": _party(entry.stakeholder),
        "document": entry.document if entry.document is not None else "?",
        "subject": _subject(entry),
        "round": entry.round if entry.round is not None else "?",
        "day": long_date(entry.day) if entry.day is not None else "?",
        "page": entry.page if entry.page is not None else "?",
        "address": entry.address or _("een onbekend adres"),
    }
    return text


def _actor(entry: Entry, *, first: bool) -> str:
    """A name as written; a description ("het systeem") with a capital when it opens the sentence."""
    if entry.actor_kind is ActorKind.USER and entry.user_name:
        return entry.user_name
    if entry.actor_kind is ActorKind.STAKEHOLDER and entry.stakeholder is not None:
        return _party(entry.stakeholder)
    if entry.actor_kind is ActorKind.USER:
        described = _("een behandelaar")
    elif entry.actor_kind is ActorKind.STAKEHOLDER:
        described = _("een belanghebbende")
    else:
        described = _("het systeem")
    return capitalise(described) if first else described


def _party(party: Party | None) -> str:
    if party is None:
        return _("een belanghebbende")
    return _("%(code)s (%(name)s)", code=party.code, name=party.name)


def _subject(entry: Entry) -> str:
    """A weighing is about a document, or about a stakeholder's missing view."""
    if entry.document is not None:
        return _("document %(number)s", number=entry.document)
    return _party(entry.stakeholder)
