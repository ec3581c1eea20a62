"""Reading claims files: TOML text into :class:`Claim` records.

A claims file holds one ``[source]`` table and an array of ``[[claim]]``
tables (see the README, "Claims files"). Reading never stops at a bad claim:
each claim that cannot be read is returned all the same, with its
``problems`` (a :class:`~islandchain.errors.ClaimError` per bad field, naming
the file, the claim, the field and a fix), and becomes "cannot be checked".
Only a file that cannot be read at all raises.

Words in fields (units, qualifiers, directions, measures, states) are read
through :mod:`islandchain.vocabulary`.

>>> _, [good, bad] = parse_claims('''
... [[claim]]
... subject = "Taiwan"
... reference = "Yonaguni"
... distance = 111
... direction = "W"
... [[claim]]
... subject = "Taiwan"
... reference = "Yonaguni"
... distance = 111
... unit = "kilomters"
... ''', "x.toml")
>>> good.distance_km, good.bearing.abbreviation, good.malformed
(111.0, 'W', False)
>>> print(bad.problems[0])  # doctest: +ELLIPSIS
x.toml: claim 'claim-2', field 'unit': unknown unit 'kilomters'; did you mean 'kilometers', ...)
"""

from __future__ import annotations

import datetime
import difflib
import math
import numbers
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .data import features, resolve
from .errors import ClaimError, InputError, UnknownPlaceError
from .io import decode_text, read_bytes
from .vocabulary import (
    ClaimKind,
    Comparative,
    Comparator,
    Direction,
    Extreme,
    Measure,
    Unit,
    parse_comparative,
    parse_direction,
    parse_extreme,
    parse_feature_kind,
    parse_kind,
    parse_measure,
    parse_qualifier,
    parse_state,
    parse_unit,
    parse_width_at,
    suggest,
)

__all__ = [
    "INFORMATIONAL_FIELDS",
    "MAX_CLAIMS_BYTES",
    "MAX_DISTANCE_KM",
    "Claim",
    "decode_claims",
    "load_claims",
    "make_claim",
    "parse_claims",
]

#: The largest claims file read, in bytes.
MAX_CLAIMS_BYTES = 64 * 1024 * 1024
#: The longest distance a claim may state: half the Earth's circumference.
MAX_DISTANCE_KM = 20_037.5
#: Fields a claim may carry for people or tools, not read by the checker.
INFORMATIONAL_FIELDS = frozenset(
    {"note", "comment", "url", "page", "line", "sentence", "context", "language"}
)


@dataclass(frozen=True)
class Claim:
    """One claim as read from a claims file.

    Words are kept as written (``unit``, ``qualifier``, ``direction``) next to
    their meaning (``comparator``, ``bearing``). A claim that could not be read
    has ``problems`` and is reported "cannot be checked".
    """

    id: str
    kind: ClaimKind | str
    quote: str = ""
    source: str = ""
    subject: str = ""
    reference: str = ""
    distance: float | None = None
    distance_max: float | None = None
    unit: Unit = Unit.KM
    qualifier: str = ""
    comparator: Comparator = Comparator.PLAIN
    direction: str = ""
    bearing: Direction | None = None
    measure: Measure = Measure.COAST
    subject_point: str = ""
    reference_point: str = ""
    tolerance_km: float | None = None
    place: str = ""
    at: str = ""
    admin: str = ""
    claimants: tuple[str, ...] = ()
    unresolved: tuple[str, ...] = ()
    than: str = ""
    than_kind: str = ""
    than_state: str = ""
    comparative: Comparative = Comparative.NEARER
    extreme: Extreme | None = None
    among: str = ""
    state: str = ""
    within: str = ""
    inhabited: bool = False
    between: tuple[str, ...] = ()
    problems: tuple[ClaimError, ...] = field(default=(), compare=False)
    where: str = field(default="", compare=False)

    @property
    def distance_km(self) -> float | None:
        """The stated distance (the low end of a range) in kilometres."""
        return None if self.distance is None else self.distance * self.unit.km

    @property
    def distance_max_km(self) -> float | None:
        """The high end of a stated range in kilometres, or None."""
        return None if self.distance_max is None else self.distance_max * self.unit.km

    @property
    def malformed(self) -> bool:
        """True when a field could not be read."""
        return bool(self.problems)

    @property
    def stated(self) -> str:
        """The statement's figure in words: 'about 170 km', '40-60 km'."""
        if self.distance is None:
            return ""
        figure = f"{self.distance:g}"
        if self.distance_max is not None:
            figure += f"-{self.distance_max:g}"
        return " ".join(x for x in (self.qualifier, figure, self.unit.value) if x)


