"""Static figures for print: a story drawn with matplotlib in a projection centred on it.

The figure shows what the HTML map shows when it opens (the layers that are
on), in an azimuthal equidistant projection centred on the story, so
distances from the centre are true and the scale bar is right at the centre
(the figure says so). Labels are moved apart with adjustText; the legend
lists what is drawn; the OpenStreetMap credit is printed whenever
OpenStreetMap-derived shapes are. Japanese and Chinese names need a CJK font
(``fonts-noto-cjk`` on Debian: "Noto Sans CJK JP").

Only :func:`islandchain.export.to_figure` writes the file.

Examples
--------
>>> from shapely.geometry import LineString
>>> from islandchain.mapping.shapes import line_story_layer
>>> layer = line_story_layer(LineString([(123, 24.45), (122, 24.6)]), "a line")
>>> fig = story_figure(Story("A title", "A subtitle", (layer,)))
>>> [t.get_text() for t in fig.texts][:2]
['A title', 'A subtitle']
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..tables import clean_text
from .simplify import DisplayLevel
from .story import Bounds, LabelKind, LegendEntry, Pane, Story, StoryLayer
from .styles import LAND_FILL, LAND_STROKE, OSM_CREDIT, SEA_COLOUR, PathStyle

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from matplotlib.artist import Artist
    from matplotlib.typing import RcKeyType

__all__ = ["CJK_FONT", "FONT_FAMILY", "figure_zoom", "font_family", "story_figure"]

#: The CJK font named in the README (Debian package ``fonts-noto-cjk``).
CJK_FONT = "Noto Sans CJK JP"
#: Fonts tried in order for every character (matplotlib's font fallback).
FONT_FAMILY = ["DejaVu Sans", CJK_FONT]

_LABEL_SIZE = {
    LabelKind.PLACE: 8.5,
    LabelKind.REGION: 8.5,
    LabelKind.MEASURE: 10.0,
    LabelKind.AREA: 12.0,
    LabelKind.LINE: 8.0,
}
_LABEL_COLOUR = {LabelKind.AREA: "#7a0d3a", LabelKind.REGION: "#444444"}


def font_family() -> list[str]:
    """:data:`FONT_FAMILY` without the fonts this machine lacks (no warning per glyph).

    Examples
    --------
    >>> font_family()[0]
    'DejaVu Sans'
    """
    from matplotlib import font_manager

    found = []
    for name in FONT_FAMILY:
        try:
            font_manager.findfont(name, fallback_to_default=False)
        except ValueError:
            continue
        found.append(name)
    return found or ["sans-serif"]


def _projection(bounds: Bounds):
    from pyproj import CRS, Transformer

    west, south, east, north = bounds
    crs = CRS.from_proj4(
        f"+proj=aeqd +lat_0={(south + north) / 2:.6f} +lon_0={(west + east) / 2:.6f} "
        "+datum=WGS84 +units=m +no_defs"
    )
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _project(geom: BaseGeometry, transformer) -> BaseGeometry:
    return shapely.transform(
        geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
    )


def figure_zoom(bounds: Bounds, width_px: float) -> float:
    """The web-map zoom at which ``bounds`` spans ``width_px`` (to pick a land level).

    Examples
    --------
    >>> round(figure_zoom((121.0, 24.0, 124.0, 26.0), 1000), 1)
    8.9
    """
    west, _, east, _ = bounds
    span = max(east - west, 1e-6)
    return math.log2(width_px * 360 / (256 * span))


def _mpl_style(style: PathStyle, *, area: bool) -> dict:
    dashes = style.dashes()
    kw: dict = {
        "edgecolor": style.color,
        "linewidth": style.weight * 0.6,
        "alpha": None,
    }
    if dashes:
        kw["linestyle"] = (0, tuple(d * 0.5 for d in dashes))
    if area:
        if style.hatched:
            kw["facecolor"] = "none"
            kw["hatch"] = "////"
        elif style.fill:
            from matplotlib.colors import to_rgba

            kw["facecolor"] = to_rgba(style.plain_fill, style.fill_opacity)
        else:
            kw["facecolor"] = "none"
    return kw


def _draw_geometry(ax, geom: BaseGeometry, style: PathStyle, zorder: float) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    parts = shapely.get_parts(geom)
    for part in parts:
        kind = part.geom_type
        if kind == "Polygon":
            rings = [part.exterior, *part.interiors]
            verts, codes = [], []
            for ring in rings:
                xy = np.asarray(ring.coords)
                if len(xy) < 3:
                    continue
                verts.append(xy)
                codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY]
            if not verts:
                continue
            path = MplPath(np.concatenate(verts), codes)
            kw = _mpl_style(style, area=True)
            if kw.get("hatch"):
                ax.add_patch(
                    PathPatch(
                        path,
                        facecolor="none",
                        edgecolor=style.color,
                        hatch="////",
                        linewidth=0,
                        alpha=0.45,
                        zorder=zorder,
                    )
                )
                kw["hatch"] = None
            ax.add_patch(PathPatch(path, zorder=zorder, **kw))
        elif kind in ("LineString", "LinearRing"):
            xy = np.asarray(part.coords)
            kw = _mpl_style(style, area=False)
            ax.plot(
                xy[:, 0],
                xy[:, 1],
                color=style.color,
                linewidth=kw["linewidth"] * 1.2,
                linestyle=kw.get("linestyle", "-"),
                alpha=style.opacity,
                solid_capstyle="round",
                zorder=zorder,
            )
        elif kind == "Point":
            size = (style.radius or 4) * 1.6
            ax.plot(
                part.x,
                part.y,
                marker="o",
                markersize=size,
                markerfacecolor=style.plain_fill,
                markeredgecolor=style.color,
                markeredgewidth=0.8,
                zorder=zorder,
            )
        else:  # collections: draw their parts
            _draw_geometry(ax, part, style, zorder)


def _legend_handles(entries: Sequence[LegendEntry]) -> list[Artist]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = []
    for e in entries:
        if e.kind == "line":
            dashes = PathStyle(e.color, dash_array=e.dash_array).dashes()
            handles.append(
                Line2D(
                    [],
                    [],
                    color=e.color,
                    linewidth=max(1.0, min(e.weight, 4.0)) * 0.8,
                    linestyle=(0, tuple(d * 0.5 for d in dashes)) if dashes else "-",
                    label=clean_text(e.label),
                )
            )
        elif e.kind == "point":
            handles.append(
                Line2D(
                    [],
                    [],
                    color=e.color,
                    marker="o",
                    linestyle="",
                    markersize=5,
                    label=clean_text(e.label),
                )
            )
        elif e.kind == "hatch":
            handles.append(
                Patch(facecolor="none", edgecolor=e.color, hatch="////", label=clean_text(e.label))
            )
        else:
            from matplotlib.colors import to_rgba

            handles.append(
                Patch(
                    facecolor=to_rgba(e.color, min(e.fill_opacity, 1.0)),
                    edgecolor=e.color,
                    linestyle="--" if e.dash_array else "-",
                    label=clean_text(e.label),
                )
            )
    return handles


def _north_arrow(ax, transformer, bounds: Bounds) -> None:
    """An arrow pointing to true north at the top-right of the map."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    x, y = x1 - 0.06 * (x1 - x0), y1 - 0.16 * (y1 - y0)
    lon, lat = transformer.transform(x, y, direction="INVERSE")
    nx, ny = transformer.transform(lon, min(lat + 0.05, 89.9))
    angle = math.atan2(ny - y, nx - x)
    length = 0.07 * (y1 - y0)
    tip = (x + length * math.cos(angle), y + length * math.sin(angle))
    ax.annotate(
        "",
        xy=tip,
        xytext=(x, y),
        arrowprops={"arrowstyle": "-|>", "color": "#222222", "linewidth": 1.5},
        zorder=90,
    )
    ax.text(
        tip[0], tip[1], "N", ha="center", va="bottom", fontsize=10, fontweight="bold", zorder=90
    )


