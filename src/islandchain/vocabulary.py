"""The words islandchain reads: units, qualifiers, directions, statuses, states.

One table per kind of word, used by every layer (the claims reader, text
extraction, maps and the command line), so that whatever one of them writes
the others read. Each ``parse_*`` function takes one word or short phrase as
written (any case, full-width forms, extra spaces or hyphens) and returns its
meaning, or ``None`` when the word is not in the table; :func:`suggest` names
the closest known words for an error message.

The tables are plain dicts keyed by :func:`normalise`-d spellings; a reader
can extend them in place (``UNIT_WORDS[normalise("klicks")] = Unit.KM``) and
every ``parse_*`` function and :func:`pattern` sees the new word.

>>> parse_unit("Kilometres"), parse_unit("海里"), parse_unit("furlongs")
(<Unit.KM: 'km'>, <Unit.NMI: 'nmi'>, None)
>>> parse_qualifier("at least"), parse_qualifier("约")
(<Comparator.AT_LEAST: 'at least'>, <Comparator.APPROXIMATE: 'approximately'>)
>>> d = parse_direction("north-northeast")
>>> d.azimuth_deg, d.half_width_deg, d.abbreviation
(22.5, 11.25, 'NNE')
>>> parse_state("PRC")
'CHN'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CARDINAL_HALF_WIDTH_DEG",
    "COMPARATIVE_WORDS",
    "COMPARATOR_WORDS",
    "DIRECTION_WORDS",
    "DUE_FACTOR",
    "EXTREME_WORDS",
    "FEATURE_KIND_WORDS",
    "HALFWAY_WORDS",
    "HEDGES",
    "KINDS",
    "LAT_COLUMNS",
    "LON_COLUMNS",
    "MEASURES",
    "POINT_NAMES",
    "STATE_NAMES",
    "STATE_WORDS",
    "UNIT_WORDS",
    "WIDTH_WORDS",
    "ClaimKind",
    "Comparative",
    "Comparator",
    "Direction",
    "Extreme",
    "Measure",
    "Status",
    "Unit",
    "direction_words",
    "normalise",
    "parse_comparative",
    "parse_direction",
    "parse_extreme",
    "parse_feature_kind",
    "parse_halfway",
    "parse_kind",
    "parse_measure",
    "parse_qualifier",
    "parse_state",
    "parse_unit",
    "parse_width_at",
    "pattern",
    "suggest",
    "words",
]


def normalise(word: str) -> str:
    """Return the key a word is looked up by.

    Unicode NFKC (full-width letters and digits become ASCII), case folded,
    zero-width and soft-hyphen characters removed, dashes made hyphens, runs
    of white space made one space, and the ends stripped.

    >>> normalise("  Nautical\\u00a0  MILES ")
    'nautical miles'
    >>> normalise("ｋｍ"), normalise("north\\u2013east")
    ('km', 'north-east')
    """
    text = unicodedata.normalize("NFKC", word)
    text = re.sub(r"[\u00ad\u200b-\u200d\u2060\ufeff]", "", text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _lookup(table: Mapping[str, object], word: str) -> object | None:
    key = normalise(word)
    if key in table:
        return table[key]
    # "N.E.", "approx" / "approx.", "nautical-miles"
    for variant in (key.replace(".", ""), key.rstrip("."), key.replace("-", " ")):
        if variant in table:
            return table[variant]
    return None


# ------------------------------------------------------------------- units


class Unit(StrEnum):
    """A unit of distance; the value is the code written in claims files.

    >>> Unit.NMI.metres, Unit("mi").km
    (1852.0, 1.609344)
    """

    KM = "km"
    MI = "mi"
    NMI = "nmi"

    @property
    def metres(self) -> float:
        """Metres in one unit (international mile and nautical mile)."""
        return _UNIT_METRES[self]

    @property
    def km(self) -> float:
        """Kilometres in one unit."""
        return _UNIT_METRES[self] / 1000


_UNIT_METRES = {Unit.KM: 1000.0, Unit.MI: 1609.344, Unit.NMI: 1852.0}

#: Spellings of units (normalised) -> unit. "nm" is read as the nautical
#: mile, as in navigation; nobody states island distances in nanometres.
UNIT_WORDS: dict[str, Unit] = {
    **dict.fromkeys(
        [
            "km",
            "kms",
            "k.m.",
            "kilometre",
            "kilometres",
            "kilometer",
            "kilometers",
            "キロ",
            "キロメートル",
            "公里",
            "千米",
            "粁",
        ],
        Unit.KM,
    ),
    **dict.fromkeys(
        ["mi", "mile", "miles", "statute mile", "statute miles", "英里", "マイル"], Unit.MI
    ),
    **dict.fromkeys(
        [
            "nmi",
            "nm",
            "n.mi.",
            "nautical mile",
            "nautical miles",
            "sea mile",
            "sea miles",
            "海里",
            "浬",
        ],
        Unit.NMI,
    ),
}


def parse_unit(word: str) -> Unit | None:
    """Return the unit a word names, or None.

    >>> parse_unit("KMs"), parse_unit("nautical-miles"), parse_unit("キロメートル")
    (<Unit.KM: 'km'>, <Unit.NMI: 'nmi'>, <Unit.KM: 'km'>)
    >>> parse_unit("") is None
    True
    """
    found = _lookup(UNIT_WORDS, word)
    return found if isinstance(found, Unit) else None


# --------------------------------------------------------------- qualifiers


class Comparator(StrEnum):
    """What a qualifier before a figure says about the distance.

    ``PLAIN``: no qualifier, the figure as stated. ``APPROXIMATE``: a hedge
    ("about"), a wider tolerance. ``AT_LEAST`` / ``AT_MOST``: an inequality
    ("more than", "within"). ``SLIGHTLY_BELOW`` / ``SLIGHTLY_ABOVE``: a little
    under or over the figure ("nearly", "just over"). ``EMPHASIS``: a plain
    figure stressed ("only", "barely").

    >>> Comparator.AT_MOST.is_inequality, Comparator.APPROXIMATE.is_hedge
    (True, True)
    """

    PLAIN = "plain"
    APPROXIMATE = "approximately"
    AT_LEAST = "at least"
    AT_MOST = "at most"
    SLIGHTLY_BELOW = "slightly below"
    SLIGHTLY_ABOVE = "slightly above"
    EMPHASIS = "emphasis"

    @property
    def is_inequality(self) -> bool:
        """True for a one-sided bound (at least / at most)."""
        return self in (Comparator.AT_LEAST, Comparator.AT_MOST)

    @property
    def is_hedge(self) -> bool:
        """True when the figure is admitted to be inexact."""
        return self in (
            Comparator.APPROXIMATE,
            Comparator.SLIGHTLY_BELOW,
            Comparator.SLIGHTLY_ABOVE,
        )


#: Qualifier words (normalised) -> their meaning. Words written after the
#: figure in Japanese or Chinese ("110キロ以上") are listed the same way.
COMPARATOR_WORDS: dict[str, Comparator] = {
    "": Comparator.PLAIN,
    **dict.fromkeys(
        [
            "about",
            "some",
            "roughly",
            "around",
            "approximately",
            "approx",
            "approx.",
            "circa",
            "c.",
            "ca.",
            "~",
            "≈",
            "an estimated",
            "estimated",
            "or so",
            "约",
            "約",
            "大约",
            "大約",
            "およそ",
            "おおよそ",
            "ほど",
            "程度",
            "左右",
        ],
        Comparator.APPROXIMATE,
    ),
    **dict.fromkeys(
        [
            "more than",
            "over",
            "at least",
            "upwards of",
            "greater than",
            "beyond",
            "in excess of",
            "no less than",
            "not less than",
            "超过",
            "超過",
            "以上",
            "超",
            "多",
        ],
        Comparator.AT_LEAST,
    ),
    **dict.fromkeys(
        [
            "less than",
            "under",
            "within",
            "no more than",
            "not more than",
            "at most",
            "up to",
            "fewer than",
            "no further than",
            "no farther than",
            "以内",
            "以下",
            "未満",
            "不到",
            "不足",
        ],
        Comparator.AT_MOST,
    ),
    **dict.fromkeys(
        [
            "nearly",
            "almost",
            "just under",
            "just short of",
            "close to",
            "a little under",
            "slightly less than",
            "近",
            "将近",
            "將近",
            "近く",
            "弱",
        ],
        Comparator.SLIGHTLY_BELOW,
    ),
    **dict.fromkeys(
        [
            "just over",
            "just more than",
            "a little over",
            "a little more than",
            "slightly more than",
            "slightly over",
            "強",
            "余",
            "余り",
        ],
        Comparator.SLIGHTLY_ABOVE,
    ),
    **dict.fromkeys(
        [
            "only",
            "just",
            "barely",
            "a mere",
            "mere",
            "merely",
            "a scant",
            "わずか",
            "僅か",
            "僅",
            "仅",
            "仅仅",
            "只有",
            "たった",
        ],
        Comparator.EMPHASIS,
    ),
}

#: The words that hedge a figure (their meaning is APPROXIMATE).
HEDGES: frozenset[str] = frozenset(
    w for w, c in COMPARATOR_WORDS.items() if c is Comparator.APPROXIMATE
)


def parse_qualifier(word: str) -> Comparator | None:
    """Return what a qualifier means, ``PLAIN`` for none, or None if unknown.

    >>> parse_qualifier("Nearly"), parse_qualifier("")
    (<Comparator.SLIGHTLY_BELOW: 'slightly below'>, <Comparator.PLAIN: 'plain'>)
    >>> parse_qualifier("no more than"), parse_qualifier("以内")
    (<Comparator.AT_MOST: 'at most'>, <Comparator.AT_MOST: 'at most'>)
    >>> parse_qualifier("perhaps") is None
    True
    """
    found = _lookup(COMPARATOR_WORDS, word)
    return found if isinstance(found, Comparator) else None


# --------------------------------------------------------------- directions

#: Half-width of the sector of a word of the 8-point rose (N, NE, E, ...).
CARDINAL_HALF_WIDTH_DEG = 22.5
#: "due west" narrows the word's sector by this factor.
DUE_FACTOR = 0.5

#: The 16 points of the compass, clockwise from north: (name, abbreviation).
POINT_NAMES: tuple[tuple[str, str], ...] = (
    ("north", "N"),
    ("north-northeast", "NNE"),
    ("northeast", "NE"),
    ("east-northeast", "ENE"),
    ("east", "E"),
    ("east-southeast", "ESE"),
    ("southeast", "SE"),
    ("south-southeast", "SSE"),
    ("south", "S"),
    ("south-southwest", "SSW"),
    ("southwest", "SW"),
    ("west-southwest", "WSW"),
    ("west", "W"),
    ("west-northwest", "WNW"),
    ("northwest", "NW"),
    ("north-northwest", "NNW"),
)

_CJK_POINTS = {
    # Japanese (and the traditional forms Chinese shares).
    "N": ["北"],
    "NNE": ["北北東", "北北东", "东北偏北", "東北偏北"],
    "NE": ["北東", "东北", "東北"],
    "ENE": ["東北東", "东北东", "东北偏东", "東北偏東"],
    "E": ["東", "东"],
    "ESE": ["東南東", "东南东", "东南偏东", "東南偏東"],
    "SE": ["南東", "东南", "東南"],
    "SSE": ["南南東", "南南东", "东南偏南", "東南偏南"],
    "S": ["南"],
    "SSW": ["南南西", "西南偏南"],
    "SW": ["南西", "西南"],
    "WSW": ["西南西", "西南偏西"],
    "W": ["西"],
    "WNW": ["西北西", "西北偏西"],
    "NW": ["北西", "西北"],
    "NNW": ["北北西", "西北偏北"],
}


@dataclass(frozen=True)
class Direction:
    """The meaning of a direction word: an azimuth and a sector around it.

    Attributes
    ----------
    azimuth_deg : float
        Degrees clockwise from true north.
    half_width_deg : float
        The word's sector is ``azimuth ± half_width``: 22.5° for a word of
        the 8-point rose, 11.25° for one of the 16-point rose, halved by "due".
    abbreviation : str
        "N", "NNE", ...
    due : bool
        The word was "due ..." ("due west", 真西, 正西).

    >>> d = parse_direction("due west")
    >>> d.abbreviation, d.half_width_deg, d.contains(275.0), d.contains(257.0)
    ('W', 11.25, True, False)
    """

    azimuth_deg: float
    half_width_deg: float
    abbreviation: str
    due: bool = False

    @property
    def name(self) -> str:
        """The point's name in words, e.g. 'north-northeast'."""
        return dict((a, n) for n, a in POINT_NAMES)[self.abbreviation]

    @property
    def points(self) -> int:
        """The rose the word belongs to: 8 or 16."""
        return 8 if len(self.abbreviation) <= 2 else 16

    def offset(self, azimuth_deg: float) -> float:
        """Signed angle from the word's azimuth to another, in (-180, 180].

        >>> parse_direction("N").offset(350.0)
        -10.0
        """
        off = (azimuth_deg - self.azimuth_deg + 180.0) % 360.0 - 180.0
        return 180.0 if off == -180.0 else off

    def contains(self, azimuth_deg: float) -> bool:
        """True when an azimuth lies in the word's sector (edges included)."""
        return abs(self.offset(azimuth_deg)) <= self.half_width_deg + 1e-9

    def __str__(self) -> str:
        return ("due " if self.due else "") + self.name


