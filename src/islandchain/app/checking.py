"""What the page does with one request: text, a claims file or a typed claim, checked.

Everything a request needs travels with it (the text and the claims, as a
:class:`Work`), so two people using the page at once never share anything but
the read-only data: no session store, no global that a request changes.

>>> work = work_from_claim({"subject": "Yonaguni", "reference": "Taiwan", "distance": "111"})
>>> result = check_work(work, cross_check=False)
>>> result.verdicts[0].status.value
'holds'
>>> "Yonaguni" in claims_toml(work)
True
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, field, replace
from typing import Any

import tomli_w

from ..claims import Verdict, check_claims, parse_claims
from ..errors import ClaimError, InputError
from ..extract import extract_claims, skipped_report
from ..extract.core import claim_entry
from ..extract.text import printable

__all__ = [
    "EDITABLE",
    "Checked",
    "Segment",
    "Work",
    "apply_edits",
    "check_work",
    "claims_toml",
    "segments",
    "work_from_claim",
    "work_from_json",
    "work_from_text",
    "work_from_toml",
    "work_to_json",
]

#: The fields of a claim the page lets a user correct.
EDITABLE = ("subject", "reference", "place", "distance", "unit", "direction", "qualifier")
#: Most claims one request checks.
MAX_CLAIMS = 200
_PLACE_FIELDS = ("subject", "reference", "place")


@dataclass(frozen=True)
class Work:
    """What a request asks to check.

    Attributes
    ----------
    text : str
        The article ('' for a claims file or a typed claim).
    entries : tuple of dict
        The claims, as ``[[claim]]`` tables of a claims file.
    spans : tuple of (tuple of int, tuple of int)
        For each claim, its statement's span and its figure's span in ``text``
        (``(0, 0)`` when it has none).
    notes : tuple of str
        What the extraction skipped or could not resolve, one line each.
    """

    text: str = ""
    entries: tuple[dict[str, Any], ...] = ()
    spans: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A piece of the text, and the claim (index) and status it shows, if any."""

    text: str
    claim: int | None = None
    status: str = ""
    figure: bool = False


@dataclass(frozen=True)
class Checked:
    """The verdicts of a :class:`Work`, with the places each name was read as."""

    work: Work
    verdicts: tuple[Verdict, ...]
    places: tuple[str, ...] = field(default=())
    problems: tuple[str, ...] = field(default=())


def work_from_text(text: str) -> Work:
    """Find the statements in an article (see :func:`islandchain.extract.extract_claims`)."""
    found = extract_claims(text)
    notes = [
        f"{printable(u.text, 80)!r}: not in the gazetteer"
        + (f"; did you mean {', '.join(u.suggestions)}?" if u.suggestions else "")
        for u in found.unresolved
    ]
    report = skipped_report(found)
    notes += report.splitlines() if report else []
    claims = found.claims[:MAX_CLAIMS]
    return Work(
        text=text,
        entries=tuple(claim_entry(c) for c in claims),
        spans=tuple((tuple(c.span), tuple(c.figure_span)) for c in claims),  # type: ignore[misc]
        notes=tuple(notes),
    )


def work_from_toml(text: str, where: str = "claims file") -> Work:
    """The claims of a claims file (TOML); raises ``ClaimError`` for one that cannot be read."""
    parse_claims(text, where)  # the same checks and messages as `islandchain verify`
    entries = tomllib.loads(text.removeprefix("\ufeff"))["claim"][:MAX_CLAIMS]
    return Work(entries=tuple(entries), spans=tuple(((0, 0), (0, 0)) for _ in entries))


def work_from_claim(fields: dict[str, str]) -> Work:
    """One claim typed into the form: subject, reference, distance, unit, direction, ..."""
    entry: dict[str, Any] = {"id": "typed", "kind": "distance"}
    for name in ("subject", "reference", "unit", "direction", "qualifier"):
        value = fields.get(name, "").strip()
        if value:
            entry[name] = value
    entry["distance"] = _number(fields.get("distance", ""))
    words = [entry.get("subject", ""), entry.get("reference", "")]
    entry["quote"] = f"{words[0]} lies {fields.get('distance', '').strip()} from {words[1]}"
    return Work(entries=(entry,), spans=(((0, 0), (0, 0)),))


def _number(text: str) -> float | str:
    """A figure typed in a field: a number if it reads as one, else the text (reported)."""
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        return text.strip()
    return value if math.isfinite(value) else text.strip()


