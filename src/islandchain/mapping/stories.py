r"""The three stories islandchain tells on a map: claims, waters, the island chain.

Each function reads the analyses' results and returns a
:class:`~islandchain.mapping.story.Story`; :func:`~islandchain.mapping.render.story_map`
draws it as an offline HTML map and :func:`~islandchain.mapping.figure.story_figure`
as a static figure. Nothing here imports folium.

Examples
--------
>>> from islandchain.claims import check_claims, parse_claims
>>> _, claims = parse_claims('[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\n'
...                          'distance = 111\ndirection = "west"')
>>> story = claims_story(check_claims(claims, cross_check=False))
>>> story.title
'How far is Taiwan from Yonaguni Island?'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import shapely
from markupsafe import Markup
from shapely.geometry.base import BaseGeometry

from ..cache import cached_columns
from ..data import features, land
from ..errors import MapError
from ..geodesy import geodesic_buffer, geodesic_circle
from . import simplify
from .escape import plain_text, popup_table
from .kinds import kind_story_layer
from .shapes import (
    claim_story_layer,
    land_story_layer,
    line_shapes,
    line_story_layer,
    midpoint,
    places_story_layer,
    ring_story_layer,
)
from .simplify import DisplayLevel, display_levels, keep_geometries, zone_display_geometry
from .story import (
    Bounds,
    Label,
    LabelKind,
    LegendEntry,
    Pane,
    Shape,
    Story,
    StoryLayer,
    bounds_of,
    pad_bounds,
)
from .styles import (
    ADIZ_DASH,
    EXERCISE_COLOUR,
    INTRUSION_COLOUR,
    MEDIAN_STYLE,
    OSM_CREDIT,
    ZONE_STYLES,
    Language,
    PathStyle,
    cordon_style,
    hatch_fill,
    state_color,
    state_name,
    verdict_style,
    zone_style,
)

if TYPE_CHECKING:
    from ..chain import Passage
    from ..claimfile import Claim
    from ..verdicts import Verdict
    from ..zones import ZoneCheck


__all__ = ["ClaimDrawing", "chain_story", "claim_drawing", "claims_story", "zones_story"]

# Features too large to outline usefully (their coasts are the basemap).
_BACKGROUND = ("chinese_mainland", "roc_territory", "ryukyu", "borneo", "honshu", "luzon")
_METHOD = "geodesics on WGS84 between OpenStreetMap coastlines"


@dataclass(frozen=True)
class ClaimDrawing:
    """What a map shows for one verdict.

    Attributes
    ----------
    id : str
        The claim's id.
    status : str
        The verdict status.
    name : str
        Layer name: the places and the figures.
    label : str
        One line with the id, the figures and the status.
    short_label : str
        The text on the line, e.g. ``107.5 km · stated 111 km ✓``.
    line : LineString or None
        The geodesic between the measured points.
    ring : geometry or None
        Every point at the stated distance from the reference.
    popup : Markup
        A short table headed by the statement.
    subject_id, reference_id : str
        Gazetteer ids of the two places.
    """

    id: str
    status: str
    name: str
    label: str
    short_label: str
    line: shapely.LineString | None
    ring: shapely.Geometry | None
    popup: Markup
    subject_id: str = ""
    reference_id: str = ""


def _place_name(frame: gpd.GeoDataFrame, fid: str, fallback: str, lang: Language) -> str:
    if fid and fid in frame.index:
        row = frame.loc[fid]
        return plain_text(row[lang.name_column]) or plain_text(row["name"]) or fallback
    return plain_text(fallback)


def claim_drawing(verdict: Verdict, *, lang: Language | str = Language.EN) -> ClaimDrawing:
    """Turn a verdict into the geometries and text a map draws for it.

    Everything drawn comes from the verdict: the line is its measurement's
    geodesic, the ring is taken round the geometry it measured from, and the
    figures are its own.

    Parameters
    ----------
    verdict : Verdict
        From :func:`islandchain.claims.check_claim`.
    lang : Language or str
        Language of the place names.

    Returns
    -------
    ClaimDrawing
        ``line``: the geodesic between the measured points (None for
        administration and dispute claims); ``ring``: every point at the
        stated distance from the reference place (a geodesic buffer of its
        coast, or a circle round a named point or centroid).

    Examples
    --------
    >>> from islandchain.claims import check_claim, parse_claims
    >>> _, [c] = parse_claims('[[claim]]\\nsubject = "Taiwan"\\nreference = "Yonaguni"\\n'
    ...                       'distance = 111\\ndirection = "west"')
    >>> d = claim_drawing(check_claim(c, cross_check=False))
    >>> d.line.geom_type, d.short_label
    ('LineString', '107.5 km · stated 111 km ✓')
    """
    lang = Language(lang)
    v, c = verdict, verdict.claim
    status = str(v.status)
    symbol = verdict_style(status).symbol
    frame = features()
    subject = _place_name(frame, v.subject_id, c.subject or c.place, lang)
    reference = _place_name(frame, v.reference_id, c.reference, lang)
    measured, stated = v.measured_km, v.stated_km
    stated_text = ""
    if measured is not None:
        stated_text = f"{c.distance:g} {c.unit}" if c.distance is not None else "-"
        short = f"{measured:.1f} km · stated {stated_text} {symbol}"
        name = f"{subject} – {reference}: {measured:.1f} km (stated {stated_text})"
        label = f"{c.id}: measured {measured:.1f} km vs stated {stated or 0:g} km, {status}"
    else:
        short = ""
        name = f"{c.place or subject}: {status}"
        label = f"{c.id}: {status}"
    statement = plain_text(c.quote) or _statement(c, subject, reference)
    return ClaimDrawing(
        c.id,
        status,
        name,
        label,
        short,
        v.line,
        _ring(v),
        popup_table(statement, _claim_rows(v, stated_text), note=v.reason),
        v.subject_id,
        v.reference_id,
    )


def _ring(v: Verdict) -> shapely.Geometry | None:
    """Every point at the stated distance from what the verdict measured from."""
    m, stated, c = v.measurement, v.stated_km, v.claim
    if m is None or not stated:
        return None
    measured_from = m.reference_geometry
    polygonal = isinstance(measured_from, shapely.Polygon | shapely.MultiPolygon)
    if c.measure == "coast" and not c.reference_point and polygonal:
        return geodesic_buffer(measured_from, stated * 1000)
    return geodesic_circle(*m.reference_point, stated * 1000)


def _claim_rows(v: Verdict, stated_text: str) -> list[tuple[str, str]]:
    """The popup's rows: the verdict's own figures, as it holds them."""
    c, measured = v.claim, v.measured_km
    rows = [
        ("Verdict", f"{verdict_style(str(v.status)).symbol} {v.status}"),
        ("Measured", f"{measured:.1f} km" if measured is not None else ""),
        ("Stated", " ".join(x for x in (c.qualifier, stated_text) if x)),
    ]
    if v.tolerance_km is not None and v.stated_km:
        rows.append(("Tolerance", f"±{v.tolerance_km:.2f} km"))
        if v.difference_km is not None:
            rows.append(("Difference", f"{v.difference_km:+.1f} km"))
    if v.azimuth_deg is not None:
        ok = "" if v.direction_ok is None else " ✓" if v.direction_ok else " ✗"
        rows.append(("Bearing", f"{v.azimuth_deg:.0f}° ({v.compass16}){ok}"))
    rows += [("From", v.reference_point_label), ("To", v.subject_point_label)]
    if v.cross_check_km is not None:
        rows.append(("GSHHG coast", f"{v.cross_check_km:.1f} km"))
    rows += [("Best reading", v.best_reading), ("Source", c.source), ("Claim id", c.id)]
    return rows


def _statement(c: Claim, subject: str, reference: str) -> str:
    if c.distance is None:
        return f"{subject}: {c.kind}"
    parts = [subject, "lies", c.qualifier, f"{c.distance:g} {c.unit}", c.direction]
    return " ".join(p for p in parts if p) + f" of {reference}"


#: Kinds that are not drawn as places on a story's map.
_NOT_PLACES = ("state", "province", "strait", "airport", "region")
#: Derived cities drawn as places: a million people or more.
_BIG_CITY = 1_000_000


def _places(
    box: Bounds,
    *,
    lang: Language,
    view: Bounds,
    important: Collection[str],
    show: bool = True,
    only: Collection[str] | None = None,
    landmarks: Collection[str] = (),
) -> StoryLayer:
    """The named places inside ``box``; ``only``: just those ids (the places a story needs)."""
    frame = features()
    if only is not None:  # the story's own places, even those otherwise drawn as background
        frame = frame.loc[[i for i in only if i in frame.index]]
    frame = frame.drop(index=[i for i in _BACKGROUND if i in frame.index and i not in (only or ())])
    # Context, not clutter: the hand-edited places (islands, ports, capes, bases), and of
    # the derived cities only those of a million people or more; no airports, and no
    # states, provinces or straits, whose shapes are drawn by other layers or not at all.
    hand = (frame["origin"] == "gazetteer.csv") & ~frame["kind"].isin(_NOT_PLACES)
    big_city = (frame["kind"] == "city") & (frame["population"].fillna(0) >= _BIG_CITY)
    frame = frame[hand | big_city]
    west, south, east, north = box
    inside = frame["lon"].between(west, east) & frame["lat"].between(south, north)
    return places_story_layer(
        frame[inside],
        lang=lang,
        label_view=view,
        important=important,
        show=show,
        landmarks=landmarks,
    )


def _land(
    detail: Bounds, frame: gpd.GeoDataFrame | None = None, *, near: Sequence[Bounds] = ()
) -> StoryLayer:
    """Land: full resolution near the story (or the ``near`` boxes), coarse around it."""
    region = pad_bounds(detail, 1.0, 8.0)
    boxes: Bounds | list[Bounds] = list(near) if near else detail
    if frame is not None:
        keep = keep_geometries(frame)
        return land_story_layer(land("osm"), detail_box=boxes, region_box=region, keep=keep)
    # What land_story_layer gives for the gazetteer's features, from the cache.
    return StoryLayer("Land", land_levels=_land_levels(boxes, region), attribution=OSM_CREDIT)


def _land_levels(boxes: Bounds | list[Bounds], region: Bounds) -> tuple[DisplayLevel, ...]:
    """The display levels of the OpenStreetMap land, kept for the gazetteer's features.

    Thinning the coast takes seconds; the result depends only on the data
    (the cache key's data version), the boxes and the thinning code and
    library, so it is stored once (:mod:`islandchain.cache`) and read back.
    Each polygon's precision grid (from ``set_precision``, which later
    clipping honours) is stored beside it and set again on reading.
    """
    code = hashlib.sha256(Path(simplify.__file__).read_bytes()).hexdigest()[:16]
    params = {
        "boxes": np.asarray(boxes, dtype=float).tolist(),
        "region": [float(x) for x in region],
        "simplify": code,
        "columns": _LEVEL_COLUMNS,
        "geos": shapely.geos_version_string,
        "shapely": shapely.__version__,
    }

    def build() -> gpd.GeoDataFrame:
        keep = keep_geometries(features())
        levels = display_levels(land("osm"), detail_box=boxes, region_box=region, keep=keep)
        rows = [
            (i, level.min_zoom, level.max_zoom, polygon)
            for i, level in enumerate(levels)
            for polygon in (list(level.polygons) or [None])  # an empty level: one null row
        ]
        level, lo, hi, geometry = zip(*rows, strict=True)
        grid = shapely.get_precision(np.array(geometry, dtype=object))
        columns = {"level": level, "min_zoom": lo, "max_zoom": hi, "grid": grid}
        frame = gpd.GeoDataFrame(columns, geometry=list(geometry), crs=4326)
        return frame.astype({"min_zoom": float, "max_zoom": float})

    table = cached_columns("land_levels", params, build, _LEVEL_COLUMNS)
    out = []
    for i in np.unique(table["level"].astype(int)):
        rows = table["level"].astype(int) == i
        present = rows & ~shapely.is_missing(table["geometry"])
        polygons = shapely.set_precision(
            table["geometry"][present], table["grid"][present], mode="pointwise"
        )
        lo, hi = table["min_zoom"][rows][0], table["max_zoom"][rows][0]
        out.append(DisplayLevel(_zoom(lo), _zoom(hi), polygons))
    return tuple(out)


_LEVEL_COLUMNS = ("level", "min_zoom", "max_zoom", "grid", "geometry")


def _zoom(value: float) -> int | None:
    return None if np.isnan(value) else int(value)


def _title_for_claims(drawings: Sequence[ClaimDrawing], frame, lang: Language) -> str:
    drawn = [d for d in drawings if d.line is not None]
    subjects = {d.subject_id for d in drawn}
    if drawn and len(subjects) == 1:
        subject = _place_name(frame, drawn[0].subject_id, "", lang)
        refs = list(dict.fromkeys(_place_name(frame, d.reference_id, "", lang) for d in drawn))
        refs = [f"the {r}" if r.endswith(("Islands", "islands")) else r for r in refs]
        joined = refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]
        return f"How far is {subject} from {joined}?"
    if not drawn:
        return "Claims as stated and as measured"
    return f"{len(drawn)} distances as stated and as measured"


def claims_story(
    verdicts: Sequence[Verdict],
    *,
    lang: Language | str = Language.EN,
    title: str | None = None,
    source: str | None = None,
    basemap: bool = True,
) -> Story:
    """The story of checked claims: each measured line over the stated ring.

    Parameters
    ----------
    verdicts : sequence of Verdict
        The claims to draw; distance claims get a layer each.
    lang : Language or str
        Language of the place names (``"en"``, ``"ja"``, ``"zh"``).
    title : str, optional
        Headline; by default a question built from the places.
    source : str, optional
        The source named in the subtitle; by default the claims' source.
    basemap : bool
        Draw the land.

    Returns
    -------
    Story
        Opens on the measured lines.
    """
    lang = Language(lang)
    frame = features()
    kinds = [layer for layer in map(kind_story_layer, verdicts) if layer is not None]
    plain = [v for v in verdicts if getattr(v, "found", None) is None]
    drawings = [claim_drawing(v, lang=lang) for v in plain]
    drawn = [d for d in drawings if d.line is not None]
    claim_layers = [claim_story_layer(d) for d in drawn] + kinds
    lines = [d.line for d in drawn] + [s.geometry for layer in kinds for s in layer.shapes]
    focus = bounds_of(lines)
    focus = pad_bounds(focus, 0.08, 0.05) if focus else (119.0, 21.5, 125.0, 27.0)
    context = pad_bounds(focus, 1.0, 1.5)
    important = {d.subject_id for d in drawn} | {d.reference_id for d in drawn}
    important |= {getattr(v, "subject_id", "") for v in verdicts} - {""}
    layers = [_land(pad_bounds(focus, 0.8, 0.6))] if basemap else []
    layers.append(_places(context, lang=lang, view=focus, important=important))
    layers += claim_layers
    sources = [plain_text(v.claim.source) for v in verdicts]
    source = plain_text(source) or next((s for s in sources if s), "")
    held = sum(d.status == "holds" for d in drawn)
    others = [v for v in verdicts if getattr(v, "found", None) is not None]
    others_held = sum(str(v.status) == "holds" for v in others)
    subtitle = " · ".join(
        x
        for x in (
            f"Source: “{source}”" if source else "",
            f"{held} of {len(drawn)} distances hold" if drawn or not others else "",
            f"{others_held} of {len(others)} other claims hold" if others else "",
            f"measured as {_METHOD}",
        )
        if x
    )
    return Story(
        title or _title_for_claims(drawings, frame, lang),
        subtitle,
        tuple(layers),
        focus=focus,
    )


# ----------------------------------------------------------------------------- zones


def _number(area_id: str) -> str:
    m = re.search(r"(\d+)$", area_id)
    return m.group(1) if m else area_id


def _label_point_of_track(geom) -> tuple[float, float]:
    coords = shapely.get_coordinates(geom)
    i = int(np.argmax(coords[:, 0] + coords[:, 1]))
    return float(coords[i, 0]), float(coords[i, 1])


def _around(focus: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A square window (on the ground) three times the focus's larger side, at least 6°:
    what a reader sees of the zones on any screen and after zooming out twice.

    >>> [round(v, 2) for v in _around((120.0, 22.0, 122.0, 26.0))]
    [114.43, 18.0, 127.57, 30.0]
    """
    west, south, east, north = focus
    lat = (south + north) / 2
    half = max(3.0, 1.5 * max(north - south, (east - west) * np.cos(np.radians(lat))))
    x, dx = (west + east) / 2, half / max(np.cos(np.radians(lat)), 0.1)
    return (float(x - dx), max(lat - half, -90.0), float(x + dx), min(lat + half, 90.0))