def _point(abbreviation: str) -> tuple[float, float, str]:
    i = [a for _, a in POINT_NAMES].index(abbreviation)
    half = CARDINAL_HALF_WIDTH_DEG if len(abbreviation) <= 2 else CARDINAL_HALF_WIDTH_DEG / 2
    return 22.5 * i, half, abbreviation


#: Direction words (normalised, with spaces and hyphens removed) ->
#: (azimuth in degrees, half-width of the sector, abbreviation).
#: :func:`parse_direction` also strips "due", "to the", "of", "-ern",
#: "-erly", "-ward(s)" and the CJK suffixes 方/方向/側 before looking up.
DIRECTION_WORDS: dict[str, tuple[float, float, str]] = {}
for _name, _abbr in POINT_NAMES:
    DIRECTION_WORDS[_name.replace("-", "")] = _point(_abbr)
    DIRECTION_WORDS[_abbr.casefold()] = _point(_abbr)
    for _cjk in _CJK_POINTS[_abbr]:
        DIRECTION_WORDS[_cjk] = _point(_abbr)
del _name, _abbr, _cjk

_DUE = re.compile(r"^(?:due|真|正)\s*")
_AFFIX = re.compile(r"^(?:to\s+the\s+|the\s+)|(?:\s+of)$|(?:方向|方|側|侧)$")
_SUFFIX = re.compile(r"(?:erly|ern|wards?|bound)$")