def story_figure(
    story: Story,
    *,
    size: tuple[float, float] = (8.0, 6.6),
    dpi: float = 100,
    max_labels: int = 30,
):
    """Draw a story as a static matplotlib figure for print.

    Parameters
    ----------
    story : Story
        From :func:`~islandchain.mapping.stories.claims_story` and its kin.
        The layers that are on when the HTML map opens are drawn.
    size : (width, height)
        In inches.
    dpi : float
        Resolution of raster output.
    max_labels : int
        At most this many labels (by priority) are placed.

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`islandchain.export.to_figure`.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    rc: dict[RcKeyType, object] = {
        "font.family": font_family(),
        "svg.fonttype": "none",
        "svg.hashsalt": "islandchain",
        # Text is data: "$…$" in a title or a name is drawn as written, never as mathtext.
        "text.parse_math": False,
        "text.usetex": False,
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=size, dpi=dpi, layout=None)
        bounds = story.extent() or (118.0, 20.0, 127.0, 28.0)
        transformer = _projection(bounds)
        ax = fig.add_axes((0.02, 0.17, 0.96, 0.66))
        ax.set_facecolor(SEA_COLOUR)
        ax.set_xticks([])
        ax.set_yticks([])
        limits, view = _frame(ax, transformer, bounds, size)
        shown = [layer for layer in story.layers if layer.show]
        _draw_layers(ax, shown, transformer, view, figure_zoom(view, size[0] * dpi))
        _place_labels(fig, ax, shown, transformer, limits, view, max_labels)
        _decorate(fig, ax, story, transformer, bounds, size)
    return fig


def _frame(ax, transformer, bounds: Bounds, size: tuple[float, float]):
    """Set the axes' limits round the story, keeping their aspect; the limits and the view.

    The view is the lon/lat box the axes show, padded a little: what is drawn.
    """
    frame = _project(shapely.segmentize(shapely.box(*bounds), 0.05), transformer)
    fx0, fy0, fx1, fy1 = frame.bounds
    # Keep the axes' aspect: widen the shorter side around the centre.
    box_w, box_h = 0.96 * size[0], 0.66 * size[1]
    w, h = fx1 - fx0, fy1 - fy0
    if w / h < box_w / box_h:
        cx, w = (fx0 + fx1) / 2, h * box_w / box_h
        fx0, fx1 = cx - w / 2, cx + w / 2
    else:
        cy, h = (fy0 + fy1) / 2, w * box_h / box_w
        fy0, fy1 = cy - h / 2, cy + h / 2
    ax.set_xlim(fx0, fx1)
    ax.set_ylim(fy0, fy1)
    ax.set_aspect("equal")
    lon_lat = [
        transformer.transform(x, y, direction="INVERSE")
        for x, y in ((fx0, fy0), (fx0, fy1), (fx1, fy0), (fx1, fy1))
    ]
    lons, lats = zip(*lon_lat, strict=True)
    view = (min(lons) - 0.3, min(lats) - 0.3, max(lons) + 0.3, max(lats) + 0.3)
    return (fx0, fy0, fx1, fy1), view


def _draw_layers(ax, shown: list[StoryLayer], transformer, view: Bounds, zoom: float) -> None:
    """The land of the figure's zoom and every shape, clipped to the view."""
    view_box = shapely.box(*view)
    for layer in shown:
        for level in layer.land_levels:
            assert isinstance(level, DisplayLevel)
            if level.covers(zoom) and len(level.polygons):
                near = level.polygons[shapely.STRtree(level.polygons).query(view_box)]
                clipped = shapely.intersection(near, view_box)
                land = shapely.GeometryCollection(list(clipped[~shapely.is_empty(clipped)]))
                style = PathStyle(LAND_STROKE, weight=0.8, fill_color=LAND_FILL, fill_opacity=1)
                _draw_geometry(ax, _project(land, transformer), style, Pane.LAND * 10)
        for shape in layer.shapes:
            geom = shapely.intersection(shape.geometry, view_box)
            if geom.is_empty:
                continue
            _draw_geometry(ax, _project(geom, transformer), shape.style, shape.pane * 10)


