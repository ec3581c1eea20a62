"""Tests of claims files and verdicts through the public API."""

from __future__ import annotations

import codecs

import pytest

import islandchain as ic
from islandchain import measuring
from islandchain.claimfile import decode_claims, make_claim
from islandchain.claims import (
    ClaimError,
    Status,
    check,
    check_claim,
    check_claims,
    iter_verdicts,
    load_claims,
    parse_claims,
)
from islandchain.vocabulary import (
    COMPARATOR_WORDS,
    POINT_NAMES,
    STATE_WORDS,
    UNIT_WORDS,
    WIDTH_WORDS,
    direction_words,
)


def one(toml: str):
    _, [claim] = parse_claims(toml, "test.toml")
    return claim


def distance_claim(subject, reference, km, direction="", extra=""):
    return one(f'''
[[claim]]
id = "c"
subject = "{subject}"
reference = "{reference}"
distance = {km}
direction = "{direction}"
{extra}
''')


def quick(*args, **kwargs):
    return check(*args, cross_check=False, **kwargs)


@pytest.fixture(scope="module")
def article_verdicts(repo):
    _, claims = load_claims(repo / "claims" / "article.toml")
    return {c.id: check_claim(c) for c in claims}


# --- the article ---------------------------------------------------------------------------


def test_article_taiwan_yonaguni_holds(article_verdicts):
    v = article_verdicts["taiwan-yonaguni-111km-west"]
    assert v.status is Status.HOLDS, v.reason
    assert v.direction_ok and v.distance_ok
    assert abs(v.measured_km - 111) <= v.tolerance_km
    # The shortest line runs from Yonaguni's west end to Taiwan's east coast.
    assert v.reference_point[0] < 123.0 and v.subject_point[0] > 121.5
    assert v.subject_id == "taiwan" and v.reference_id == "yonaguni"
    assert v.cross_check_km is not None and v.spread_km < 5


def test_article_taiwan_senkaku_holds(article_verdicts):
    v = article_verdicts["taiwan-senkaku-170km-southwest"]
    assert v.status is Status.HOLDS, v.reason
    assert v.compass8 == "SW"


def test_verdict_carries_what_it_measured(article_verdicts):
    v = article_verdicts["taiwan-yonaguni-111km-west"]
    m = v.measurement
    assert m.distance_km == v.measured_km and m.subject_point == v.subject_point
    # the geometries measured between, so that a map draws without deciding
    assert v.reference_geometry.distance(ic.feature("Yonaguni").geometry) == 0
    assert v.subject_geometry.equals(ic.feature("Taiwan").geometry)
    assert v.line.geom_type == "LineString" and len(v.line.coords) > 2


def test_roc_territory_reading_holds_on_another_reading(article_verdicts, repo):
    main = article_verdicts["taiwan-senkaku-170km-southwest"]
    _, [claim] = load_claims(repo / "claims" / "taiwan-readings.toml")
    roc = check_claim(claim)
    assert roc.measured_km < main.measured_km - 20
    # 138 km from Pengjia; 170 km fits "Taiwan" read as the main island.
    assert roc.status is Status.HOLDS_ON_ANOTHER_READING, roc.reason
    assert roc.holding_reading.kind == "main island"
    assert roc.holding_reading.subject == "Taiwan"
    assert roc.holding_reading.distance_km == pytest.approx(main.measured_km)
    assert roc.reason.startswith("holds if measured to Taiwan, the main island")
    names = {r.name for r in main.readings}
    assert "centroid to centroid" in names and main.best_reading


@pytest.mark.parametrize(
    "cid",
    ["yonaguni-japan-administered", "senkaku-japan-administered", "senkaku-disputed-by-china"],
)
def test_article_status_claims_hold(article_verdicts, cid):
    assert article_verdicts[cid].status is Status.HOLDS


# --- plain figures, units, points ------------------------------------------------------------


def test_wrong_distance_does_not_hold():
    v = check_claim(distance_claim("Taiwan", "Yonaguni", 150, "west"), cross_check=False)
    assert v.status is Status.DOES_NOT_HOLD and not v.distance_ok and v.direction_ok
    assert v.difference_km < -30