def _direction_key(word: str) -> tuple[str, bool]:
    key = normalise(word)
    key = _AFFIX.sub("", _AFFIX.sub("", key)).strip()
    due = bool(_DUE.match(key))
    key = _DUE.sub("", key)
    key = re.sub(r"[\s\-.]+", "", key)
    return key, due


def parse_direction(word: str) -> Direction | None:
    """Return the direction a word names, or None.

    Reads the 16 points in words, hyphenated, spaced or joined
    ("north-northeast", "north north east", "northnortheast"), their
    abbreviations (N, NNE, ... and "N.E."), adjective and adverb forms
    ("north-eastern", "northeasterly", "westward"), "to the ... of",
    "due ...", and the Japanese and Chinese words (北東, 东北, 東北方, 真西).

    >>> parse_direction("to the north-east of").abbreviation
    'NE'
    >>> [parse_direction(w).azimuth_deg for w in ("NNW", "north-eastern", "東北方", "WSW")]
    [337.5, 45.0, 45.0, 247.5]
    >>> parse_direction("upwards") is None
    True
    """
    key, due = _direction_key(word)
    found = DIRECTION_WORDS.get(key)
    if found is None:
        stem = _SUFFIX.sub("", key)
        found = DIRECTION_WORDS.get(stem) if stem != key else None
    if found is None:
        return None
    azimuth, half, abbreviation = found
    return Direction(azimuth, half * DUE_FACTOR if due else half, abbreviation, due)