def _zone_layers(
    zones: gpd.GeoDataFrame,
    shown_eez: Collection[str],
    window: tuple[float, float, float, float] | None = None,
) -> list[StoryLayer]:
    """Territorial seas and contiguous zones as one layer each; an EEZ layer per state.

    With ``window`` (west, south, east, north), only the zones' parts inside it are
    drawn: a story of one strait need not carry the whole region's coasts.
    """
    from ..data import state_land

    groups: dict[str, list] = {}
    for row in zones.itertuples():
        if window is not None:
            # An overlay, not clip_by_rect: that can return invalid rings.
            part = shapely.intersection(row.geometry, shapely.box(*window))
            if shapely.is_empty(part):
                continue
            row = row._replace(geometry=part)
        key = row.zone if row.zone != "EEZ" else f"EEZ {row.state}"
        groups.setdefault(key, []).append(row)
    order = sorted(groups, key=lambda k: (not k.startswith("EEZ"), k != "contiguous zone", k))
    layers = []
    for key in order:
        rows = groups[key]
        shapes = []
        for row in rows:
            popup = popup_table(
                f"{state_name(row.state)}: {row.zone}",
                [
                    ("Breadth", f"{row.nmi:g} nmi from the coast"),
                    ("Split", "at the equidistance line with neighbours"),
                    ("Note", row.note),
                ],
            )
            geom = zone_display_geometry(row.geometry, state_land(row.state))
            style = zone_style(row.state, row.zone)
            shapes.append(
                Shape(geom, style, Pane.ZONES, f"{state_name(row.state)}: {row.zone}", popup)
            )
        first = rows[0]
        if key.startswith("EEZ"):
            name = f"{state_name(first.state)} · EEZ ({first.nmi:g} nmi)"
            show = first.state in shown_eez
        else:
            name = f"{first.zone[0].upper()}{first.zone[1:]}s ({first.nmi:g} nmi)"
            show = True
        legend = tuple(LegendEntry(state_name(r.state), state_color(r.state)) for r in rows)
        layers.append(
            StoryLayer(name, tuple(shapes), show=show, attribution=OSM_CREDIT, legend=legend)
        )
    return layers