def _place_labels(
    fig, ax, shown: list[StoryLayer], transformer, limits, view: Bounds, max_labels: int
) -> None:
    """The labels in view, by priority, set apart by adjustText; one pushed far is hidden."""
    fx0, fy0, fx1, fy1 = limits
    labels = [
        lb
        for layer in shown
        for lb in layer.labels
        if view[0] <= lb.lon <= view[2] and view[1] <= lb.lat <= view[3]
    ]
    labels.sort(key=lambda lb: -lb.priority)
    texts = []
    # A light box rather than a stroked halo: path effects would turn SVG text into paths.
    halo = {"boxstyle": "round,pad=0.12", "facecolor": "white", "alpha": 0.72, "linewidth": 0}
    for lb in labels[:max_labels]:
        x, y = transformer.transform(lb.lon, lb.lat)
        if not (fx0 <= x <= fx1 and fy0 <= y <= fy1):
            continue
        kind = LabelKind(lb.kind)
        texts.append(
            ax.text(
                x,
                y,
                clean_text(lb.text),
                fontsize=_LABEL_SIZE.get(kind, 8.5),
                fontweight="bold" if kind in (LabelKind.MEASURE, LabelKind.AREA) else None,
                fontstyle="italic" if kind is LabelKind.REGION else "normal",
                color=_LABEL_COLOUR.get(kind, "#1a1a1a"),
                ha="center" if kind is LabelKind.AREA else "left",
                va="center" if kind is LabelKind.AREA else "bottom",
                zorder=100 + lb.priority / 1000,
                bbox=halo,
                clip_on=True,
            )
        )
    if not texts:
        return
    from adjustText import adjust_text

    fig.canvas.draw()  # texts need a renderer to be measured
    before = [t.get_window_extent().get_points().mean(axis=0) for t in texts]
    adjust_text(
        texts,
        ax=ax,
        expand=(1.1, 1.3),
        ensure_inside_axes=True,
        only_move={"text": "xy", "static": "xy", "explode": "xy", "pull": "xy"},
    )
    # A label pushed far from its place would name the wrong spot: leave it out.
    limit = 0.07 * fig.bbox.width
    for text, start in zip(texts, before, strict=True):
        moved = text.get_window_extent().get_points().mean(axis=0) - start
        if float(np.hypot(*moved)) > limit:
            text.set_visible(False)