def direction_words() -> tuple[str, ...]:
    """Every direction word in the forms writers use, for tests and patterns.

    >>> len(direction_words()) > 100, "north-north-east" in direction_words()
    (True, True)
    """
    out: list[str] = []
    for name, abbr in POINT_NAMES:
        parts = name.split("-")
        out += [name, name.replace("-", " "), abbr]
        if len(parts) == 2:  # north-northeast -> north-north-east
            second = parts[1]
            for half in ("north", "south"):
                if second.startswith(half) and second != half:
                    out.append(f"{parts[0]}-{half}-{second[len(half) :]}")
        elif name not in ("north", "south", "east", "west"):  # northeast
            for half in ("north", "south"):
                if name.startswith(half):
                    out.append(f"{half}-{name[len(half) :]}")
                    out.append(f"{half} {name[len(half) :]}")
        if "-" not in name:
            out += [f"{name}ern", f"{name}erly", f"{name}ward", f"due {name}"]
        out += _CJK_POINTS[abbr]
    out += ["north-eastern", "south-western", "to the north-east of", "東北方", "真西", "正东"]
    return tuple(dict.fromkeys(out))


# ------------------------------------------------------ statuses and kinds


class Status(StrEnum):
    """The outcome of checking a claim.

    A ``StrEnum``: ``Status.HOLDS == "holds"`` is true, so the value can be
    written and compared as text.

    >>> [str(s) for s in Status]
    ['holds', 'holds on another reading', 'does not hold', 'cannot be checked']
    """

    HOLDS = "holds"
    HOLDS_ON_ANOTHER_READING = "holds on another reading"
    DOES_NOT_HOLD = "does not hold"
    CANNOT_BE_CHECKED = "cannot be checked"