def test_wrong_direction_does_not_hold():
    v = check_claim(distance_claim("Taiwan", "Yonaguni", 111, "east"), cross_check=False)
    assert v.status is Status.DOES_NOT_HOLD and v.distance_ok and not v.direction_ok


def test_units_convert():
    km = quick("Taiwan", "Yonaguni", 111).measured_km
    nmi = quick("Taiwan", "Yonaguni", round(km / 1.852, 1), "nautical miles")
    assert nmi.status is Status.HOLDS and nmi.stated_km == pytest.approx(km, abs=0.1)


def test_point_measure_uses_named_points():
    v = check_claim(
        distance_claim(
            "Taiwan", "Yonaguni", 110, "west", 'measure = "point"\nsubject_point = "Su\'ao"'
        ),
        cross_check=False,
    )
    assert "Su'ao" in v.subject_point_label and v.status is Status.HOLDS


def test_false_administration_and_dispute():
    admin = one('[[claim]]\nkind = "administration"\nplace = "Yonaguni"\nadmin = "China"')
    assert check_claim(admin).status is Status.DOES_NOT_HOLD
    dispute = one('[[claim]]\nkind = "dispute"\nplace = "Okinawa"\nclaimants = ["China"]')
    assert check_claim(dispute).status is Status.DOES_NOT_HOLD
    good = one('[[claim]]\nkind = "dispute"\nplace = "Diaoyutai"\nclaimants = ["Taiwan"]')
    assert check_claim(good).status is Status.HOLDS


# --- comparators on real distances (Kyushu-Taiwan 1,058.9 km, Yonaguni-Taiwan 107.5 km) -------

COMPARATORS = [
    ("Kyushu", 500, "more than", Status.HOLDS),
    ("Kyushu", 1100, "more than", Status.DOES_NOT_HOLD),
    ("Kyushu", 1000, "at least", Status.HOLDS),
    ("Kyushu", 2000, "upwards of", Status.DOES_NOT_HOLD),
    ("Yonaguni", 100, "less than", Status.DOES_NOT_HOLD),
    ("Yonaguni", 110, "less than", Status.HOLDS),
    ("Yonaguni", 120, "within", Status.HOLDS),
    ("Yonaguni", 100, "within", Status.DOES_NOT_HOLD),
    ("Yonaguni", 110, "nearly", Status.HOLDS),
    ("Yonaguni", 100, "nearly", Status.DOES_NOT_HOLD),
    ("Yonaguni", 130, "almost", Status.DOES_NOT_HOLD),
    ("Yonaguni", 105, "just over", Status.HOLDS),
    ("Yonaguni", 110, "just over", Status.DOES_NOT_HOLD),
    ("Yonaguni", 110, "barely", Status.HOLDS),
    ("Yonaguni", 120, "only", Status.DOES_NOT_HOLD),
    ("Yonaguni", 100, "about", Status.HOLDS),
    ("Yonaguni", 95, "about", Status.DOES_NOT_HOLD),
]


#: The reading each qualifier must get, in the rule's words (README, "The tolerance rule").
READINGS = {
    "more than": "read as at least",
    "at least": "read as at least",
    "upwards of": "read as at least",
    "less than": "read as at most",
    "within": "read as at most",
    "nearly": "read as slightly below",
    "almost": "read as slightly below",
    "just over": "read as slightly above",
    "barely": "plain",
    "only": "plain",
    "about": "hedged",
}


@pytest.mark.parametrize(("subject", "km", "qualifier", "status"), COMPARATORS)
def test_comparators(subject, km, qualifier, status):
    v = quick(subject, "Taiwan", km, qualifier=qualifier)
    assert v.status is status, v.reason
    want = READINGS[qualifier]
    assert want in v.rule
    assert [r for r in set(READINGS.values()) - {want} if r in v.rule] == [], v.rule