def _zone_kind_legend(zones: gpd.GeoDataFrame) -> tuple[LegendEntry, ...]:
    return tuple(
        LegendEntry(
            f"{kind} ({ZONE_STYLES[kind].weight and int(nmi)} nmi)",
            "#555555",
            "fill",
            ZONE_STYLES[kind].dash_array,
            ZONE_STYLES[kind].fill_opacity * 2,
        )
        for kind, nmi in (("territorial sea", 12), ("contiguous zone", 24), ("EEZ", 200))
        if kind in set(zones.zone)
    )


def zones_story(
    zones: gpd.GeoDataFrame | None = None,
    *,
    tracks: Sequence[tuple[str, shapely.Geometry]] = (),
    areas: gpd.GeoDataFrame | None = None,
    checks: Mapping[str, ZoneCheck] | None = None,
    airspace: bool = True,
    lang: Language | str = Language.EN,
    title: str | None = None,
) -> Story:
    """Maritime zones, ADIZs, and tracks or announced areas over them.

    What the map finds is what :func:`islandchain.zones.check_intrusion`
    returns: the part of each area inside the innermost zone of another
    state (:meth:`~islandchain.zones.ZoneCheck.innermost`), and the
    territorial seas a track enters, its own state's left out
    (:meth:`~islandchain.zones.ZoneCheck.entries`). Nothing is measured here.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        From :func:`islandchain.zones.maritime_zones` (the default).
    tracks : sequence of (label, geometry)
        Lines or areas drawn on top, e.g. blockade cordons: each styled
        apart and labelled; where one enters another state's territorial
        sea it is highlighted. An area is checked as its outline.
    areas : GeoDataFrame, optional
        Published areas (e.g. ``published_areas("exercise", group="pla-2022-08")``),
        numbered as announced; the part of each inside the innermost zone
        of another state is highlighted, and those states' EEZ layers are on.
    checks : mapping of str to ZoneCheck, optional
        The checks already made, by track label or area id (the
        ``check_intrusion`` of each track's line and each area, against the
        same zones); the others are checked here by ``check_intrusion``.
    airspace : bool
        Also draw the published ADIZs and the Taiwan Strait median line.
    lang : Language or str
        Language of the place names.
    title : str, optional
        Headline; by default from the areas or tracks.

    Returns
    -------
    Story
    """
    from ..zones import maritime_zones

    lang = Language(lang)
    zones = maritime_zones() if zones is None else zones
    areas = areas if areas is not None and len(areas) else None
    done = dict(checks or {})
    lines = [(label, _track_line(geom)) for label, geom in tracks]
    area_checks = [
        (str(row.id), str(row.state), str(row.name), _check(done, row.id, row.geometry, zones))
        for row in (areas.itertuples() if areas is not None else ())
    ]
    highlights, shown_eez, entered = _area_findings(area_checks)
    track_highlights, findings = _track_findings(
        [(label, _check(done, label, line, zones)) for label, line in lines]
    )
    extent_geoms = [*(areas.geometry if areas is not None else ()), *(g for _, g in tracks)]
    extent = bounds_of(extent_geoms) or bounds_of(zones.geometry)
    if extent is None:
        raise MapError("zone story: the zones, areas and tracks are all empty, nothing to draw")
    focus = pad_bounds(extent, 0.06, 0.1)
    layers = [_land(pad_bounds(focus, 0.3, 0.5)), *_zone_layers(zones, shown_eez, _around(focus))]
    if airspace:
        layers += _airspace_layers()
    if areas is not None:
        layers.append(_areas_layer(areas))
    layers += _track_layers(lines)
    if highlights or track_highlights:
        layers.append(
            StoryLayer(
                "Where they enter another state's waters",
                tuple(highlights + track_highlights),
                attribution=OSM_CREDIT,
                legend=(LegendEntry("inside another state's waters", INTRUSION_COLOUR, "hatch"),),
            )
        )
    layers.insert(1, _places(pad_bounds(focus, 0.5, 1.0), lang=lang, view=focus, important=()))
    return Story(
        title or _zones_title(areas, tracks),
        _zones_subtitle(areas, entered, findings),
        tuple(layers),
        focus=focus,
        extra_legend=_zone_kind_legend(zones),
    )


