"""The first island chain: members, gaps, passages under a change of control."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import islandchain as ic
from islandchain.chain import chain_gaps, chain_variants, nearest_foreign, passages
from islandchain.errors import InputError


@pytest.fixture(scope="module")
def gaps():
    return {g.name: g for g in chain_gaps("core")}


def test_variants_run_from_japan_to_borneo():
    for v in chain_variants().values():
        assert v.members[-1] == "borneo" and len(v.gap_names) == len(v.members) - 1
        assert "taiwan" in v.members and "yonaguni" in v.members and v.source
    assert chain_variants()["japan"].members[0] == "hokkaido"


def test_gap_width_is_the_shortest_geodesic_between_the_coasts(gaps):
    frame = ic.features()
    for g in gaps.values():
        sep = ic.shortest_line(frame.loc[g.a, "geometry"], frame.loc[g.b, "geometry"])
        assert g.width_km == pytest.approx(sep.distance_km, abs=1e-9)
        assert g.half_width_km == pytest.approx(g.width_km / 2)
        assert ic.inverse(*g.point_a, *g.point_b)[0] / 1000 == pytest.approx(g.width_km, abs=1e-6)


def test_yonaguni_taiwan_gap_is_the_articles_distance(gaps):
    # The article: "Taiwan lies 111km west of ... Yonaguni"; the coasts are
    # 107.5 km apart, the port of Su'ao 111.1 km from Yonaguni.
    g = gaps["Yonaguni–Taiwan gap"]
    assert abs(g.width_km - 111) < 5 and g.land_between == 0


def test_miyako_strait_against_its_published_width(gaps):
    # Published: "a 250km-wide passageway" (Wikipedia, "Miyako Strait").
    # Measured from Okinawa Island itself the gap is wider; the Kerama and
    # Kume islands lie in the strait (islands_on_crossing) and narrow it.
    g = gaps["Miyako Strait"]
    assert 250 <= g.width_km <= 250 * 1.10
    assert g.land_between > 0


def test_taiwan_strait_against_its_published_narrowest_width():
    # Published: "The narrowest part is 130 km (81 mi; 70 nmi) wide" (Wikipedia,
    # "Taiwan Strait"). The narrowest crossing runs from Pingtan Island, off Fujian,
    # not from the continent itself, which is 136 km from Taiwan.
    tol, _ = ic.tolerance_km(130)
    pingtan = ic.shortest_line(ic.feature("Taiwan").geometry, ic.feature("Pingtan").geometry)
    assert pingtan.distance_km == pytest.approx(130, abs=tol)
    continent = ic.shortest_line(
        ic.feature("Taiwan").geometry, ic.feature("Chinese mainland").geometry
    )
    assert continent.distance_km - pingtan.distance_km > 5


def test_osumi_strait_against_its_published_width(gaps):
    # Published: the Ōsumi Strait, between the south coast of Kyushu and Tanegashima,
    # is "largo 40 km" (De Agostini, Sapere, "Ōsumi, stretto di"): the distance from
    # Cape Sata. The coasts come closer north-east of the cape (33 km), and the chain's
    # gap is narrower still, to the small Mishima islands west of Tanegashima.
    tol, _ = ic.tolerance_km(40)
    cape = ic.shortest_line(ic.feature("Cape Sata").geometry, ic.feature("Tanegashima").geometry)
    assert cape.distance_km == pytest.approx(40, abs=tol)
    coast = ic.shortest_line(ic.feature("Kyushu").geometry, ic.feature("Tanegashima").geometry)
    assert coast.distance_km < cape.distance_km - 5
    assert gaps["Ōsumi Strait"].width_km < coast.distance_km


def test_taiwan_under_chinese_control_opens_the_taiwan_gaps():
    scenario = {p.gap.name: p for p in passages(("CHN", "TWN"), 12 * 1.852)}
    today = {p.gap.name: p for p in passages(("CHN",), 12 * 1.852)}
    for name in ("Yonaguni–Taiwan gap", "Bashi Channel"):
        assert scenario[name].sides_controlled == 1
        assert scenario[name].keep_km == pytest.approx(scenario[name].gap.width_km)
        assert today[name].keep_km == pytest.approx(today[name].gap.half_width_km)
    # The narrow Japanese straits stay closed at 12 nmi from foreign land.
    assert not scenario["Ōsumi Strait"].open
    assert scenario["Miyako Strait"].open
    wide = {p.gap.name for p in passages(("CHN", "TWN"), 200 * 1.852)}
    assert {p.gap.name for p in passages(("CHN", "TWN"), 200 * 1.852) if p.open} < wide


def test_nearest_foreign_land_from_taiwans_east_coast():
    found = {f.place: f for f in nearest_foreign(["Su'ao", "Keelung", "Hualien"])}
    suao = found["Port of Su'ao"]
    assert suao.nearest == "Yonaguni Island" and suao.state == "JPN"
    assert suao.distance_km == pytest.approx(111.1, abs=0.1) and suao.compass == "E"


def test_nearest_foreign_needs_a_foreign_state():
    every_state = {code for codes in ic.features().admin for code in codes}
    with pytest.raises(InputError, match="no land of another state"):
        nearest_foreign(["Su'ao"], controller=sorted(every_state))


def test_chain_command_formats_and_errors():
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    out = subprocess.run([*exe, "chain", "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) == len(chain_variants()["core"].gap_names)
    assert {"gap", "width_km", "half_width_km", "keep_from_foreign_km"} <= set(rows[0])
    bad = subprocess.run([*exe, "chain", "--variant", "kurils"], capture_output=True, text=True)
    assert bad.returncode == 2 and "known: core" in bad.stderr and "Traceback" not in bad.stderr