@pytest.mark.parametrize(
    ("low", "high", "unit", "status"),
    [
        (100, 115, "km", Status.HOLDS),
        (80, 90, "km", Status.DOES_NOT_HOLD),
        (108, 112, "km", Status.HOLDS),  # 107.5 lies in 108 - 0.5 - 0.2
        (109, 112, "km", Status.DOES_NOT_HOLD),
        (60, 70, "miles", Status.HOLDS),  # 96.6-112.7 km widened
        (50, 60, "nmi", Status.HOLDS),  # 92.6-111.1 km widened
        (40, 55, "nmi", Status.DOES_NOT_HOLD),  # 74.1-101.9 km widened
    ],
)
def test_ranges(low, high, unit, status):
    v = quick("Taiwan", "Yonaguni", (low, high), unit)
    assert v.status is status, v.reason
    assert v.stated_max_km == pytest.approx(high * {"km": 1, "miles": 1.609344, "nmi": 1.852}[unit])


def test_range_in_a_claims_file_both_ways():
    a = one('[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = [100, 115]')
    b = one(
        '[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 100\ndistance_max = 115'
    )
    assert a.distance_max == b.distance_max == 115.0
    assert check_claim(a, cross_check=False).status is Status.HOLDS


# --- every compass point ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "abbr"), POINT_NAMES)
def test_every_compass_point(name, abbr):
    # Taiwan from Yonaguni lies at 279° (W); Taiwan from the Senkakus at 242° (WSW).
    west = quick("Taiwan", "Yonaguni", 111, direction=name)
    wsw = quick("Taiwan", "Senkaku", 170, direction=abbr)
    assert (west.status is Status.HOLDS) is (abbr == "W"), west.reason
    assert (wsw.status is Status.HOLDS) is (abbr in ("SW", "WSW")), wsw.reason
    assert west.claim.bearing.abbreviation == abbr


def test_due_narrows_the_sector():
    assert quick("Taiwan", "Yonaguni", 111, direction="due west").status is Status.HOLDS
    # 242° lies within SW (225 ± 22.5) but not within due south-west (225 ± 11.25)
    assert quick("Taiwan", "Senkaku", 170, direction="south-western").status is Status.HOLDS
    v = quick("Taiwan", "Senkaku", 170, direction="due southwest")
    assert v.status is Status.DOES_NOT_HOLD and "±11.25°" in v.reason


# --- places inside places ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "reference", "words"),
    [
        ("Iriomote", "Yaeyama Islands", "Iriomote Island is part of Yaeyama Islands"),
        ("Uotsuri", "Senkaku Islands", "Uotsuri Island is part of Senkaku Islands"),
        ("Batanes", "Itbayat", "Itbayat Island is part of Batanes Islands"),
        ("Taiwan", "ROC territory", "Taiwan is part of"),
    ],
)
def test_contained_pairs_are_zero_km_and_never_crash(subject, reference, words):
    v = quick(subject, reference, 0, direction="west")
    assert v.measured_km == 0 and v.distance_ok
    assert words in v.reason and "0 km" in v.reason
    assert v.relation is not measuring.Relation.APART


def test_a_part_to_the_rest_of_its_group_is_a_reading():
    v = quick("Uotsuri", "Senkaku Islands", 5)
    rest = [r for r in v.readings if r.kind == "rest of the group"]
    assert rest and 1 < rest[0].distance_km < 20
    assert rest[0].reference == "the rest of Senkaku Islands"
    if v.status is Status.HOLDS_ON_ANOTHER_READING:
        assert v.holding_reading.kind == "rest of the group"


def test_overlapping_places(monkeypatch, sample_features):
    """Two places that share land but neither holds the other: 0 km, no crash."""
    import geopandas as gpd
    import shapely

    frame = sample_features.copy()
    extra = frame.loc[["yonaguni"]].copy()
    extra.index = ["yonaguni_east"]
    extra["id"], extra["name"], extra["kind"] = "yonaguni_east", "East Yonaguni", "island_group"
    extra["geometry"] = [shapely.Point(123.03, 24.46).buffer(0.06)]
    frame = gpd.GeoDataFrame(
        [*frame.to_dict("records"), *extra.to_dict("records")], crs=4326
    ).set_index("id", drop=False)
    frame.index.name = None
    monkeypatch.setattr(measuring, "features", lambda source="osm": frame)
    measuring.clear_cache()
    try:
        assert measuring.relation("yonaguni", "yonaguni_east") is measuring.Relation.OVERLAP
        m = measuring.measure("yonaguni", "yonaguni_east")
        assert m.distance_km == 0 and m.azimuth_deg is None
        kinds = {r.kind for r in measuring.readings("yonaguni", "yonaguni_east")}
        assert "centroid of a group" in kinds
    finally:
        monkeypatch.undo()
        measuring.clear_cache()