_CLAIM_FIELDS = {f.name for f in fields(Claim)} - {"problems", "where", "comparator", "bearing"}
#: The places a claim names, checked against the gazetteer.
_PLACE_FIELDS = (
    "subject",
    "reference",
    "subject_point",
    "reference_point",
    "place",
    "than",
    "within",
)
_ACCEPTED = _CLAIM_FIELDS | INFORMATIONAL_FIELDS

#: The helpers of :func:`make_claim` that read a text field and record a problem.
_Text = Callable[[str], str]
_Fail = Callable[[str, str], None]


# ---------------------------------------------------------------- the file


def decode_claims(data: bytes, where: str) -> str:
    """Decode a claims file's bytes with :func:`islandchain.io.decode_text`.

    UTF-8 (a BOM is dropped), UTF-16 or UTF-32 with a BOM, UTF-16 without one.

    Raises
    ------
    ClaimError
        For binary data or text in another encoding, naming the file and the fix.

    Examples
    --------
    >>> decode_claims(b"\\xef\\xbb\\xbf[source]", "a.toml")
    '[source]'
    >>> decode_claims("[source]".encode("utf-16"), "a.toml")
    '[source]'
    """
    if len(data) > MAX_CLAIMS_BYTES:
        raise ClaimError(
            where,
            "-",
            "file",
            f"{len(data):,} bytes is over the {MAX_CLAIMS_BYTES:,}-byte limit; split the file",
        )
    try:
        return decode_text(data, where)
    except InputError as exc:
        raise ClaimError(where, "-", "file", str(exc).removeprefix(f"{where}: ")) from None


def load_claims(path: str | Path) -> tuple[dict[str, Any], list[Claim]]:
    """Read a claims file.

    Parameters
    ----------
    path : str or Path
        A TOML claims file, or ``"-"`` for standard input.

    Returns
    -------
    source : dict
        The file's ``[source]`` table.
    claims : list of Claim
        Every claim, in file order; those that cannot be read carry ``problems``.

    Raises
    ------
    ClaimError
        When the file itself cannot be read (missing, binary, not TOML, no claims).

    Examples
    --------
    >>> from islandchain.examples import claims_file
    >>> source, claims = load_claims(claims_file("article"))
    >>> claims[0].id, claims[0].malformed
    ('taiwan-yonaguni-111km-west', False)
    """
    stdin = str(path) == "-"
    name = "<stdin>" if stdin else str(path)
    try:
        data = read_bytes("-" if stdin else path, MAX_CLAIMS_BYTES, name, "split the file")
    except InputError as exc:
        raise ClaimError(name, "-", "file", str(exc).removeprefix(f"{name}: ")) from None
    return parse_claims(decode_claims(data, name), name)


