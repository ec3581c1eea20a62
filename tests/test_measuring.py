"""How two places lie and the distance under each reading (islandchain.measuring)."""

from __future__ import annotations

import math

import pytest
import shapely
from geographiclib.geodesic import Geodesic

from islandchain import measuring
from islandchain.data import features
from islandchain.geodesy import Measured
from islandchain.measuring import Reading, ReadingKind, Relation, measure, readings, relation


def geodsolve(a: tuple[float, float], b: tuple[float, float]) -> dict:
    """GeographicLib's own inverse solution from a to b, (lon, lat) points."""
    return Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0])


@pytest.mark.parametrize(
    ("subject", "reference", "want"),
    [
        ("uotsuri", "senkaku", Relation.SUBJECT_WITHIN),
        ("senkaku", "uotsuri", Relation.REFERENCE_WITHIN),
        ("iriomote", "yaeyama", Relation.SUBJECT_WITHIN),
        ("taiwan", "yonaguni", Relation.APART),
        ("taiwan", "taiwan", Relation.SAME),
    ],
)
def test_relation(subject, reference, want):
    assert relation(subject, reference) is want
    assert want.touching is (want is not Relation.APART)


def test_a_reading_is_a_measured_pair_from_the_reference_to_the_subject():
    r = measure("taiwan", "yonaguni")
    assert isinstance(r, Reading) and isinstance(r.measured, Measured)
    assert (r.subject, r.reference) == ("Taiwan", "Yonaguni Island")
    assert r.reference_point == r.measured.point_a and r.subject_point == r.measured.point_b
    # The distance and the azimuth are GeographicLib's between the two points.
    ref = geodsolve(r.reference_point, r.subject_point)
    assert r.distance_km == pytest.approx(ref["s12"] / 1000, abs=1e-6)
    assert r.azimuth_deg == pytest.approx(ref["azi1"] % 360, abs=1e-6)
    # The points lie on the two coasts.
    frame = features()
    for point, fid in ((r.subject_point, "taiwan"), (r.reference_point, "yonaguni")):
        assert shapely.distance(shapely.Point(point), frame.loc[fid, "geometry"]) < 1e-6
    ends = r.line.coords[0], r.line.coords[-1]
    assert ends[0] == pytest.approx(r.reference_point)
    assert ends[1] == pytest.approx(r.subject_point)


def test_touching_places_have_no_bearing():
    r = measure("iriomote", "yaeyama")
    assert r.distance_km == 0.0 and r.azimuth_deg is None


def test_centroid_reading_measures_between_centroids():
    r = measure("senkaku", "okinawa", "centroid")
    frame = features()
    for point, fid in ((r.subject_point, "senkaku"), (r.reference_point, "okinawa")):
        assert shapely.Point(point).equals(shapely.centroid(frame.loc[fid, "geometry"]))
    assert r.kind is ReadingKind.CENTROID
    ref = geodsolve(r.reference_point, r.subject_point)
    assert r.distance_km == pytest.approx(ref["s12"] / 1000, abs=1e-6)


def test_no_reading_within_the_places_is_shorter_than_coast_to_coast():
    # Coast to coast is the shortest distance between the two places: a reading
    # between parts of them (a main island, a centroid) cannot be shorter. "Taiwan"
    # read as all the ROC territory measures a larger place and may be.
    coast = measure("senkaku", "taiwan").distance_km
    within = (ReadingKind.MAIN_ISLAND, ReadingKind.CENTROID, ReadingKind.GROUP_CENTROID)
    inside = [r for r in readings("senkaku", "taiwan") if r.kind in within]
    assert len(inside) >= 3
    assert min(r.distance_km for r in inside) >= coast - 1e-9
    (roc,) = [r for r in readings("senkaku", "taiwan") if r.kind is ReadingKind.TERRITORY]
    assert roc.distance_km < coast


def test_readings_come_in_order_of_preference():
    order = list(ReadingKind)
    kinds = [r.kind for r in readings("senkaku", "okinawa") if r.standard]
    ranks = [order.index(k) for k in kinds]
    assert ranks == sorted(ranks)
    main = [r for r in readings("senkaku", "okinawa") if r.kind is ReadingKind.MAIN_ISLAND]
    assert main[0].subject == "Uotsuri Island"


def test_places_named_in_the_sentence_give_readings():
    assert measuring.named_in("Yonaguni lies 111 km east of Su'ao, Taiwan") == (
        "yonaguni",
        "suao",
        "taiwan",
    )
    named = [
        r
        for r in readings("yonaguni", "taiwan", "Yonaguni lies 111 km east of Su'ao")
        if r.kind is ReadingKind.NAMED_PLACE
    ]
    assert [r.reference for r in named] == ["Port of Su'ao"]
    assert all(math.isfinite(r.distance_km) for r in named)