# --- holds on another reading -----------------------------------------------------------------


def test_group_figure_holds_on_the_main_island():
    v = quick(
        "Senkaku Islands",
        "Okinawa Island",
        410,
        qualifier="approximately",
        direction="west",
        quote="approximately 410 km west of Okinawa Island",
    )
    assert v.status is Status.HOLDS_ON_ANOTHER_READING, v.reason
    assert v.holding_reading.subject == "Uotsuri Island"
    assert 405 < v.holding_reading.distance_km < 420
    assert 300 < v.measured_km < 315
    assert v.reason.startswith("holds if measured to Uotsuri Island, the main island")
    assert v.holds


def test_a_wrong_figure_on_every_reading_does_not_hold():
    v = quick("Senkaku Islands", "Okinawa Island", 600)
    assert v.status is Status.DOES_NOT_HOLD and v.holding_reading is None


def test_a_port_named_in_the_sentence_gives_a_reading():
    v = quick("Yonaguni", "Taiwan", 142, quote="Yonaguni lies 142 km from Hualien")
    assert v.status is Status.HOLDS_ON_ANOTHER_READING, v.reason
    assert v.holding_reading.kind == "named in the sentence"
    assert "Hualien" in v.holding_reading.reference


def test_an_unnamed_port_is_only_informative():
    v = quick("Yonaguni", "Taiwan", 142)
    assert v.status is Status.DOES_NOT_HOLD
    assert any("Hualien" in r.name for r in v.readings)


# --- reading files: no claim stops the others -------------------------------------------------

MIXED = """
[source]
title = "mixed"

[[claim]]
id = "good-1"
subject = "Taiwan"
reference = "Yonaguni"
distance = 111
direction = "west"

[[claim]]
id = "bad-unit"
subject = "Taiwan"
reference = "Yonaguni"
distance = 111
unit = ""

[[claim]]
id = "bad-qualifier"
subject = "Taiwan"
reference = "Yonaguni"
distance = 111
qualifier = "barley"

[[claim]]
id = "no-subject"
reference = "Yonaguni"
distance = 111

[[claim]]
id = "huge"
subject = "Taiwan"
reference = "Yonaguni"
distance = 1e308

[[claim]]
id = "nan-tolerance"
subject = "Taiwan"
reference = "Yonaguni"
distance = 111
tolerance_km = nan

[[claim]]
id = "good-2"
subject = "Kyushu"
reference = "Taiwan"
distance = 500
qualifier = "more than"

[[claim]]
id = "good-1"
subject = "Taiwan"
reference = "Yonaguni"
distance = 111
"""


def test_mixed_file_reports_every_claim():
    _, claims = parse_claims(MIXED, "mixed.toml")
    verdicts = check_claims(claims, cross_check=False)
    by = {v.claim.id: v for v in verdicts if not v.malformed}
    assert [v.claim.id for v in verdicts][:7] == [
        "good-1",
        "bad-unit",
        "bad-qualifier",
        "no-subject",
        "huge",
        "nan-tolerance",
        "good-2",
    ]
    assert by["good-1"].status is Status.HOLDS and by["good-2"].status is Status.HOLDS
    bad = {v.claim.id: v for v in verdicts if v.malformed}
    assert set(bad) == {
        "bad-unit",
        "bad-qualifier",
        "no-subject",
        "huge",
        "nan-tolerance",
        "good-1",
    }
    for cid, fld in [
        ("bad-unit", "unit"),
        ("bad-qualifier", "qualifier"),
        ("no-subject", "subject"),
        ("huge", "distance"),
        ("nan-tolerance", "tolerance_km"),
    ]:
        v = bad[cid]
        assert v.status is Status.CANNOT_BE_CHECKED
        [problem] = v.claim.problems
        assert (problem.where, problem.claim, problem.field) == ("mixed.toml", cid, fld)
        assert str(problem).startswith(f"mixed.toml: claim '{cid}', field '{fld}'")
    assert "did you mean 'barely'" in str(bad["bad-qualifier"].claim.problems[0])
    assert "duplicate id" in bad["good-1"].reason  # the second good-1


