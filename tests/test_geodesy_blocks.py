"""islandchain.geodesy.blocks: the pair search's index."""

from __future__ import annotations

import numpy as np
import shapely
from geodesy_refs import (
    _archipelago,
    _ecef,
)

from islandchain.geodesy import (
    WGS84,
)


def test_pair_search_balls_hold_every_point_of_their_segments():
    from islandchain.geodesy.blocks import _blocks, _runs

    rng = np.random.default_rng(5)
    shapes = [
        _archipelago(rng, 124.0, 24.5, 80, 60e3),  # many small rings: Hilbert order
        shapely.LineString([(179.2, -16.0), (-179.6, -16.4), (-178.9, -17.9)]),  # antimeridian
        shapely.LineString([(10.0, 84.0), (100.0, 86.5), (-170.0, 85.0)]),  # over the pole
        shapely.Polygon([(100, -10), (140, -10), (140, 30), (100, 30)]),  # 4,000 km edges
        shapely.MultiPoint(rng.uniform([110, 0], [140, 40], (70, 2))),
    ]
    for geom in shapes:
        blocks = _blocks(geom)
        runs = len(blocks.radius[0])
        # Points along every segment's geodesic, and the run they belong to.
        k = np.arange(runs * 32)
        s0, s1 = blocks.xy[k], blocks.xy[blocks.end[k]]
        az, _, length = WGS84.inv(s0[:, 0], s0[:, 1], s1[:, 0], s1[:, 1])
        f = np.linspace(0, 1, 17)
        lon, lat, _ = WGS84.fwd(
            np.repeat(s0[:, 0], 17),
            np.repeat(s0[:, 1], 17),
            np.repeat(az, 17),
            np.tile(f, len(k)) * np.repeat(length, 17),
        )
        p = _ecef(lon, lat)
        leaf = np.repeat(k // 32, 17)
        for level, (center, radius) in enumerate(zip(blocks.center, blocks.radius, strict=True)):
            block = leaf // 8**level
            gap = np.linalg.norm(p - center[block], axis=1)
            assert np.all(gap <= radius[block]), (geom.geom_type, level)
        sub = _runs(blocks, np.arange(runs))
        which = np.repeat(k % 32 // 8, 17)
        gap = np.linalg.norm(p - sub.sub_center[leaf, which], axis=1)
        assert np.all(gap <= sub.sub_radius[leaf, which]), geom.geom_type
