"""What the maps tell (no folium, no browser): layers, labels, legends, findings."""

from __future__ import annotations

import pytest
import shapely
from geographiclib.geodesic import Geodesic

from islandchain.claims import check_claims, load_claims
from islandchain.mapping.stories import claims_story, zones_story
from islandchain.mapping.styles import OSM_CREDIT
from islandchain.published import published_areas
from islandchain.zones import blockade_cordon, check_intrusion, maritime_zones


@pytest.fixture(scope="module")
def verdicts(repo):
    _, claims = load_claims(repo / "claims" / "article.toml")
    return check_claims(claims, cross_check=False)


@pytest.fixture(scope="module")
def article(verdicts):
    return claims_story(verdicts)


def geodsolve_km(a, b) -> float:
    """GeographicLib's own inverse solution between two (lon, lat) points, km."""
    return Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0])["s12"] / 1000


def geodsolve_area_km2(geom) -> float:
    """GeographicLib's polygon area of each part's rings (holes taken away), km²."""

    def ring_m2(ring) -> float:
        poly = Geodesic.WGS84.Polygon()
        for lon, lat in list(ring.coords)[:-1]:
            poly.AddPoint(lat, lon)
        return abs(poly.Compute(False, True)[2])

    return (
        sum(
            ring_m2(p.exterior) - sum(ring_m2(r) for r in p.interiors)
            for p in shapely.get_parts(geom)
        )
        / 1e6
    )


def test_claim_layers_are_named_by_their_places_and_figures(article, verdicts):
    names = [layer.name for layer in article.layers]
    assert names[:2] == ["Land", "Places"]
    by_id = {v.claim.id: v for v in verdicts}
    for cid, places, stated in (
        ("taiwan-yonaguni-111km-west", "Taiwan – Yonaguni Island", 111),
        ("taiwan-senkaku-170km-southwest", "Taiwan – Senkaku Islands", 170),
    ):
        v = by_id[cid]
        km = geodsolve_km(v.reference_point, v.subject_point)
        assert f"✓ {places}: {km:.1f} km (stated {stated} km)" in names
    assert not any("taiwan-yonaguni" in n for n in names)


def test_the_drawn_line_is_the_verdicts_measured_geodesic(verdicts):
    from islandchain.mapping.stories import claim_drawing

    for v in verdicts:
        d = claim_drawing(v)
        if v.measurement is None:
            assert d.line is None
            continue
        ends = d.line.coords[0], d.line.coords[-1]
        assert ends[0] == pytest.approx(v.reference_point)
        assert ends[1] == pytest.approx(v.subject_point)
        assert f"{v.measured_km:.1f} km" in d.short_label


def test_legend_lists_what_is_drawn_and_only_those_states(article):
    labels = [e.label for e in article.legend()]
    assert {"Japan", "Taiwan"} <= set(labels)
    assert not {"Indonesia", "Malaysia", "Philippines"} & set(labels)
    assert "ring: every point at the stated distance" in labels
    assert "end points of the measured line" in labels


def test_every_layer_with_osm_shapes_carries_the_credit(article):
    for layer in article.layers:
        assert layer.attribution == OSM_CREDIT, layer.name


def test_the_map_opens_on_the_lines(article):
    west, south, east, north = article.focus
    assert 121.5 < west < 121.9 and 123.5 < east < 123.8
    assert 24.2 < south < 24.5 and 25.7 < north < 26.0


def test_exercise_story_shows_its_finding_on_open():
    story = zones_story(areas=published_areas("exercise", group="pla-2022-08"))
    shown = {layer.name: layer.show for layer in story.layers}
    assert shown["Japan · EEZ (200 nmi)"] is True
    assert shown["China · EEZ (200 nmi)"] is False
    (areas,) = [layer for layer in story.layers if layer.name.startswith("Announced areas")]
    assert sorted(lb.text for lb in areas.labels) == ["1", "2", "3", "4", "5", "6"]
    assert {s.style.color for s in areas.shapes} == {"#c2185b"}  # not China's orange
    (found,) = [layer for layer in story.layers if layer.name.startswith("Where they enter")]
    tips = [s.tooltip for s in found.shapes]
    assert sum("Taiwan's territorial sea" in t for t in tips) == 3
    # The figures on the map are the analysis's: check_intrusion of area 4.
    area = published_areas("exercise", group="pla-2022-08").loc["pla-2022-08-4"]
    check = check_intrusion(area.geometry, maritime_zones())
    (eez,) = [i for i in check.intrusions if (i.state, i.zone) == ("JPN", "EEZ")]
    share = eez.area_km2 / check.area_km2
    assert f"Area 4 inside Japan's EEZ: {eez.area_km2:,.0f} km² ({share:.0%})" in tips
    assert f"4 ({share:.0%})" in story.subtitle and "in Japan's EEZ: areas 3 (" in story.subtitle
    # ... and check_intrusion's areas are independent of it: the geodesic area of the
    # intersection, by GeographicLib's polygon area.
    assert geodsolve_area_km2(eez.geometry) == pytest.approx(eez.area_km2, rel=1e-9)


