"""What a map draws for the claims beyond a distance, from what their verdicts measured.

- a **direction**: the stated word's sector as a wedge from the reference's measured
  point, and the measured bearing as a line to the subject;
- a **comparison**: both lines, to the place said nearer and to the other, each with
  its distance;
- an **extreme**: the feature that is the extreme marked at its extreme point, against
  the one named (and the line between them when they differ);
- a **between**: the lines to the two places and the geodesic between those places.

Nothing is measured here: every geometry comes from ``verdict.found``
(:mod:`islandchain.measured`).

>>> from islandchain.claims import check_claim
>>> from islandchain.claimfile import make_claim
>>> v = check_claim(make_claim({"kind": "direction", "subject": "Pengjia",
...                             "reference": "Keelung", "direction": "north-east"}))
>>> layer = kind_story_layer(v)
>>> [s.geometry.geom_type for s in layer.shapes][:2]
['Polygon', 'LineString']
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geodesy import forward, geodesic_line
from ..measured import Comparison, ExtremeFound, Halfway, Sector
from .escape import plain_text, popup_table
from .shapes import midpoint
from .story import Label, LabelKind, LegendEntry, Pane, Shape, StoryLayer
from .styles import OSM_CREDIT, PathStyle, verdict_style

__all__ = ["kind_story_layer"]

#: The other colour of a comparison's second line, and of the extreme found.
_OTHER = "#6a3d9a"


def _sector(found: Sector, radius_km: float) -> shapely.Polygon:
    """The stated sector as a geodesic wedge of ``radius_km`` from the origin."""
    lon, lat = found.origin
    az = np.linspace(
        found.centre_deg - found.half_width_deg, found.centre_deg + found.half_width_deg, 33
    )
    lons, lats, _ = forward(np.full(az.shape, lon), np.full(az.shape, lat), az, radius_km * 1000)
    ring = [(lon, lat), *zip(np.asarray(lons).tolist(), np.asarray(lats).tolist(), strict=True)]
    return shapely.Polygon([*ring, (lon, lat)])


def _line(
    a: tuple[float, float] | None, b: tuple[float, float] | None
) -> shapely.LineString | None:
    if a is None or b is None or a == b:
        return None
    return geodesic_line(*a, *b, max_segment_m=2_000)


def _line_shape(line, style: PathStyle, tip: str, popup) -> list[Shape]:
    return [Shape(line, style, Pane.LINES, tip, popup, True)]


def _point(xy: tuple[float, float], color: str, tip: str, popup) -> Shape:
    style = PathStyle("#ffffff", weight=1.5, fill_color=color, fill_opacity=1.0, radius=6)
    return Shape(shapely.Point(xy), style, Pane.POINTS, tip, popup, True)


def _label(line, text: str, priority: int = 200) -> Label:
    lon, lat = midpoint(line)
    return Label(lon, lat, text, LabelKind.MEASURE, priority)


def _direction(v: Any, color: str, popup) -> tuple[list[Shape], list[Label], list[LegendEntry]]:
    found: Sector = v.found
    line = _line(v.reference_point, v.subject_point)
    km = v.measurement.distance_km if v.measurement is not None else 50.0
    wedge = _sector(found, max(30.0, 1.4 * km))
    shapes = [
        Shape(wedge, PathStyle(color, weight=1.5, fill_opacity=0.12, dash_array="4 4"),
              Pane.AREAS, f"stated sector {found.centre_deg:g}° ±{found.half_width_deg:g}°",
              None, False),
    ]  # fmt: skip
    labels, legend = (
        [],
        [LegendEntry("stated direction's sector", color, "fill", "4 4", fill_opacity=0.12)],
    )
    if line is not None:
        shapes += _line_shape(line, PathStyle(color, weight=3.5, fill=False), found.summary, popup)
        shapes.append(_point(v.subject_point, color, found.summary, popup))
        labels.append(_label(line, found.summary))
        legend.append(LegendEntry("measured bearing", color, "line"))
    return shapes, labels, legend


def _comparison(v: Any, color: str, popup) -> tuple[list[Shape], list[Label], list[LegendEntry]]:
    found: Comparison = v.found
    c = found.readings[0]
    shapes, labels = [], []
    for r, col, dash in ((c.near, color, None), (c.far, _OTHER, "8 5")):
        line = _line(r.reference_point, r.subject_point)
        if line is None:
            continue
        tip = f"{r.subject} – {r.reference}: {r.distance_km:.1f} km"
        shapes += _line_shape(line, PathStyle(col, weight=3.5, fill=False, dash_array=dash), tip,
                              popup)  # fmt: skip
        if r.reference_point is not None:
            shapes.append(_point(r.reference_point, col, tip, popup))
        labels.append(_label(line, f"{r.distance_km:.1f} km to {r.reference}"))
    legend = [
        LegendEntry(f"to the place said {found.comparative}", color, "line"),
        LegendEntry("to the place compared with", _OTHER, "line", "8 5"),
    ]
    return shapes, labels, legend


def _extreme(v: Any, color: str, popup) -> tuple[list[Shape], list[Label], list[LegendEntry]]:
    found: ExtremeFound = v.found
    shapes: list[Shape] = []
    for geom, col in ((found.winner_geometry, _OTHER), (found.named_geometry, color)):
        if isinstance(geom, BaseGeometry) and geom.geom_type.endswith("Polygon"):
            shapes.append(Shape(geom, PathStyle(col, weight=2, fill_opacity=0.25), Pane.HIGHLIGHTS,
                                found.summary, popup, True))  # fmt: skip
    shapes.append(
        _point(found.winner_point, _OTHER, f"{found.extreme}: {found.winner_name}", popup)
    )
    labels = [Label(*found.winner_point, f"{found.extreme}: {found.winner_name}", LabelKind.MEASURE,
                    220)]  # fmt: skip
    legend = [LegendEntry(f"the {found.extreme} ({found.scope})", _OTHER, "point")]
    if found.named_point != found.winner_point:
        shapes.append(_point(found.named_point, color, f"named: {found.named_name}", popup))
        labels.append(
            Label(*found.named_point, f"named: {found.named_name}", LabelKind.MEASURE, 210)
        )
        legend.append(LegendEntry("the place named", color, "point"))
        line = _line(found.named_point, found.winner_point)
        if line is not None:
            shapes += _line_shape(line, PathStyle(color, weight=2, fill=False, dash_array="3 4"),
                                  found.summary, popup)  # fmt: skip
            labels.append(_label(line, found.summary, 230))
    return shapes, labels, legend


def _between(v: Any, color: str, popup) -> tuple[list[Shape], list[Label], list[LegendEntry]]:
    found: Halfway = v.found
    shapes, labels = [], []
    span = _line(found.span.reference_point, found.span.subject_point)
    if span is not None:
        dashed = PathStyle(_OTHER, weight=2, fill=False, dash_array="8 5")
        shapes += _line_shape(span, dashed, f"{found.span.distance_km:.1f} km between them", popup)
    for r in (found.to_a, found.to_b):
        line = _line(r.reference_point, r.subject_point)
        if line is None:
            continue
        tip = f"{r.subject} – {r.reference}: {r.distance_km:.1f} km"
        shapes += _line_shape(line, PathStyle(color, weight=3.5, fill=False), tip, popup)
        labels.append(_label(line, f"{r.distance_km:.1f} km"))
    if found.to_a.subject_point is not None:
        shapes.append(_point(found.to_a.subject_point, color, found.summary, popup))
    legend = [
        LegendEntry("to each of the two places", color, "line"),
        LegendEntry("the geodesic between them", _OTHER, "line", "8 5"),
    ]
    return shapes, labels, legend


_DRAW = {Sector: _direction, Comparison: _comparison, ExtremeFound: _extreme, Halfway: _between}


def kind_story_layer(verdict: Any, *, name: str = "", show: bool = True) -> StoryLayer | None:
    """The layer of a direction, comparison, extreme or between verdict, or None.

    Parameters
    ----------
    verdict : Verdict
        With ``found`` (see :mod:`islandchain.measured`).
    name : str
        The layer's name; by default the claim's kind and the summary.
    show : bool
        On when the map opens.
    """
    found = getattr(verdict, "found", None)
    if found is None or type(found) not in _DRAW:
        return None
    vstyle = verdict_style(verdict.status)
    c = verdict.claim
    statement = plain_text(c.quote) or f"{c.kind}: {c.subject}"
    popup = popup_table(
        statement,
        [("Verdict", f"{vstyle.symbol} {vstyle.status}"), ("Measured", found.summary),
         ("Rule", verdict.rule), ("Claim id", c.id)],
        note=verdict.reason,
    )  # fmt: skip
    shapes, labels, legend = _DRAW[type(found)](verdict, vstyle.color, popup)
    title = plain_text(name) or f"{c.kind} · {plain_text(c.subject)}: {found.summary}"
    return StoryLayer(
        f"{vstyle.symbol} {title}",
        tuple(shapes),
        tuple(labels),
        show=show,
        attribution=OSM_CREDIT,
        legend=(LegendEntry(f"{vstyle.symbol} {vstyle.status}", vstyle.color, "line"), *legend),
    )
