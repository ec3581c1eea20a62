"""Tests of islandchain.mapping: layers, shapes, styles, simplification (no browser needed)."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from types import SimpleNamespace

import folium
import geopandas as gpd
import pytest
import shapely
from markupsafe import Markup
from shapely.geometry import LineString, Point

import islandchain.mapping as L
from islandchain.errors import DataError, MapError
from islandchain.mapping.controls import map_controls
from islandchain.mapping.styles import SHARED_ADMIN_COLOUR

SRC = Path(__file__).resolve().parents[1] / "src" / "islandchain"
HOSTILE = (
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>${window.__pwned=1}'
)


def _features_of(layer: L.IslandchainLayer) -> list[dict]:
    """The GeoJSON features as the page will receive them."""
    data = json.loads(layer.data_js)
    return [f for group in data["groups"] for f in group["features"]]


FOLIUM_FREE = ("escape", "styles", "simplify", "story", "shapes", "stories", "figure")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }


def test_drawing_free_modules_do_not_import_folium():
    """Simplification, styles and stories are testable without folium; figures too."""
    for name in FOLIUM_FREE[1:]:
        assert not _imports(SRC / "mapping" / f"{name}.py") & {"folium", "branca"}, name


def test_analysis_modules_do_not_import_folium():
    drawing = {"maps.py", "export.py"}
    for path in SRC.rglob("*.py"):
        if path.name in drawing or "cli" in path.parts or "mapping" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"folium", "branca"}, f"{path.name} imports folium/branca"


def test_simplify_for_display_drops_slivers_but_keeps_named_islets(sample_land, sample_features):
    dropped = L.simplify_for_display(sample_land)
    kept = L.simplify_for_display(sample_land, keep=L.keep_geometries(sample_features))
    taisho = sample_features.loc["taisho"]
    at_taisho = Point(taisho.lon, taisho.lat)
    assert not any(p.intersects(at_taisho) for p in dropped)
    survivors = [p for p in kept if p.intersects(at_taisho)]
    assert len(survivors) == 1 and survivors[0].area > 0.5 * taisho.geometry.area
    # 300 random rocks of ~0.002 km2 are all invisible at the default zoom.
    assert len(dropped) == 1 + 3  # mainland, Taiwan, Yonaguni, Uotsuri
    assert all(p.is_valid for p in kept)


def test_simplify_for_display_reduces_vertices_and_reprojects(sample_features):
    taiwan = sample_features.loc[["taiwan"]].geometry
    dense = taiwan.segmentize(0.0001)
    thin = L.simplify_for_display(dense.to_crs(3857))
    assert shapely.get_num_coordinates(thin).sum() < 0.05 * dense.count_coordinates().sum()
    assert shapely.total_bounds(thin) == pytest.approx(dense.total_bounds, abs=0.01)


def test_basemap_switches_to_the_full_resolution_coast_when_zoomed_in(sample_land):
    layer = L.basemap_layer(sample_land, detail_box=(122.5, 24.0, 123.5, 25.0))
    coarse, fine = layer.data["levels"]
    assert (coarse["max"], fine["min"]) == (8, 9)
    assert coarse["features"][0]["geometry"]["type"] == "MultiPolygon"
    assert layer.interactive_js == "false" and layer.features == []
    assert json.loads(layer.attribution_js) == "© OpenStreetMap contributors (ODbL)"
    # Close in, Yonaguni is drawn from every vertex of its coast, inside the box only.
    drawn = shapely.geometry.shape(fine["features"][0]["geometry"])
    (yonaguni,) = [p for p in drawn.geoms if p.contains(Point(122.99, 24.46))]
    assert shapely.get_num_coordinates(yonaguni) == shapely.get_num_coordinates(
        sample_land.geometry.iloc[2]
    )
    assert shapely.box(122.5, 24.0, 123.5, 25.0).contains(drawn.envelope)


def test_display_levels_work_without_folium(sample_land):
    coarse, fine = L.display_levels(sample_land, detail_box=(116, 20, 126, 28))
    assert coarse.covers(8.75) and not coarse.covers(9) and fine.covers(9) and fine.covers(18)
    assert len(fine.polygons) > len(coarse.polygons)  # the rocks come back close in


def test_features_layer_colours_by_state_and_marks_disputes(sample_features):
    layer = L.features_layer(sample_features)
    feats = _features_of(layer)
    by_id: dict[str, list[dict]] = {}
    for f in feats:
        by_id.setdefault(f["properties"]["id"], []).append(f)
    # Polygons + anchor for islands; the group and the port get an anchor only.
    assert [f["geometry"]["type"] for f in by_id["yonaguni"]] == ["Polygon", "Point"]
    assert [f["geometry"]["type"] for f in by_id["senkaku"]] == ["Point"]
    assert [f["geometry"]["type"] for f in by_id["keelung"]] == ["Point"]
    yonaguni, uotsuri = by_id["yonaguni"][0]["properties"], by_id["uotsuri"][0]["properties"]
    assert yonaguni["style"]["color"] == L.STATE_COLOURS["JPN"]
    assert "dashArray" not in yonaguni["style"] and not yonaguni["disputed"]
    assert uotsuri["disputed"] and uotsuri["style"]["dashArray"]
    assert uotsuri["style"]["fillColor"] == L.hatch_fill(L.STATE_COLOURS["JPN"])
    assert uotsuri["tooltip"] == "Uotsuri-jima"
    for text in ("Uotsuri-jima", "魚釣島", "釣魚島", "Japan (JPN)", "claimed by CHN, TWN"):
        assert text in uotsuri["popup"]
    taiwan = by_id["taiwan"][0]["properties"]
    assert taiwan["style"]["color"] == L.STATE_COLOURS["TWN"]
    assert taiwan["disputed"]
    # The hatch patterns the disputed fills refer to come with the layer.
    assert any(type(c).__name__ == "_HatchPatterns" for c in layer._children.values())


def test_features_layer_reads_tuples_as_the_data_module_gives_them(sample_features):
    frame = sample_features.copy()
    frame["admin"] = [("TWN",), ("JPN",), ("JPN",), ("JPN",), ("JPN",), ("IDN", "MYS")]
    frame["claimants"] = [("CHN",), (), ("CHN", "TWN"), ("CHN", "TWN"), ("CHN", "TWN"), ()]
    feats = _features_of(L.features_layer(frame))
    keelung = [f for f in feats if f["properties"]["id"] == "keelung"][0]["properties"]
    assert keelung["style"]["color"] == SHARED_ADMIN_COLOUR
    assert "IDN" in keelung["popup"] and not keelung["disputed"]
    entries = L.state_legend_entries(frame["admin"])
    assert [e.label for e in entries] == ["Japan", "Taiwan", "administered by several states"]


@pytest.mark.parametrize(
    ("lang", "taiwan", "uotsuri"),
    [("en", "Taiwan", "Uotsuri-jima"), ("ja", "台湾", "魚釣島"), ("zh", "臺灣", "釣魚島")],
)
def test_place_labels_in_the_chosen_language(sample_features, lang, taiwan, uotsuri):
    layer = L.features_layer(sample_features, lang=lang)
    texts = [label["text"] for label in layer.data["labels"]]
    assert taiwan in texts and uotsuri in texts
    assert all(t for t in texts)  # ports are named in popups, not labelled


def test_legend_lists_only_the_states_drawn(sample_features):
    from islandchain.mapping.shapes import places_story_layer

    layer = places_story_layer(sample_features.loc[["yonaguni", "keelung"]])
    assert [e.label for e in layer.legend] == [
        "Japan",
        "Taiwan",
        "disputed (claimed by another state)",
    ]
    layer = places_story_layer(sample_features.loc[["yonaguni"]])
    assert [e.label for e in layer.legend] == ["Japan"]


def test_features_layer_requires_its_columns(sample_features):
    with pytest.raises(DataError, match="name_zh"):
        L.features_layer(sample_features.drop(columns="name_zh"))


def test_tiny_islet_outline_keeps_its_shape(sample_features):
    feats = _features_of(L.features_layer(sample_features.loc[["taisho"]]))
    outline = shapely.geometry.shape(feats[0]["geometry"])
    assert outline.area == pytest.approx(sample_features.loc["taisho"].geometry.area, rel=0.1)


def test_hostile_text_is_escaped_everywhere(sample_features):
    frame = sample_features.loc[["yonaguni"]].copy()
    frame["name"] = HOSTILE
    frame["name_ja"] = HOSTILE
    line = L.line_layer(LineString([(123, 24.4), (122, 24.5)]), HOSTILE, popup_html=HOSTILE)
    ring = L.ring_layer(Point(123, 24.4).buffer(0.2), HOSTILE, popup=HOSTILE)
    legend = L.legend([L.LegendEntry(HOSTILE, "#123456")], title=HOSTILE)
    for layer in (L.features_layer(frame, name=HOSTILE), line, ring):
        assert "<" not in layer.data_js and "<" not in layer.layer_name
        for feature in _features_of(layer):
            for key in ("tooltip", "popup"):
                html_text = feature["properties"].get(key, "")
                assert "<img" not in html_text and "<script" not in html_text
        assert "&lt;img src=x" in layer.data_js.replace("\\u0026", "&")
    assert "<" not in legend.html_js
    assert "&lt;script&gt;" in json.loads(legend.html_js)


def test_markup_popups_pass_through_plain_text_does_not():
    table = L.popup_table("Yonaguni <1>", [("Area", "28.9 km²"), ("Note", "")])
    layer = L.line_layer(LineString([(123, 24.4), (122, 24.5)]), "a", popup_html=table)
    popup = _features_of(layer)[0]["properties"]["popup"]
    assert popup == str(table)
    assert "<th>Area</th>" in popup and "Note" not in popup and "&lt;1&gt;" in popup
    plain = L.line_layer(LineString([(123, 24.4), (122, 24.5)]), "a", popup_html="x\n<y>")
    assert _features_of(plain)[0]["properties"]["popup"] == "x<br>&lt;y&gt;"
    assert isinstance(L.text_to_html("a"), Markup)


@pytest.mark.parametrize(
    ("status", "colour"),
    [("holds", "#1a9641"), ("does not hold", "#d7191c"), ("Cannot_be_checked", "#808080")],
)
def test_verdict_styles(status, colour):
    assert L.verdict_style(status).color == colour


def test_unknown_verdict_status_is_an_error():
    with pytest.raises(MapError, match="holds"):
        L.verdict_style("maybe")


def test_claim_layer_draws_line_ring_and_label(geodesic_ring):
    line = LineString([(122.99, 24.46), (122.5, 24.52), (121.9, 24.6)])
    verdict = SimpleNamespace(
        status="does not hold",
        label="measured 108.9 km vs stated 150 km — does not hold",
        line=line,
        ring=geodesic_ring(122.99, 24.46, 150_000),
        popup="Stated: 150 km\nMeasured: 108.9 km <geodesic>",
    )
    layer = L.claim_layer(verdict)
    feats = _features_of(layer)
    assert layer.layer_name == "✗ measured 108.9 km vs stated 150 km — does not hold"
    assert [f["geometry"]["type"] for f in feats] == ["Polygon", "LineString", "Point", "Point"]
    assert {f["properties"]["style"]["color"] for f in feats} == {"#d7191c", "#ffffff"}
    assert (
        feats[1]["properties"]["popup"] == "Stated: 150 km<br>Measured: 108.9 km &lt;geodesic&gt;"
    )
    # The ring never catches a click; the line and its ends sit in panes above it.
    groups = layer.data["groups"]
    assert [(g["pane"], g["interactive"]) for g in groups] == [
        ("icAreas", False),
        ("icLines", True),
        ("icPoints", True),
    ]
    assert "popup" not in feats[0]["properties"]
    no_ring = L.claim_layer(
        SimpleNamespace(status="holds", label="x", line=line, ring=None, popup="")
    )
    assert len(_features_of(no_ring)) == 3


def test_ring_layer_keeps_a_geodesic_ring_geodesic(geodesic_ring):
    ring = geodesic_ring(122.99, 24.46, 111_000)
    layer = L.ring_layer(ring, "111 km from Yonaguni", color="#0072b2")
    drawn = shapely.geometry.shape(_features_of(layer)[0]["geometry"])
    # Rounding to 1e-5 deg moves no vertex by more than ~1 m.
    assert shapely.hausdorff_distance(drawn, ring) < 1e-5
    with pytest.raises(MapError, match="empty"):
        L.ring_layer(shapely.Polygon(), "empty ring")


def test_line_layer_rejects_empty_labels_and_bad_colours():
    line = LineString([(123, 24.4), (122, 24.5)])
    with pytest.raises(MapError, match="label"):
        L.line_layer(line, "  ")
    with pytest.raises(MapError, match="hex colour"):
        L.line_layer(line, "a", color="red;background:url(http://x)")


def test_legend_entries_and_controls():
    rows = L.verdict_legend_entries()
    assert [r.label for r in rows] == [
        "✓ holds",
        "≈ holds on another reading",
        "✗ does not hold",
        "? cannot be checked",
    ]
    with pytest.raises(MapError):
        L.LegendEntry("x", "#12345g")
    with pytest.raises(MapError, match="position"):
        L.legend(rows, position="middle")
    assert [type(c).__name__ for c in map_controls()] == [
        "LayerList",
        "ScaleBar",
        "MouseCoordinates",
    ]


def test_make_map_is_offline_by_default(sample_features):
    layer = L.features_layer(sample_features)
    m = L.make_map([layer])
    children = list(m._children.values())
    assert not any(isinstance(c, folium.TileLayer) for c in children)
    # The layer control must come after the layers it lists.
    index = {type(c).__name__: i for i, c in enumerate(children)}
    assert index["IslandchainLayer"] < index["LayerList"] < index["FitStory"]
    bounds = m.get_bounds()
    assert bounds[0][0] == pytest.approx(21.9) and bounds[1][1] == pytest.approx(124.558 + 0.0011)


def test_make_map_with_web_tiles_has_attribution():
    m = L.make_map([], tiles="openstreetmap mapnik")
    (tiles,) = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert "OpenStreetMap" in tiles.options["attribution"]


def test_unknown_tiles_list_close_matches():
    with pytest.raises(MapError, match="CartoDB.Positron"):
        L.make_map([], tiles="CartoDB Positrn")


def test_keep_geometries_leaves_out_groups(sample_features):
    keep = L.keep_geometries(sample_features)
    assert isinstance(keep, gpd.GeoSeries)
    assert len(keep) == (len(sample_features) - 1) + len(sample_features)