def test_the_zones_story_draws_the_checks_it_is_given():
    # A check handed in is drawn as it is, not made again.
    from dataclasses import replace

    cordon = blockade_cordon("Taiwan", 50)
    check = check_intrusion(cordon, maritime_zones(), closest=False)
    (sea,) = check.entries("territorial sea")
    moved = replace(check, intrusions=(replace(sea, state="PHL"),))
    story = zones_story(tracks=[("c", cordon)], checks={"c": moved})
    (found,) = [layer for layer in story.layers if layer.name.startswith("Where they enter")]
    assert [s.tooltip for s in found.shapes] == ["c: enters the Philippines' territorial sea"]


def test_cordons_are_styled_apart_and_the_intrusion_is_marked():
    tracks = [(f"cordon {n} nmi round Taiwan", blockade_cordon("Taiwan", n)) for n in (12, 24, 50)]
    story = zones_story(tracks=tracks)
    cordons = [layer for layer in story.layers if layer.name.startswith("cordon")]
    assert [lb.text for layer in cordons for lb in layer.labels] == ["12 nmi", "24 nmi", "50 nmi"]
    styles = {(s.shapes[0].style.dash_array, s.shapes[0].style.weight) for s in cordons}
    assert len(styles) == 3
    (found,) = [layer for layer in story.layers if layer.name.startswith("Where they enter")]
    assert [s.tooltip for s in found.shapes] == [
        "cordon 50 nmi round Taiwan: enters Japan's territorial sea"
    ]
    assert story.title == (
        "A blockade cordon round Taiwan at 12 nmi, 24 nmi, 50 nmi: whose waters it crosses"
    )


def test_cached_land_levels_are_the_thinned_land(tmp_path, monkeypatch):
    # The basemap's levels come from the cache; built and read back, they are what
    # display_levels gives for the same land, boxes and kept features.
    import shapely

    from islandchain.cache import CACHE_ENV
    from islandchain.data import features, land
    from islandchain.mapping import stories
    from islandchain.mapping.simplify import display_levels, keep_geometries

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    boxes, region = [(122.9, 24.4, 123.1, 24.5)], (122.0, 23.0, 124.0, 25.0)
    direct = display_levels(
        land("osm"), detail_box=boxes, region_box=region, keep=keep_geometries(features())
    )
    built = stories._land_levels(boxes, region)
    assert len(list(tmp_path.glob("land_levels-*.parquet"))) == 1
    read = stories._land_levels(boxes, region)
    for levels in (built, read):
        assert [(lv.min_zoom, lv.max_zoom) for lv in levels] == [(None, 8), (9, None)]
        for got, want in zip(levels, direct, strict=True):
            assert len(got.polygons) == len(want.polygons) > 0
            assert shapely.equals_exact(got.polygons, want.polygons, 0).all()
            # The precision grids of set_precision, which clipping for figures honours.
            grids = shapely.get_precision(got.polygons), shapely.get_precision(want.polygons)
            assert (grids[0] == grids[1]).all() and (grids[1] > 0).any()


def test_emptied_land_levels_are_rebuilt_not_served(tmp_path, monkeypatch):
    # An emptied land levels file (schema and metadata kept) drew a map with no land.
    import pyarrow.parquet as pq

    from islandchain.cache import CACHE_ENV
    from islandchain.mapping import stories

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    boxes, region = [(122.9, 24.4, 123.1, 24.5)], (122.0, 23.0, 124.0, 25.0)
    built = stories._land_levels(boxes, region)
    (path,) = tmp_path.glob("land_levels-*.parquet")
    pq.write_table(pq.read_table(path).slice(0, 0), path)
    read = stories._land_levels(boxes, region)
    assert [len(lv.polygons) for lv in read] == [len(lv.polygons) for lv in built]
    assert all(len(lv.polygons) > 0 for lv in read)
    assert pq.read_metadata(path).num_rows > 0