def _check(
    done: Mapping[str, ZoneCheck], key: str, geometry: BaseGeometry, zones: gpd.GeoDataFrame
) -> ZoneCheck:
    """The check made for ``key``, or :func:`~islandchain.zones.check_intrusion`'s now."""
    from ..zones import check_intrusion

    found = done.get(key)
    return found if found is not None else check_intrusion(geometry, zones, closest=False)


_Entered = dict[tuple[str, str], list[str]]


def _area_findings(
    checked: Sequence[tuple[str, str, str, ZoneCheck]],
) -> tuple[list[Shape], set[str], _Entered]:
    """Each area's part inside another state's innermost zone, as the checks found it."""
    highlights: list[Shape] = []
    shown_eez: set[str] = set()
    entered: _Entered = {}
    style = PathStyle(
        INTRUSION_COLOUR, weight=1.5, fill_color=hatch_fill(INTRUSION_COLOUR), fill_opacity=0.9
    )
    for area_id, own_state, area_name, check in checked:
        number = _number(area_id)
        for i in check.innermost({own_state}):
            if i.geometry is None:  # a check made without its parts: nothing to draw
                continue
            share = check.share(i)
            if i.zone == "EEZ":
                shown_eez.add(i.state)
            text = (
                f"Area {number} inside {_possessive(state_name(i.state))} {i.zone}: "
                f"{i.area_km2:,.0f} km² ({share:.0%})"
            )
            entered.setdefault((i.state, i.zone), []).append(
                number + (f" ({share:.0%})" if i.zone == "EEZ" else "")
            )
            popup = popup_table(text, [("Area", area_name), ("Zone note", "")])
            highlights.append(Shape(i.geometry, style, Pane.HIGHLIGHTS, text, popup))
    return highlights, shown_eez, entered


