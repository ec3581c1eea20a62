"""Tests of the vocabulary: every word the program reads, table by table."""

from __future__ import annotations

import re

import pytest

from islandchain import vocabulary as voc
from islandchain.vocabulary import (
    Comparator,
    Status,
    Unit,
    direction_words,
    normalise,
    parse_direction,
    parse_qualifier,
    parse_state,
    parse_unit,
    pattern,
    suggest,
)

UNITS = [
    ("km", Unit.KM),
    ("KM", Unit.KM),
    ("kms", Unit.KM),
    ("kilometre", Unit.KM),
    ("kilometres", Unit.KM),
    ("kilometer", Unit.KM),
    ("Kilometers", Unit.KM),
    ("ｋｍ", Unit.KM),
    ("キロ", Unit.KM),
    ("キロメートル", Unit.KM),
    ("公里", Unit.KM),
    ("千米", Unit.KM),
    ("mi", Unit.MI),
    ("mile", Unit.MI),
    ("miles", Unit.MI),
    ("statute miles", Unit.MI),
    ("nmi", Unit.NMI),
    ("nm", Unit.NMI),
    ("NM", Unit.NMI),
    ("nautical mile", Unit.NMI),
    ("nautical  miles", Unit.NMI),
    ("nautical-miles", Unit.NMI),
    ("海里", Unit.NMI),
    ("浬", Unit.NMI),
]


@pytest.mark.parametrize(("word", "unit"), UNITS)
def test_units(word, unit):
    assert parse_unit(word) is unit


def test_unit_metres():
    assert (Unit.KM.metres, Unit.MI.metres, Unit.NMI.metres) == (1000.0, 1609.344, 1852.0)


@pytest.mark.parametrize("word", ["", "furlong", "li", "parsec", "k m"])
def test_unknown_units(word):
    assert parse_unit(word) is None


QUALIFIERS = [
    ("", Comparator.PLAIN),
    ("about", Comparator.APPROXIMATE),
    ("some", Comparator.APPROXIMATE),
    ("roughly", Comparator.APPROXIMATE),
    ("around", Comparator.APPROXIMATE),
    ("Approximately", Comparator.APPROXIMATE),
    ("c.", Comparator.APPROXIMATE),
    ("~", Comparator.APPROXIMATE),
    ("約", Comparator.APPROXIMATE),
    ("约", Comparator.APPROXIMATE),
    ("およそ", Comparator.APPROXIMATE),
    ("more than", Comparator.AT_LEAST),
    ("over", Comparator.AT_LEAST),
    ("at least", Comparator.AT_LEAST),
    ("upwards of", Comparator.AT_LEAST),
    ("greater than", Comparator.AT_LEAST),
    ("beyond", Comparator.AT_LEAST),
    ("超过", Comparator.AT_LEAST),
    ("以上", Comparator.AT_LEAST),
    ("less than", Comparator.AT_MOST),
    ("under", Comparator.AT_MOST),
    ("within", Comparator.AT_MOST),
    ("no more than", Comparator.AT_MOST),
    ("at most", Comparator.AT_MOST),
    ("up to", Comparator.AT_MOST),
    ("fewer than", Comparator.AT_MOST),
    ("以内", Comparator.AT_MOST),
    ("nearly", Comparator.SLIGHTLY_BELOW),
    ("almost", Comparator.SLIGHTLY_BELOW),
    ("just under", Comparator.SLIGHTLY_BELOW),
    ("近", Comparator.SLIGHTLY_BELOW),
    ("just over", Comparator.SLIGHTLY_ABOVE),
    ("only", Comparator.EMPHASIS),
    ("just", Comparator.EMPHASIS),
    ("barely", Comparator.EMPHASIS),
    ("a mere", Comparator.EMPHASIS),
    ("merely", Comparator.EMPHASIS),
    ("わずか", Comparator.EMPHASIS),
    ("僅", Comparator.EMPHASIS),
]


@pytest.mark.parametrize(("word", "meaning"), QUALIFIERS)
def test_qualifiers(word, meaning):
    assert parse_qualifier(word) is meaning


def test_hedges_are_the_approximate_words():
    assert "about" in voc.HEDGES and "more than" not in voc.HEDGES


# The 16 points: azimuth and half-width of the sector.
POINTS = [
    ("north", "N", 0.0, 22.5),
    ("north-northeast", "NNE", 22.5, 11.25),
    ("northeast", "NE", 45.0, 22.5),
    ("east-northeast", "ENE", 67.5, 11.25),
    ("east", "E", 90.0, 22.5),
    ("east-southeast", "ESE", 112.5, 11.25),
    ("southeast", "SE", 135.0, 22.5),
    ("south-southeast", "SSE", 157.5, 11.25),
    ("south", "S", 180.0, 22.5),
    ("south-southwest", "SSW", 202.5, 11.25),
    ("southwest", "SW", 225.0, 22.5),
    ("west-southwest", "WSW", 247.5, 11.25),
    ("west", "W", 270.0, 22.5),
    ("west-northwest", "WNW", 292.5, 11.25),
    ("northwest", "NW", 315.0, 22.5),
    ("north-northwest", "NNW", 337.5, 11.25),
]


