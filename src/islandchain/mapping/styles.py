"""How each kind of thing is drawn: colours, strokes, symbols, in one place.

The same styles serve the HTML maps (as Leaflet path options) and the static
figures (as matplotlib keywords), so a map and its printed figure look alike.
Nothing here imports folium.

Examples
--------
>>> verdict_style("holds").symbol, state_color("JPN")
('✓', '#7b3294')
>>> ZONE_STYLES["territorial sea"].dash_array is None
True
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from typing import Any

from ..errors import MapError

__all__ = [
    "ADIZ_DASH",
    "CORDON_STYLES",
    "EXERCISE_COLOUR",
    "INTRUSION_COLOUR",
    "LAND_FILL",
    "LAND_STROKE",
    "MEDIAN_STYLE",
    "OSM_CREDIT",
    "OTHER_STATE_COLOUR",
    "SEA_COLOUR",
    "SHARED_ADMIN_COLOUR",
    "STATE_COLOURS",
    "STATE_NAMES",
    "VERDICT_STYLES",
    "ZONE_STYLES",
    "Language",
    "PathStyle",
    "VerdictStyle",
    "check_colour",
    "cordon_style",
    "expand_hex",
    "hatch_fill",
    "state_color",
    "state_name",
    "verdict_style",
    "zone_style",
]

#: Fixed outline/fill colour per administering state (ISO 3166-1 alpha-3),
#: apart from the verdict green/red/grey and from each other.
STATE_COLOURS: dict[str, str] = {
    "JPN": "#7b3294",
    "CHN": "#e69f00",
    "TWN": "#0072b2",
    "PHL": "#56b4e9",
    "KOR": "#008080",
    "PRK": "#8c510a",
    "RUS": "#555599",
    "VNM": "#b8860b",
    "MYS": "#cc79a7",
    "BRN": "#994f88",
    "IDN": "#882255",
    "USA": "#332288",
    "GUM": "#332288",
    "MNP": "#332288",
    "PLW": "#44aa99",
    "FSM": "#6699cc",
}

#: Short state names, by language, for legends and labels.
STATE_NAMES: dict[str, dict[str, str]] = {
    "JPN": {"en": "Japan", "ja": "日本", "zh": "日本"},
    "CHN": {"en": "China", "ja": "中国", "zh": "中国"},
    "TWN": {"en": "Taiwan", "ja": "台湾", "zh": "台灣"},
    "PHL": {"en": "Philippines", "ja": "フィリピン", "zh": "菲律賓"},
    "KOR": {"en": "South Korea", "ja": "韓国", "zh": "韓國"},
    "PRK": {"en": "North Korea", "ja": "北朝鮮", "zh": "朝鮮"},
    "RUS": {"en": "Russia", "ja": "ロシア", "zh": "俄羅斯"},
    "VNM": {"en": "Vietnam", "ja": "ベトナム", "zh": "越南"},
    "MYS": {"en": "Malaysia", "ja": "マレーシア", "zh": "馬來西亞"},
    "BRN": {"en": "Brunei", "ja": "ブルネイ", "zh": "汶萊"},
    "IDN": {"en": "Indonesia", "ja": "インドネシア", "zh": "印尼"},
    "USA": {"en": "United States", "ja": "米国", "zh": "美國"},
    "GUM": {"en": "Guam (US)", "ja": "グアム", "zh": "關島"},
    "MNP": {"en": "Northern Mariana Islands (US)", "ja": "北マリアナ諸島", "zh": "北馬里亞納"},
    "PLW": {"en": "Palau", "ja": "パラオ", "zh": "帛琉"},
    "FSM": {"en": "Micronesia", "ja": "ミクロネシア", "zh": "密克羅尼西亞"},
}

#: Colour of any state not in :data:`STATE_COLOURS`.
OTHER_STATE_COLOUR = "#666666"
#: Colour of features administered by several states (e.g. Borneo).
SHARED_ADMIN_COLOUR = "#4d4d4d"
#: Exercise areas: apart from China's orange, so they never read as a zone.
EXERCISE_COLOUR = "#c2185b"
#: Where a shape enters another state's waters: drawn over everything else.
INTRUSION_COLOUR = "#d7191c"
#: The land polygons, the sea behind them.
LAND_FILL = "#ece6d6"
LAND_STROKE = "#a39b85"
SEA_COLOUR = "#cfe2ee"
#: ADIZ outlines: dash-dot, in the state's colour.
ADIZ_DASH = "10 4 2 4"
#: Credit that every map or figure with OpenStreetMap-derived shapes carries.
OSM_CREDIT = "© OpenStreetMap contributors (ODbL)"

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}")
_HATCH_FILL = re.compile(r"url\(#ic-hatch-[0-9a-f]{6}\)")


class Language(enum.StrEnum):
    """Language of place names on maps and figures."""

    EN = "en"
    JA = "ja"
    ZH = "zh"

    @property
    def name_column(self) -> str:
        """The gazetteer column of names in this language.

        Examples
        --------
        >>> Language("ja").name_column
        'name_ja'
        """
        return "name" if self is Language.EN else f"name_{self.value}"


def check_colour(colour: str) -> str:
    """Return ``colour`` in lower case if it is a hex colour, else raise MapError.

    Colours end up inside ``style="..."`` attributes, so only a strict hex
    form is accepted rather than escaping arbitrary CSS.

    Examples
    --------
    >>> check_colour("#ABC")
    '#abc'
    """
    if not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour):
        raise MapError(f"colour must be a hex colour like '#1a9641', got {colour!r}")
    return colour.lower()


def expand_hex(colour: str) -> str:
    """Expand ``#abc`` to ``#aabbcc`` (lower case).

    Examples
    --------
    >>> expand_hex("#0Af")
    '#00aaff'
    """
    colour = check_colour(colour)
    if len(colour) == 4:
        return "#" + "".join(c * 2 for c in colour[1:])
    return colour


def hatch_fill(colour: str) -> str:
    """Return the SVG fill reference for a hatch pattern in ``colour``.

    Parameters
    ----------
    colour : str
        Hex colour of the hatch lines.

    Returns
    -------
    str
        ``url(#ic-hatch-rrggbb)``, usable as a Leaflet ``fillColor``; the
        pattern itself is emitted by the layer that uses it.

    Examples
    --------
    >>> hatch_fill("#0072B2")
    'url(#ic-hatch-0072b2)'
    """
    return f"url(#ic-hatch-{expand_hex(colour)[1:]})"


@dataclass(frozen=True)
class PathStyle:
    """How one kind of shape is stroked and filled.

    Parameters
    ----------
    color : str
        Hex stroke colour.
    weight : float
        Stroke width in pixels (points in print).
    opacity : float
        Stroke opacity.
    fill : bool
        Whether polygons and circle markers are filled.
    fill_color : str or None
        Hex fill colour or a :func:`hatch_fill` reference; None = ``color``.
    fill_opacity : float
        Fill opacity.
    dash_array : str or None
        SVG dash pattern, e.g. ``"6 4"``; None = solid.
    radius : float or None
        Radius in pixels when the style is used for a point (circle marker).

    Examples
    --------
    >>> PathStyle("#0072b2", dash_array="6 4").to_leaflet()["dashArray"]
    '6 4'
    """

    color: str
    weight: float = 2.0
    opacity: float = 1.0
    fill: bool = True
    fill_color: str | None = None
    fill_opacity: float = 0.2
    dash_array: str | None = None
    radius: float | None = None

    def __post_init__(self) -> None:
        check_colour(self.color)
        if self.fill_color is not None and not _HATCH_FILL.fullmatch(self.fill_color):
            check_colour(self.fill_color)
        if self.dash_array is not None and not re.fullmatch(r"[0-9 ,.]+", self.dash_array):
            raise MapError(f"dash_array must be numbers, got {self.dash_array!r}")

    @property
    def hatched(self) -> bool:
        """True if the fill is a hatch pattern."""
        return bool(self.fill_color and self.fill_color.startswith("url("))

    @property
    def plain_fill(self) -> str:
        """The fill as a hex colour (the stroke colour for hatches)."""
        return self.color if self.hatched or not self.fill_color else self.fill_color

    def to_leaflet(self) -> dict[str, Any]:
        """Return the options as Leaflet expects them (camelCase keys).

        Returns
        -------
        dict
            Path options; ``radius`` only when set.
        """
        options: dict[str, Any] = {
            "color": self.color,
            "weight": self.weight,
            "opacity": self.opacity,
            "fill": self.fill,
            "fillColor": self.fill_color or self.color,
            "fillOpacity": self.fill_opacity,
        }
        if self.dash_array:
            options["dashArray"] = self.dash_array
        if self.radius is not None:
            options["radius"] = self.radius
        return options

    def dashes(self) -> tuple[float, ...] | None:
        """The dash pattern as numbers (None when solid).

        Examples
        --------
        >>> PathStyle("#000000", dash_array="6 4").dashes()
        (6.0, 4.0)
        """
        if not self.dash_array:
            return None
        return tuple(float(x) for x in re.split(r"[ ,]+", self.dash_array.strip()) if x)


@dataclass(frozen=True)
class VerdictStyle:
    """How one verdict status is drawn.

    Parameters
    ----------
    status : str
        ``"holds"``, ``"does not hold"`` or ``"cannot be checked"``.
    color : str
        Hex colour (green / red / grey).
    dash_array : str or None
        Dash pattern, so the status is readable without colour vision.
    symbol : str
        Short text mark for labels and the legend.
    """

    status: str
    color: str
    dash_array: str | None
    symbol: str

    def line_style(self, weight: float = 4.0) -> PathStyle:
        """The measured line: an unfilled stroke in the verdict colour."""
        return PathStyle(self.color, weight=weight, fill=False, dash_array=self.dash_array)

    def ring_style(self) -> PathStyle:
        """The ring at the stated distance: thin, dashed, a faint fill."""
        return PathStyle(self.color, weight=1.5, fill_opacity=0.04, dash_array="6 5")

    def point_style(self) -> PathStyle:
        """The line's end points: small filled circles with a white edge."""
        return PathStyle("#ffffff", weight=1.5, fill_color=self.color, fill_opacity=1, radius=5)


#: Styles of the four verdict statuses.
VERDICT_STYLES: dict[str, VerdictStyle] = {
    "holds": VerdictStyle("holds", "#1a9641", None, "\u2713"),
    "holds on another reading": VerdictStyle(
        "holds on another reading", "#a6611a", "4 4", "\u2248"
    ),
    "does not hold": VerdictStyle("does not hold", "#d7191c", "10 6", "\u2717"),
    "cannot be checked": VerdictStyle("cannot be checked", "#808080", "2 6", "?"),
}


def verdict_style(status: object) -> VerdictStyle:
    """Return the style of a verdict status (a string or an Enum with that value).

    Parameters
    ----------
    status : str or Enum
        Case and surrounding space are ignored; ``_`` or ``-`` may stand for
        spaces (``"does_not_hold"``).

    Returns
    -------
    VerdictStyle

    Raises
    ------
    MapError
        If the status is not one of :data:`VERDICT_STYLES`.

    Examples
    --------
    >>> verdict_style("Holds").color
    '#1a9641'
    """
    key = re.sub(r"[\s_-]+", " ", str(getattr(status, "value", status))).strip().lower()
    try:
        return VERDICT_STYLES[key]
    except KeyError:
        known = ", ".join(repr(k) for k in VERDICT_STYLES)
        raise MapError(f"unknown verdict status {status!r}; expected one of {known}") from None


def state_color(code: str) -> str:
    """Return the fixed colour of an administering state.

    Examples
    --------
    >>> state_color("twn")
    '#0072b2'
    """
    return STATE_COLOURS.get(str(code).strip().upper(), OTHER_STATE_COLOUR)


def state_name(code: str, lang: Language | str = Language.EN) -> str:
    """Return a state's short name in ``lang`` (the code itself if unknown).

    Examples
    --------
    >>> state_name("TWN"), state_name("JPN", "ja"), state_name("XYZ")
    ('Taiwan', '日本', 'XYZ')
    """
    names = STATE_NAMES.get(str(code).strip().upper())
    return names[Language(lang).value] if names else str(code)


#: Maritime zones by kind: territorial sea solid and strongest, EEZ faintest.
ZONE_STYLES: dict[str, PathStyle] = {
    "territorial sea": PathStyle("#000000", weight=1.2, fill_opacity=0.22),
    "contiguous zone": PathStyle("#000000", weight=1.0, fill_opacity=0.12, dash_array="6 3"),
    "EEZ": PathStyle("#000000", weight=1.0, fill_opacity=0.06, dash_array="2 4"),
}

#: The Taiwan Strait median line.
MEDIAN_STYLE = PathStyle("#444444", weight=2.0, fill=False, dash_array="2 6")

_CORDON_DASHES = ("", "8 4", "2 4", "12 4 2 4")
_CORDON_COLOURS = ("#000000", "#3b3b3b", "#5a5a5a", "#777777")


def cordon_style(index: int) -> PathStyle:
    """The style of the ``index``-th cordon, counted from the coast outwards.

    Each cordon has its own dash pattern and weight, so 12, 24 and 50 nmi
    read apart in print and without colour.

    Examples
    --------
    >>> [cordon_style(i).dash_array for i in range(3)]
    [None, '8 4', '2 4']
    """
    i = index % len(_CORDON_DASHES)
    return PathStyle(
        _CORDON_COLOURS[i],
        weight=max(3.0 - 0.5 * i, 1.5),
        fill=False,
        dash_array=_CORDON_DASHES[i] or None,
    )


#: The first cordons' styles (12, 24, 50 nmi in the default command).
CORDON_STYLES: tuple[PathStyle, ...] = tuple(cordon_style(i) for i in range(4))


def zone_style(state: str, zone: str) -> PathStyle:
    """The style of one state's maritime zone: its colour, the kind's pattern.

    Examples
    --------
    >>> zone_style("JPN", "EEZ").color
    '#7b3294'
    """
    base = ZONE_STYLES.get(zone, ZONE_STYLES["EEZ"])
    return replace(base, color=state_color(state))