class ClaimKind(StrEnum):
    """What a claim states."""

    DISTANCE = "distance"
    ADMINISTRATION = "administration"
    DISPUTE = "dispute"
    WIDTH = "width"
    DIRECTION = "direction"
    COMPARISON = "comparison"
    EXTREME = "extreme"
    BETWEEN = "between"


class Measure(StrEnum):
    """How a distance is measured.

    ``COAST``: nearest coast to nearest coast; ``CENTROID``: centroid to
    centroid; ``POINT``: between named points (a port, a cape).
    """

    COAST = "coast"
    CENTROID = "centroid"
    POINT = "point"


KINDS: tuple[str, ...] = tuple(ClaimKind)
MEASURES: tuple[str, ...] = tuple(Measure)

_MEASURE_WORDS: dict[str, Measure] = {
    **{m.value: m for m in Measure},
    "coastline": Measure.COAST,
    "nearest coast": Measure.COAST,
    "centre": Measure.CENTROID,
    "center": Measure.CENTROID,
    "points": Measure.POINT,
}


#: Where a strait's width is taken (values as :class:`islandchain.straits.WidthAt`).
WIDTH_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "narrowest",
            "at its narrowest",
            "at the narrowest",
            "at the narrowest point",
            "at its narrowest point",
            "最狭部",
            "最狭",
            "最窄处",
            "最窄處",
            "最窄",
        ],
        "narrowest",
    ),
    **dict.fromkeys(
        [
            "widest",
            "at its widest",
            "at the widest",
            "at its widest point",
            "最宽处",
            "最寬處",
            "最宽",
        ],
        "widest",
    ),
    **dict.fromkeys(["average", "mean", "on average", "平均"], "average"),
}


def parse_width_at(word: str) -> str | None:
    """Return where a width is taken: 'narrowest', 'widest' or 'average', or None.

    >>> parse_width_at("at its narrowest"), parse_width_at("Mean"), parse_width_at("")
    ('narrowest', 'average', None)
    """
    found = _lookup(WIDTH_WORDS, word)
    return found if isinstance(found, str) else None


def parse_kind(word: str) -> ClaimKind | None:
    """Return the claim kind a word names, or None.

    >>> parse_kind("Distance")
    <ClaimKind.DISTANCE: 'distance'>
    """
    key = normalise(word)
    return ClaimKind(key) if key in ClaimKind._value2member_map_ else None