def _spellings(name: str, abbr: str) -> list[str]:
    spaced = name.replace("-", " ")
    joined = name.replace("-", "")
    out = [name, spaced, joined, name.upper(), abbr, abbr.lower(), ".".join(abbr) + "."]
    if "-" in name:  # north-northeast -> north-north-east
        first, second = name.split("-")
        for half in ("north", "south"):
            if second.startswith(half) and second != half:
                out.append(f"{first}-{half}-{second[len(half) :]}")
    elif len(name) > 5:  # northeast -> north-east, north east
        for half in ("north", "south"):
            if name.startswith(half):
                out += [f"{half}-{name[len(half) :]}", f"{half} {name[len(half) :]}"]
    return out


@pytest.mark.parametrize(("name", "abbr", "azimuth", "half"), POINTS)
def test_every_compass_point_in_every_spelling(name, abbr, azimuth, half):
    for word in _spellings(name, abbr):
        d = parse_direction(word)
        assert d is not None, word
        assert (d.azimuth_deg, d.half_width_deg, d.abbreviation) == (azimuth, half, abbr), word


@pytest.mark.parametrize(("name", "abbr", "azimuth", "half"), POINTS)
def test_sector_edges(name, abbr, azimuth, half):
    d = parse_direction(abbr)
    assert d.contains(azimuth) and d.contains((azimuth + half) % 360)
    assert d.contains((azimuth - half) % 360)
    assert not d.contains((azimuth + half + 0.5) % 360)
    assert not d.contains((azimuth - half - 0.5) % 360)


@pytest.mark.parametrize(
    ("word", "abbr", "half"),
    [
        ("north-eastern", "NE", 22.5),
        ("northeastern", "NE", 22.5),
        ("south-westerly", "SW", 22.5),
        ("westward", "W", 22.5),
        ("eastwards", "E", 22.5),
        ("to the north-east of", "NE", 22.5),
        ("to the west", "W", 22.5),
        ("due west", "W", 11.25),
        ("Due North", "N", 11.25),
        ("due north-east", "NE", 11.25),
        ("北東", "NE", 22.5),
        ("东北", "NE", 22.5),
        ("東北方", "NE", 22.5),
        ("北北東", "NNE", 11.25),
        ("西", "W", 22.5),
        ("真西", "W", 11.25),
        ("正东", "E", 11.25),
        ("西南方向", "SW", 22.5),
    ],
)
def test_direction_forms(word, abbr, half):
    d = parse_direction(word)
    assert d is not None and (d.abbreviation, d.half_width_deg) == (abbr, half)


@pytest.mark.parametrize("word", ["", "up", "upwards", "northish", "left", "nnnw"])
def test_unknown_directions(word):
    assert parse_direction(word) is None


def test_every_listed_direction_word_parses_and_matches_the_pattern():
    regex = re.compile(pattern("direction"), re.IGNORECASE)
    for word in direction_words():
        assert parse_direction(word) is not None, word
        assert regex.fullmatch(word), word


@pytest.mark.parametrize("kind", ["unit", "qualifier", "state", "measure"])
def test_pattern_matches_every_word(kind):
    regex = re.compile(pattern(kind), re.IGNORECASE)
    for word in voc.words(kind):
        assert regex.fullmatch(word), word


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Japan", "JPN"),
        ("JPN", "JPN"),
        ("日本", "JPN"),
        ("China", "CHN"),
        ("PRC", "CHN"),
        ("People's Republic of China", "CHN"),
        ("中国", "CHN"),
        ("Taiwan", "TWN"),
        ("ROC", "TWN"),
        ("Republic of China", "TWN"),
        ("中華民國", "TWN"),
        ("the Philippines", "PHL"),
        ("U.S.", "USA"),
        ("South Korea", "KOR"),
    ],
)
def test_states(word, code):
    assert parse_state(word) == code


def test_statuses_are_an_enum_that_reads_as_text():
    assert Status.HOLDS == "holds" and Status("does not hold") is Status.DOES_NOT_HOLD
    assert [s.value for s in Status] == [
        "holds",
        "holds on another reading",
        "does not hold",
        "cannot be checked",
    ]


def test_tables_can_be_extended():
    key = normalise("klicks")
    assert parse_unit("klicks") is None
    voc.UNIT_WORDS[key] = Unit.KM
    try:
        assert parse_unit("Klicks") is Unit.KM
        assert re.fullmatch(pattern("unit"), "klicks", re.IGNORECASE)
    finally:
        del voc.UNIT_WORDS[key]


def test_suggestions_for_typos():
    assert suggest("nroth-east", "direction")[0] == "north-east"
    assert "about" in suggest("abuot", "qualifier")
    assert suggest("zzzz", "unit") == ()


def test_normalise_drops_invisible_characters():
    assert normalise("k\u200bm") == "km" and normalise("north\u2013east") == "north-east"