def parse_claims(
    text: str, where: str = "<claims>", *, strict: bool = False
) -> tuple[dict[str, Any], list[Claim]]:
    """Parse the text of a claims file; see :func:`load_claims`.

    Parameters
    ----------
    text : str
        TOML.
    where : str
        The file's name, for messages.
    strict : bool, default False
        Raise the first claim's problem instead of returning the claim.

    Examples
    --------
    >>> _, [c] = parse_claims('''
    ... [[claim]]
    ... subject = "Taiwan"
    ... reference = "Yonaguni"
    ... distance = 111
    ... direction = "west"
    ... ''')
    >>> c.kind.value, c.distance_km, c.bearing.azimuth_deg
    ('distance', 111.0, 270.0)
    """
    text = text.removeprefix("\ufeff")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ClaimError(where, "-", "file", f"not valid TOML ({exc})") from None
    except RecursionError:
        raise ClaimError(
            where, "-", "file", "tables or arrays nested too deeply to be a claims file"
        ) from None
    source = doc.get("source", {})
    if not isinstance(source, dict):
        raise ClaimError(where, "-", "source", "must be a table: [source]")
    entries = doc.get("claim")
    if isinstance(entries, dict):
        raise ClaimError(where, "-", "claim", "write each claim as [[claim]] (two brackets)")
    if not isinstance(entries, list) or not entries:
        others = [k for k in doc if k != "source"]
        hint = difflib.get_close_matches("claim", others, n=1)
        raise ClaimError(
            where,
            "-",
            "claim",
            "no [[claim]] entries found"
            + (f"; did you mean [[claim]] instead of [[{hint[0]}]]?" if hint else ""),
        )
    title = source.get("title", "")
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            claim = Claim(
                id=f"claim-{number}",
                kind="",
                where=where,
                problems=(
                    ClaimError(
                        where,
                        f"claim-{number}",
                        "claim",
                        f"must be a table of fields ([[claim]] then subject = ...), "
                        f"got {_show(entry)}",
                    ),
                ),
            )
        else:
            claim = make_claim(entry, where, number, str(title) if title else "")
        if claim.id in seen:
            claim = replace(
                claim,
                problems=claim.problems
                + (
                    ClaimError(
                        where,
                        claim.id,
                        "id",
                        f"duplicate id (claim {seen[claim.id]} has it); "
                        f"rename it, e.g. '{claim.id}-{number}'",
                    ),
                ),
            )
        seen.setdefault(claim.id, number)
        if strict and claim.problems:
            raise claim.problems[0]
        claims.append(claim)
    return source, claims


# ---------------------------------------------------------------- a claim


def _show(value: object, limit: int = 40) -> str:
    """A value as the claims file wrote it (TOML words), never a Python repr."""
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, datetime.date | datetime.time):
        text = f"the date or time {value.isoformat()}"
    elif isinstance(value, dict):
        text = "a table"
    elif isinstance(value, list):
        text = f"a list of {len(value)}"
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        text = f"{float(value) + 0.0:g}"  # + 0.0: never "-0"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _did_you_mean(options: tuple[str, ...] | list[str]) -> str:
    return f"; did you mean {', '.join(repr(o) for o in options)}?" if options else ""