def _decorate(fig, ax, story: Story, transformer, bounds: Bounds, size) -> None:
    """Scale bar, north arrow, title and subtitle, legend and credit."""
    from matplotlib_scalebar.scalebar import ScaleBar

    scalebar = ax.add_artist(
        ScaleBar(
            1.0,
            "m",
            location="lower left",
            box_alpha=0.8,
            length_fraction=0.25,
            font_properties={"size": 8},
            scale_loc="top",
        )
    )
    scalebar.set_zorder(95)
    _north_arrow(ax, transformer, bounds)
    title = textwrap.wrap(clean_text(story.title), int(size[0] * 8.2))
    fig.text(0.02, 0.985, "\n".join(title[:2]), fontsize=13, fontweight="bold", va="top")
    lines = textwrap.wrap(clean_text(story.subtitle), int(size[0] * 14))
    fig.text(
        0.02,
        0.985 - 0.045 * min(len(title), 2),
        "\n".join(lines[:3]) + (" …" if len(lines) > 3 else ""),
        fontsize=8.5,
        color="#333333",
        va="top",
    )
    entries = story.legend(shown_only=True)
    if entries:
        fig.legend(
            handles=_legend_handles(entries),
            loc="upper left",
            bbox_to_anchor=(0.02, 0.165),
            ncol=2 if len(entries) <= 8 else 3,
            fontsize=7.5 if len(entries) <= 8 else 6.8,
            frameon=False,
            handlelength=2.4,
            columnspacing=1.5,
        )
    credit = ["Projection: azimuthal equidistant centred on the story; scale true at the centre"]
    if OSM_CREDIT in story.credits(shown_only=True):
        credit.insert(0, f"Map data {OSM_CREDIT}")
    fig.text(0.98, 0.005, " · ".join(credit), fontsize=6.5, color="#444444", ha="right")
