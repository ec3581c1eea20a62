"""Maps and figures of the claims beyond "N km": a sector, both lines, the extreme against
the one named, the halfway lines; as stories, PNG/SVG figures and in headless Chromium."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser import ARTIFACTS, SCREENS, click_popup, container_point, visible_labels

from islandchain.claimfile import make_claim
from islandchain.claims import check_claim
from islandchain.export import figure_bytes
from islandchain.mapping.figure import story_figure
from islandchain.mapping.kinds import kind_story_layer
from islandchain.mapping.shapes import midpoint
from islandchain.mapping.stories import claims_story

SVG = "{http://www.w3.org/2000/svg}"

KINDS = {
    "direction": {"kind": "direction", "subject": "Pengjia", "reference": "Keelung",
                  "direction": "north-east", "quote": "Pengjia lies north-east of Keelung"},
    "comparison": {"kind": "comparison", "subject": "Yonaguni", "reference": "Taiwan",
                   "than": "Ishigaki", "quote": "Yonaguni is closer to Taiwan than to Ishigaki"},
    "extreme": {"kind": "extreme", "subject": "Hateruma", "extreme": "southernmost",
                "state": "Japan", "quote": "Hateruma is Japan's southernmost island"},
    "between": {"kind": "between", "subject": "Yonaguni", "between": ["Taiwan", "Ishigaki"],
                "qualifier": "about", "quote": "Yonaguni lies about halfway to Ishigaki"},
}  # fmt: skip
# What each drawing must hold: geometry types of its shapes, and a label.
DRAWN = {
    "direction": ({"Polygon", "LineString", "Point"}, "bearing 32° (NNE) in 45°±22.5°"),
    "comparison": ({"LineString", "Point"}, "104.0 km to Ishigaki Island"),
    "extreme": ({"Point", "LineString"}, "southernmost: Okinotorishima (by 401.2 km)"),
    "between": ({"LineString", "Point"}, "104.0 km"),
}


@pytest.fixture(scope="module")
def verdicts():
    return {k: check_claim(make_claim(f), cross_check=False) for k, f in KINDS.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_drawn_from_what_it_measured(verdicts, kind):
    layer = kind_story_layer(verdicts[kind])
    types, label = DRAWN[kind]
    assert types <= {s.geometry.geom_type for s in layer.shapes}
    assert label in [lb.text for lb in layer.labels]
    assert layer.legend and all(not s.geometry.is_empty for s in layer.shapes)


def test_the_comparison_draws_both_lines_and_the_extreme_both_places(verdicts):
    cmp = kind_story_layer(verdicts["comparison"])
    lines = [s for s in cmp.shapes if s.geometry.geom_type == "LineString"]
    assert len(lines) == 2 and lines[0].style.color != lines[1].style.color
    ext = kind_story_layer(verdicts["extreme"])
    tips = [s.tooltip for s in ext.shapes if s.geometry.geom_type == "Point"]
    assert "southernmost: Okinotorishima" in tips and "named: Hateruma Island" in tips


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_each_kind_as_a_figure(verdicts, kind, fmt, tmp_path):
    data = figure_bytes(story_figure(claims_story([verdicts[kind]])), fmt)
    if fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"kind-{kind}.png").write_bytes(data)
    else:
        texts = ["".join(t.itertext()).strip() for t in ET.fromstring(data).iter(f"{SVG}text")]
        assert DRAWN[kind][1] in texts, texts


def _map(tmp_path: Path, kind: str) -> Path:
    import tomli_w

    claims = tmp_path / f"{kind}.toml"
    claims.write_text(tomli_w.dumps({"claim": [{"id": kind, **KINDS[kind]}]}))
    out = tmp_path / f"{kind}.html"
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    res = subprocess.run([*exe, "map", str(claims), "-o", str(out)], capture_output=True,
                         text=True, timeout=900)  # fmt: skip
    assert res.returncode == 0, res.stderr
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_on_a_map_in_chromium(chromium, verdicts, kind, tmp_path):
    path = _map(tmp_path, kind)
    line = next(
        s.geometry for s in kind_story_layer(verdicts[kind]).shapes
        if s.geometry.geom_type == "LineString"
    )  # fmt: skip
    point = midpoint(line)
    with chromium.open(path, size=SCREENS["laptop"]) as (page, run):
        labels = visible_labels(page)
        x, y = container_point(page, point[1], point[0])
        popup = click_popup(page, x, y)
        page.screenshot(path=str(ARTIFACTS / f"kind-{kind}-map.png"))
    assert run.blocked == [] and run.console_errors == [] and run.page_errors == []
    assert DRAWN[kind][1] in labels, labels
    assert popup.startswith(KINDS[kind]["quote"]) and "Measured" in popup, popup[:200]
