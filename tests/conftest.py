"""Shared fixtures."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository's root folder."""
    return REPO


@pytest.fixture(scope="session")
def article_text() -> str:
    """The article's sentence, rebuilt from the quotes in claims/article.toml.

    The repository stands alone: the article itself is not part of it, only the
    short quotes that its claims file keeps for fact-checking.
    """
    import tomllib

    doc = tomllib.loads((REPO / "claims" / "article.toml").read_text(encoding="utf-8"))
    quotes = [c["quote"] for c in doc["claim"] if c.get("kind") == "distance"]
    return "Officials say " + " ".join(quotes) + ". The rest of the article is not quoted here."


@pytest.fixture(scope="session")
def zones_built() -> None:
    """The default maritime zones and ADIZs, built into the cache (once, if missing).

    Tests that start a server or a command in another process take this, so that
    their timeouts measure the answer and not the first build of the region's zones.
    """
    from islandchain.zones import adiz_zones, maritime_zones

    maritime_zones()
    adiz_zones()


# --- the command line, in this process ------------------------------------------------


class _Stream(io.StringIO):
    """A captured stream that says it is not a terminal."""

    encoding = "utf-8"
    errors = "strict"

    def isatty(self) -> bool:
        return False


@pytest.fixture
def invoke(monkeypatch):
    """Run ``islandchain ARGS`` in this process; return (status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        out, err = _Stream(), _Stream()
        monkeypatch.setattr(sys, "argv", ["islandchain", *args])
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        from islandchain.cli import main

        with pytest.raises(SystemExit) as done:
            main()
        code = done.value.code
        return (code if isinstance(code, int) else 0), out.getvalue(), err.getvalue()

    return run


# --- map layers and export (tests/test_layers.py, tests/test_export.py) ---------------------


def _island(lon: float, lat: float, radius_deg: float, n: int = 24):
    """A rough round island polygon (test data only)."""
    import shapely

    return shapely.Point(lon, lat).buffer(radius_deg, quad_segs=max(n // 4, 1))


@pytest.fixture(scope="session")
def sample_features():
    """A few named features around Taiwan and Yonaguni, in the data module's columns."""
    import geopandas as gpd
    import shapely

    rows = [
        # id, name, name_ja, name_zh, kind, admin, claimants, lon, lat, geometry
        (
            "taiwan",
            "Taiwan",
            "台湾",
            "臺灣",
            "island",
            "TWN",
            "CHN",
            121.0,
            23.7,
            shapely.Polygon(
                [
                    (120.1, 23.0),
                    (121.0, 21.9),
                    (121.9, 24.0),
                    (121.6, 25.3),
                    (121.0, 25.1),
                    (120.1, 23.0),
                ]
            ),
        ),
        (
            "yonaguni",
            "Yonaguni",
            "与那国島",
            "與那國島",
            "island",
            "JPN",
            "",
            122.99,
            24.46,
            _island(122.99, 24.46, 0.05),
        ),
        (
            "uotsuri",
            "Uotsuri-jima",
            "魚釣島",
            "釣魚島",
            "island",
            "JPN",
            "CHN|TWN",
            123.476,
            25.743,
            _island(123.476, 25.743, 0.012),
        ),
        # 0.04 km2: about 0.0011 deg across.
        (
            "taisho",
            "Taisho-jima",
            "大正島",
            "赤尾嶼",
            "islet",
            "JPN",
            "CHN|TWN",
            124.558,
            25.923,
            _island(124.558, 25.923, 0.0011),
        ),
        (
            "senkaku",
            "Senkaku Islands",
            "尖閣諸島",
            "釣魚臺列嶼",
            "island_group",
            "JPN",
            "CHN|TWN",
            123.5,
            25.8,
            shapely.MultiPolygon(
                [_island(123.476, 25.743, 0.012), _island(124.558, 25.923, 0.0011)]
            ),
        ),
        (
            "keelung",
            "Keelung",
            "基隆",
            "基隆",
            "port",
            "TWN",
            "CHN",
            121.74,
            25.13,
            shapely.Point(121.74, 25.13),
        ),
    ]
    columns = ["id", "name", "name_ja", "name_zh", "kind", "admin", "claimants", "lon", "lat"]
    frame = gpd.GeoDataFrame(
        [r[:-1] for r in rows], columns=columns, geometry=[r[-1] for r in rows], crs=4326
    )
    return frame.set_index(frame["id"].rename(None))


@pytest.fixture(scope="session")
def sample_land(sample_features):
    """Land polygons: the sample islands plus many tiny rocks (slivers)."""
    import geopandas as gpd
    import numpy as np
    import shapely

    islands = [
        g
        for g, kind in zip(sample_features.geometry, sample_features.kind, strict=True)
        if g.geom_type == "Polygon" and kind != "island_group"
    ]
    rng = np.random.default_rng(7)
    rocks = [
        _island(lon, lat, 0.0004, 8)
        for lon, lat in zip(rng.uniform(118, 126, 300), rng.uniform(20, 27, 300), strict=True)
    ]
    mainland = shapely.Polygon([(116, 22), (119.5, 24.5), (120.5, 27.5), (116, 27.5)])
    return gpd.GeoDataFrame(geometry=[mainland, *islands, *rocks], crs=4326)


@pytest.fixture(scope="session")
def geodesic_ring():
    """Return ``ring(lon, lat, radius_m)``: a geodesic circle polygon in lon/lat."""
    from islandchain.geodesy import geodesic_circle

    return geodesic_circle


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium whose pages cannot reach any network.

    Fails, never skips, when Chromium is missing: `./run test` installs it.
    """
    from browser import CHROMIUM, chromium_missing_reason, offline_browser

    reason = chromium_missing_reason()
    if reason:
        pytest.fail(f"browser tests need Chromium: {reason}", pytrace=False)
    manager = offline_browser()
    try:
        browser = manager.__enter__()
    except Exception as exc:  # any launch failure must be loud
        pytest.fail(f"could not launch {CHROMIUM} headless: {exc}", pytrace=False)
    yield browser
    manager.__exit__(None, None, None)


@pytest.fixture(autouse=True, scope="session")
def _cache_in_tmp(tmp_path_factory):
    """Derived geometry is cached in a temporary folder, never the user's (islandchain.cache)."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("ISLANDCHAIN_CACHE_DIR")
    os.environ["ISLANDCHAIN_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("ISLANDCHAIN_CACHE_DIR", None)
    else:
        os.environ["ISLANDCHAIN_CACHE_DIR"] = old
