"""Exported maps: self-contained, deterministic, offline, checked in headless Chromium
on a laptop and a phone screen; hostile text stays text on every path that writes HTML."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from browser import (
    ARTIFACTS,
    SCREENS,
    click_popup,
    container_point,
    control_overlaps,
    layer_labels,
    stable_path_count,
    visible_labels,
)

from islandchain.errors import OutputError
from islandchain.export import find_remote_resources, write_atomic

# Template openers, a script break-out, markup and control characters.
HOSTILE = (
    "{{ 7*7 }} {% raw %} </script><script>window.__pwned=1</script>"
    '<img src=x onerror="window.__pwned=1"> ${window.__pwned=1} \x07\x1b[31m'
)
HOSTILE_SHOWN = HOSTILE.replace("\x07", "").replace("\x1b", "")
MAX_BYTES = 2_500_000
ARTICLE_QUOTES = {
    "taiwan-yonaguni-111km-west": "Taiwan lies 111km west of Japan-administered Yonaguni Island",
    "taiwan-senkaku-170km-southwest": "and 170km southwest of the Senkaku islands",
}


def islandchain(*args: str) -> subprocess.CompletedProcess:
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    return subprocess.run([*exe, *args], capture_output=True, text=True, timeout=900)


def _article_line_labels() -> list[str]:
    """The labels the article's lines must carry: GeographicLib's inverse between each
    verdict's measured points, with the stated figure."""
    from geographiclib.geodesic import Geodesic

    from islandchain.claims import check_claims, load_claims
    from islandchain.examples import claims_file

    _, claims = load_claims(claims_file("article"))
    out = []
    for v in check_claims(claims, cross_check=False):
        if v.measurement is None:
            continue
        (x0, y0), (x1, y1) = v.reference_point, v.subject_point
        km = Geodesic.WGS84.Inverse(y0, x0, y1, x1)["s12"] / 1000
        out.append(f"{km:.1f} km · stated {v.claim.distance:g} km ✓")
    assert len(out) == 2
    return out


@pytest.fixture(scope="session")
def article_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("maps") / "article.html"
    res = islandchain("map", "-o", str(out))
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="session")
def exercise_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zones") / "pla-2022-08.html"
    res = islandchain("zones", "check", "pla-2022-08", "--map", str(out))
    assert res.returncode == 0, res.stderr
    return out


def test_article_map_is_self_contained_and_small(article_map):
    page = article_map.read_text(encoding="utf-8")
    assert article_map.stat().st_size < MAX_BYTES
    assert find_remote_resources(page) == []
    assert "<script src=" not in page and '<link rel="stylesheet" href=' not in page


def test_same_input_gives_identical_bytes(article_map, tmp_path):
    again = tmp_path / "again.html"
    assert islandchain("map", "-o", str(again)).returncode == 0
    assert again.read_bytes() == article_map.read_bytes()


