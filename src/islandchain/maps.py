"""Whole maps of checked claims, assembled from :mod:`islandchain.layers`.

A verdict becomes a drawing (:func:`claim_drawing`): the geodesic between the
two points that realise the measured distance, a ring at the *stated*
distance around the reference place (so the reader sees where "111 km"
actually lands), a label and a plain-text popup. :func:`claims_map` puts the
drawings over the offline basemap and the named features.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import folium
import shapely

from .claims import Verdict
from .data import features, land
from .geodesy import geodesic_buffer, geodesic_circle, geodesic_line
from .layers import (
    basemap_layer,
    claim_layer,
    features_layer,
    legend,
    line_layer,
    make_map,
    ring_layer,
    state_color,
    state_legend_entries,
    verdict_legend_entries,
)

__all__ = ["ClaimDrawing", "chain_map", "claim_drawing", "claims_map", "zones_map"]

# Features too large to outline usefully on a claims map (their coasts are the basemap).
_BACKGROUND = ("chinese_mainland", "roc_territory", "ryukyu", "borneo", "honshu", "luzon")


@dataclass(frozen=True)
class ClaimDrawing:
    """What a map shows for one verdict (see :func:`islandchain.layers.claim_layer`)."""

    status: str
    label: str
    line: shapely.LineString | None
    ring: shapely.Geometry | None
    popup: str


def claim_drawing(verdict: Verdict) -> ClaimDrawing:
    """Turn a verdict into the geometries and text a map draws for it.

    Parameters
    ----------
    verdict : Verdict
        From :func:`islandchain.claims.check_claim`.

    Returns
    -------
    ClaimDrawing
        ``line``: the geodesic between the measured points (None for
        administration and dispute claims); ``ring``: every point at the stated
        distance from the reference place, drawn as a geodesic buffer of its
        coast (or a circle round a named point or centroid); ``label`` and
        ``popup`` as plain text.

    Examples
    --------
    >>> from islandchain.claims import check_claim, parse_claims
    >>> _, [c] = parse_claims('[[claim]]\\nsubject = "Taiwan"\\nreference = "Yonaguni"\\n'
    ...                       'distance = 111\\ndirection = "west"')
    >>> claim_drawing(check_claim(c)).line.geom_type
    'LineString'
    """
    c = verdict.claim
    line = ring = None
    if verdict.measured_km is not None and verdict.reference_point and verdict.subject_point:
        line = geodesic_line(*verdict.reference_point, *verdict.subject_point, max_segment_m=2_000)
        frame = features()
        if c.measure == "coast" and not c.reference_point:
            ring = geodesic_buffer(
                frame.loc[verdict.reference_id, "geometry"], verdict.stated_km * 1000
            )
        else:
            ring = geodesic_circle(*verdict.reference_point, verdict.stated_km * 1000)
        label = (
            f"{c.id}: measured {verdict.measured_km:.1f} km vs stated "
            f"{verdict.stated_km:g} km, {verdict.status}"
        )
    else:
        label = f"{c.id}: {verdict.status}"
    lines = [f"{verdict.status.upper()}: {c.id}"]
    if c.quote:
        lines.append(f"“{c.quote}”" + (f" ({c.source})" if c.source else ""))
    lines.append(verdict.reason)
    if verdict.reference_point_label:
        lines.append(f"from: {verdict.reference_point_label}")
    if verdict.subject_point_label:
        lines.append(f"to: {verdict.subject_point_label}")
    if verdict.rule:
        lines.append(f"rule: {verdict.rule}")
    if verdict.cross_check_km is not None:
        lines.append(
            f"GSHHG coastline: {verdict.cross_check_km:.1f} km (spread {verdict.spread_km:.1f} km)"
        )
    if verdict.best_reading:
        lines.append(f"reading nearest the stated figure: {verdict.best_reading}")
    return ClaimDrawing(verdict.status, label, line, ring, "\n".join(lines))


def claims_map(
    verdicts: Sequence[Verdict],
    *,
    tiles: str | None = None,
    basemap: bool = True,
) -> folium.Map:
    """A map of checked claims over the offline basemap and the named features.

    Parameters
    ----------
    verdicts : sequence of Verdict
        The claims to draw, one layer each.
    tiles : str, optional
        An xyzservices provider name for web tiles; None (the default) keeps
        the map offline with the vector basemap.
    basemap : bool, default True
        Draw the land polygons (simplified for display only).

    Returns
    -------
    folium.Map
        Ready for :func:`islandchain.export.to_html`.

    Examples
    --------
    >>> from islandchain.claims import check_claims, load_claims
    >>> m = claims_map(check_claims(load_claims("claims/article.toml")[1]))  # doctest: +SKIP
    """
    shown = _shown_features()
    layers = _base_layers(basemap=basemap, show_features=True)
    extent = []
    for v in verdicts:
        drawing = claim_drawing(v)
        if drawing.line is not None:
            layers.append(claim_layer(drawing))
            extent.append(drawing.ring if drawing.ring is not None else drawing.line)
    states = sorted({s for codes in shown.admin for s in codes})
    key = legend(state_legend_entries(states) + verdict_legend_entries())
    # Open on the claims, not on the whole region.
    return _fitted(make_map(layers, tiles, legend=key, fit_bounds=not extent), extent)


def _shown_features():
    frame = features()
    return frame.drop(index=[i for i in _BACKGROUND if i in frame.index])


def _base_layers(*, basemap: bool = True, show_features: bool = False) -> list:
    """The offline land basemap and the named features, under every map."""
    layers = [basemap_layer(land("osm"))] if basemap else []
    return [*layers, features_layer(_shown_features(), show=show_features)]


def chain_map(variant: str = "core", *, tiles: str | None = None) -> folium.Map:
    """The first island chain: each gap drawn as its narrowest crossing, labelled.

    Parameters
    ----------
    variant : str
        A definition from :func:`islandchain.chain.chain_variants`.
    tiles : str, optional
        An xyzservices provider name; None keeps the map offline.

    Returns
    -------
    folium.Map

    Examples
    --------
    >>> m = chain_map()  # doctest: +SKIP
    """
    from .chain import passages

    layers, extent = _base_layers(), []
    for p in passages(variant=variant):
        g = p.gap
        line = geodesic_line(*g.point_a, *g.point_b, max_segment_m=2_000)
        label = f"{g.name}: {g.width_km:.1f} km wide"
        popup = (
            f"{g.name}\n{g.a} to {g.b}: {g.width_km:.2f} km; a ship can keep "
            f"{g.half_width_km:.1f} km from both coasts.\nWith Taiwan under Chinese control: "
            f"{p.note}; {'open' if p.open else 'closed'} at 12 nmi from foreign land."
        )
        layers.append(line_layer(line, label, "#1b9e77" if p.open else "#d95f02", popup))
        extent.append(line)
    return _fitted(make_map(layers, tiles, fit_bounds=False), extent)


def zones_map(
    zones=None,
    *,
    tracks: Sequence[tuple[str, shapely.Geometry]] = (),
    areas=None,
    airspace: bool = True,
    tiles: str | None = None,
) -> folium.Map:
    """Maritime zones by state, the published ADIZs, and tracks or areas over them.

    Parameters
    ----------
    zones : GeoDataFrame, optional
        From :func:`islandchain.zones.maritime_zones` (the default).
    tracks : sequence of (label, geometry)
        Lines or areas to draw on top as black outlines, e.g. blockade cordons.
    areas : GeoDataFrame, optional
        Published areas to draw filled, e.g.
        ``published_areas("exercise", group="pla-2022-08")``; each popup
        gives the name, dates and source.
    airspace : bool
        Also draw the published ADIZs and the Taiwan Strait median line.
    tiles : str, optional
        An xyzservices provider name; None keeps the map offline.

    Returns
    -------
    folium.Map

    Examples
    --------
    >>> m = zones_map(areas=published_areas("exercise"))  # doctest: +SKIP
    """
    from .layers import PathStyle, popup_table
    from .published import published_lines
    from .zones import adiz_zones, maritime_zones

    zones = maritime_zones() if zones is None else zones
    layers = _base_layers()
    opacity = {"EEZ": 0.08, "contiguous zone": 0.12, "territorial sea": 0.2}
    for row in zones.sort_values("nmi", ascending=False).itertuples():
        colour = state_color(row.state)
        style = PathStyle(
            colour,
            weight=1.0,
            fill_opacity=opacity.get(row.zone, 0.1),
            dash_array=None if row.zone == "territorial sea" else "4 4",
        )
        layers.append(
            ring_layer(
                row.geometry,
                f"{row.state} {row.zone} ({row.nmi:g} nmi)",
                popup=f"{row.state} {row.zone}: {row.nmi:g} nmi from the "
                f"coast, split at the equidistance line.\n{row.note}",
                style=style,
                show=row.zone != "EEZ",
            )
        )
    extent = [*zones.geometry]
    if airspace:
        for row in adiz_zones().itertuples():
            style = PathStyle(state_color(row.state), weight=2.0, fill=False, dash_array="10 4 2 4")
            layers.append(
                ring_layer(row.geometry, f"{row.state} ADIZ", popup=row.note, style=style)
            )
        for row in published_lines().itertuples():
            popup = popup_table(row.name, [("source", row.source), ("note", row.note)])
            layers.append(
                line_layer(
                    row.geometry,
                    row.name,
                    "#555555",
                    popup,
                    weight=2.0,
                    dash_array="2 6",
                    endpoints=False,
                )
            )
    for row in () if areas is None else areas.itertuples():
        popup = popup_table(
            row.name,
            [
                ("announced", row.published),
                ("valid", row.valid),
                ("source", row.source),
                ("note", row.note),
            ],
        )
        style = PathStyle(state_color(row.state), weight=2.0, fill_opacity=0.35)
        layers.append(ring_layer(row.geometry, row.id, popup=popup, style=style))
        extent.append(row.geometry)
    for label, geom in tracks:
        layers.append(
            line_layer(
                shapely.boundary(geom) if geom.geom_type.endswith("Polygon") else geom,
                label,
                "#000000",
                weight=2.0,
                endpoints=False,
            )
        )
        extent.append(geom)
    states = sorted(set(zones.state))
    fmap = make_map(layers, tiles, legend=legend(state_legend_entries(states)), fit_bounds=False)
    return _fitted(fmap, extent)


def _fitted(fmap: folium.Map, geoms: Sequence[shapely.Geometry]) -> folium.Map:
    """Open the map on these geometries rather than on the whole basemap."""
    if geoms:
        west, south, east, north = shapely.GeometryCollection(list(geoms)).bounds
        fmap.fit_bounds([[south, west], [north, east]])
    return fmap
