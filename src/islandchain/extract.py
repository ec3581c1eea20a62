"""Find distance and direction statements in plain English text.

Turns sentences such as "Taiwan lies 111km west of Japan-administered Yonaguni
Island and 170km southwest of the Senkaku islands" into claims that
:mod:`islandchain.claims` can check. The patterns understood:

- ``N UNIT DIRECTION of PLACE`` ("111km west of", "some 170 kilometres
  southwest of", "about 60 nautical miles north-east of");
- ``N UNIT from PLACE`` and ``N UNIT away from PLACE``;
- ``N UNIT off (the coast of) PLACE``, optionally with a direction
  ("110 km off the east coast of");
- with a hedge before the figure ("about", "some", "nearly", ...) recorded as
  the claim's qualifier, and a parenthesised conversion after it ignored
  ("111km (69 miles)").

The subject is the nearest place named before the figure in the same
sentence; a second figure joined by "and" keeps the first one's subject.
Places resolve through the gazetteer (names, aliases, simple plurals, and
leading modifiers such as "Japan-administered" dropped); a mention that does
not resolve is kept in the claim's ``unresolved`` list, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tomli_w

from .claims import DIRECTIONS
from .data import resolve
from .errors import UnknownPlaceError

__all__ = ["ExtractedClaim", "Extraction", "Mention", "extract_claims", "to_toml"]

_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = (
    r"(?P<unit>nautical\s+miles?|nmi|nm|kilomet(?:re|er)s?|km|statute\s+miles?|miles?|mi)"
    r"(?![a-z])"
)
_HEDGE = (
    r"(?:(?P<hedge>about|some|nearly|around|roughly|approximately|almost|just|only|"
    r"more\s+than|less\s+than|over|under|within|barely|approx\.?)\s+)?"
)
_DIRECTION = r"(?P<dir>(?:north|south)(?:[\s-]?(?:east|west))?|east|west)(?:ward)?"
_PLACE = (
    r"(?P<place>(?:the\s+)?(?:[A-Z][\w'’.-]*|of|de|la|and)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|[Ii]slands?|[Ii]slets?|[Ii]sles|[Ii]sland\s+group))*)"
)
_STATEMENT = re.compile(
    _HEDGE
    + _NUMBER
    + r"\s*-?\s*"
    + _UNIT
    + r"(?:\s*\([^)]{0,40}\))?"  # a conversion in brackets
    + r"(?:\s+(?:to\s+the\s+)?"
    + _DIRECTION
    + r")?"
    + r"\s+(?P<rel>of|from|away\s+from|off(?:\s+the\s+(?:(?:north|south|east|west)\w*\s+)?"
    r"coasts?\s+of)?|off)\s+" + _PLACE,
)
# A place name before the figure: capitalised words, possibly with a plural.
_SUBJECT = re.compile(r"(?:[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|[Ii]slands?|[Ii]slets?))*)")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometer": "km",
    "mi": "mi",
    "mile": "mi",
    "statute mile": "mi",
    "nmi": "nmi",
    "nm": "nmi",
    "nautical mile": "nmi",
}
_VERBS = re.compile(r"\b(?:lies|lie|is|are|sits|sit|was|were|located|situated|stands|lay)\b")
# Words that start a sentence with a capital but are not places.
_STOP = {
    "The",
    "A",
    "An",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Yet",
    "So",
    "He",
    "She",
    "They",
    "We",
    "Some",
    "About",
    "Beijing's",
}


@dataclass(frozen=True)
class Mention:
    """A place named in the text that the gazetteer does not know."""

    text: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractedClaim:
    """One distance statement found in a text."""

    id: str
    quote: str
    subject: str
    reference: str
    distance: float
    unit: str
    qualifier: str = ""
    direction: str = ""
    unresolved: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What :func:`extract_claims` found."""

    claims: tuple[ExtractedClaim, ...]
    unresolved: tuple[Mention, ...] = field(default=())


def _unit(word: str) -> str:
    word = re.sub(r"\s+", " ", word.lower())
    return _UNITS[word.rstrip("s") if word not in _UNITS else word]


def _direction(word: str | None) -> str:
    if not word:
        return ""
    word = re.sub(r"[\s-]", "", word.lower()).removesuffix("ward")
    if word not in DIRECTIONS:
        raise ValueError(word)
    return word


def _resolve_phrase(phrase: str) -> tuple[str, str] | None:
    """Resolve a phrase, dropping leading modifiers; return (name as written, id)."""
    words = phrase.split()
    for start in range(len(words)):
        for end in range(len(words), start, -1):
            candidate = " ".join(words[start:end]).strip(" ,;:'’")
            if not candidate or candidate in _STOP or candidate.lower() in ("the", "of", "and"):
                continue
            try:
                return candidate, resolve(candidate)
            except UnknownPlaceError:
                continue
    return None


def _clean_place(phrase: str) -> str:
    phrase = re.sub(r"\s+(?:and|of|de|la)$", "", phrase.strip())
    return re.sub(r"^(?:the\s+)", "the ", phrase)


def _suggestions(phrase: str) -> tuple[str, ...]:
    try:
        resolve(phrase)
    except UnknownPlaceError as exc:
        return exc.suggestions
    return ()