def test_strict_parsing_raises_the_first_problem():
    with pytest.raises(ClaimError) as err:
        parse_claims(MIXED, "mixed.toml", strict=True)
    assert err.value.field == "unit"


def test_a_claim_that_is_not_a_table():
    _, claims = parse_claims("claim = [1, 2, 3]", "list.toml")
    assert len(claims) == 3 and all(c.malformed for c in claims)
    assert "must be a table" in str(claims[0].problems[0])


@pytest.mark.parametrize(
    ("toml", "field"),
    [
        (
            '[[claim]]\nid = "a"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = -3',
            "distance",
        ),
        ('[[claim]]\nid = "a"\nsubject = "Taiwan"\nreference = "Yonaguni"', "distance"),
        ('[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = "111"', "distance"),
        ('[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = true', "distance"),
        (
            '[[claim]]\nid = "a"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 3\n'
            'unit = "furlong"',
            "unit",
        ),
        (
            '[[claim]]\nid = "a"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 3\n'
            'direction = "up"',
            "direction",
        ),
        (
            '[[claim]]\nid = "a"\nkind = "administration"\nplace = "Yonaguni"\nadmin = "Mars"',
            "admin",
        ),
        ('[[claim]]\nid = "a"\nsubject = "Taiwan"\ndistance = 3', "reference"),
        (
            '[[claim]]\nid = "a"\nsubject = "Taiwan"\nreference = "Yonaguny"\ndistance = 3',
            "reference",
        ),
        (
            '[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 3\ndistnace = 1',
            "distnace",
        ),
        ('[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = [3]', "distance"),
        (
            '[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = [9, 3]',
            "distance_max",
        ),
        ('[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 3\nkind = "x"', "kind"),
    ],
)
def test_bad_field_names_file_claim_and_field(toml, field):
    _, [claim] = parse_claims(toml, "bad.toml")
    assert claim.malformed
    assert field in [p.field for p in claim.problems]
    assert all(str(p).startswith("bad.toml: claim") for p in claim.problems)
    assert check_claim(claim).status is Status.CANNOT_BE_CHECKED


def test_unknown_place_suggests_names():
    claim = distance_claim("Taiwan", "Yonaguny", 111)
    [problem] = claim.problems
    assert problem.field == "reference" and "'Yonaguni" in str(problem)


def test_known_gap_cannot_be_checked():
    v = check_claim(distance_claim("Taiwan", "Atlantis", 111, extra='unresolved = ["Atlantis"]'))
    assert v.status is Status.CANNOT_BE_CHECKED and "Atlantis" in v.reason and not v.malformed


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("[[claim]\n", "not valid TOML"),
        ('[source]\ntitle = "x"\n', "no [[claim]]"),
        ('[[claims]]\nsubject = "Taiwan"\n', "did you mean [[claim]]"),
        ('[claim]\nsubject = "Taiwan"\n', "two brackets"),
    ],
)
def test_unreadable_files_raise(toml, needle):
    with pytest.raises(ClaimError) as err:
        parse_claims(toml, "f.toml")
    assert needle in str(err.value) and str(err.value).startswith("f.toml")


GOOD = '[[claim]]\nsubject = "Taiwan"\nreference = "与那国島"\ndistance = 111\n'


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        (GOOD.encode("utf-8"), True),
        (codecs.BOM_UTF8 + GOOD.encode("utf-8"), True),
        (GOOD.encode("utf-16"), True),
        (GOOD.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), True),
        (b"\x00\x01\x02binary\xff", False),
        (
            GOOD.replace("与那国島", "Yonaguni").encode("utf-8") + "# caf\xe9\n".encode("latin-1"),
            False,
        ),
    ],
)
def test_encodings(tmp_path, data, ok):
    path = tmp_path / "c.toml"
    path.write_bytes(data)
    if ok:
        _, [claim] = load_claims(path)
        assert not claim.malformed and claim.reference == "与那国島"
    else:
        with pytest.raises(ClaimError) as err:
            load_claims(path)
        assert err.value.field == "file" and str(path) in str(err.value)
        assert "UTF-8" in str(err.value)