def parse_measure(word: str) -> Measure | None:
    """Return the measure a word names, or None.

    >>> parse_measure("centre"), parse_measure("coast")
    (<Measure.CENTROID: 'centroid'>, <Measure.COAST: 'coast'>)
    """
    found = _lookup(_MEASURE_WORDS, word)
    return found if isinstance(found, Measure) else None


# ------------------------------------------- comparisons, extremes, halfway


class Comparative(StrEnum):
    """What a comparison says: the subject lies nearer to one place, or farther."""

    NEARER = "nearer"
    FARTHER = "farther"


#: "X is closer to A than to B": the comparative words (normalised) -> meaning.
COMPARATIVE_WORDS: dict[str, Comparative] = {
    **dict.fromkeys(
        ["nearer", "closer", "near", "close", "近い", "近", "更近", "較近", "较近", "より近い"],
        Comparative.NEARER,
    ),
    **dict.fromkeys(
        ["farther", "further", "more distant", "遠い", "远", "遠", "更远", "更遠", "较远"],
        Comparative.FARTHER,
    ),
}


class Extreme(StrEnum):
    """Which extreme a claim names: of the four compass points, or of distance to a place.

    >>> Extreme.WESTERNMOST.axis, Extreme.WESTERNMOST.sign, Extreme.CLOSEST.axis
    ('lon', -1, 'distance')
    """

    WESTERNMOST = "westernmost"
    EASTERNMOST = "easternmost"
    NORTHERNMOST = "northernmost"
    SOUTHERNMOST = "southernmost"
    CLOSEST = "closest"
    FARTHEST = "farthest"

    @property
    def axis(self) -> str:
        """'lon', 'lat', or 'distance' (closest and farthest: to a reference place)."""
        if self in (Extreme.WESTERNMOST, Extreme.EASTERNMOST):
            return "lon"
        if self in (Extreme.NORTHERNMOST, Extreme.SOUTHERNMOST):
            return "lat"
        return "distance"

    @property
    def sign(self) -> int:
        """-1 when the least value wins (westernmost, southernmost, closest), else +1."""
        least = (Extreme.WESTERNMOST, Extreme.SOUTHERNMOST, Extreme.CLOSEST)
        return -1 if self in least else 1


#: Extreme words (normalised) -> meaning.
EXTREME_WORDS: dict[str, Extreme] = {
    **dict.fromkeys(
        ["westernmost", "most westerly", "most western", "farthest west", "最西端", "最西"],
        Extreme.WESTERNMOST,
    ),
    **dict.fromkeys(
        ["easternmost", "most easterly", "most eastern", "farthest east", "最東端", "最东端",
         "最東", "最东"],
        Extreme.EASTERNMOST,
    ),
    **dict.fromkeys(
        ["northernmost", "most northerly", "most northern", "farthest north", "最北端", "最北"],
        Extreme.NORTHERNMOST,
    ),
    **dict.fromkeys(
        ["southernmost", "most southerly", "most southern", "farthest south", "最南端", "最南"],
        Extreme.SOUTHERNMOST,
    ),
    **dict.fromkeys(
        ["closest", "nearest", "一番近い", "最も近い", "いちばん近い", "最寄り", "最近", "最接近",
         "距离最近", "距離最近"],
        Extreme.CLOSEST,
    ),
    **dict.fromkeys(
        ["farthest", "furthest", "most distant", "一番遠い", "最も遠い", "最远", "最遠"],
        Extreme.FARTHEST,
    ),
}  # fmt: skip

#: What an extreme is one of: the words (normalised) -> gazetteer kinds ("" = any land).
FEATURE_KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(["island", "islands", "isle", "島", "岛", "島嶼", "岛屿", "離島"], "island"),
    **dict.fromkeys(["islet", "islets", "小島", "小岛"], "islet"),
    **dict.fromkeys(
        ["point", "tip", "end", "extremity", "place", "land", "地点", "端", "点", "點", "地"],
        "point",
    ),
    **dict.fromkeys(["city", "cities", "town", "towns", "都市", "城市", "市"], "city"),
    **dict.fromkeys(["port", "ports", "harbour", "harbor", "港", "港口"], "port"),
    **dict.fromkeys(["cape", "岬", "角"], "cape"),
    **dict.fromkeys(["airport", "airports", "空港", "机场", "機場"], "airport"),
    **dict.fromkeys(["base", "bases", "基地"], "base"),
}

