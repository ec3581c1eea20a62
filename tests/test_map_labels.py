"""Map labels stay with their features on a laptop and a phone, measured in Chromium;
the chain map names the places its story needs, in plain words."""

from __future__ import annotations

import subprocess
import sys

import pytest
from browser import SCREENS, label_distances, visible_labels

MAPS = {
    "article": ("map", "-o"),
    "exercise-areas": ("zones", "check", "pla-2022-08", "--map"),
    "chain": ("chain", "--map"),
}


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labelled")
    out = {}
    for name, args in MAPS.items():
        out[name] = folder / f"{name}.html"
        exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
        res = subprocess.run([*exe, *args, str(out[name])], capture_output=True, timeout=900)
        assert res.returncode == 0, res.stderr
    return out


DOTS_UNDER_PLACE_LABELS = """() => {
  const out = [];
  islandchain.labels.filter(r => r.on && r.kind === 'place' && r.tip.getElement() &&
      !r.tip.getElement().classList.contains('ic-label-hidden')).forEach(r => {
    const b = r.tip.getElement().getBoundingClientRect(), m = r.map;
    const c = m.getContainer().getBoundingClientRect();
    const own = m.latLngToContainerPoint(r.tip.getLatLng());
    m.eachLayer(l => {
      if (!(l instanceof L.CircleMarker)) return;
      const p = m.latLngToContainerPoint(l.getLatLng());
      if (Math.abs(p.x - own.x) <= 1 && Math.abs(p.y - own.y) <= 1) return;
      const x = p.x + c.left, y = p.y + c.top;
      const under = x > b.left && x < b.right && y > b.top && y < b.bottom;
      if (under) out.push(r.tip.getElement().textContent);
    });
  });
  return out;
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("name", MAPS)
def test_labels_stay_with_their_features(chromium, maps, name, screen):
    with chromium.open(maps[name], size=SCREENS[screen]) as (page, run):
        page.wait_for_timeout(300)
        distances = label_distances(page)
        assert len(distances) >= 5, distances
        far = [(text, round(d)) for text, d in distances if d > 40]
        assert not far, far
        # No place's name sits over another place's dot.
        assert page.evaluate(DOTS_UNDER_PLACE_LABELS) == []
    assert not run.page_errors, run.page_errors


@pytest.mark.parametrize("screen", SCREENS)
def test_chain_map_names_the_chain_not_the_coast(chromium, maps, screen):
    with chromium.open(maps["chain"], size=SCREENS[screen]) as (page, _):
        labels = set(visible_labels(page))
        title = page.locator(".ic-title, .leaflet-control").first.inner_text()
        dots = page.evaluate(
            "() => { let n = 0;"
            " const m = window[Object.keys(window).find(k => k.startsWith('map_'))];"
            " m.eachLayer(l => { if (l instanceof L.CircleMarker) n++; }); return n; }"
        )
    assert {"Kyushu", "Taiwan", "Luzon"} <= labels, labels
    assert not {"Dadan Island", "Dongshan Island", "Liuheng Island"} & labels
    assert "CHN/TWN" not in title and "ships of China and Taiwan" in title
    assert dots < 60, dots  # the chain's islands and the gaps' ends, not a hundred cities
