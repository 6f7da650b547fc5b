"""The paragraph "Zienswijze derde-belanghebbende(n)" of the decision, built from plain values.

Two forms: the short one of the seed decision (three sentences: who may object, when they were
asked, that their views were weighed) and the detailed one with the counts and every stakeholder.

Stakeholders are anonymised as "belanghebbende 1, 2, …" in the order of their codes; the dates are
the real ones from the record (SPEC §7). The text is Dutch: it goes into a Dutch decision letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from zienswijze.domain.deadlines import earliest_disclosure, format_date_nl, term_end
from zienswijze.domain.dutch_text import amount, count, in_sentence, join_sentences, sentence
from zienswijze.domain.responses import WeighingOutcome

TITLE = "Zienswijze derde-belanghebbende(n)"

_OUTCOME = {
    WeighingOutcome.GEHONOREERD: "gehonoreerd",
    WeighingOutcome.DEELS_GEHONOREERD: "gedeeltelijk gehonoreerd",
    WeighingOutcome.NIET_GEHONOREERD: "niet gehonoreerd",
}


@dataclass(frozen=True)
class RoundFacts:
    sent_on: date
    deadline: date
    extensions_allowed: bool
    invited: int
    extension_reason: str = ""  # "de vakantie"; empty when the round gives no reason


@dataclass(frozen=True)
class GroundFacts:
    label: str  # "eerbiediging van de persoonlijke levenssfeer"
    citation: str  # "artikel 5.1, tweede lid, aanhef en onder e, van de Woo", or "" for a label without one
    absolute: bool = False  # Woo art. 5.1 lid 1: it applies or it does not; it is never weighed

    @property
    def phrase(self) -> str:
        return f"{self.label} ({self.citation})" if self.citation else self.label


@dataclass(frozen=True)
class ItemFacts:
    """One weighed objection or extra-redaction request."""

    extra_redaction: bool
    document_number: int
    outcome: WeighingOutcome | None
    ground: GroundFacts | None = None
    motivation: str = ""


@dataclass(frozen=True)
class StakeholderFacts:
    code: str
    responded: bool
    objected: bool = False
    channel: str = "online"  # online, mondeling, schriftelijk
    items: tuple[ItemFacts, ...] = ()
    general_objection: str = ""  # the view's own explanation when it names no passage
    own_weighing: str = ""  # the body's weighing of a non-responder's interests


@dataclass(frozen=True)
class ParagraphFacts:
    body: str
    wording: str  # "voor" or "uiterlijk"
    rounds: tuple[RoundFacts, ...]
    stakeholders: tuple[StakeholderFacts, ...]
    extensions_granted: int = 0
    disclosure_held: bool = False
    provisional_measure: bool = False
    announced: date | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def responded(self) -> int:
        return sum(1 for s in self.stakeholders if s.responded)


def deadline_phrase(deadline: date, wording: str) -> str:
    """ "vóór" the day after the last day, or "uiterlijk op" the last day, as the body writes it."""
    if wording == "uiterlijk":
        return f"uiterlijk op {format_date_nl(deadline, weekday=False)}"
    return f"vóór {format_date_nl(deadline + timedelta(days=1), weekday=False)}"


def extension_phrase(facts: RoundFacts) -> str:
    """ "met de mogelijkheid tot verlenging", with the round's reason when it gives one."""
    if not facts.extensions_allowed:
        return ""
    reason = " ".join(facts.extension_reason.split()).rstrip(".")
    return "met de mogelijkheid tot verlenging" + (f" in verband met {reason}" if reason else "")


def _who(index: int, invited: int) -> str:
    if index == 0:
        return "Deze belanghebbende is" if invited == 1 else "Deze belanghebbenden zijn"
    verb = "is" if invited == 1 else "zijn"
    return f"In een volgende ronde {verb} nog {count(invited, 'belanghebbende', 'belanghebbenden')}"


def _round_sentence(index: int, facts: RoundFacts, wording: str, *, short: bool = False) -> str:
    extension = extension_phrase(facts)
    deadline = deadline_phrase(facts.deadline, wording)
    if short:  # the seed decision's wording: "ten aanzien hiervan vóór …", the extension without commas
        term = f"ten aanzien hiervan {deadline}" + (f" {extension}" if extension else "")
    else:
        term = f"om {deadline}" + (f", {extension}," if extension else "")
    sent = format_date_nl(facts.sent_on, weekday=False)
    return (
        f"{_who(index, facts.invited)} bij e-mail van {sent} in de gelegenheid gesteld {term} een zienswijze te geven"
    )