def _track_findings(
    checked: Sequence[tuple[str, ZoneCheck]],
) -> tuple[list[Shape], list[str]]:
    """The territorial seas each track enters, its home states' left out."""
    shapes: list[Shape] = []
    findings: list[str] = []
    style = PathStyle(INTRUSION_COLOUR, weight=7, opacity=0.85, fill=False)
    for label, check in checked:
        for i in check.entries("territorial sea"):
            if i.geometry is None:
                continue
            text = f"{label}: enters {_possessive(state_name(i.state))} territorial sea"
            findings.append(text)
            shapes.append(Shape(i.geometry, style, Pane.LINES, text, text))
    return shapes, findings


def _airspace_layers() -> list[StoryLayer]:
    """The published ADIZs and lines (the Taiwan Strait median line)."""
    from ..published import published_lines
    from ..zones import adiz_zones

    layers = []
    for row in adiz_zones().itertuples():
        style = PathStyle(state_color(row.state), weight=2.0, fill=False, dash_array=ADIZ_DASH)
        name = f"{state_name(row.state)} ADIZ"
        layers.append(
            ring_story_layer(
                row.geometry,
                name,
                style=style,
                popup=popup_table(name, [("Note", row.note)]),
                pane=Pane.LINES,
                legend=(LegendEntry(name, state_color(row.state), "line", ADIZ_DASH, 2),),
            )
        )
    for row in published_lines().itertuples():
        lon, lat = midpoint(row.geometry)
        layers.append(
            line_story_layer(
                row.geometry,
                row.name,
                MEDIAN_STYLE.color,
                popup_table(row.name, [("Source", row.source), ("Note", row.note)]),
                weight=MEDIAN_STYLE.weight,
                dash_array=MEDIAN_STYLE.dash_array,
                endpoints=False,
                labels=(Label(lon, lat, "median line", LabelKind.LINE, 40),),
                legend=(
                    LegendEntry(row.name, MEDIAN_STYLE.color, "line", MEDIAN_STYLE.dash_array, 2),
                ),
            )
        )
    return layers