#: "halfway between", "midway", "in the middle of" (normalised) -> True.
HALFWAY_WORDS: dict[str, bool] = dict.fromkeys(
    ["halfway", "half-way", "half way", "midway", "mid-way", "in the middle", "in the middle of",
     "the middle", "middle", "mid", "中間", "中间", "真ん中", "中ほど", "中央", "正中", "中途",
     "中点", "中點"],
    True,
)  # fmt: skip


def parse_comparative(word: str) -> Comparative | None:
    """Return what a comparative word means, or None.

    >>> parse_comparative("Closer"), parse_comparative("远")
    (<Comparative.NEARER: 'nearer'>, <Comparative.FARTHER: 'farther'>)
    """
    found = _lookup(COMPARATIVE_WORDS, word)
    return found if isinstance(found, Comparative) else None


def parse_extreme(word: str) -> Extreme | None:
    """Return the extreme a word names, or None.

    >>> parse_extreme("westernmost"), parse_extreme("最南端"), parse_extreme("nearest")
    (<Extreme.WESTERNMOST: 'westernmost'>, <Extreme.SOUTHERNMOST: 'southernmost'>, \
<Extreme.CLOSEST: 'closest'>)
    """
    found = _lookup(EXTREME_WORDS, word)
    return found if isinstance(found, Extreme) else None


def parse_feature_kind(word: str) -> str | None:
    """Return the gazetteer kind an extreme is one of ('point' for any land), or None.

    >>> parse_feature_kind("Island"), parse_feature_kind("岛"), parse_feature_kind("tip")
    ('island', 'island', 'point')
    """
    found = _lookup(FEATURE_KIND_WORDS, word)
    return found if isinstance(found, str) else None


def parse_halfway(word: str) -> bool:
    """True when a word says "halfway" ("midway", "in the middle", 中間, 中间).

    >>> parse_halfway("mid-way"), parse_halfway("中间"), parse_halfway("near")
    (True, True, False)
    """
    return _lookup(HALFWAY_WORDS, word) is True


# ------------------------------------------------------------------ states

#: ISO 3166-1 alpha-3 code -> English short name.
STATE_NAMES: dict[str, str] = {
    "JPN": "Japan",
    "CHN": "China",
    "TWN": "Taiwan",
    "PHL": "Philippines",
    "IDN": "Indonesia",
    "MYS": "Malaysia",
    "BRN": "Brunei",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "RUS": "Russia",
    "USA": "United States",
    "VNM": "Vietnam",
}

