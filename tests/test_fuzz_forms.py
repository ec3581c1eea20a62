"""Generated hostile input (issue 24): Unicode number forms and invalid ring topologies.

A figure in any form is read as the number written or skipped with a reason, never
turned into another number and never dropped; a polygon whose rings are invalid is
refused in one line, and a valid one is measured with its holes.
"""

from __future__ import annotations

import json

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from islandchain.errors import InputError
from islandchain.extract import extract_claims
from islandchain.geojson import parse_geometry

_SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: Decimal digit sets besides ASCII: Arabic-Indic, extended Arabic-Indic, Devanagari,
#: Bengali, Thai, full-width (folded by NFKC), mathematical bold (folded by NFKC).
DIGIT_SETS = ["\u0660", "\u06f0", "\u0966", "\u09e6", "\u0e50", "\uff10", "\U0001d7ce"]
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FRACTIONS = {"¼": 0.25, "½": 0.5, "¾": 0.75, "⅛": 0.125, "⅝": 0.625}
#: Thousands separators that are read as such.
THOUSANDS = [",", "'", "\u2019", " ", "\u00a0", "\u202f", "\u2009"]


def _in_digits(text: str, zero: str) -> str:
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _read(figure: str, unit: str = "km"):
    found = extract_claims(f"Yonaguni lies {figure} {unit} east of Taiwan.")
    return [(c.distance, c.distance_max) for c in found.claims], [s.reason for s in found.skipped]


@st.composite
def number_forms(draw):
    """(figure as written, the number it says)."""
    n = draw(st.integers(1, 19_000))
    sep = draw(st.sampled_from(THOUSANDS))
    text = _grouped(n, sep) if n >= 1000 else str(n)
    value = float(n)
    if draw(st.booleans()):
        zero = draw(st.sampled_from(DIGIT_SETS))
        text = _in_digits(text, zero)
    decoration = draw(st.sampled_from(["", "superscript", "bracket", "fraction"]))
    if decoration == "superscript":
        text += draw(st.text(SUPERSCRIPTS, min_size=1, max_size=2))
    elif decoration == "bracket":
        text += f"[{draw(st.integers(1, 99))}]"
    elif decoration == "fraction":
        mark = draw(st.sampled_from(sorted(FRACTIONS)))
        text, value = text + mark, value + FRACTIONS[mark]
    return text, value


@_SETTINGS
@given(number_forms())
def test_a_number_in_any_form_is_read_as_written_or_skipped(form):
    figure, value = form
    claims, skipped = _read(figure)
    assert claims or skipped, f"{figure!r} vanished"
    for distance, distance_max in claims:
        assert (distance, distance_max) == (value, None), figure
    assert all(reason.strip() for reason in skipped)


#: Characters put between "2" and "100": each reading allowed for it (None: skipped only).
SEPARATORS = {
    ",": {(2100.0, None)},
    "'": {(2100.0, None)},
    "\u2019": {(2100.0, None)},
    " ": {(2100.0, None)},
    ".": {(2.1, None)},
    "-": {(2.0, 100.0)},
    "\u2010": {(2.0, 100.0)},
    "~": {(2.0, 100.0)},
    "\u00b7": set(),
    "\u066b": set(),
    "\u066c": set(),
    "_": set(),
    "/": set(),
    "\u2044": set(),
    "\u00d7": set(),
    "^": set(),
    "\u02d9": set(),
}


@_SETTINGS
@given(
    st.sampled_from(sorted(SEPARATORS)),
    st.integers(1, 9),
    st.sampled_from(["km", "miles", "nautical miles"]),
)
def test_a_separator_never_makes_a_figure_its_last_or_first_digits(sep, head, unit):
    claims, skipped = _read(f"{head}{sep}100", unit)
    readings = {
        (2100.0, None): (head * 1000 + 100.0, None),
        (2.1, None): (head + 0.1, None),
        (2.0, 100.0): (float(head), 100.0),
    }
    allowed = {readings[r] for r in SEPARATORS[sep]}
    assert claims or skipped, f"{head}{sep}100 {unit} vanished"
    for claim in claims:
        assert claim in allowed, (sep, claim)
        assert claim not in ((100.0, None), (float(head), None))


# ----------------------------------------------------------------------- ring topologies

boxes = st.tuples(
    st.floats(118, 128, allow_nan=False), st.floats(18, 30, allow_nan=False),
    st.floats(0.2, 3, allow_nan=False), st.floats(0.2, 3, allow_nan=False),
)  # fmt: skip


def _ring(x: float, y: float, w: float, h: float) -> list[list[float]]:
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]


@st.composite
def invalid_polygons(draw):
    """(how it is invalid, Polygon coordinates)."""
    x, y, w, h = draw(boxes)
    shell = _ring(x, y, w, h)
    how = draw(st.sampled_from(["hole outside", "hole equal", "bow-tie", "hole crossing"]))
    if how == "hole outside":
        dx = draw(st.floats(1.1, 3)) * w
        return how, [shell, _ring(x + dx, y, w / 3, h / 3)]
    if how == "hole equal":
        return how, [shell, list(reversed(shell))]
    if how == "bow-tie":
        a, b, c, d, _ = shell
        return how, [[a, c, b, d, a]]
    return how, [shell, _ring(x + w * 0.8, y + h * 0.25, w * 0.5, h * 0.5)]


@_SETTINGS
@given(invalid_polygons(), st.sampled_from(["Polygon", "MultiPolygon"]))
def test_invalid_rings_are_refused_never_measured(case, kind):
    how, rings = case
    coords = rings if kind == "Polygon" else [rings]
    with pytest.raises(InputError) as caught:
        parse_geometry(json.dumps({"type": kind, "coordinates": coords}))
    message = str(caught.value)
    assert "is not a valid area" in message and "\n" not in message, how


@_SETTINGS
@given(boxes, st.floats(0.1, 0.8), st.floats(0.1, 0.8))
def test_a_hole_inside_its_shell_is_taken_away(box, fx, fy):
    x, y, w, h = box
    hole = _ring(x + w * 0.1, y + h * 0.1, w * fx, h * fy)
    geom = parse_geometry(json.dumps({"type": "Polygon", "coordinates": [_ring(*box), hole]}))
    assert geom.area == pytest.approx(w * h - w * fx * h * fy, rel=1e-9)
    assert shapely.is_valid(geom)


@_SETTINGS
@given(st.sampled_from(['"122.5"', "true", "false", "null", '{"x": 1}', '"NaN"']), st.booleans())
def test_a_coordinate_that_is_not_a_number_is_refused(bad, in_lon):
    position = f"[{bad}, 24.0]" if in_lon else f"[122.0, {bad}]"
    with pytest.raises(InputError, match="positions are numbers"):
        parse_geometry(f'{{"type": "Point", "coordinates": {position}}}')