def test_decode_refuses_oversized_files(monkeypatch):
    from islandchain import claimfile

    monkeypatch.setattr(claimfile, "MAX_CLAIMS_BYTES", 10)
    with pytest.raises(ClaimError, match="limit"):
        decode_claims(b"x" * 11, "big.toml")


def test_extreme_figures():
    tiny = quick("Taiwan", "Yonaguni", 1e-300)
    assert tiny.status is Status.DOES_NOT_HOLD
    assert make_claim({"subject": "Taiwan", "reference": "Yonaguni", "distance": 1e308}).malformed
    assert quick("Iriomote", "Yaeyama", 0).status is Status.HOLDS


# --- whatever the vocabulary holds, a claims file reads --------------------------------------


def test_every_vocabulary_word_reads_as_a_claim_field():
    import tomli_w

    entries = []
    for word in UNIT_WORDS:
        entries.append({"unit": word})
    for word in COMPARATOR_WORDS:
        entries.append({"qualifier": word})
    for word in direction_words():
        entries.append({"direction": word})
    claims = [
        {"id": f"c{i}", "subject": "Taiwan", "reference": "Yonaguni", "distance": 111, **e}
        for i, e in enumerate(entries)
    ]
    states = [
        {"id": f"s{i}", "kind": "administration", "place": "Yonaguni", "admin": w}
        for i, w in enumerate(STATE_WORDS)
    ]
    widths = [
        {"id": f"w{i}", "place": "Taiwan Strait", "distance": 130, "at": w}
        for i, w in enumerate(WIDTH_WORDS)
    ]
    _, parsed = parse_claims(tomli_w.dumps({"claim": claims + states + widths}), "vocab.toml")
    problems = [str(p) for c in parsed for p in c.problems]
    assert not problems, problems[:5]
    assert len(parsed) == len(claims) + len(states) + len(widths)


def test_extract_output_always_reads():
    """A text built from every vocabulary word: whatever extract writes, verify reads."""
    units = ["km", "kilometres", "miles", "nautical miles", "nmi"]
    hedges = [w for w in COMPARATOR_WORDS if w.isascii() and w.replace(" ", "").isalpha()]
    directions = [w for w in direction_words() if w.isascii() and not w.startswith("to the")]
    sentences = []
    for i, hedge in enumerate(hedges):
        unit = units[i % len(units)]
        direction = directions[i % len(directions)]
        sentences.append(f"Yonaguni lies {hedge} {100 + i} {unit} {direction} of Taiwan.")
    for direction in directions:
        sentences.append(f"Yonaguni lies 111 km {direction} of Taiwan.")
    text = " ".join(sentences)
    found = ic.extract_claims(text)
    assert found.claims
    _, claims = parse_claims(ic.to_toml(found), "<extract>")
    problems = [str(p) for c in claims for p in c.problems]
    assert not problems, problems[:5]


# --- notebook API -----------------------------------------------------------------------------


def test_check_for_notebooks():
    v = ic.check("Yonaguni", "Taiwan", 111, direction="east", cross_check=False)
    assert isinstance(v, ic.Verdict) and v.status is ic.Status.HOLDS
    with pytest.raises(ClaimError) as err:
        ic.check("Yonaguni", "Taiwan", 111, unit="parsecs")
    assert err.value.field == "unit"


def test_check_text():
    verdicts = ic.check_text(
        "Taiwan lies 111km west of Yonaguni Island and 170km southwest of the Senkaku islands.",
        cross_check=False,
    )
    assert [v.status for v in verdicts] == [Status.HOLDS, Status.HOLDS]


