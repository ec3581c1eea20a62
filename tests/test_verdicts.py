"""Verdict records: what they hold and what they derive (islandchain.verdicts)."""

from __future__ import annotations

import json

import pytest
from geographiclib.geodesic import Geodesic

from islandchain.claims import check
from islandchain.geodesy import compass
from islandchain.verdicts import Verdict, as_record
from islandchain.vocabulary import Status


@pytest.fixture(scope="module")
def verdict() -> Verdict:
    return check("Taiwan", "Yonaguni", 111, direction="west", cross_check=True)


def test_derived_figures_follow_from_what_the_verdict_holds(verdict):
    m = verdict.measurement
    assert m is not None
    assert verdict.measured_km == m.distance_km
    assert verdict.stated_km == 111
    assert verdict.difference_km == pytest.approx(m.distance_km - 111)
    assert verdict.difference_pct == pytest.approx(100 * (m.distance_km - 111) / 111)
    assert verdict.tolerance_km == verdict.acceptance.tolerance_km
    assert verdict.rule == verdict.acceptance.rule
    assert verdict.spread_km == pytest.approx(abs(verdict.cross_check_km - m.distance_km))
    assert (verdict.subject_point, verdict.reference_point) == (m.subject_point, m.reference_point)


def test_the_bearing_is_geographiclibs_and_named_on_both_roses(verdict):
    ref, subj = verdict.reference_point, verdict.subject_point
    azi = Geodesic.WGS84.Inverse(ref[1], ref[0], subj[1], subj[0])["azi1"] % 360
    assert verdict.azimuth_deg == pytest.approx(azi, abs=1e-6)
    assert (verdict.compass8, verdict.compass16) == (compass(azi, 8), compass(azi, 16))
    assert verdict.compass16 == "W" and verdict.direction_ok is True


def test_a_range_differs_only_outside_it():
    inside = check("Taiwan", "Yonaguni", (100, 115), cross_check=False)
    assert inside.difference_km == 0.0 and inside.stated_max_km == 115
    above = check("Taiwan", "Yonaguni", (60, 70), cross_check=False)
    assert above.difference_km == pytest.approx(above.measured_km - 70)


def test_a_verdict_without_a_measure_derives_nothing():
    v = Verdict(
        check("Taiwan", "Yonaguni", 111, cross_check=False).claim, Status.CANNOT_BE_CHECKED, "x"
    )
    assert (v.measured_km, v.stated_km, v.difference_km, v.difference_pct) == (None,) * 4
    assert (v.rule, v.compass16, v.line, v.spread_km) == ("", "", None, None)
    assert v.internal_error is False and not v.holds


def test_as_record_is_plain_json(verdict):
    record = json.loads(json.dumps(as_record(verdict)))
    assert record["status"] == "holds" and record["compass"] == "W"
    assert record["measured_km"] == round(verdict.measured_km, 3)
    assert record["subject_point"]["lon"] == round(verdict.subject_point[0], 6)
    assert {r["reading"] for r in record["readings"]} == {r.name for r in verdict.readings}
