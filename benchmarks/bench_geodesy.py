"""Benchmark of islandchain's geodesy, with its baselines measured in the same run.

Run it with ``./run bench`` (or ``python benchmarks/bench_geodesy.py``). It prints:

1. shortest distance between full-resolution coastlines against the brute
   force (every vertex of each to every segment of the other, solved exactly);
2. the same pairs against PostGIS ``ST_Distance(geography, geography, true)``
   (spheroid), in a throwaway PostgreSQL cluster on loopback, checking that
   both give the same answer (skipped with a message when PostgreSQL or
   PostGIS is not installed: ``apt-get install postgresql postgresql-15-postgis-3``);
3. a million points to the nearest coast of the region's named features.

Times are the best of ``--repeat`` runs; islandchain's runs start with its
index cache cleared, so they include building the index.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import shapely

import islandchain as ic
from islandchain import geodesy
from islandchain.geodesy import distance_to, point_segment_distance, shortest_line

PAIRS = [
    ("taiwan", "yonaguni"),
    ("taiwan", "senkaku"),
    ("kyushu", "taiwan"),
    ("luzon", "taiwan"),
]


def best_of(fn: Callable[[], object], repeat: int, setup: Callable[[], None] = lambda: None):
    times, value = [], None
    for _ in range(repeat):
        setup()
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


def cold() -> None:
    geodesy._pieces.cache_clear()


def segments(geom) -> np.ndarray:
    rings = []
    for part in shapely.get_parts(geom):
        rings.extend(shapely.get_rings(part) if part.geom_type == "Polygon" else [part])
    return np.vstack(
        [np.column_stack([c[:-1], c[1:]]) for c in (shapely.get_coordinates(r) for r in rings)]
    )


def brute_force(a, b, chunk: int = 2_000_000) -> float:
    """Every vertex of each geometry to every segment of the other, solved exactly."""
    best = np.inf
    for src, dst in ((a, b), (b, a)):
        verts = np.unique(shapely.get_coordinates(src), axis=0)
        seg = segments(dst)
        n = len(verts) * len(seg)
        for k in range(0, n, chunk):
            idx = np.arange(k, min(n, k + chunk))
            v, s = idx // len(seg), idx % len(seg)
            d, _, _ = point_segment_distance(
                verts[v, 0], verts[v, 1], seg[s, 0], seg[s, 1], seg[s, 2], seg[s, 3]
            )
            best = min(best, float(d.min()))
    return best


# --- PostGIS ---


def _pg_bin() -> Path | None:
    for root in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (root / "initdb").exists():
            return root
    return None


@contextlib.contextmanager
def postgis() -> Iterator[object | None]:
    """A throwaway PostgreSQL cluster with PostGIS on 127.0.0.1, or None."""
    bindir = _pg_bin()
    if bindir is None or not list(
        Path("/usr/share/postgresql").glob("*/extension/postgis.control")
    ):
        print(
            "PostGIS: not installed (apt-get install postgresql postgresql-15-postgis-3); skipped"
        )
        yield None
        return
    try:
        import psycopg
    except ImportError:
        print("PostGIS: the Python driver psycopg is missing (pip install 'psycopg[binary]')")
        yield None
        return
    tmp = Path(tempfile.mkdtemp(prefix="islandchain-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(tmp, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp / "data"
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True)  # noqa: E731
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
        run(
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(tmp / "log"),
            "-w",
            "-o",
            f"-p {port} -c listen_addresses=127.0.0.1 -k {tmp}",
            "start",
        )
        conn = psycopg.connect(host="127.0.0.1", port=port, user="postgres", autocommit=True)
        conn.execute("CREATE EXTENSION postgis")
        yield conn
        conn.close()
    finally:
        with contextlib.suppress(Exception):
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(tmp, ignore_errors=True)


def bench_postgis(conn, frame, repeat: int) -> None:
    conn.execute("CREATE TABLE f (id text PRIMARY KEY, geog geography)")
    ids = sorted({i for pair in PAIRS for i in pair})
    with conn.cursor() as cur:
        for fid in ids:
            cur.execute(
                "INSERT INTO f VALUES (%s, ST_GeogFromWKB(%s))",
                (fid, shapely.to_wkb(frame.loc[fid, "geometry"])),
            )
    print("\nThe same pairs against PostGIS ST_Distance(geography, geography, true)")
    print(
        f"{'pair':<20}{'cold':>11}{'warm':>11}{'PostGIS':>11}{'ratio cold':>12}"
        f"{'ratio warm':>12}{'difference':>12}"
    )
    sql = "SELECT ST_Distance(a.geog, b.geog, true) FROM f a, f b WHERE a.id = %s AND b.id = %s"
    for a, b in PAIRS:
        ours, sep = best_of(
            lambda a=a, b=b: shortest_line(frame.loc[a, "geometry"], frame.loc[b, "geometry"]),
            repeat,
            cold,
        )
        warm, _ = best_of(
            lambda a=a, b=b: shortest_line(frame.loc[a, "geometry"], frame.loc[b, "geometry"]),
            repeat,
        )
        theirs, value = best_of(lambda a=a, b=b: conn.execute(sql, (a, b)).fetchone()[0], repeat)
        diff = abs(value - sep.distance_m)
        print(
            f"{a + '–' + b:<20}{ours * 1e3:>8.1f} ms{warm * 1e3:>8.1f} ms{theirs * 1e3:>8.1f} ms"
            f"{theirs / ours:>11.2f}×{theirs / warm:>11.2f}×{diff:>10.3f} m"
        )
        # PostGIS solves the same problem (GeographicLib on the spheroid); a
        # difference above a metre means one of the two is wrong.
        assert diff < 1.0, f"PostGIS and islandchain disagree on {a}-{b} by {diff:.3f} m"


# --- main ---


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--points", type=int, default=1_000_000, help="points for the coast test")
    parser.add_argument("--no-postgis", action="store_true", help="skip the PostGIS comparison")
    args = parser.parse_args()
    frame = ic.features()

    print("Shortest distance between full-resolution coastlines vs the brute force")
    print(f"{'pair':<20}{'vertices':>16}{'islandchain':>14}{'brute force':>14}{'ratio':>9}")
    for a, b in PAIRS[:2]:
        ga, gb = frame.loc[a, "geometry"], frame.loc[b, "geometry"]
        ours, sep = best_of(lambda ga=ga, gb=gb: shortest_line(ga, gb), args.repeat, cold)
        brute, ref = best_of(lambda ga=ga, gb=gb: brute_force(ga, gb), 1)
        assert abs(ref - sep.distance_m) < 0.01, (ref, sep.distance_m)
        nv = f"{shapely.get_num_coordinates(ga)}×{shapely.get_num_coordinates(gb)}"
        print(
            f"{a + '–' + b:<20}{nv:>16}{ours * 1e3:>11.1f} ms{brute:>12.2f} s"
            f"{brute / ours:>8.0f}×   ({sep.distance_m / 1000:.3f} km both)"
        )

    if not args.no_postgis:
        with postgis() as conn:
            if conn is not None:
                bench_postgis(conn, frame, args.repeat)

    kinds = ~frame.kind.isin(list(ic.data.POINT_KINDS))
    coast = shapely.union_all(frame.loc[kinds, "geometry"].to_numpy())
    rng = np.random.default_rng(0)
    lon, lat = rng.uniform(105, 150, args.points), rng.uniform(-5, 46, args.points)
    t, d = best_of(lambda: distance_to(lon, lat, coast, boundary=True), 1, cold)
    # Baseline in the same run: the same points, one at a time through shortest_line.
    n_slow = 200
    t_slow, _ = best_of(
        lambda: [
            shortest_line((x, y), coast) for x, y in zip(lon[:n_slow], lat[:n_slow], strict=True)
        ],
        1,
    )
    per_point_slow = t_slow / n_slow
    print(
        f"\n{args.points:,} points to the nearest coast of {kinds.sum()} named features "
        f"({shapely.get_num_coordinates(coast):,} vertices):"
    )
    print(
        f"  distance_to: {t:.2f} s, {args.points / t:,.0f} points/s; "
        f"one point at a time: {1 / per_point_slow:,.0f} points/s; "
        f"ratio {per_point_slow * args.points / t:,.0f}×"
    )
    print(f"  median distance {np.median(d) / 1000:.1f} km, max {d.max() / 1000:.1f} km")


if __name__ == "__main__":
    main()
