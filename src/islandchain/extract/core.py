"""From a text to claims: sentences, mentions, figures, relations, and what was skipped."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import vocabulary as voc
from ..claimfile import make_claim
from ..data import resolve
from ..errors import ClaimError, IslandchainError, OutsideRegionError, UnknownPlaceError
from . import reading
from .mentions import Mention, find_mentions
from .quantities import Conversion, Quantity, find_quantities
from .relations import Context, Link, relate
from .statements import KindClaim, kind_claims
from .text import Normalised, normalise, printable, sentences

__all__ = [
    "LIMITS",
    "DirectionStatement",
    "ExtractedClaim",
    "Extraction",
    "Skipped",
    "Unresolved",
    "extract_claims",
]

#: Bounds on the work done for one text; when one is reached, the extraction says so.
LIMITS: dict[str, int] = {
    "characters": 2_000_000,  # characters of text read
    "sentence": 3_000,  # characters of one sentence read as one (longer: read in pieces)
    "figures": 20_000,  # figures with a unit read in one text
    "suggestions": 50,  # unknown places looked up for the closest known names
}

#: The English word written for a comparator met in another language.
_COMPARATOR_WORD = {
    "approximately": "about",
    "at least": "more than",
    "at most": "less than",
    "slightly below": "nearly",
    "slightly above": "just over",
    "emphasis": "only",
}


@dataclass(frozen=True)
class ExtractedClaim:
    """One distance statement found in a text, ready to be written as a claim.

    ``span`` is the statement's character span in the text given (start, end);
    ``figure_span`` that of the figure alone. ``decided_by`` names the words that decided
    its two places, ``confidence`` how sure that reading is (0 to 1, see
    :mod:`islandchain.extract.reading`), ``alternatives`` the other pairs of places the
    sentence allows.
    """

    id: str
    quote: str
    subject: str
    reference: str
    distance: float
    unit: str
    qualifier: str = ""
    comparator: str = "plain"
    direction: str = ""
    distance_max: float | None = None
    span: tuple[int, int] = (0, 0)
    figure_span: tuple[int, int] = (0, 0)
    figure: str = ""
    subject_id: str = ""
    reference_id: str = ""
    unresolved: tuple[str, ...] = ()
    conversion: Conversion | None = None
    notes: tuple[str, ...] = ()
    kind: str = "distance"
    at: str = ""
    decided_by: str = ""
    confidence: float = 1.0
    alternatives: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A distance figure that did not become a claim, and why."""

    figure: str
    span: tuple[int, int]
    reason: str
    quote: str = ""


@dataclass(frozen=True)
class DirectionStatement:
    """A direction stated with no distance ("Pengjia lies north-east of Keelung")."""

    subject: str
    reference: str
    direction: str
    span: tuple[int, int]
    quote: str
    subject_id: str = ""
    reference_id: str = ""