#: State names, abbreviations and codes (normalised) -> ISO3 code.
STATE_WORDS: dict[str, str] = {
    **{code.casefold(): code for code in STATE_NAMES},
    **{name.casefold(): code for code, name in STATE_NAMES.items()},
    **dict.fromkeys(["日本", "nippon", "japanese"], "JPN"),
    **dict.fromkeys(["chinese"], "CHN"),
    **dict.fromkeys(["taiwanese"], "TWN"),
    **dict.fromkeys(["philippine", "filipino"], "PHL"),
    **dict.fromkeys(["korean", "south korean"], "KOR"),
    **dict.fromkeys(["north korean"], "PRK"),
    **dict.fromkeys(["russian"], "RUS"),
    **dict.fromkeys(["american"], "USA"),
    **dict.fromkeys(["vietnamese"], "VNM"),
    **dict.fromkeys(["indonesian"], "IDN"),
    **dict.fromkeys(["malaysian"], "MYS"),
    **dict.fromkeys(
        [
            "prc",
            "p.r.c.",
            "people's republic of china",
            "mainland china",
            "中国",
            "中國",
            "中华人民共和国",
            "中華人民共和国",
            "中華人民共和國",
        ],
        "CHN",
    ),
    **dict.fromkeys(
        ["roc", "r.o.c.", "republic of china", "台湾", "台灣", "臺灣", "中華民國", "中华民国"],
        "TWN",
    ),
    **dict.fromkeys(
        ["the philippines", "republic of the philippines", "菲律宾", "フィリピン"], "PHL"
    ),
    **dict.fromkeys(["korea", "republic of korea", "rok", "韓国", "韩国", "韓國"], "KOR"),
    **dict.fromkeys(["dprk", "democratic people's republic of korea", "朝鲜"], "PRK"),
    **dict.fromkeys(["russian federation", "ロシア", "俄罗斯"], "RUS"),
    **dict.fromkeys(
        [
            "us",
            "u.s.",
            "u.s.a.",
            "united states of america",
            "the united states",
            "america",
            "米国",
            "アメリカ",
            "美国",
        ],
        "USA",
    ),
    **dict.fromkeys(["viet nam", "越南", "ベトナム"], "VNM"),
    **dict.fromkeys(["インドネシア", "印度尼西亚"], "IDN"),
    **dict.fromkeys(["マレーシア", "马来西亚"], "MYS"),
    **dict.fromkeys(["brunei darussalam", "文莱"], "BRN"),
}


def parse_state(word: str) -> str | None:
    """Return the ISO 3166-1 alpha-3 code of a state's name, or None.

    >>> parse_state("Japan"), parse_state("中華民國"), parse_state("U.S.")
    ('JPN', 'TWN', 'USA')
    """
    found = _lookup(STATE_WORDS, word)
    return found if isinstance(found, str) else None


# ------------------------------------------------------------------ helpers

_TABLES: dict[str, Mapping[str, object]] = {
    "unit": UNIT_WORDS,
    "qualifier": COMPARATOR_WORDS,
    "direction": DIRECTION_WORDS,
    "state": STATE_WORDS,
    "measure": _MEASURE_WORDS,
    "kind": {k.value: k for k in ClaimKind},
    "width": WIDTH_WORDS,
    "extreme": EXTREME_WORDS,
    "comparative": COMPARATIVE_WORDS,
    "feature kind": FEATURE_KIND_WORDS,
    "halfway": HALFWAY_WORDS,
}


def words(kind: str) -> tuple[str, ...]:
    """Every known spelling of one kind of word, as stored (normalised).

    ``kind`` is "unit", "qualifier", "direction", "state", "measure",
    "kind" or "width". Direction words are stored joined ("northnortheast"); for the
    forms writers use see :func:`direction_words`.

    >>> "nautical miles" in words("unit")
    True
    """
    return tuple(w for w in _TABLES[kind] if w)


def pattern(kind: str) -> str:
    """A regular-expression alternation of every spelling of one kind.

    Longest first, escaped, spaces matching any run of white space or a
    hyphen; for directions use :func:`direction_words`' forms. Compile it
    with ``re.IGNORECASE``.

    >>> import re
    >>> re.fullmatch(pattern("unit"), "Nautical  Miles", re.IGNORECASE) is not None
    True
    """
    source = direction_words() if kind == "direction" else words(kind)
    spellings = sorted({normalise(w) for w in source if w}, key=lambda w: (-len(w), w))
    parts = [r"[\s-]+".join(re.escape(p) for p in w.split(" ")) for w in spellings]
    return "(?:" + "|".join(parts) + ")"


def suggest(word: str, kind: str, n: int = 3) -> tuple[str, ...]:
    """The known spellings closest to an unknown word, best first.

    >>> suggest("kilomters", "unit")[0]
    'kilometers'
    """
    choices: Iterable[str] = direction_words() if kind == "direction" else words(kind)
    return tuple(difflib.get_close_matches(normalise(word), list(choices), n=n, cutoff=0.6))


#: Column names read as longitude and latitude in a CSV of positions (case-insensitive).
LON_COLUMNS = ("lon", "lng", "long", "longitude", "x", "経度", "经度")
LAT_COLUMNS = ("lat", "latitude", "y", "緯度", "纬度")