def _areas_layer(areas: gpd.GeoDataFrame) -> StoryLayer:
    """The announced areas, numbered as announced."""
    shapes, labels = [], []
    for row in areas.itertuples():
        popup = popup_table(
            row.name,
            [
                ("Announced", row.published),
                ("Valid", row.valid),
                ("Source", row.source),
                ("Note", row.note),
            ],
        )
        style = PathStyle(EXERCISE_COLOUR, weight=2.5, fill_opacity=0.25)
        shapes.append(Shape(row.geometry, style, Pane.AREAS, row.name, popup))
        p = shapely.point_on_surface(row.geometry)
        labels.append(Label(p.x, p.y, _number(row.id), LabelKind.AREA, 300))
    group = str(areas["group"].iloc[0]) if "group" in areas else "areas"
    return StoryLayer(
        f"Announced areas {group} (numbered as announced)",
        tuple(shapes),
        tuple(labels),
        legend=(LegendEntry("announced exercise area (numbered as announced)", EXERCISE_COLOUR),),
    )


def _track_layers(lines: Sequence[tuple[str, BaseGeometry]]) -> list[StoryLayer]:
    """Each track (a cordon) styled apart and labelled by its distance."""
    layers = []
    for i, (label, line) in enumerate(sorted(lines, key=lambda t: _track_order(t[0]))):
        style = cordon_style(i)
        lon, lat = _label_point_of_track(line)
        layers.append(
            StoryLayer(
                plain_text(label),
                tuple(line_shapes(line, style, style, label, label, endpoints=False)),
                (Label(lon, lat, _short_track_label(label), LabelKind.LINE, 150 - i),),
                attribution=OSM_CREDIT,
                legend=(LegendEntry(label, style.color, "line", style.dash_array, style.weight),),
            )
        )
    return layers