def make_claim(
    entry: dict[str, Any], where: str = "<claims>", number: int = 1, source: str = ""
) -> Claim:
    """Build a :class:`Claim` from a table of fields, collecting every problem.

    Used for every claim read from a file and by :func:`islandchain.claims.check`.

    Examples
    --------
    >>> c = make_claim({"subject": "Kyushu", "reference": "Taiwan", "distance": 500,
    ...                 "qualifier": "more than"})
    >>> c.comparator.value, c.malformed
    ('at least', False)
    >>> [p.field for p in make_claim({"subject": "", "distance": "far"}).problems]
    ['subject', 'reference', 'distance']
    """
    raw_id = entry.get("id")
    cid = str(raw_id).strip() if isinstance(raw_id, str | int) and str(raw_id).strip() else ""
    cid = cid or f"claim-{number}"
    problems: list[ClaimError] = []

    def fail(fld: str, problem: str) -> None:
        problems.append(ClaimError(where, cid, fld, problem))

    def text(fld: str) -> str:
        value = entry.get(fld, "")
        if not isinstance(value, str):
            fail(fld, f"must be text in quotes, got {_show(value)}")
            return ""
        return value.strip()

    if raw_id is not None and not isinstance(raw_id, str | int):
        fail("id", f"must be text, got {_show(raw_id)}")
    for name in sorted(set(entry) - _ACCEPTED):
        close = difflib.get_close_matches(str(name), sorted(_CLAIM_FIELDS), n=2)
        fail(
            str(name),
            "unknown field"
            + (
                _did_you_mean(close) if close else f"; known fields: {', '.join(sorted(_ACCEPTED))}"
            ),
        )

    out: dict[str, object] = {"id": cid, "where": where}
    out["quote"] = text("quote")
    out["source"] = text("source") or source

    kind_word = text("kind")
    if kind_word:
        kind = parse_kind(kind_word)
        if kind is None:
            fail(
                "kind",
                f"unknown kind {kind_word!r}{_did_you_mean(suggest(kind_word, 'kind'))}"
                f" (use one of {', '.join(k.value for k in ClaimKind)})",
            )
    elif "extreme" in entry:
        kind = ClaimKind.EXTREME
    elif "between" in entry:
        kind = ClaimKind.BETWEEN
    elif {"than", "than_kind"} & set(entry):
        kind = ClaimKind.COMPARISON
    elif {"reference", "subject"} & set(entry) and "distance" not in entry and "direction" in entry:
        kind = ClaimKind.DIRECTION
    elif {"reference", "subject"} & set(entry):
        kind = ClaimKind.DISTANCE
    elif "at" in entry or ("distance" in entry and "place" in entry):
        kind = ClaimKind.WIDTH
    elif "distance" in entry:
        kind = ClaimKind.DISTANCE
    elif "claimants" in entry:
        kind = ClaimKind.DISPUTE
    elif "admin" in entry:
        kind = ClaimKind.ADMINISTRATION
    else:
        kind = None
        fail("kind", f"missing: say kind = one of {', '.join(repr(k.value) for k in ClaimKind)}")
    out["kind"] = kind if kind is not None else (kind_word or "")

    unresolved = entry.get("unresolved", [])
    if isinstance(unresolved, str):
        unresolved = [unresolved]
    if not isinstance(unresolved, list) or not all(isinstance(u, str) for u in unresolved):
        fail("unresolved", "must be a list of place names, e.g. ['Atlantis']")
        unresolved = []
    known_gaps = tuple(unresolved)
    out["unresolved"] = known_gaps

    if kind is ClaimKind.DISTANCE:
        _distance_fields(entry, text, fail, out)
    elif kind is ClaimKind.WIDTH:
        _width_fields(entry, text, fail, out)
    elif kind in (ClaimKind.ADMINISTRATION, ClaimKind.DISPUTE):
        _status_fields(entry, kind, text, fail, out)
    elif kind is not None:
        _KIND_FIELDS[kind](entry, text, fail, out)

    # A place that is not in the gazetteer is bad input, unless the file says
    # it is a known gap (extract writes such mentions to ``unresolved``).
    places = [(fld, out.get(fld)) for fld in _PLACE_FIELDS]
    places += [("between", p) for p in out.get("between", ())]  # type: ignore[attr-defined]
    for fld, place in places:
        if place and place not in known_gaps:
            try:
                resolve(str(place))
            except UnknownPlaceError as exc:
                hints = exc.suggestions
                if fld == "place" and kind is ClaimKind.WIDTH:
                    hints = _strait_suggestions(str(place))
                fail(
                    fld,
                    f"unknown place {place!r}{_did_you_mean(hints)}"
                    " (`islandchain features` lists every known name)",
                )
    return Claim(**out, problems=tuple(problems))  # type: ignore[arg-type]