def test_an_internal_error_in_one_claim_does_not_stop_the_others(monkeypatch):
    import islandchain.claims as claims_module

    real = claims_module._check_distance

    def broken(claim, cross_check):
        if claim.id == "boom":
            raise RuntimeError("simulated bug")
        return real(claim, cross_check)

    monkeypatch.setattr(claims_module, "_check_distance", broken)
    _, parsed = parse_claims(GOOD.replace("[[claim]]", '[[claim]]\nid = "boom"') + GOOD, "two.toml")
    first, second = iter_verdicts(parsed, cross_check=False)
    assert first.status is Status.CANNOT_BE_CHECKED and first.internal_error
    assert "simulated bug" in first.reason and second.status is Status.HOLDS


# --- widths of straits ------------------------------------------------------------------------


def test_width_claims():
    _, claims = parse_claims(
        """
[[claim]]
id = "ts-180"
quote = "the 180 km-wide Taiwan Strait"
place = "Taiwan Strait"
distance = 180

[[claim]]
id = "ts-130"
place = "台湾海峡"
distance = 130
at = "at its narrowest"

[[claim]]
id = "ts-100"
kind = "width"
place = "Taiwan Strait"
distance = 100
at = "narrowest"

[[claim]]
id = "miyako-widest"
place = "Miyako Strait"
distance = 250
at = "widest"

[[claim]]
id = "not-a-strait"
kind = "width"
place = "Taiwan"
distance = 250

[[claim]]
id = "bad-at"
place = "Taiwan Strait"
distance = 130
at = "narowest"
""",
        "widths.toml",
    )
    v = {c.id: check_claim(c, cross_check=False) for c in claims}
    narrowest = v["ts-130"]
    assert narrowest.status is Status.HOLDS and 120 < narrowest.measured_km < 135
    assert narrowest.measurement.line is not None
    mean = v["ts-180"]
    assert mean.status is Status.HOLDS_ON_ANOTHER_READING, mean.reason
    assert mean.measured_km == narrowest.measured_km
    assert mean.holding_reading.name == "average width" and "mean width" in mean.reason
    assert v["ts-100"].status is Status.DOES_NOT_HOLD
    assert v["miyako-widest"].status is Status.CANNOT_BE_CHECKED
    assert "ends are not defined" in v["miyako-widest"].reason
    assert not v["miyako-widest"].malformed
    assert [p.field for p in v["not-a-strait"].claim.problems] == ["place"]
    assert "did you mean 'narrowest'" in str(v["bad-at"].claim.problems[0])


# --- fuzz: no input makes reading or checking raise anything but ClaimError -------------------

FIELDS = [
    "id",
    "kind",
    "quote",
    "subject",
    "reference",
    "distance",
    "distance_max",
    "unit",
    "qualifier",
    "direction",
    "measure",
    "subject_point",
    "reference_point",
    "tolerance_km",
    "place",
    "admin",
    "claimants",
    "unresolved",
    "at",
]


def _values():
    from hypothesis import strategies as st

    words = st.sampled_from(
        ["Taiwan", "Yonaguni", "Iriomote", "Yaeyama Islands", "Senkaku", "Taiwan Strait",
         "km", "nmi", "about", "more than", "NNE", "due west", "Japan", "coast", "point",
         "narrowest", "", " ", "\x1b[2J", "{{ 7*7 }}", "Atlantis"]
    )  # fmt: skip
    scalars = st.one_of(
        words,
        st.text(max_size=12),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
    )
    return st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(words, scalars))


def test_fuzz_claims_never_raise_anything_but_claim_error():
    import tomli_w
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    entry = st.dictionaries(st.sampled_from(FIELDS), _values(), max_size=8)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(entry, min_size=1, max_size=4))
    def run(entries):
        try:
            text = tomli_w.dumps({"claim": entries})
        except (TypeError, ValueError):  # not representable in TOML (e.g. NaN keys)
            return
        try:
            _, claims = parse_claims(text, "fuzz.toml")
        except ClaimError as exc:
            assert str(exc).startswith("fuzz.toml")
            return
        assert len(claims) == len(entries)
        for claim in claims:
            for problem in claim.problems:
                assert str(problem).startswith(f"fuzz.toml: claim {claim.id!r}, field ")
            v = check_claim(claim, cross_check=False)
            assert isinstance(v.status, Status)
            assert not v.internal_error, v.reason
            if claim.malformed:
                assert v.status is Status.CANNOT_BE_CHECKED

    run()