def _zones_subtitle(areas: gpd.GeoDataFrame | None, entered: _Entered, findings: list[str]) -> str:
    """The findings (first four), the source and how the zones were drawn."""
    source = ""
    if areas is not None:
        source = plain_text(areas["source"].iloc[0])
        source = "Source: " + (source if len(source) <= 90 else source[:89].rstrip() + "…")
    found = [
        f"in {_possessive(state_name(state))} {zone}: "
        f"{'area' if len(numbers) == 1 else 'areas'} {', '.join(numbers)}"
        for (state, zone), numbers in sorted(
            entered.items(), key=lambda kv: (list(ZONE_STYLES).index(kv[0][1]), kv[0][0])
        )
    ] + findings
    return " · ".join(
        x
        for x in (
            "; ".join(found[:4]) + (" …" if len(found) > 4 else ""),
            source,
            "zones measured from the OpenStreetMap coast, split at equidistance lines",
        )
        if x
    )


def _possessive(name: str) -> str:
    """``Japan's``, ``the Philippines'``.

    Examples
    --------
    >>> _possessive("Japan"), _possessive("Philippines")
    ("Japan's", "the Philippines'")
    """
    if name.endswith("s"):
        return f"the {name}'"
    return f"{name}'s"


def _track_order(label: str) -> float:
    m = re.search(r"(\d+(?:\.\d+)?)\s*nmi", label)
    return float(m.group(1)) if m else float("inf")


def _short_track_label(label: str) -> str:
    m = re.search(r"(\d+(?:\.\d+)?)\s*nmi", label)
    return f"{m.group(1)} nmi" if m else plain_text(label)


def _track_line(geom: shapely.Geometry) -> BaseGeometry:
    """A track as a line: the outline of an area, a line as it is."""
    if isinstance(geom, (shapely.Polygon, shapely.MultiPolygon)):
        return shapely.boundary(geom)
    if isinstance(geom, BaseGeometry):
        return geom
    raise MapError(f"track: expected a shapely geometry, not {type(geom).__name__}")


def _zones_title(areas, tracks) -> str:
    if areas is not None:
        names = [plain_text(n) for n in areas["name"]]
        m = re.search(r",\s*([^,(]+?)\s*(\(|$)", names[0]) if names else None
        when = f" of {m.group(1)}" if m else ""
        return f"The {len(names)} announced exercise areas{when}: whose waters they enter"
    if tracks:
        around = {m.group(1) for label, _ in tracks if (m := re.search(r"round (.+)$", label))}
        if len(around) == 1:
            dists = ", ".join(_short_track_label(label) for label, _ in tracks)
            return f"A blockade cordon round {around.pop()} at {dists}: whose waters it crosses"
        return "Whose waters these tracks cross"
    return "Maritime zones and air defence zones"


# ----------------------------------------------------------------------------- chain


def _largest(ids: Sequence[str], n: int) -> tuple[str, ...]:
    """The ``n`` largest of the features ``ids`` by area: the islands a reader knows a map by.

    >>> sorted(_largest(["kyushu", "taiwan", "luzon", "yonaguni"], 3))
    ['kyushu', 'luzon', 'taiwan']
    """
    frame = features().loc[list(ids)]
    areas = frame.to_crs("EPSG:6933").area  # equal-area: only the order matters
    return tuple(areas.sort_values(ascending=False).index[:n])