@dataclass(frozen=True)
class Unresolved:
    """A place named in a statement that the gazetteer does not know."""

    text: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What :func:`extract_claims` found, skipped and where it stopped."""

    claims: tuple[ExtractedClaim, ...]
    skipped: tuple[Skipped, ...] = ()
    directions: tuple[DirectionStatement, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    limits: tuple[str, ...] = ()
    statements: tuple[KindClaim, ...] = ()


def extract_claims(text: str) -> Extraction:
    """Find distance statements in English, Japanese or Chinese text.

    Parameters
    ----------
    text : str
        The article, as plain text.

    Returns
    -------
    Extraction
        ``claims``: one per statement, each checked to be readable by
        :func:`islandchain.claims.parse_claims`; ``skipped``: every other distance figure
        with the reason; ``directions``: direction-only statements; ``unresolved``: places
        not in the gazetteer with the closest known names; ``limits``: the bounds of
        :data:`LIMITS` that were reached.

    Examples
    --------
    >>> found = extract_claims("Taiwan lies 111km west of Yonaguni Island. It covers 36,000 sq km.")
    >>> c = found.claims[0]
    >>> c.subject, c.reference, c.distance, c.unit, c.direction, c.span
    ('Taiwan', 'Yonaguni Island', 111.0, 'km', 'west', (0, 41))
    >>> [(s.figure, s.reason) for s in found.skipped]
    [('36,000 sq km', 'an area, not a distance')]
    >>> extract_claims("与那国島は台湾の東約110キロに位置する。").claims[0].direction
    'east'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    limits: list[str] = []
    if len(text) > LIMITS["characters"]:
        limits.append(
            f"only the first {LIMITS['characters']:,} characters were read "
            f"(the text has {len(text):,})"
        )
        text = text[: LIMITS["characters"]]
    norm = normalise(text)
    context = Context()
    claims: list[ExtractedClaim] = []
    skipped: list[Skipped] = []
    directions: list[DirectionStatement] = []
    statements: list[KindClaim] = []
    unresolved: dict[str, Unresolved] = {}
    ids: set[str] = set()
    figures = 0
    for sentence in _pieces(sentences(norm), limits):
        quantities = find_quantities(sentence.text)
        if figures + len(quantities) > LIMITS["figures"]:
            limits.append(f"stopped after {LIMITS['figures']:,} figures")
            break
        figures += len(quantities)
        mentions = find_mentions(sentence.text)
        topic = context.topic  # the place the sentence before was about
        links = relate(sentence.text, mentions, quantities, context)
        whole = _sentence_quote(text, norm, sentence)
        for link in links:
            quote = _quote(whole, norm, sentence, link.quantity)
            fig_span = norm.span(
                sentence.start + link.quantity.start, sentence.start + link.quantity.end
            )
            figure = printable(text[fig_span[0] : fig_span[1]], 120)
            if link.reason:
                skipped.append(Skipped(figure, fig_span, link.reason, quote))
                continue
            claim, problem = _claim(text, norm, sentence, link, quote, ids, unresolved)
            if claim is not None and claim.kind == "distance":
                claim = replace(
                    claim,
                    decided_by=reading.decided_by(link, sentence.text),
                    confidence=reading.confidence(link, mentions),
                    alternatives=reading.alternatives(link, mentions, topic),
                )
            if claim is None:
                skipped.append(Skipped(figure, fig_span, problem, quote))
            else:
                claims.append(claim)
        # Directions alone, comparisons, extremes, halfway: extract/statements.py.
        found = kind_claims(
            norm, sentence, mentions, quantities, topic, ids,
            _quote(whole, norm, sentence, Quantity(0, 0, "", 0.0, "")),
        )  # fmt: skip
        statements += found
        directions += [
            DirectionStatement(c.subject, c.reference, c.direction, c.span, c.quote,
                               c.subject_id, c.reference_id)
            for c in found if c.kind == "direction"
        ]  # fmt: skip
    if len(unresolved) >= LIMITS["suggestions"]:
        limits.append(
            f"only the first {LIMITS['suggestions']} unknown places were looked up "
            "for the closest known names"
        )
    return Extraction(
        tuple(claims), tuple(skipped), tuple(directions), tuple(unresolved.values()),
        tuple(limits), tuple(statements),
    )  # fmt: skip


