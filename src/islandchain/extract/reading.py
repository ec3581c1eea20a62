"""How a claim was read: the words that decided its places, a confidence, the other pairs.

A figure's places are found by a pattern, by the subject of its clause, by the place the
text is about, or by a list; each route is more or less sure. The confidence is the product
of the factors below (set on the development corpora: routes that were wrong there more
often weigh less); verify warns "check the places" below
:data:`islandchain.placecheck.CONFIDENT`.

>>> from islandchain.extract import extract_claims
>>> c = extract_claims("Yonaguni is small. It lies 110 km east of Taiwan.").claims[0]
>>> c.confidence
0.85
>>> for part in c.decided_by.split("; "):
...     print(part)
subject 'It' (Yonaguni): the subject of the figure's clause, referring back
reference 'Taiwan': named with the pattern (east of)
"""

from __future__ import annotations

import re
from itertools import combinations

from . import patterns
from .mentions import Mention
from .relations import Link, _within

__all__ = ["alternatives", "confidence", "decided_by"]

#: How sure each route that finds a place is (1: the pattern names it).
_ROUTE = {
    "named with the pattern": 1.0,
    "the subject of the figure's clause": 1.0,
    "the place the figure qualifies": 0.95,
    "after a fronted phrase": 0.9,
    "after the verb (inverted order)": 0.9,
    "the subject of the figure before it": 0.9,
    "after the figure": 0.85,
    'the place before ", N km away"': 0.85,
    "listed, in order with its figure (respectively)": 0.9,
    "one of a list": 0.85,
    "not written: the place the text is about": 0.7,
    "not named with the figure: a place named before it, or the topic": 0.6,
}


def _referring(m: Mention) -> bool:
    return (
        m.start < 0
        or bool(m.name)
        and m.text.casefold() != m.name.casefold()
        and (
            m.text.casefold() in patterns.ANAPHORS
            or re.match(patterns.REFERRING_PHRASE, m.text, re.I) is not None
        )
    )


def confidence(link: Link, mentions: list[Mention]) -> float:
    """How sure the reading of the link's two places is, from 0 to 1."""
    value = _ROUTE.get(link.subject_by or "named with the pattern", 0.8)
    value *= _ROUTE.get(link.reference_by or "named with the pattern", 0.8)
    for m in (link.subject, link.reference):
        if m is None:
            return 0.0
        if m.kind != "place":
            value *= 0.5
        if _referring(m):
            value *= 0.85
        if m.part:
            value *= 0.95
    if len({m.fid for m in mentions if m.kind == "place"}) >= 4:
        value *= 0.9  # many places named: more ways to pair them
    return round(value, 2)


def decided_by(link: Link, sentence: str) -> str:
    """The words that decided the two places, in a line."""
    parts = []
    for role, m, how in (
        ("subject", link.subject, link.subject_by or "named with the pattern"),
        ("reference", link.reference, link.reference_by or "named with the pattern"),
    ):
        if m is None:
            continue
        words = m.text if m.start >= 0 else "(not written)"
        if m.part:
            words = f"{m.part} {words}" if not m.part.startswith("'") else words + m.part
        shown = f"{role} {words!r}"
        if m.name and m.name.casefold() not in words.casefold():
            shown += f" ({m.name})"
        if _referring(m) and m.start >= 0:
            how += ", referring back"
        if role == "reference" and how == "named with the pattern":
            how += _relation_words(link, m, sentence)
        parts.append(f"{shown}: {how}")
    return "; ".join(parts)


def _relation_words(link: Link, ref: Mention, sentence: str) -> str:
    """The words between the figure and its reference ("east of"), when short."""
    q = link.quantity
    if ref.start >= q.end:
        between = " ".join(sentence[q.end : ref.start].split())
    elif ref.end <= q.start:
        between = " ".join(sentence[ref.end : q.start].split())
    else:
        return ""
    return f" ({between})" if 0 < len(between) <= 40 else ""


def alternatives(
    link: Link, mentions: list[Mention], topic: Mention | None, limit: int = 6
) -> tuple[tuple[str, str], ...]:
    """Other pairs of places the sentence allows (and the place the text is about), those
    sharing an end with the pair read first; never a place and the place it lies in."""
    chosen = {
        link.subject.fid if link.subject else "",
        link.reference.fid if link.reference else "",
    }
    places: dict[str, str] = {}
    for m in [*mentions, *([topic] if topic is not None else [])]:
        if m.kind == "place" and m.fid and m.feature_kind != "strait":
            places.setdefault(m.fid, m.name or m.text)
    chosen_pair = frozenset(chosen)
    pairs = [
        (a, b)
        for a, b in combinations(places, 2)
        if frozenset((a, b)) != chosen_pair and not _within(a, b) and not _within(b, a)
    ]
    pairs.sort(key=lambda p: not ({p[0], p[1]} & chosen))
    return tuple((places[a], places[b]) for a, b in pairs[:limit])
