"""The catalogue of exception grounds (weigeringsgronden) written on proposed redactions (SPEC §6).

The catalogue is data: each organisation gets a copy of these entries when it is created and may
edit them or add its own labels. The plain-Dutch explanation is what a stakeholder reads beside a
redaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class GroundKind(StrEnum):
    ABSOLUUT = "absoluut"
    RELATIEF = "relatief"
    OVERIG = "overig"


@dataclass(frozen=True)
class GroundEntry:
    """A national ground: its Dutch label and explanation, and both in English for English pages."""

    code: str
    label: str
    article: str
    kind: GroundKind
    explanation: str
    label_en: str
    explanation_en: str


_A, _R, _O = GroundKind.ABSOLUUT, GroundKind.RELATIEF, GroundKind.OVERIG

NATIONAL_CATALOGUE: tuple[GroundEntry, ...] = (
    GroundEntry(
        "5.1.1a",
        "Eenheid van de Kroon",
        "Woo art. 5.1 lid 1 sub a",
        _A,
        "Openbaarmaking zou de eenheid van de Kroon in gevaar kunnen brengen.",
        "Unity of the Crown",
        "Disclosure could endanger the unity of the Crown.",
    ),
    GroundEntry(
        "5.1.1b",
        "Veiligheid van de Staat",
        "Woo art. 5.1 lid 1 sub b",
        _A,
        "Openbaarmaking zou de veiligheid van de Staat kunnen schaden.",
        "Security of the State",
        "Disclosure could harm the security of the State.",
    ),
    GroundEntry(
        "5.1.1c",
        "Bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn meegedeeld",
        "Woo art. 5.1 lid 1 sub c",
        _A,
        "Het gaat om bedrijfsgegevens die een bedrijf vertrouwelijk aan de overheid heeft gegeven.",
        "Company and manufacturing data provided to the government in confidence",
        "This is company information that a business gave to the government in confidence.",
    ),
    GroundEntry(
        "5.1.1d",
        "Persoonsgegevens als bedoeld in paragraaf 3.1 of 3.2 van de Uitvoeringswet AVG",
        "Woo art. 5.1 lid 1 sub d",
        _A,
        "Het gaat om gevoelige persoonsgegevens, zoals over gezondheid, geloof of strafrecht.",
        "Personal data as referred to in section 3.1 or 3.2 of the GDPR Implementation Act",
        "This is sensitive personal data, such as about health, religion or criminal law.",
    ),
    GroundEntry(
        "5.1.1e",
        "Nationale identificatienummers",
        "Woo art. 5.1 lid 1 sub e",
        _A,
        "Het gaat om een nummer waarmee iemand te identificeren is, zoals een BSN.",
        "National identification numbers",
        "This is a number that identifies a person, such as a citizen service number (BSN).",
    ),
    GroundEntry(
        "5.1.2a",
        "Betrekkingen van Nederland met andere staten en met internationale organisaties",
        "Woo art. 5.1 lid 2 sub a",
        _R,
        "Openbaarmaking kan de relatie met andere landen of internationale organisaties schaden.",
        "Relations of the Netherlands with other states and with international organisations",
        "Disclosure may harm relations with other countries or international organisations.",
    ),
    GroundEntry(
        "5.1.2b",
        "Economische of financiële belangen van de Staat, andere publiekrechtelijke lichamen of bestuursorganen",
        "Woo art. 5.1 lid 2 sub b",
        _R,
        "Openbaarmaking kan de economische of financiële belangen van de overheid schaden.",
        "Economic or financial interests of the State, other public bodies or administrative authorities",
        "Disclosure may harm the economic or financial interests of the government.",
    ),
    GroundEntry(
        "5.1.2c",
        "Opsporing en vervolging van strafbare feiten",
        "Woo art. 5.1 lid 2 sub c",
        _R,
        "Openbaarmaking kan het opsporen of vervolgen van strafbare feiten hinderen.",
        "Investigation and prosecution of criminal offences",
        "Disclosure may hinder the investigation or prosecution of criminal offences.",
    ),
    GroundEntry(
        "5.1.2d",
        "Inspectie, controle en toezicht door bestuursorganen",
        "Woo art. 5.1 lid 2 sub d",
        _R,
        "Openbaarmaking kan inspectie, controle of toezicht door de overheid hinderen.",
        "Inspection, control and supervision by administrative authorities",
        "Disclosure may hinder inspection, control or supervision by the government.",
    ),
    GroundEntry(
        "5.1.2e",
        "Eerbiediging van de persoonlijke levenssfeer",
        "Woo art. 5.1 lid 2 sub e",
        _R,
        "De privacy van een persoon weegt zwaarder dan openbaarmaking, bijvoorbeeld bij namen en contactgegevens.",
        "Respect for privacy",
        "A person's privacy outweighs disclosure, for example for names and contact details.",
    ),
    GroundEntry(
        "5.1.2f",
        "Concurrentiegevoelige bedrijfs- en fabricagegegevens",
        "Woo art. 5.1 lid 2 sub f",
        _R,
        "Openbaarmaking kan een bedrijf schaden omdat concurrenten er hun voordeel mee kunnen doen.",
        "Competitively sensitive company and manufacturing data",
        "Disclosure may harm a company because competitors could take advantage of it.",
    ),
    GroundEntry(
        "5.1.2g",
        "Bescherming van het milieu",
        "Woo art. 5.1 lid 2 sub g",
        _R,
        "Openbaarmaking kan schade aan het milieu veroorzaken, bijvoorbeeld bij zeldzame soorten.",
        "Protection of the environment",
        "Disclosure may cause damage to the environment, for example for rare species.",
    ),
    GroundEntry(
        "5.1.2h",
        "Beveiliging van personen en bedrijven en voorkomen van sabotage",
        "Woo art. 5.1 lid 2 sub h",
        _R,
        "Openbaarmaking kan de beveiliging van personen, gebouwen of systemen in gevaar brengen.",
        "Security of persons and companies and prevention of sabotage",
        "Disclosure may endanger the security of persons, buildings or systems.",
    ),
    GroundEntry(
        "5.1.2i",
        "Goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen",
        "Woo art. 5.1 lid 2 sub i",
        _R,
        "Openbaarmaking kan het goed functioneren van de overheid onevenredig schaden.",
        "Proper functioning of the State, other public bodies or administrative authorities",
        "Disclosure may disproportionately harm the proper functioning of the government.",
    ),
    GroundEntry(
        "5.1.5",
        "Onevenredige benadeling",
        "Woo art. 5.1 lid 5",
        _R,
        "Openbaarmaking zou een persoon of bedrijf onevenredig benadelen; deze grond staat op zichzelf.",
        "Disproportionate harm",
        "Disclosure would disproportionately harm a person or company; this ground stands on its own.",
    ),
    GroundEntry(
        "5.2",
        "Persoonlijke beleidsopvattingen",
        "Woo art. 5.2",
        _R,
        "Het gaat om persoonlijke meningen over beleid in stukken voor intern beraad (lid 1), of om wat zulke "
        "meningen tot personen herleidbaar maakt (lid 2 en 3).",
        "Personal opinions on policy",
        "These are personal opinions on policy in documents for internal consultation (paragraph 1), or what makes "
        "such opinions traceable to persons (paragraphs 2 and 3).",
    ),
    GroundEntry(
        "5.4",
        "Informatie die berust bij de formateur of de informateur",
        "Woo art. 5.4",
        _A,
        "Het gaat om informatie van of aan de formateur of informateur; die is pas openbaar na de formatie.",
        "Information held by the formateur or informateur",
        "This is information from or to the formateur or informateur (who prepare the forming of a government); "
        "it becomes public only after the formation.",
    ),
    GroundEntry(
        "8.8",
        "Woo niet van toepassing: bepaling uit de bijlage bij de Woo",
        "Woo art. 8.8",
        _O,
        "Voor deze informatie geldt een eigen wettelijke regeling die voorgaat op de Woo.",
        "Woo not applicable: provision from the annex to the Woo",
        "This information is governed by its own statutory regime, which takes precedence over the Woo.",
    ),
    GroundEntry(
        "buiten scope",
        "Buiten de reikwijdte van het verzoek",
        "",
        _O,
        "Deze informatie valt buiten wat is gevraagd en wordt daarom niet beoordeeld.",
        "Outside the scope of the request",
        "This information falls outside what was requested and is therefore not assessed.",
    ),
)

_BY_CODE = {entry.code: entry for entry in NATIONAL_CATALOGUE}


def in_english(code: str, label: str, explanation: str) -> tuple[str, str]:
    """A body's label and explanation of a ground as English pages show them: the catalogue's English where the
    body kept the catalogue's Dutch, the body's own words (which no catalogue can translate) where it changed them."""
    entry = _BY_CODE.get(normalize_code(code))
    if entry is None:
        return label, explanation
    return (
        entry.label_en if label == entry.label else label,
        entry.explanation_en if explanation == entry.explanation else explanation,
    )


# Woo art. 8.8 (another law governs disclosure) and "outside the request" are the body's own findings,
# never a reason a stakeholder can give for withholding a passage.
NOT_FOR_STAKEHOLDERS = frozenset({"8.8", "buiten scope"})


def offered_to_stakeholders(code: str) -> bool:
    """Whether a stakeholder may name this ground when asking for an extra redaction."""
    return normalize_code(code) not in NOT_FOR_STAKEHOLDERS


_DOTTED_LETTER = re.compile(r"^(\d+(?:\.\d+)+)\.([a-z])$")


def normalize_code(raw: str) -> str:
    """The catalogue spelling of a ground code: trims, lowercases and accepts ``5.1.2.e`` (SPEC §6)."""
    code = " ".join(raw.strip().lower().split())
    code = re.sub(r"^(?:art(?:ikel)?\.?\s*)", "", code)
    return _DOTTED_LETTER.sub(r"\1\2", code)


_ORDINALS = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende")
_CODE = re.compile(r"^(?P<article>\d+\.\d+)(?:\.(?P<member>\d+))?(?P<letter>[a-z])?$")
_ARTICLE = re.compile(
    r"^(?P<law>[A-Za-z]+)\s+art(?:ikel)?\.?\s*(?P<article>\d+(?:\.\d+|:\d+)?)"
    r"(?:\s+lid\s+(?P<member>\d+))?(?:\s+sub\s+(?P<letter>[a-z]))?$"
)
# Articles whose catalogue code names no member but whose ground is in one: 5.2 is lid 1 (SPEC §6).
_IMPLIED_MEMBER = {"5.2": "1"}


def formal_citation(code: str, article: str = "") -> str:
    """The ground cited as decisions write it: "artikel 5.1, tweede lid, aanhef en onder f, van de Woo".

    Read from the catalogue code (5.1.2f); a body's own label is read from its article text
    ("Woo art. 5.1 lid 2 sub f"). Empty when neither names an article, as for "buiten scope".
    """
    law = "Woo"
    match = _CODE.match(normalize_code(code))
    if match is None:
        match = _ARTICLE.match(" ".join(article.split()))
        if match is None:
            return ""
        law = match["law"]
    number, member, letter = match["article"], match["member"], match["letter"]
    if law == "Woo" and not member:
        member = _IMPLIED_MEMBER.get(number)
    parts = [f"artikel {number}"]
    if member and 1 <= int(member) <= len(_ORDINALS):
        parts.append(f"{_ORDINALS[int(member) - 1]} lid")
    if letter:
        parts.append(f"aanhef en onder {letter}")
    return ", ".join(parts) + (f", van de {law}" if len(parts) > 1 else f" van de {law}")