def _claim_lines(page) -> dict[str, list[list[float]]]:
    """Each claim's measured line as [lat, lon] vertices, read from the drawn layers."""
    return page.evaluate(
        """() => {
        const m = window[Object.keys(window).find(k => k.startsWith('map_'))];
        const out = {};
        m.eachLayer(l => {
            const p = l.feature && l.feature.properties;
            if (p && p.claim && l.getLatLngs && !p.end)
                out[p.claim] = l.getLatLngs().map(ll => [ll.lat, ll.lng]);
        });
        return out;
    }"""
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_article_map_on_a_laptop_and_a_phone(chromium, article_map, screen):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"article-map-{screen}.png"
    with chromium.open(article_map, size=SCREENS[screen]) as (page, run):
        labels = visible_labels(page)
        overlaps = control_overlaps(page)
        title = page.locator(".ic-title").inner_text()
        lines = _claim_lines(page)
        hits: dict[str, list[str]] = {}
        for cid, latlngs in lines.items():
            mid = latlngs[len(latlngs) // 2]
            for where, (lat, lon) in (
                ("middle", mid),
                ("reference end", latlngs[0]),
                ("subject end", latlngs[-1]),
            ):
                x, y = container_point(page, lat, lon)
                hits.setdefault(cid, []).append((where, x, y, click_popup(page, x, y)))
        focus = page.evaluate("""() => {
            const m = window[Object.keys(window).find(k => k.startsWith('map_'))];
            return [m.getZoom(), m.getSize().x, m.getSize().y];
        }""")
        page.evaluate("() => document.querySelector('.leaflet-popup-close-button')?.click()")
        page.screenshot(path=str(shot))
        # The OSM credit stays while any OSM-derived shape is shown, e.g. with the land off.
        page.evaluate("""() => Array.from(
            document.querySelectorAll('.leaflet-control-layers-overlays label'))
            .filter(l => l.textContent.trim() === 'Land')
            .forEach(l => l.querySelector('input').click())""")
        credit_without_land = page.locator(".leaflet-control-attribution").inner_text()
    assert run.blocked == [] and run.console_errors == [] and run.page_errors == []
    assert "© OpenStreetMap contributors" in credit_without_land
    assert overlaps == [], overlaps
    assert title.startswith("How far is Taiwan from Yonaguni Island and the Senkaku Islands?")
    for label in _article_line_labels():
        assert label in labels, label
    assert "Yonaguni Island" in labels and "Taiwan" in labels
    assert set(lines) == set(ARTICLE_QUOTES)
    for cid, clicks in hits.items():
        for where, x, y, text in clicks:
            assert 0 <= x <= focus[1] and 0 <= y <= focus[2], (cid, where)
            # Each click opens the claim's own popup, headed by its statement.
            assert text.startswith(ARTICLE_QUOTES[cid]), (cid, where, text[:80])
            assert "✓ holds" in text and "Measured" in text
    # Fitted to the lines, not to the rings: close enough to read on a phone.
    assert focus[0] >= 7.5, focus
    (ARTIFACTS / f"article-map-{screen}.json").write_text(
        json.dumps(
            {
                "bytes": article_map.stat().st_size,
                "ready_ms": run.ready_ms,
                "zoom": focus[0],
                "labels": labels,
                "screenshot": str(shot),
            },
            ensure_ascii=False,
            indent=2,
        )
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_exercise_area_map_tells_its_finding_on_open(chromium, exercise_map, screen):
    page_text = exercise_map.read_text(encoding="utf-8")
    assert find_remote_resources(page_text) == []
    shot = ARTIFACTS / f"exercise-map-{screen}.png"
    with chromium.open(exercise_map, size=SCREENS[screen]) as (page, run):
        paths = stable_path_count(page, "path")
        labels = visible_labels(page)
        overlaps = control_overlaps(page)
        page.locator(".leaflet-control-layers").hover()
        listed = layer_labels(page)
        checked = page.evaluate("""() => Array.from(
            document.querySelectorAll('.leaflet-control-layers-overlays label'))
            .filter(l => l.querySelector('input').checked).map(l => l.textContent.trim())""")
        area4 = page.evaluate("""() => {
            const m = window[Object.keys(window).find(k => k.startsWith('map_'))];
            let c = null;
            m.eachLayer(l => {
                const tip = l.feature && l.feature.properties.tooltip || '';
                if (/area 4 of 6/.test(tip)) c = l.getBounds().getCenter();
            });
            return c && [c.lat, c.lng];
        }""")
        m = page.evaluate(
            "() => window[Object.keys(window).find(k => k.startsWith('map_'))].closePopup()"
        )
        del m
        popup = click_popup(page, *container_point(page, *area4))
        page.mouse.move(1, 1)
        page.screenshot(path=str(shot))
    assert run.blocked == [] and run.console_errors == [] and run.page_errors == []
    assert overlaps == [], overlaps
    for name in ("Japan ADIZ", "China ADIZ", "Taiwan Strait median line", "Japan · EEZ"):
        assert any(name in t for t in listed), name
    assert any("Japan · EEZ" in t for t in checked), checked
    assert "4" in labels and paths > 20
    if screen == "laptop":
        assert {"1", "2", "3", "4", "5", "6"} <= set(labels), labels
    assert "Area 4" in popup or "area 4" in popup, popup[:200]


def test_chain_map_from_the_command(chromium, tmp_path):
    out = tmp_path / "chain.html"
    res = islandchain("chain", "--map", str(out), "--format", "json")
    assert res.returncode == 0, res.stderr
    json.loads(res.stdout)  # the table on stdout stays machine-readable
    with chromium.open(out, size=SCREENS["laptop"]) as (page, run):
        labels = visible_labels(page)
        overlaps = control_overlaps(page)
        page.screenshot(path=str(ARTIFACTS / "chain-map-laptop.png"))
    assert run.page_errors == [] and overlaps == []
    assert any(re.search(r"\d+ km$", t) for t in labels), labels


# --------------------------------------------------------------------------- hostile text


def _dom_texts(page) -> str:
    """Every text the reader can reach: title, labels, layer list, legend, all popups."""
    return page.evaluate("""() => {
        const m = window[Object.keys(window).find(k => k.startsWith('map_'))];
        const texts = [document.body.innerText, document.title];
        m.eachLayer(l => {
            if (l.getPopup && l.getPopup()) {
                l.openPopup();
                const el = l.getPopup().getElement();
                if (el) texts.push(el.textContent);
            }
        });
        document.querySelectorAll('.leaflet-control-layers label, .ic-label')
            .forEach(e => texts.push(e.textContent));
        return texts.join('\\n');
    }""")


def _hostile_pages(tmp: Path) -> dict[str, Path]:
    import islandchain as ic
    from islandchain.export import inline, to_html
    from islandchain.mapping.maps import chain_map, zones_map
    from islandchain.zones import blockade_cordon

    claims = tmp / "hostile.toml"
    claims.write_text(
        "[source]\ntitle = " + json.dumps(HOSTILE) + "\n[[claim]]\n"
        f"id = {json.dumps(HOSTILE)}\nquote = {json.dumps(HOSTILE)}\n"
        f"source = {json.dumps(HOSTILE)}\n"
        'subject = "Taiwan"\nreference = "Yonaguni"\ndistance = 111\ndirection = "west"\n',
        encoding="utf-8",
    )
    pages = {"claims": tmp / "claims.html"}
    res = islandchain("map", str(claims), "-o", str(pages["claims"]), "--no-cross-check")
    assert res.returncode == 0, res.stderr
    cordon = blockade_cordon("Taiwan", 24)
    pages["zones"] = to_html(zones_map(tracks=[(HOSTILE, cordon)], title=HOSTILE), tmp / "z.html")
    pages["chain"] = to_html(chain_map(controller=(HOSTILE, "CHN")), tmp / "chain.html")
    _, parsed = ic.load_claims(claims)
    frame = inline(ic.claims_map(ic.check_claims(parsed, cross_check=False)), title=HOSTILE)
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame._repr_html_()).group(1)
    pages["notebook"] = write_atomic(tmp / "inline.html", html.unescape(srcdoc))
    return pages


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory) -> dict[str, Path]:
    return _hostile_pages(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("path", ["claims", "zones", "chain", "notebook"])
def test_hostile_text_shows_as_text_and_runs_nothing(chromium, hostile_pages, path):
    page_file = hostile_pages[path]
    source = page_file.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in source
    dialogs: list[str] = []
    with chromium.open(page_file, size=SCREENS["laptop"]) as (page, run):
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        shown = _dom_texts(page)
        page.wait_for_timeout(200)
        pwned = page.evaluate("window.__pwned")
    assert pwned is None and dialogs == [] and run.page_errors == []
    assert HOSTILE_SHOWN in shown, shown[:500]
    assert "\x07" not in shown and "\x1b" not in shown


def test_write_atomic_keeps_the_old_file_when_the_folder_is_missing(tmp_path):
    with pytest.raises(OutputError, match="give a file name"):
        write_atomic(tmp_path, "x")