def _pieces(parts, limits: list[str]):
    """Sentences, with any longer than the limit read in pieces cut at white space."""
    size = LIMITS["sentence"]
    noted = False
    for s in parts:
        if len(s.text) <= size:
            yield s
            continue
        if not noted:
            limits.append(
                f"sentences longer than {size:,} characters were read in pieces; "
                "a statement across a cut may be missed"
            )
            noted = True
        start = 0
        while start < len(s.text):
            end = min(len(s.text), start + size)
            if end < len(s.text):
                cut = s.text.rfind(" ", start + size // 2, end)
                end = cut if cut > start else end
            chunk = s.text[start:end]
            yield type(s)(chunk, s.start + start)
            start = end


def _quote(
    whole: tuple[int, str], norm: Normalised, sentence, q: Quantity, limit: int = 300
) -> str:
    """The sentence round figure ``q`` as a quote of at most ``limit`` characters."""
    a, quote = whole
    if len(quote) <= limit:
        return quote
    fa, _ = norm.span(sentence.start + q.start, sentence.start + q.end)
    centre = fa - a
    lo = max(0, centre - limit // 2)
    return ("…" if lo else "") + quote[lo : lo + limit - 2].strip() + "…"


def _sentence_quote(text: str, norm: Normalised, sentence) -> tuple[int, str]:
    """Where a sentence starts in ``text``, and its words as one line (quoted once per
    sentence, not once per figure: a sentence may hold thousands)."""
    a, b = norm.span(sentence.start, sentence.start + len(sentence.text))
    return a, printable(" ".join(text[a:b].split()), 100_000)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _name(m: Mention) -> str:
    return m.name if m.kind == "place" and m.name else " ".join(m.text.split())


def _figure_text(value: float) -> str:
    return f"{value:g}" if value < 1e6 else str(int(value))


def _claim(text, norm, sentence, link: Link, quote, ids, unresolved):
    q, a, b = link.quantity, link.subject, link.reference
    if link.kind == "width" and a is not None:
        return _width_claim(text, norm, sentence, link, a, quote, ids)
    if a is None or b is None:
        return None, "no second place"
    starts = [x.start for x in (a, b) if x.start >= 0] + [q.start]
    ends = [x.end for x in (a, b)] + [q.end]
    s0, s1 = min(starts), max(ends)
    span = norm.span(sentence.start + s0, sentence.start + s1)
    fig_span = norm.span(sentence.start + q.start, sentence.start + q.end)
    subject, reference = _name(a), _name(b)
    problems = []
    for m in (a, b):
        if m.kind == "unknown":
            found = _lookup_unknown(_name(m)[:80], unresolved)
            if isinstance(found, OutsideRegionError):
                where = f" at {found.where}" if found.where else ""
                return None, (
                    f"place outside the region: {printable(_name(m), 80)!r}{where} "
                    f"(the data cover {found.region})"
                )
        if m.kind != "place":
            problems.append(_name(m))
            _note_unknown(_name(m), unresolved)
    qualifier = q.qualifier
    direction = ""
    if link.direction:
        parsed = voc.parse_direction(link.direction)
        direction = str(parsed) if parsed else ""
    sid = a.fid or _slug(subject) or "x"
    rid = b.fid or _slug(reference) or "x"
    base = f"{sid}-{rid}-{_figure_text(q.value_max or q.value)}{q.unit}".replace(".", "-")
    base = _slug(base)[:80]
    cid, n = base, 2
    while cid in ids:
        cid, n = f"{base}-{n}", n + 1
    claim = ExtractedClaim(
        id=cid,
        quote=quote,
        subject=subject,
        reference=reference,
        distance=q.value,
        unit=q.unit,
        qualifier=qualifier,
        comparator=q.comparator,
        direction=direction,
        distance_max=q.value_max,
        span=span,
        figure_span=fig_span,
        figure=printable(text[fig_span[0] : fig_span[1]], 120),
        subject_id=a.fid,
        reference_id=b.fid,
        unresolved=tuple(problems),
        conversion=q.conversion,
        notes=(q.note,) if q.note else (),
    )
    if q.conversion is not None and not q.conversion.agrees:
        claim = replace(
            claim,
            notes=claim.notes
            + (
                f"the conversion {q.conversion.value:g} {q.conversion.unit} does not agree with "
                f"{q.value:g} {q.unit}",
            ),
        )
    checked, problem = _checked(claim)
    if checked is not None:
        ids.add(checked.id)
    return checked, problem


def _width_claim(text, norm, sentence, link: Link, strait: Mention, quote, ids):
    """The claim of a width link; ``strait`` is its subject (never None for a width)."""
    q = link.quantity
    fig_span = norm.span(sentence.start + q.start, sentence.start + q.end)
    if (
        strait.start < len(sentence.text)
        and sentence.text[strait.start : strait.end] == strait.text
    ):
        s0, s1 = min(strait.start, q.start), max(strait.end, q.end)
    else:
        s0, s1 = q.start, q.end
    base = _slug(f"{strait.fid}-width-{_figure_text(q.value_max or q.value)}{q.unit}")[:80]
    cid, n = base, 2
    while cid in ids:
        cid, n = f"{base}-{n}", n + 1
    claim = ExtractedClaim(
        id=cid,
        quote=quote,
        subject=_name(strait),
        reference="",
        distance=q.value,
        unit=q.unit,
        qualifier=q.qualifier,
        comparator=q.comparator,
        distance_max=q.value_max,
        span=norm.span(sentence.start + s0, sentence.start + s1),
        figure_span=fig_span,
        figure=printable(text[fig_span[0] : fig_span[1]], 120),
        subject_id=strait.fid,
        conversion=q.conversion,
        kind="width",
        at=link.at,
    )
    checked, problem = _checked(claim)
    if checked is not None:
        ids.add(checked.id)
    return checked, problem


def _problem(exc: ClaimError) -> str:
    return f"{exc.field}: {exc.problem}"  # not the claim's internal name


def _lookup_unknown(name: str, unresolved: dict) -> IslandchainError | None:
    """Why the gazetteer does not know ``name`` (looked up at most LIMITS times a text)."""
    if name in unresolved or len(unresolved) >= LIMITS["suggestions"]:
        return None
    return _why_unknown(name)


@lru_cache(maxsize=1024)
def _why_unknown(name: str) -> IslandchainError | None:
    try:
        resolve(name)
    except IslandchainError as exc:
        return exc
    return None


def _note_unknown(name: str, unresolved: dict) -> None:
    if name in unresolved:
        return
    suggestions: tuple[str, ...] = ()
    if len(unresolved) < LIMITS["suggestions"]:
        exc = _why_unknown(name[:80])
        if isinstance(exc, UnknownPlaceError):
            try:
                suggestions = tuple(exc.suggestions)
            except LookupError:  # a gap in the name index must not stop extraction
                suggestions = ()
    unresolved[name] = Unresolved(name, suggestions)


def claim_entry(claim: ExtractedClaim) -> dict:
    """The claim as a ``[[claim]]`` table of the claims file (plain values)."""
    if claim.kind == "width":
        entry: dict = {"id": claim.id, "kind": "width", "quote": claim.quote}
        entry["place"] = claim.subject
        entry.update(distance=claim.distance, unit=claim.unit)
        if claim.at:
            entry["at"] = claim.at
    else:
        entry = {
            "id": claim.id,
            "kind": "distance",
            "quote": claim.quote,
            "subject": claim.subject,
            "reference": claim.reference,
            "distance": claim.distance,
            "unit": claim.unit,
        }
    if claim.distance_max is not None:
        entry["distance_max"] = claim.distance_max
    if claim.qualifier:
        entry["qualifier"] = claim.qualifier
    if claim.direction:
        entry["direction"] = claim.direction
    if claim.notes:
        entry["note"] = "; ".join(claim.notes)
    if claim.unresolved:
        entry["unresolved"] = list(claim.unresolved)
    if claim.decided_by:
        entry["decided_by"] = claim.decided_by
    if claim.kind == "distance":
        entry["confidence"] = claim.confidence
    if claim.alternatives:
        entry["alternatives"] = [list(p) for p in claim.alternatives]
    return entry


def _checked(claim: ExtractedClaim) -> tuple[ExtractedClaim | None, str]:
    """The claim as the claims reader accepts it, dropping what it cannot read.

    The outcome depends only on the fields below, so it is computed once for each.
    """
    key = (
        claim.subject, claim.reference, claim.distance, claim.distance_max, claim.unit,
        claim.qualifier, claim.direction, claim.unresolved, claim.notes, claim.comparator,
        claim.kind, claim.at,
    )  # fmt: skip
    fixed = _checked_fields(key)
    if fixed is None or isinstance(fixed, str):
        return None, fixed or "not readable as a claim"
    direction, qualifier, unresolved, notes = fixed
    return replace(
        claim, direction=direction, qualifier=qualifier, unresolved=unresolved, notes=notes
    ), ""


@lru_cache(maxsize=4096)
def _checked_fields(key: tuple):
    (subject, reference, distance, distance_max, unit, qualifier, direction, unresolved, notes,
     comparator, kind, at) = key  # fmt: skip
    claim = ExtractedClaim(
        id="x", quote="", subject=subject, reference=reference, distance=distance,
        distance_max=distance_max, unit=unit, qualifier=qualifier, direction=direction,
        unresolved=unresolved, notes=notes, comparator=comparator, kind=kind, at=at,
    )  # fmt: skip
    checked, problem = _validate(claim)
    if checked is None:
        return problem
    return checked.direction, checked.qualifier, checked.unresolved, checked.notes


def _validate(claim: ExtractedClaim) -> tuple[ExtractedClaim | None, str]:
    """The claim as :func:`islandchain.claimfile.make_claim` reads it, built directly.

    Words the claims reader does not know are dropped with a note (a direction, a width
    position), a qualifier is written in English, and a place the gazetteer does not know
    goes to ``unresolved``; a claim is rejected only for a fault that has no such remedy.
    """
    if not all(math.isfinite(v) for v in (claim.distance, claim.distance_max or 0.0)):
        return None, "not a finite number"
    notes = list(claim.notes)
    for _ in range(2):  # a fix never needs a second one, but one more reading confirms it
        try:
            problems = make_claim(claim_entry(claim), "<extract>").problems
        except LookupError as exc:  # a fault in a name lookup must not stop extraction
            return None, f"the claims reader could not read it ({type(exc).__name__}: {exc})"
        if not problems:
            return replace(claim, notes=tuple(notes)), ""
        for problem in problems:
            claim, note, fatal = _remedy(claim, problem)
            if fatal:
                return None, fatal
            if note:
                notes.append(note)
    return None, "not readable as a claim"


def _remedy(claim: ExtractedClaim, exc: ClaimError) -> tuple[ExtractedClaim, str, str]:
    """The claim with one problem of the claims reader remedied, a note, and a fatal reason."""
    fld = exc.field
    if fld == "direction" and claim.direction:
        return (
            replace(claim, direction=""),
            f"direction {claim.direction!r} dropped: {_problem(exc)}",
            "",
        )
    if fld == "qualifier" and claim.qualifier:
        english = _COMPARATOR_WORD.get(claim.comparator, "")
        if english and english != claim.qualifier and voc.parse_qualifier(english) is not None:
            return replace(claim, qualifier=english), "", ""
        return (
            replace(claim, qualifier=""),
            f"qualifier {claim.qualifier!r} dropped: {_problem(exc)}",
            "",
        )
    if fld in ("subject", "reference", "place"):
        name = claim.subject if fld == "place" else getattr(claim, fld)
        if name in claim.unresolved or _why_unknown(name[:80]) is None:
            return claim, "", f"not checkable by verify: {_problem(exc)}"
        return replace(claim, unresolved=(*claim.unresolved, name)), "", ""
    if fld == "at" and claim.at:
        return replace(claim, at=""), f"width position {claim.at!r} dropped: {_problem(exc)}", ""
    return claim, "", f"not readable as a claim ({_problem(exc)})"