def _found(facts: ParagraphFacts, stakeholders: str, request: str) -> str:
    """The opening: the body found stakeholders who may object."""
    there = (
        f"een {stakeholders} is die mogelijk bedenkingen heeft"
        if len(facts.stakeholders) == 1
        else f"{stakeholders}n zijn die mogelijk bedenkingen hebben"
    )
    return (
        f"{facts.body} heeft geconstateerd dat er {there} bij de openbaarmaking van documenten die onder de "
        f"reikwijdte van {request} vallen"
    )


def _short(facts: ParagraphFacts) -> list[str]:
    """The seed decision's three sentences: who may object, when they were asked, that it was weighed."""
    body = in_sentence(facts.body)
    if facts.responded == 0:
        whose = "de belanghebbende" if len(facts.stakeholders) == 1 else "de belanghebbenden"
        weighed = f"Er is geen zienswijze gegeven; {body} heeft de belangen van {whose} zelf gewogen"
    else:
        views = "Deze zienswijze" if facts.responded == 1 else "Deze zienswijzen"
        weighed = f"{views} heeft {body}, voor zover van toepassing, in de belangenafweging meegenomen"
    rounds = [_round_sentence(i, r, facts.wording, short=True) for i, r in enumerate(facts.rounds)]
    return [join_sentences(_found(facts, "derde belanghebbende", "uw verzoek"), *rounds, weighed), *_notes(facts)]


def counts_sentence(facts: ParagraphFacts) -> str:
    asked, responded = len(facts.stakeholders), facts.responded
    sentences = [
        f"Er {'is' if asked == 1 else 'zijn'} {count(asked, 'belanghebbende', 'belanghebbenden')} om een "
        "zienswijze gevraagd"
    ]
    if responded == 0:
        sentences.append("Er is geen zienswijze gegeven")
    else:
        gave = count(responded, "belanghebbende heeft", "belanghebbenden hebben", start=True)
        silent = asked - responded
        rest = f"; {count(silent, 'belanghebbende heeft', 'belanghebbenden hebben')} geen zienswijze gegeven"
        sentences.append(f"{gave} een zienswijze gegeven{_objected(facts)}{rest if silent else ''}")
    if facts.extensions_granted:
        granted = count(facts.extensions_granted, "belanghebbende", "belanghebbenden")
        sentences.append(f"Aan {granted} is verlenging van de termijn verleend")
    return join_sentences(*sentences)


def _objected(facts: ParagraphFacts) -> str:
    objected = sum(1 for s in facts.stakeholders if s.objected)
    if facts.responded == 1:
        return ", met bezwaar tegen (gedeeltelijke) openbaarmaking" if objected else ", zonder bezwaar"
    if objected == 0:
        return ", geen van hen met bezwaar tegen openbaarmaking"
    if objected == facts.responded:
        return f", {'beide' if objected == 2 else 'alle'} met bezwaar tegen (gedeeltelijke) openbaarmaking"
    return f", waarvan {amount(objected)} met bezwaar tegen (gedeeltelijke) openbaarmaking"


def _item_sentence(item: ItemFacts) -> str:
    """How one objection or request was weighed, tied to the ground it invokes or that was applied."""
    what = (
        f"Het verzoek om aanvullende lakking in document {item.document_number}"
        if item.extra_redaction
        else f"Het bezwaar tegen openbaarmaking van (een deel van) document {item.document_number}"
    )
    if item.outcome is None:
        return sentence(f"{what} is nog niet gewogen")
    ground = item.ground
    if item.outcome is WeighingOutcome.NIET_GEHONOREERD:
        why = ""
        if ground is not None and ground.absolute:
            why = f"; de uitzonderingsgrond {ground.phrase} is niet van toepassing"
        elif ground is not None:
            why = f"; het beroep op {ground.phrase} weegt niet op tegen het belang van openbaarmaking"
        return join_sentences(f"{what} is niet gehonoreerd{why}", item.motivation)
    applied = f" met toepassing van {ground.phrase}" if ground is not None else ""
    return join_sentences(f"{what} is {_OUTCOME[item.outcome]}{applied}", item.motivation)