def _is_number(value: object) -> bool:
    """A real number (int, float, numpy's numbers), but not a boolean."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _strait_suggestions(name: str) -> tuple[str, ...]:
    """The straits closest to a misspelt one (not the capes and ports near the spelling)."""
    from .straits import strait

    try:
        strait(name)
    except UnknownPlaceError as exc:
        return exc.suggestions
    return ()


def _number(entry: dict[str, Any], fld: str, fail: _Fail, unit: str) -> float | None:
    value = entry[fld]
    if not _is_number(value):
        fail(fld, f"must be a number such as 111 (no quotes, no unit), got {_show(value)}")
        return None
    value = float(value) + 0.0  # -0.0 is 0
    if not math.isfinite(value) or value < 0:
        fail(fld, f"must be a finite number of {unit} >= 0, got {_show(value)}")
        return None
    return value


def _distance_fields(
    entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]
) -> None:
    for fld in ("subject", "reference"):
        out[fld] = text(fld)
        if not out[fld] and fld in entry:
            fail(fld, "empty: name a place in the gazetteer")
        elif not out[fld]:
            fail(fld, "missing: name a place in the gazetteer")
    _figure_fields(entry, text, fail, out)
    _direction_fields(entry, text, fail, out)
    for fld in ("place", "at", "admin", "claimants"):
        if fld in entry:
            fail(
                fld,
                "not used by a distance claim: give subject and reference (kind = 'width' "
                "for a strait, 'administration' or 'dispute' for a place)",
            )


def _width_fields(entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]) -> None:
    place = text("place")
    out["place"] = place
    if not place:
        fail("place", "missing: name the strait, e.g. 'Taiwan Strait'")
    else:
        try:
            fid = resolve(place)
        except UnknownPlaceError:
            fid = ""  # reported with the other places below
        if fid and str(features().loc[fid, "kind"]) != "strait":
            from .straits import straits

            names = ", ".join(s.name for s in straits())
            fail("place", f"{place!r} is not a strait; a width needs one of: {names}")
    _figure_fields(entry, text, fail, out)
    word = text("at")
    at = parse_width_at(word) if word else ""
    if at is None:
        fail(
            "at",
            f"unknown width {word!r}{_did_you_mean(suggest(word, 'width'))}"
            " (use narrowest, widest or average)",
        )
        at = ""
    out["at"] = at
    for fld in ("subject", "reference", "direction", "measure", "subject_point", "reference_point"):
        if fld in entry:
            fail(fld, "not used by a width claim: give the strait as place")


def _figure_fields(entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]) -> None:
    unit: Unit | None = Unit.KM
    if "unit" in entry:
        word = text("unit")
        unit = parse_unit(word) if word else None
        if unit is None:
            fail(
                "unit",
                (
                    f"unknown unit {word!r}{_did_you_mean(suggest(word, 'unit'))}"
                    if word
                    else "empty"
                )
                + " (use km, mi or nmi, or leave the field out for km)",
            )
            unit = None
    out["unit"] = unit or Unit.KM
    name = (unit or Unit.KM).value

    low = high = None
    if "distance" not in entry:
        fail("distance", "missing: give the stated distance, e.g. distance = 111")
    elif isinstance(entry["distance"], list):
        pair = entry["distance"]
        if len(pair) != 2:
            fail("distance", f"a range is two numbers, e.g. [40, 60], got {_show(pair)}")
        else:
            low = _number({"distance": pair[0]}, "distance", fail, name)
            high = _number({"distance": pair[1]}, "distance", fail, name)
    else:
        low = _number(entry, "distance", fail, name)
    if "distance_max" in entry:
        if high is not None:
            fail("distance_max", "give a range either as distance = [40, 60] or with distance_max")
        high = _number(entry, "distance_max", fail, name)
    for fld, value in (("distance", low), ("distance_max", high)):
        if value is not None and value * (unit or Unit.KM).km > MAX_DISTANCE_KM:
            fail(
                fld,
                f"{value:,g} {name} is longer than any distance on Earth "
                f"(at most {MAX_DISTANCE_KM:,} km)",
            )
    if low is not None and high is not None and high <= low:
        fail("distance_max", f"the range's high end ({high:g}) must exceed its low end ({low:g})")
    out["distance"], out["distance_max"] = low, high

    word = text("qualifier")
    comparator = parse_qualifier(word)
    if comparator is None:
        fail(
            "qualifier",
            f"unknown qualifier {word!r}{_did_you_mean(suggest(word, 'qualifier'))}"
            " (e.g. about, more than, within, nearly, only)",
        )
        comparator = Comparator.PLAIN
    out["qualifier"], out["comparator"] = word, comparator
    if "tolerance_km" in entry:
        tol = entry["tolerance_km"]
        if not _is_number(tol) or not math.isfinite(tol) or not 0 <= tol <= MAX_DISTANCE_KM:
            fail(
                "tolerance_km",
                f"must be a number of km from 0 to {MAX_DISTANCE_KM:,}, got {_show(tol)}",
            )
        else:
            out["tolerance_km"] = float(tol) + 0.0


def _direction_fields(
    entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]
) -> None:
    word = text("direction")
    out["direction"] = word
    if word:
        bearing = parse_direction(word)
        if bearing is None:
            fail(
                "direction",
                f"unknown direction {word!r}{_did_you_mean(suggest(word, 'direction'))}"
                " (a compass point: north, north-northeast, NNE, ...)",
            )
        out["bearing"] = bearing

    word = text("measure")
    measure = parse_measure(word) if word else Measure.COAST
    if measure is None:
        fail("measure", f"unknown measure {word!r}; use coast, centroid or point")
        measure = Measure.COAST
    out["measure"] = measure
    out["subject_point"] = text("subject_point")
    out["reference_point"] = text("reference_point")
    if measure is Measure.POINT and not (out["subject_point"] or out["reference_point"]):
        fail("measure", "'point' needs subject_point and/or reference_point (a port or cape)")


#: Fields of distance and width claims that an administration or dispute claim cannot use.
_DISTANCE_ONLY = (
    "subject", "reference", "distance", "distance_max", "unit", "qualifier", "direction",
    "measure", "tolerance_km", "subject_point", "reference_point", "at",
)  # fmt: skip


def _status_fields(
    entry: dict[str, Any], kind: ClaimKind, text: _Text, fail: _Fail, out: dict[str, object]
) -> None:
    place = text("place")
    if not place:
        fail("place", "missing: name the place the claim is about")
    out["place"] = place
    for fld in _DISTANCE_ONLY:
        if fld in entry:
            fail(
                fld,
                f"not used by {kind.value} claims, which are about one place; drop it, or "
                "make it a distance claim (kind = 'distance', with subject and reference)",
            )

    def state(word: object, fld: str) -> str:
        return _state_code(word, fld, fail)

    if "admin" in entry:
        out["admin"] = state(entry["admin"], "admin")
    elif kind is ClaimKind.ADMINISTRATION:
        fail("admin", "missing: name the administering state, e.g. 'Japan'")
    if kind is ClaimKind.DISPUTE:
        claimants = entry.get("claimants")
        if isinstance(claimants, str):
            claimants = [claimants]
        if not claimants or not isinstance(claimants, list):
            fail("claimants", "missing: list the states that dispute it, e.g. ['China']")
            claimants = []
        out["claimants"] = tuple(c for c in (state(w, "claimants") for w in claimants) if c)


# ------------------------------------------------ claims beyond a distance


def _place_field(entry: dict[str, Any], fld: str, text: _Text, fail: _Fail, hint: str) -> str:
    value = text(fld)
    if not value:
        fail(fld, ("empty" if fld in entry else "missing") + f": {hint}")
    return value


def _no_figure(entry: dict[str, Any], fail: _Fail, kind: str, fields_: tuple[str, ...]) -> None:
    for fld in fields_:
        if fld in entry:
            fail(fld, f"not used by a {kind} claim; leave it out")


def _direction_claim_fields(
    entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]
) -> None:
    """ "Pengjia lies north-east of Keelung": subject, reference, direction (and measure)."""
    for fld in ("subject", "reference"):
        out[fld] = _place_field(entry, fld, text, fail, "name a place in the gazetteer")
    _direction_fields(entry, text, fail, out)
    if not out.get("direction"):
        fail("direction", "missing: give where the subject lies, e.g. direction = 'north-east'")
    _no_figure(entry, fail, "direction", ("distance", "distance_max", "unit", "qualifier"))


def _comparison_fields(
    entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]
) -> None:
    """ "X is closer to A than to B": subject X, reference A, than B (or than_kind/than_state)."""
    out["subject"] = _place_field(entry, "subject", text, fail, "name the place compared from")
    out["reference"] = _place_field(
        entry, "reference", text, fail, "name the place said to be nearer (or farther)"
    )
    out["than"] = text("than")
    kind_word, state_word = text("than_kind"), text("than_state")
    if kind_word:
        kind = parse_feature_kind(kind_word)
        if kind is None or kind == "point":
            fail(
                "than_kind",
                f"unknown kind of place {kind_word!r}"
                f"{_did_you_mean(suggest(kind_word, 'feature kind'))} (e.g. city, island, port)",
            )
        out["than_kind"] = kind or ""
    if state_word:
        out["than_state"] = _state_code(state_word, "than_state", fail)
    if not out["than"] and not kind_word:
        fail("than", "missing: name the other place ('than Ishigaki'), or give than_kind")
    elif out["than"] and kind_word:
        fail("than_kind", "give either than (a place) or than_kind (any place of a kind)")
    word = text("comparative")
    comparative = parse_comparative(word) if word else Comparative.NEARER
    if comparative is None:
        fail(
            "comparative",
            f"unknown comparative {word!r}{_did_you_mean(suggest(word, 'comparative'))}"
            " (use nearer or farther)",
        )
    out["comparative"] = comparative or Comparative.NEARER
    _measure_field(entry, text, fail, out)
    _no_figure(entry, fail, "comparison", ("distance", "distance_max", "unit", "direction"))


def _extreme_fields(
    entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]
) -> None:
    """ "Japan's westernmost inhabited island": subject, extreme, among, state/within."""
    out["subject"] = _place_field(entry, "subject", text, fail, "name the place said to be it")
    word = text("extreme")
    extreme = parse_extreme(word) if word else None
    if extreme is None:
        fail(
            "extreme",
            (f"unknown extreme {word!r}{_did_you_mean(suggest(word, 'extreme'))}" if word
             else "missing") + " (westernmost, easternmost, northernmost, southernmost, "
            "closest or farthest)",
        )  # fmt: skip
    out["extreme"] = extreme
    word = text("among") or "island"
    among = parse_feature_kind(word)
    if among is None:
        fail(
            "among",
            f"unknown kind of place {word!r}{_did_you_mean(suggest(word, 'feature kind'))}"
            " (island, islet, point, city, port, cape, airport or base)",
        )
    out["among"] = among or "island"
    if "state" in entry:
        out["state"] = _state_code(entry["state"], "state", fail)
    out["within"] = text("within")
    if not out.get("state") and not out["within"] and "state" not in entry:
        fail("state", "missing: give the state ('Japan') or the place (within = 'Taiwan')")
    inhabited = entry.get("inhabited", False)
    if not isinstance(inhabited, bool):
        fail("inhabited", f"must be true or false, got {_show(inhabited)}")
        inhabited = False
    out["inhabited"] = inhabited
    if extreme is not None and extreme.axis == "distance":
        out["reference"] = _place_field(
            entry, "reference", text, fail, f"name the place it is {extreme.value} to"
        )
    elif "reference" in entry:
        fail("reference", f"not used by a {word} extreme; leave it out")
    _no_figure(entry, fail, "extreme", ("distance", "distance_max", "unit", "direction"))


def _between_fields(
    entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]
) -> None:
    """ "X lies about halfway between A and B": subject, between = [A, B] (or place, a strait)."""
    out["subject"] = _place_field(entry, "subject", text, fail, "name the place in the middle")
    pair = entry.get("between", [])
    out["place"] = text("place")
    if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair):
        out["between"] = tuple(p.strip() for p in pair)
        if out["place"]:
            fail("place", "give either between = [A, B] or place (a strait), not both")
    elif "between" in entry:
        fail("between", f"must be two place names, e.g. ['Taiwan', 'Yonaguni'], got {_show(pair)}")
    elif not out["place"]:
        fail("between", "missing: name the two places, e.g. between = ['Taiwan', 'Yonaguni']")
    word = text("qualifier")
    comparator = parse_qualifier(word)
    if comparator is None or comparator not in (
        Comparator.PLAIN,
        Comparator.APPROXIMATE,
        Comparator.EMPHASIS,
    ):
        fail("qualifier", f"unknown qualifier for halfway {word!r} (use about, roughly, or none)")
        comparator = Comparator.PLAIN
    out["qualifier"], out["comparator"] = word, comparator
    _measure_field(entry, text, fail, out)
    _no_figure(entry, fail, "between", ("distance", "distance_max", "unit", "direction"))


def _measure_field(entry: dict[str, Any], text: _Text, fail: _Fail, out: dict[str, object]) -> None:
    word = text("measure")
    measure = parse_measure(word) if word else Measure.COAST
    if measure is None or measure is Measure.POINT:
        fail("measure", f"unknown measure {word!r}; use coast or centroid")
        measure = Measure.COAST
    out["measure"] = measure


def _state_code(word: object, fld: str, fail: _Fail) -> str:
    code = parse_state(word) if isinstance(word, str) else None
    if code is None:
        hint = _did_you_mean(suggest(word, "state")) if isinstance(word, str) else ""
        fail(fld, f"unknown state {_show(word)}{hint} (use a name or ISO3 code: Japan/JPN)")
        return ""
    return code


_KIND_FIELDS: dict[ClaimKind, Callable[[dict[str, Any], _Text, _Fail, dict[str, object]], None]] = {
    ClaimKind.DIRECTION: _direction_claim_fields,
    ClaimKind.COMPARISON: _comparison_fields,
    ClaimKind.EXTREME: _extreme_fields,
    ClaimKind.BETWEEN: _between_fields,
}