def _subject_before(text: str) -> str | None:
    """The place named nearest before a figure, in the clause that holds it."""
    candidates = [m.group(0) for m in _SUBJECT.finditer(text)]
    for phrase in reversed(candidates):
        words = [w for w in phrase.split() if w not in _STOP]
        if words:
            return " ".join(words)
    return None


def extract_claims(text: str) -> Extraction:
    """Find distance statements in plain English text.

    Parameters
    ----------
    text : str
        The article, as plain text.

    Returns
    -------
    Extraction
        ``claims``: one per statement, with the quote (the sentence, trimmed),
        subject and reference as written, the figure, unit, qualifier and
        direction. ``unresolved``: the place mentions the gazetteer does not
        know, with the closest known names.

    Examples
    --------
    >>> found = extract_claims("Taiwan lies 111km west of Yonaguni Island.")
    >>> c = found.claims[0]
    >>> c.subject, c.reference, c.distance, c.unit, c.direction
    ('Taiwan', 'Yonaguni Island', 111.0, 'km', 'west')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    claims: list[ExtractedClaim] = []
    unresolved: dict[str, Mention] = {}
    ids: set[str] = set()
    for sentence in _SENTENCE.finditer(text):
        s = " ".join(sentence.group(0).split())
        previous_subject: str | None = None
        last_end = 0
        for m in _STATEMENT.finditer(s):
            before = s[last_end : m.start()]
            subject = None
            # "... and 170km southwest of ..." continues the previous statement.
            joined = previous_subject is not None and re.fullmatch(
                r"[\s,]*(?:and|or|but)?\s*", before
            )
            if joined:
                subject = previous_subject
            else:
                clause = re.split(r"[;:]", before)[-1]
                verbs = list(_VERBS.finditer(clause))
                head = clause[: verbs[-1].start()] if verbs else clause
                subject = _subject_before(head) or _subject_before(clause)
            reference = _clean_place(m.group("place"))
            problems = []
            subj_res = _resolve_phrase(subject) if subject else None
            ref_res = _resolve_phrase(reference)
            for phrase, res in ((subject, subj_res), (reference, ref_res)):
                if phrase and res is None:
                    problems.append(phrase)
                    unresolved.setdefault(phrase, Mention(phrase, _suggestions(phrase)))
            if subject is None:
                problems.append("(no subject)")
            try:
                direction = _direction(m.group("dir"))
            except ValueError:
                direction = ""
            subject_name = subj_res[0] if subj_res else (subject or "")
            reference_name = ref_res[0] if ref_res else reference
            base = re.sub(
                r"[^a-z0-9]+",
                "-",
                f"{subject_name}-{reference_name}-{m.group('num')}{_unit(m.group('unit'))}".lower(),
            ).strip("-")
            cid, n = base, 2
            while cid in ids:
                cid, n = f"{base}-{n}", n + 1
            ids.add(cid)
            claims.append(
                ExtractedClaim(
                    id=cid,
                    quote=_quote(s, m),
                    subject=subject_name,
                    reference=reference_name,
                    distance=float(m.group("num").replace(",", "")),
                    unit=_unit(m.group("unit")),
                    qualifier=(m.group("hedge") or "").lower(),
                    direction=direction,
                    unresolved=tuple(problems),
                )
            )
            previous_subject = subject
            last_end = m.end()
    return Extraction(tuple(claims), tuple(unresolved.values()))


def _quote(sentence: str, m: re.Match, limit: int = 160) -> str:
    """The sentence, or the part of it around the statement when it is long."""
    if len(sentence) <= limit:
        return sentence.strip()
    start = max(0, sentence.rfind(" ", 0, max(0, m.start() - 60)) + 1)
    end = sentence.find(" ", min(len(sentence), m.end() + 20))
    end = len(sentence) if end < 0 else end
    return (
        ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
    )


def to_toml(extraction: Extraction, source: dict | None = None) -> str:
    """Write extracted claims as a claims file that :func:`islandchain.load_claims` reads.

    Parameters
    ----------
    extraction : Extraction
        From :func:`extract_claims`.
    source : dict, optional
        Written as the file's ``[source]`` table.

    Returns
    -------
    str
        TOML text.

    Examples
    --------
    >>> print(to_toml(extract_claims("Taiwan lies 111km west of Yonaguni.")))  # doctest: +SKIP
    """
    doc: dict = {}
    if source:
        doc["source"] = {k: str(v) for k, v in source.items()}
    entries = []
    for c in extraction.claims:
        entry = {
            "id": c.id,
            "kind": "distance",
            "quote": c.quote,
            "subject": c.subject,
            "reference": c.reference,
            "distance": c.distance,
            "unit": c.unit,
        }
        if c.qualifier:
            entry["qualifier"] = c.qualifier
        if c.direction:
            entry["direction"] = c.direction
        if c.unresolved:
            entry["unresolved"] = list(c.unresolved)
        entries.append(entry)
    doc["claim"] = entries
    header = "# Claims found by `islandchain extract`; check them with `islandchain verify`.\n"
    return header + tomli_w.dumps(doc)