def stakeholder_sentences(number: int, facts: StakeholderFacts, body: str) -> str:
    name = f"Belanghebbende {number}"
    if not facts.responded:
        return join_sentences(
            f"{name} heeft geen zienswijze gegeven",
            f"{body} heeft de belangen van deze belanghebbende zelf gewogen",
            facts.own_weighing,
        )
    how = {"mondeling": " mondeling", "schriftelijk": " schriftelijk"}.get(facts.channel, "")
    if not facts.objected:
        return sentence(f"{name} heeft{how} laten weten geen bezwaar te hebben tegen de openbaarmaking")
    parts = [f"{name} heeft{how} een zienswijze gegeven met bezwaar tegen (gedeeltelijke) openbaarmaking"]
    parts += [_item_sentence(item) for item in facts.items]
    if not facts.items and facts.general_objection.strip():
        parts.append("Het bezwaar noemt geen afzonderlijke passages; het is in de afweging als geheel betrokken")
    return join_sentences(*parts)


def _notes(facts: ParagraphFacts) -> list[str]:
    return [note for note in (join_sentences(n) for n in facts.notes) if note]


def closing_sentences(facts: ParagraphFacts) -> list[str]:
    sentences = []
    if facts.disclosure_held:
        when = ""
        if facts.announced is not None:
            when = f", dus niet vóór {format_date_nl(earliest_disclosure(facts.announced), weekday=False)}"
        sentences.append(
            "Voor zover dit besluit ingaat tegen de zienswijze van een belanghebbende, worden de betreffende "
            "documenten niet eerder openbaar gemaakt dan twee weken na de dag waarop dit besluit bekend is "
            f"gemaakt{when} (artikel 4.4, vijfde lid, van de Woo). Binnen die termijn kan de belanghebbende "
            "bezwaar maken en de voorzieningenrechter vragen een voorlopige voorziening te treffen (artikel 8:81 "
            "van de Algemene wet bestuursrecht); zolang op dat verzoek niet is beslist, vindt openbaarmaking "
            "niet plaats."
        )
    if facts.provisional_measure:
        sentences.append(
            "Er is een verzoek om een voorlopige voorziening ingediend; de documenten waarop het betrekking heeft, "
            "worden niet openbaar gemaakt zolang daarop niet is beslist."
        )
    sentences.append(
        "Dit besluit wordt gelijktijdig aan de belanghebbenden toegezonden (artikel 4.4, zesde lid, van de Woo)."
    )
    objection = ""
    if facts.announced is not None:
        objection = f"; die termijn eindigt op {format_date_nl(term_end(facts.announced, weeks=6), weekday=False)}"
    sentences.append(
        "Tegen dit besluit kan ieder wiens belang rechtstreeks daarbij is betrokken binnen zes weken na de dag "
        "waarop het bekend is gemaakt bezwaar maken (artikelen 6:7 en 6:8 van de Algemene wet bestuursrecht)"
        f"{objection}."
    )
    return sentences


def _detailed(facts: ParagraphFacts) -> list[str]:
    """The detailed form: also the counts and every stakeholder's view and how it was weighed."""
    weighed = ""
    if facts.responded:
        views = "Deze zienswijze is" if facts.responded == 1 else "Deze zienswijzen zijn"
        weighed = f"{views}, voor zover van toepassing, in de belangenafweging meegenomen"
    rounds = [_round_sentence(i, r, facts.wording) for i, r in enumerate(facts.rounds)]
    opening = _found(facts, "derde-belanghebbende", "het verzoek")
    result = [join_sentences(opening, *rounds, weighed), counts_sentence(facts)]
    ordered = sorted(facts.stakeholders, key=lambda s: s.code)
    result += [stakeholder_sentences(i, s, facts.body) for i, s in enumerate(ordered, start=1)]
    result += _notes(facts)
    result += closing_sentences(facts)
    return result


SHORT, DETAILED = "short", "detailed"
FORMS = {SHORT: _short, DETAILED: _detailed}


def paragraphs(facts: ParagraphFacts, form: str = DETAILED) -> list[str]:
    """The paragraph in the chosen form as a list of Dutch paragraphs, without the title."""
    return FORMS[form](facts)


def text(facts: ParagraphFacts, form: str = DETAILED) -> str:
    """The title and the paragraphs as plain text, for copying into the decision."""
    return "\n\n".join([TITLE, *paragraphs(facts, form)]) + "\n"
