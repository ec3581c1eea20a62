"""Exported maps: self-contained, deterministic, offline, checked in headless Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from browser import ARTIFACTS, layer_labels, stable_path_count

from islandchain.export import find_remote_resources

HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
MAX_BYTES = 3_000_000


def islandchain(*args: str) -> subprocess.CompletedProcess:
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    return subprocess.run([*exe, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def article_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("maps") / "article.html"
    res = islandchain("map", "-o", str(out))
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="session")
def hostile_map(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    claims = folder / "hostile.toml"
    claims.write_text(
        "[source]\ntitle = " + json.dumps(HOSTILE) + "\n[[claim]]\n"
        f'id = "hostile"\nquote = {json.dumps(HOSTILE)}\nsource = {json.dumps(HOSTILE)}\n'
        'subject = "Taiwan"\nreference = "Yonaguni"\ndistance = 111\ndirection = "west"\n',
        encoding="utf-8",
    )
    out = folder / "hostile.html"
    res = islandchain("map", str(claims), "-o", str(out), "--no-cross-check")
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


def test_article_map_in_an_offline_browser(chromium, article_map):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium.open(article_map) as (page, run):
        paths = stable_path_count(page, "path")
        labels = layer_labels(page)
        page.screenshot(path=str(ARTIFACTS / "article-map.png"))
        scale = page.locator(".leaflet-control-scale").count()
    assert run.blocked == [] and all(u.startswith(("file:", "data:")) for u in run.requests)
    assert run.console_errors == [] and run.page_errors == []
    assert "Land (offline basemap)" in labels and "Named features" in labels
    assert any("taiwan-yonaguni-111km-west" in t and "holds" in t for t in labels)
    assert any("taiwan-senkaku-170km-southwest" in t for t in labels)
    # Land, features, and for each claim its line and its ring.
    assert paths > 50 and scale == 1
    assert run.ready_ms is not None and run.ready_ms > 0
    (ARTIFACTS / "article-map.json").write_text(
        json.dumps(
            {
                "bytes": article_map.stat().st_size,
                "ready_ms": run.ready_ms,
                "paths": paths,
                "layers": labels,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


def test_hostile_quote_shows_as_text_and_runs_nothing(chromium, hostile_map):
    page_text = hostile_map.read_text(encoding="utf-8")
    assert HOSTILE not in page_text
    with chromium.open(hostile_map) as (page, run):
        shown = page.evaluate("""() => {
            const maps = Object.keys(window).filter(k => k.startsWith('map_'))
                                            .map(k => window[k]);
            const texts = [];
            for (const m of maps) {
                m.eachLayer(l => {
                    if (l.getPopup && l.getPopup()) {
                        l.openPopup();
                        const box = l.getPopup().getElement();
                        const el = box && box.querySelector('.leaflet-popup-content');
                        if (el) texts.push(el.textContent);
                    }
                });
            }
            return texts;
        }""")
        page.wait_for_timeout(200)
        pwned = page.evaluate("window.__pwned")
        title = page.title()
    assert pwned is None
    assert any(HOSTILE in t for t in shown), shown
    assert HOSTILE in title
    assert run.blocked == [] and run.page_errors == []


@pytest.fixture(scope="session")
def exercise_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zones") / "pla-2022-08.html"
    res = islandchain("zones", "check", "pla-2022-08", "--map", str(out))
    assert res.returncode == 0, res.stderr
    return out


def test_exercise_area_map_in_an_offline_browser(chromium, exercise_map):
    page_text = exercise_map.read_text(encoding="utf-8")
    assert find_remote_resources(page_text) == []
    with chromium.open(exercise_map) as (page, run):
        paths = stable_path_count(page, "path")
        labels = layer_labels(page)
        page.screenshot(path=str(ARTIFACTS / "exercise-map.png"))
    assert run.blocked == [] and run.console_errors == [] and run.page_errors == []
    for name in ("pla-2022-08-4", "JPN ADIZ", "CHN ADIZ", "Taiwan Strait median line"):
        assert any(name in t for t in labels), name
    assert any("JPN EEZ" in t for t in labels) and paths > 20
