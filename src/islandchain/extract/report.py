"""Writing an extraction: a claims file (TOML), JSON, and the skipped-figures report.

Examples
--------
>>> from islandchain.extract import extract_claims
>>> found = extract_claims("Kinmen lies 10 km from Xiamen. The county covers 150 sq km.")
>>> print(skipped_report(found))
skipped '150 sq km' (characters 49-58): an area, not a distance
>>> from islandchain.claims import parse_claims
>>> [c.subject for c in parse_claims(to_toml(found))[1]]
['Kinmen']
"""

from __future__ import annotations

import json
from dataclasses import asdict

import tomli_w

from .core import Extraction, claim_entry
from .text import printable

__all__ = ["skipped_report", "to_json", "to_toml"]

_HEADER = (
    "# Claims found by `islandchain extract`; check them with `islandchain verify`.\n"
    "# Spans are character offsets in the text read (start, end).\n"
)


def to_toml(extraction: Extraction, source: dict | None = None) -> str:
    """The claims as a claims file that :func:`islandchain.load_claims` reads.

    Each claim is preceded by a comment with its character span and any note
    (a conversion that disagrees, a word verify cannot read); the skipped figures
    follow as comments.
    """
    parts = [_HEADER]
    if source:
        parts.append(tomli_w.dumps({"source": {k: str(v) for k, v in source.items()}}) + "\n")
    for claim in extraction.claims:
        parts.append(f"# span {claim.span[0]}-{claim.span[1]}: {printable(claim.figure, 80)}\n")
        for note in claim.notes:
            parts.append(f"# note: {printable(note, 300)}\n")
        parts.append(tomli_w.dumps({"claim": [claim_entry(claim)]}) + "\n")
    for st in extraction.statements:
        parts.append(f"# span {st.span[0]}-{st.span[1]}: {st.kind}\n")
        parts.append(tomli_w.dumps({"claim": [st.entry]}) + "\n")
    for line in skipped_report(extraction).splitlines():
        parts.append(f"# {line}\n")
    return "".join(parts)


def to_json(extraction: Extraction, source: dict | None = None) -> str:
    """Everything found, as JSON: claims (as written to a claims file, with spans and the
    place ids), skipped figures with reasons, direction-only statements, unresolved
    places and the limits reached.

    >>> from islandchain.extract import extract_claims
    >>> doc = json.loads(to_json(extract_claims("Taiwan lies 111 km west of Yonaguni.")))
    >>> doc["claims"][0]["span"], doc["claims"][0]["subject_id"], doc["skipped"]
    ([0, 35], 'taiwan', [])
    """
    claims = []
    for c in extraction.claims:
        record = claim_entry(c)
        record.update(
            span=list(c.span),
            figure_span=list(c.figure_span),
            figure=c.figure,
            subject_id=c.subject_id,
            reference_id=c.reference_id,
            comparator=c.comparator,
            notes=list(c.notes),
        )
        if c.distance_max is not None:
            record.update(stated_distance=c.distance, stated_distance_max=c.distance_max)
        if c.conversion is not None:
            record["conversion"] = asdict(c.conversion)
        claims.append(record)
    for st in extraction.statements:
        claims.append(
            {
                **st.entry,
                "span": list(st.span),
                "subject_id": st.subject_id,
                "reference_id": st.reference_id,
                "other_id": st.other_id,
            }
        )
    doc = {
        "source": {k: str(v) for k, v in (source or {}).items()},
        "claims": claims,
        "skipped": [
            {"figure": s.figure, "span": list(s.span), "reason": s.reason, "quote": s.quote}
            for s in extraction.skipped
        ],
        "directions": [asdict(d) for d in extraction.directions],
        "unresolved": [asdict(u) for u in extraction.unresolved],
        "limits": list(extraction.limits),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def skipped_report(extraction: Extraction) -> str:
    """One line per figure that did not become a claim, with the reason."""
    lines = [
        f"skipped {printable(s.figure, 80)!r} (characters {s.span[0]}-{s.span[1]}): "
        f"{printable(s.reason, 200)}"
        for s in extraction.skipped
    ]
    lines += [f"limit reached: {x}" for x in extraction.limits]
    return "\n".join(lines)