def apply_edits(work: Work, edits: dict[int, dict[str, str]]) -> Work:
    """``work`` with the fields a user corrected; a corrected place is no longer unresolved.

    >>> w = Work(entries=({"subject": "Yonaguny", "unresolved": ["Yonaguny"]},), spans=())
    >>> apply_edits(w, {0: {"subject": "Yonaguni"}}).entries[0]
    {'subject': 'Yonaguni'}
    """
    entries = []
    for i, entry in enumerate(work.entries):
        entry = dict(entry)
        for name, value in edits.get(i, {}).items():
            if name not in EDITABLE or str(entry.get(name, "")) == value:
                continue
            if name == "distance":
                entry[name] = _number(value)
            elif value.strip():
                entry[name] = value.strip()
            else:
                entry.pop(name, None)
            if name in _PLACE_FIELDS:
                entry.pop("unresolved", None)
        entries.append(entry)
    return replace(work, entries=tuple(entries))


def claims_toml(work: Work, title: str = "") -> str:
    """The claims as a claims file that ``islandchain verify`` reads."""
    doc: dict[str, Any] = {"source": {"title": title or "checked on the islandchain page"}}
    doc["claim"] = [_plain(e) for e in work.entries]
    return tomli_w.dumps(doc)


def _plain(entry: dict[str, Any]) -> dict[str, Any]:
    """A claim table TOML can hold (no None; lists of plain values)."""
    return {k: v for k, v in entry.items() if v is not None and isinstance(k, str)}


def check_work(work: Work, *, cross_check: bool = True) -> Checked:
    """Check every claim of ``work``; a claim that cannot be read is "cannot be checked"."""
    if not work.entries:
        return Checked(work, ())
    try:
        _, claims = parse_claims(claims_toml(work), "the page")
    except ClaimError as exc:
        return Checked(work, (), problems=(str(exc),))
    verdicts = tuple(check_claims(claims, cross_check=cross_check))
    problems = tuple(str(p) for c in claims for p in c.problems)
    return Checked(work, verdicts, places=_places(verdicts), problems=problems)


def _places(verdicts: tuple[Verdict, ...]) -> tuple[str, ...]:
    """'Taiwan' read as Taiwan (the main island): one line per name and the place it became."""
    from ..data import features

    names = features()["name"] if len(verdicts) else None
    seen: dict[str, str] = {}
    for v in verdicts:
        pairs = (
            (v.claim.subject or v.claim.place, v.subject_id),
            (v.claim.reference, v.reference_id),
        )
        for written, fid in pairs:
            if written and fid and written not in seen and names is not None and fid in names.index:
                seen[written] = str(names[fid])
    return tuple(f"{printable(k, 80)!r} → {printable(v, 120)}" for k, v in seen.items())


def segments(work: Work, statuses: list[str]) -> list[Segment]:
    """The text cut where statements and figures start and end, each piece with its claim.

    Statements may overlap (two figures in one sentence); a piece inside a
    figure belongs to that figure's claim, else to the last statement covering it.

    >>> w = Work(text="Taiwan lies 111 km west of Yonaguni.", spans=(((0, 35), (12, 18)),))
    >>> [(s.text, s.claim, s.figure) for s in segments(w, ["holds"])][1:]
    [('111 km', 0, True), (' west of Yonaguni', 0, False), ('.', None, False)]
    """
    text = work.text
    cuts = {0, len(text)}
    for span, figure in work.spans:
        for a, b in (span, figure):
            if 0 <= a < b <= len(text):
                cuts |= {a, b}
    edges = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(edges, edges[1:], strict=False):
        claim, is_figure = None, False
        for i, (span, figure) in enumerate(work.spans):
            if figure[0] <= a and b <= figure[1] and figure[1] > figure[0]:
                claim, is_figure = i, True
                break
            if span[0] <= a and b <= span[1] and span[1] > span[0]:
                claim = i
        status = statuses[claim] if claim is not None and claim < len(statuses) else ""
        out.append(Segment(text[a:b], claim, status, is_figure))
    return out


def work_to_json(work: Work) -> str:
    """The work as JSON, carried by the page's forms between a check and a re-check."""
    return json.dumps(
        {
            "text": work.text,
            "entries": list(work.entries),
            "spans": [[list(s), list(f)] for s, f in work.spans],
            "notes": list(work.notes),
        },
        ensure_ascii=False,
    )


def work_from_json(text: str) -> Work:
    """Read back :func:`work_to_json`; anything else is an ``InputError`` (never evaluated).

    >>> work_from_json(work_to_json(Work(text="x"))).text
    'x'
    """
    try:
        doc = json.loads(text)
        entries = tuple(dict(e) for e in doc["entries"][:MAX_CLAIMS])
        spans = tuple(
            ((int(s[0]), int(s[1])), (int(f[0]), int(f[1]))) for s, f in doc["spans"][:MAX_CLAIMS]
        )
        work = Work(
            text=str(doc["text"]),
            entries=entries,
            spans=spans,
            notes=tuple(str(n) for n in doc["notes"]),
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise InputError("the page's form data cannot be read; start again with Check") from None
    if not all(isinstance(k, str) for e in work.entries for k in e):
        raise InputError("the page's form data cannot be read; start again with Check")
    return work
