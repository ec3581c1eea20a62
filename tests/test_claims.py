"""Tests of claims files, tolerance and verdicts through the public API."""

from __future__ import annotations

import pytest

from islandchain.claims import (
    ClaimError,
    check_claim,
    load_claims,
    parse_claims,
    tolerance_km,
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


@pytest.fixture(scope="module")
def article_verdicts(repo):
    _, claims = load_claims(repo / "claims" / "article.toml")
    return {c.id: check_claim(c) for c in claims}


def test_article_taiwan_yonaguni_holds(article_verdicts):
    v = article_verdicts["taiwan-yonaguni-111km-west"]
    assert v.status == "holds", v.reason
    assert v.direction_ok and v.distance_ok
    assert abs(v.measured_km - 111) <= v.tolerance_km
    # The shortest line runs from Yonaguni's west end to Taiwan's east coast.
    assert v.reference_point[0] < 123.0 and v.subject_point[0] > 121.5
    assert v.subject_id == "taiwan" and v.reference_id == "yonaguni"
    assert v.cross_check_km is not None and v.spread_km < 5


def test_article_taiwan_senkaku_holds(article_verdicts):
    v = article_verdicts["taiwan-senkaku-170km-southwest"]
    assert v.status == "holds", v.reason
    assert v.compass8 == "SW"


def test_roc_territory_reading_is_much_nearer(article_verdicts, repo):
    main = article_verdicts["taiwan-senkaku-170km-southwest"]
    _, [claim] = load_claims(repo / "claims" / "taiwan-readings.toml")
    roc = check_claim(claim)
    assert roc.measured_km < main.measured_km - 20
    assert roc.status == "does not hold"
    names = {r.name for r in main.readings}
    assert "centroid to centroid" in names and main.best_reading


@pytest.mark.parametrize(
    "cid",
    ["yonaguni-japan-administered", "senkaku-japan-administered", "senkaku-disputed-by-china"],
)
def test_article_status_claims_hold(article_verdicts, cid):
    assert article_verdicts[cid].status == "holds"


def test_wrong_distance_does_not_hold():
    v = check_claim(distance_claim("Taiwan", "Yonaguni", 150, "west"))
    assert v.status == "does not hold" and not v.distance_ok and v.direction_ok
    assert v.difference_km < -30


def test_wrong_direction_does_not_hold():
    v = check_claim(distance_claim("Taiwan", "Yonaguni", 111, "east"))
    assert v.status == "does not hold" and v.distance_ok and not v.direction_ok


def test_hedged_figure_gets_wider_tolerance():
    plain, _ = tolerance_km(100)
    hedged, rule = tolerance_km(100, "about")
    assert hedged > plain and "hedged" in rule


@pytest.mark.parametrize(
    ("km", "unit", "expected"),
    [(111, "km", 5.75), (1200, "km", 60.2), (170, "km", 8.7), (60, "nmi", 5.76), (100, "km", 5.2)],
)
def test_tolerance_rule(km, unit, expected):
    from islandchain.claims import UNITS

    assert tolerance_km(km * UNITS[unit], unit=unit)[0] == pytest.approx(expected, abs=0.01)


def test_units_convert():
    km = check_claim(distance_claim("Taiwan", "Yonaguni", 111)).measured_km
    nmi = check_claim(
        distance_claim("Taiwan", "Yonaguni", round(km / 1.852, 1), extra='unit = "nmi"')
    )
    assert nmi.status == "holds" and nmi.stated_km == pytest.approx(km, abs=0.1)


def test_point_measure_uses_named_points():
    v = check_claim(
        distance_claim(
            "Taiwan", "Yonaguni", 110, "west", 'measure = "point"\nsubject_point = "Su\'ao"'
        )
    )
    assert "Su'ao" in v.subject_point_label


def test_false_administration_and_dispute():
    admin = one('[[claim]]\nkind = "administration"\nplace = "Yonaguni"\nadmin = "China"')
    assert check_claim(admin).status == "does not hold"
    dispute = one('[[claim]]\nkind = "dispute"\nplace = "Okinawa"\nclaimants = ["China"]')
    assert check_claim(dispute).status == "does not hold"
    good = one('[[claim]]\nkind = "dispute"\nplace = "Diaoyutai"\nclaimants = ["Taiwan"]')
    assert check_claim(good).status == "holds"


def test_unknown_place_is_bad_input_with_suggestions():
    with pytest.raises(ClaimError) as err:
        distance_claim("Taiwan", "Yonaguny", 111)
    assert err.value.field == "reference" and "Yonaguni" in str(err.value)


def test_known_gap_cannot_be_checked():
    v = check_claim(distance_claim("Taiwan", "Atlantis", 111, extra='unresolved = ["Atlantis"]'))
    assert v.status == "cannot be checked" and "Atlantis" in v.reason


@pytest.mark.parametrize(
    ("toml", "field"),
    [
        ('[[claim]\nsubject = "x"', "toml"),
        (
            '[[claim]]\nid = "a"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = -3',
            "distance",
        ),
        ('[[claim]]\nid = "a"\nsubject = "Taiwan"\nreference = "Yonaguni"', "distance"),
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
    ],
)
def test_bad_input_names_file_claim_and_field(toml, field):
    with pytest.raises(ClaimError) as err:
        parse_claims(toml, "bad.toml")
    assert err.value.field == field
    assert str(err.value).startswith("bad.toml: claim")