def _ships_of(states: Sequence[str]) -> str:
    """'ships of China and Taiwan': state codes in words, for titles.

    >>> _ships_of(["CHN", "TWN"])
    'ships of China and Taiwan'
    """
    from ..vocabulary import STATE_NAMES

    names = [STATE_NAMES.get(s, s) for s in states]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"ships of {joined}"


def chain_story(
    variant: str = "core",
    *,
    controller: Sequence[str] = ("CHN", "TWN"),
    keep_nmi: float = 12.0,
    lang: Language | str = Language.EN,
    passages: Sequence[Passage] | None = None,
) -> Story:
    """The first island chain: each gap as its narrowest crossing, labelled.

    Parameters
    ----------
    variant : str
        A definition from :func:`islandchain.chain.chain_variants`.
    controller : sequence of str
        States whose ships are considered (the article: Taiwan under Chinese control).
    keep_nmi : float
        Distance to keep from foreign land.
    lang : Language or str
        Language of the place names.
    passages : sequence of Passage, optional
        What :func:`islandchain.chain.passages` returned for these
        arguments (the command line passes the passages it printed); by
        default it is called here.

    Returns
    -------
    Story
    """
    from ..chain import chain_variants
    from ..chain import passages as find_passages
    from ..geodesy import NMI

    lang = Language(lang)
    v = chain_variants()[variant]
    if passages is None:
        passages = find_passages(tuple(controller), keep_nmi * NMI / 1000, variant)
    shapes: dict[bool, list[Shape]] = {True: [], False: []}
    labels: dict[bool, list[Label]] = {True: [], False: []}
    lines = []
    for p in passages:
        g = p.gap
        line = g.measured.geodesic(max_segment_m=2_000)
        lines.append(line)
        status = "open" if p.open else "closed"
        popup = popup_table(
            g.name,
            [
                ("Between", f"{g.a} and {g.b}"),
                ("Width", f"{g.width_km:.1f} km coast to coast"),
                ("Mid-channel", f"{g.half_width_km:.1f} km from either coast"),
                ("Controlled", f"{status} at {keep_nmi:g} nmi from foreign land ({p.note})"),
            ],
        )
        colour = _GAP_COLOURS[p.open]
        style = PathStyle(colour, weight=4, fill=False)
        ends = PathStyle("#ffffff", weight=1.5, fill_color=colour, fill_opacity=1.0, radius=4)
        shapes[p.open] += line_shapes(line, style, ends, f"{g.name}: {g.width_km:.0f} km", popup)
        lon, lat = midpoint(line)
        labels[p.open].append(
            Label(lon, lat, f"{g.name} {g.width_km:.0f} km", LabelKind.MEASURE, 200)
        )
    who = _ships_of(controller)
    words = {
        True: f"gaps {who} can pass {keep_nmi:g} nmi from foreign land",
        False: f"gaps where {who} come closer than {keep_nmi:g} nmi to foreign land",
    }
    focus = pad_bounds(bounds_of(lines) or (120.0, 20.0, 131.0, 32.0), 0.05, 0.3)
    layers = [
        _land(focus, near=[pad_bounds(b, 0.3, 0.4) for x in lines if (b := bounds_of([x]))]),
        # Only the chain's own islands: the story is the gaps between them, not the coast beyond.
        _places(
            pad_bounds(focus, 0.3, 1.0),
            lang=lang,
            view=focus,
            important=set(v.members),
            only=v.members,
            landmarks=_largest(v.members, 4),
        ),
        *_gap_layers(shapes, labels, words),
    ]
    return Story(
        f"The first island chain: {len(labels[True])} of its {len(lines)} gaps can be passed "
        f"by {who} {keep_nmi:g} nmi from foreign land",
        f"{v.name}. Source: {v.source} · widths are {_METHOD}",
        tuple(layers),
        focus=focus,
    )


_GAP_COLOURS = {True: "#1b9e77", False: "#d95f02"}


def _gap_layers(
    shapes: Mapping[bool, list[Shape]],
    labels: Mapping[bool, list[Label]],
    words: Mapping[bool, str],
) -> list[StoryLayer]:
    """One layer for the open gaps, one for the closed, each with its legend in plain words."""
    return [
        StoryLayer(
            f"{words[is_open][0].upper()}{words[is_open][1:]} ({len(labels[is_open])})",
            tuple(shapes[is_open]),
            tuple(labels[is_open]),
            attribution=OSM_CREDIT,
            legend=(LegendEntry(words[is_open], _GAP_COLOURS[is_open], "line"),),
        )
        for is_open in (True, False)
        if shapes[is_open]
    ]
