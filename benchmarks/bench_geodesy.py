"""Benchmark of islandchain's geodesy, with its peers measured in the same run.

Run it with ``./run bench`` (or ``python benchmarks/bench_geodesy.py``). It prints
four tables:

1. **pairs**: shortest distance between full-resolution coastlines
   (Taiwan–Yonaguni, Taiwan–Senkakus, Kyushu–Taiwan, Luzon–Taiwan), cold (every
   index cache cleared first) and warm, against PostGIS
   ``ST_Distance(geography, geography, true)`` (the spheroid) warm, in a
   throwaway PostgreSQL cluster on loopback, and against a brute force (every
   vertex of each to every segment of the other, solved exactly) on the two
   small pairs;
2. **points to the coast**: N points (``--sizes``, 10⁴, 10⁵ and 10⁶ by default)
   to the nearest coast of the region's named features, for two point sets:
   uniform over the region, and within 50 km of Taiwan's coast. islandchain's
   exact search runs on all N points; its peers on the first ``--peer-cap``
   of them (they are 20–100× slower): PostGIS KNN (``ORDER BY geog <-> pt LIMIT
   4`` over the coast cut in pieces, then ``ST_Distance`` on the spheroid),
   geopandas ``sjoin_nearest`` in a Lambert conformal conic projection, and a
   planar shapely ``STRtree`` over the coast's segments (lon/lat) refined with
   exact geodesics on the segment it picks. For each: throughput, peak memory
   (``tracemalloc``: Python and numpy allocations) and errors against
   islandchain's exact answer, which is itself checked against a brute force
   (every segment of the coast, solved exactly) on a sample, and, on 100,000
   points, never to exceed the exact distance to the segment the STRtree picks;
3. **buffers**: geodesic buffers of whole states' land (Japan, the
   Philippines, Indonesia) at 12, 24 and 200 nmi, cold (index cleared) and
   warm, CPU and wall time, with the largest error of any ring vertex measured
   exactly against the land (the target: 0.1 % or 10 m); then the maritime
   zones of the region (:func:`islandchain.zones.maritime_zones`, every state,
   three widths) built in a new process with an empty cache folder. Targets:
   Japan at 12 nmi under 5 s, the zones under 60 s;
4. the machine's load while it ran.

``--tables pairs`` (or ``points``, ``buffers``) runs one table: a fast loop for one
function; ``--no-peers`` leaves the peers out of the points table.

Ratios are islandchain's throughput over the peer's (above 1: islandchain is
faster). PostgreSQL and PostGIS come from Debian (``apt-get install postgresql
postgresql-15-postgis-3``); without them that column says so.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

import islandchain as ic
from islandchain import geodesy
from islandchain.geodesy import WGS84, distance_to, point_segment_distance, shortest_line

PAIRS = [
    ("taiwan", "yonaguni"),
    ("taiwan", "senkaku"),
    ("kyushu", "taiwan"),
    ("luzon", "taiwan"),
]
REGION = (105.0, -5.0, 150.0, 46.0)
LAMBERT = "+proj=lcc +lat_1=10 +lat_2=40 +lat_0=22 +lon_0=127.5 +datum=WGS84 +units=m"


def best_of(fn: Callable[[], object], repeat: int, setup: Callable[[], None] = lambda: None):
    times, value = [], None
    for _ in range(repeat):
        setup()
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


def measured(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Seconds, peak traced memory (MB) and the value of one call."""
    tracemalloc.start()
    t = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6, value


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


def brute_force_points(lon, lat, seg: np.ndarray) -> np.ndarray:
    """Each point to every segment, solved exactly (no index, no bound)."""
    out = np.empty(len(lon))
    for i, (x, y) in enumerate(zip(lon, lat, strict=True)):
        d, _, _ = point_segment_distance(x, y, seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3])
        out[i] = d.min()
    return out


def _ecef(lon, lat) -> np.ndarray:
    lam, phi = np.radians(lon), np.radians(lat)
    e2 = WGS84.es
    n = WGS84.a / np.sqrt(1 - e2 * np.sin(phi) ** 2)
    return np.column_stack(
        [n * np.cos(phi) * np.cos(lam), n * np.cos(phi) * np.sin(lam), n * (1 - e2) * np.sin(phi)]
    )


def pruned_brute_force(lon, lat, seg: np.ndarray) -> np.ndarray:
    """Each point to every segment, solved exactly in order of a strict lower bound.

    No geodesic is shorter than the straight line through the Earth, and a
    segment's geodesic lies within its sagitta ``L**2 / (8 b**2 / a)`` of its
    chord; segments are solved nearest bound first until the bound passes the
    best distance. Shares nothing with islandchain's search but the
    point-segment solver.
    """
    s0, s1 = _ecef(seg[:, 0], seg[:, 1]), _ecef(seg[:, 2], seg[:, 3])
    ab = s1 - s0
    den = np.einsum("ij,ij->i", ab, ab)
    sag = 1.01 * den / (8 * WGS84.b**2 / WGS84.a) + 1e-6
    inv = 1 / np.maximum(den, 1e-12)
    out = np.empty(len(lon))
    for i, p in enumerate(_ecef(np.asarray(lon), np.asarray(lat))):
        t = np.clip(((p - s0) * ab).sum(1) * inv, 0, 1)
        low = np.linalg.norm(p - (s0 + t[:, None] * ab), axis=1) - sag
        order = np.argsort(low)
        best = np.inf
        for k in range(0, len(order), 512):
            if low[order[k]] > best:
                break
            j = order[k : k + 512]
            d, _, _ = point_segment_distance(
                lon[i], lat[i], seg[j, 0], seg[j, 1], seg[j, 2], seg[j, 3]
            )
            best = min(best, float(d.min()))
        out[i] = best
    return out


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


def load_postgis(conn, frame, coast) -> None:
    """The pair features, and the coast (unless None) as lines of at most 64 vertices."""
    conn.execute("CREATE TABLE f (id text PRIMARY KEY, geog geography)")
    ids = sorted({i for pair in PAIRS for i in pair})
    with conn.cursor() as cur:
        for fid in ids:
            cur.execute(
                "INSERT INTO f VALUES (%s, ST_GeogFromWKB(%s))",
                (fid, shapely.to_wkb(frame.loc[fid, "geometry"])),
            )
        if coast is None:
            conn.execute("ANALYZE")
            return
        conn.execute("CREATE TABLE coast_src (geom geometry)")
        rings = shapely.get_rings(shapely.get_parts(coast))
        with cur.copy("COPY coast_src (geom) FROM STDIN") as copy:
            for wkb in shapely.to_wkb(rings, hex=True):
                copy.write_row((wkb,))
    conn.execute(
        "CREATE TABLE coast AS SELECT ST_Subdivide(geom, 64)::geography AS geog FROM coast_src"
    )
    conn.execute("CREATE INDEX ON coast USING gist (geog)")
    conn.execute("CREATE TABLE pts (id int PRIMARY KEY, geog geography)")
    conn.execute("ANALYZE")


def postgis_pair(conn, a: str, b: str) -> float:
    sql = "SELECT ST_Distance(a.geog, b.geog, true) FROM f a, f b WHERE a.id = %s AND b.id = %s"
    return conn.execute(sql, (a, b)).fetchone()[0]


def postgis_points(conn, lon, lat) -> np.ndarray:
    conn.execute("TRUNCATE pts")
    with conn.cursor() as cur, cur.copy("COPY pts (id, geog) FROM STDIN") as copy:
        for i, (x, y) in enumerate(zip(lon, lat, strict=True)):
            copy.write_row((i, f"SRID=4326;POINT({float(x)!r} {float(y)!r})"))
    rows = conn.execute(
        "SELECT p.id, (SELECT min(ST_Distance(c.geog, p.geog, true)) FROM "
        "(SELECT geog FROM coast ORDER BY geog <-> p.geog LIMIT 4) c) FROM pts p ORDER BY p.id"
    ).fetchall()
    return np.array([r[1] for r in rows], dtype=float)


# --- peers for points ---


def sjoin_peer(coast_lines: gpd.GeoDataFrame, lon, lat) -> np.ndarray:
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=4326).to_crs(LAMBERT)
    joined = gpd.sjoin_nearest(pts, coast_lines, how="left", distance_col="d")
    return joined.groupby(level=0)["d"].min().to_numpy()


def strtree_peer(tree: shapely.STRtree, seg: np.ndarray, lon, lat) -> np.ndarray:
    _, j = tree.query_nearest(shapely.points(lon, lat), return_distance=False, all_matches=False)
    d, _, _ = point_segment_distance(lon, lat, seg[j, 0], seg[j, 1], seg[j, 2], seg[j, 3])
    return d


def error_text(theirs: np.ndarray, exact: np.ndarray) -> str:
    err = np.abs(theirs - exact)
    wrong = err > 1.0
    share = 100 * wrong.mean()
    return f"{share:.1f}% >1 m, median {np.median(err):.0f} m, max {err.max() / 1e3:.1f} km"


# --- point sets ---


def regional_points(n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    return rng.uniform(REGION[0], REGION[2], n), rng.uniform(REGION[1], REGION[3], n)


def taiwan_points(n: int, rng, taiwan) -> tuple[np.ndarray, np.ndarray]:
    """Points at sea within 50 km of Taiwan's coast: geodesic rays from random coast points."""
    xy = shapely.get_coordinates(taiwan.exterior)
    pick = rng.integers(0, len(xy), n)
    lon, lat, _ = WGS84.fwd(
        xy[pick, 0], xy[pick, 1], rng.uniform(0, 360, n), rng.uniform(0, 50_000, n)
    )
    # Keep the sea only (draws on land are replaced by their mirror out to sea).
    land = shapely.contains_xy(taiwan, lon, lat)
    lon[land], lat[land] = 2 * xy[pick[land], 0] - lon[land], 2 * xy[pick[land], 1] - lat[land]
    return lon, lat


# --- main ---


def bench_pairs(frame, conn, repeat: int) -> None:
    print(f"\n1. Shortest distance between coastlines (best of {repeat})")
    head = (
        f"{'pair':<18}{'vertices':>14}{'cold':>10}{'warm':>10}{'PostGIS':>10}"
        f"{'warm/PG':>9}{'cold/warm':>10}{'|Δ| PostGIS':>13}{'brute force':>13}"
    )
    print(head)
    for a, b in PAIRS:
        ga, gb = frame.loc[a, "geometry"], frame.loc[b, "geometry"]
        measure = lambda ga=ga, gb=gb: shortest_line(ga, gb)  # noqa: E731
        cold, sep = best_of(measure, repeat, geodesy.clear_index_cache)
        warm, _ = best_of(measure, repeat)
        pg, diff, pg_ratio = "-", "-", "-"
        if conn is not None:
            theirs, value = best_of(lambda a=a, b=b: postgis_pair(conn, a, b), repeat)
            pg = f"{theirs * 1e3:.1f} ms"
            pg_ratio = f"{theirs / warm:.2f}×"
            diff = f"{abs(value - sep.distance_m):.3f} m"
        brute = "-"
        if shapely.get_num_coordinates(ga) * shapely.get_num_coordinates(gb) < 3e7:
            t_brute, ref = best_of(lambda ga=ga, gb=gb: brute_force(ga, gb), 1)
            assert abs(ref - sep.distance_m) < 0.01, (a, b, ref, sep.distance_m)
            brute = f"{t_brute:.1f} s, =1cm"
        nv = f"{shapely.get_num_coordinates(ga)}×{shapely.get_num_coordinates(gb)}"
        print(
            f"{a + '–' + b:<18}{nv:>14}{cold * 1e3:>7.1f} ms{warm * 1e3:>7.1f} ms{pg:>10}"
            f"{pg_ratio:>9}{cold / warm:>9.1f}×{diff:>13}{brute:>13}"
        )


def bench_points(
    frame,
    conn,
    sizes: list[int],
    cap: int,
    brute_n: int,
    peers_too: bool = True,
    pruned_n: int = 0,
) -> None:
    kinds = ~frame.kind.isin(list(ic.data.POINT_KINDS))
    coast = shapely.union_all(frame.loc[kinds, "geometry"].to_numpy())
    seg = segments(coast)
    prepared = ic.prepare(coast)
    t_index, _ = best_of(lambda: (prepared.pieces, prepared.chunks), 1)
    lines = gpd.GeoDataFrame(geometry=shapely.get_rings(shapely.get_parts(coast)), crs=4326).to_crs(
        LAMBERT
    )
    t_tree, tree = best_of(lambda: shapely.STRtree(shapely.linestrings(seg.reshape(-1, 2, 2))), 1)
    print(
        f"\n2. Points to the nearest coast of {kinds.sum()} named features "
        f"({shapely.get_num_coordinates(coast):,} vertices, {len(seg):,} segments); "
        f"islandchain's index {t_index:.2f} s, the STRtree {t_tree:.2f} s (not in the times)"
    )
    print(f"   peers run on the first {cap:,} points of each set")
    head = (
        f"{'points':<9}{'N':>9}{'islandchain':>13}{'peak MB':>9}{'  peer':<16}{'peer pts/s':>11}"
        f"{'ratio':>9}{'peak MB':>9}  peer's error against the exact answer"
    )
    print(head)
    rng = np.random.default_rng(0)
    taiwan = frame.loc["taiwan", "geometry"]
    for name in ("regional", "taiwan50"):
        for n in sizes:
            lon, lat = (
                regional_points(n, rng) if name == "regional" else taiwan_points(n, rng, taiwan)
            )
            t, mem, d = measured(
                lambda lon=lon, lat=lat: distance_to(lon, lat, prepared, boundary=True)
            )
            ours = n / t
            checks = [("brute force", brute_force_points, brute_n)]
            checks.append(("pruned brute force", pruned_brute_force, pruned_n))
            for what, brute, k in checks if n == sizes[0] else []:
                k = min(n, k)
                if not k:
                    continue
                ref = brute(lon[:k], lat[:k], seg)
                worst = np.abs(ref - d[:k]).max()
                assert worst <= 0.01, f"distance_to is {worst:.3f} m off the {what}"
                print(
                    f"   {name}: {k:,} points checked against the {what}: "
                    f"largest difference {worst * 1e3:.3f} mm"
                )
            if n == sizes[-1]:
                # The exact distance to any one segment bounds the minimum from
                # above: here the segment a planar STRtree picks, on many points.
                k = min(n, 100_000)
                upper = strtree_peer(tree, seg, lon[:k], lat[:k])
                excess = float(np.max(d[:k] - upper))
                assert excess <= 0.01, f"distance_to is {excess:.3f} m above a segment's distance"
                print(
                    f"   {name}: {k:,} points never farther than the exact distance to the "
                    f"segment a planar STRtree picks (largest excess {max(excess, 0) * 1e3:.3f} mm)"
                )
            m = min(n, cap)
            if not peers_too:
                print(f"{name:<9}{n:>9,}{ours:>9,.0f}/s{mem:>9.1f}")
                continue
            peers = [
                ("STRtree+inv", lambda x=lon[:m], y=lat[:m]: strtree_peer(tree, seg, x, y)),
                ("sjoin_nearest", lambda x=lon[:m], y=lat[:m]: sjoin_peer(lines, x, y)),
            ]
            if conn is not None:
                peers.append(
                    ("PostGIS KNN", lambda x=lon[:m], y=lat[:m]: postgis_points(conn, x, y))
                )
            first = True
            for peer, fn in peers:
                tp, mp, dp = measured(fn)
                label = f"{name:<9}{n:>9,}{ours:>9,.0f}/s{mem:>9.1f}" if first else " " * 40
                print(
                    f"{label}  {peer:<14}{m / tp:>11,.0f}{ours / (m / tp):>8.1f}×{mp:>9.1f}  "
                    f"{error_text(dp, d[:m])}"
                )
                first = False


BUFFER_STATES = ("JPN", "PHL", "IDN")
BUFFER_NMI = (12, 24, 200)
ZONES_SCRIPT = """
import json, time
t, c = time.perf_counter(), time.process_time()
from islandchain.zones import maritime_zones
z = maritime_zones()
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "rows": len(z)}))
"""


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Wall and CPU seconds of one call, and its value."""
    t, c = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - t, time.process_time() - c, value


def bench_buffers(repeat: int) -> None:
    print(f"\n3. Geodesic buffers of whole states' land (best of {repeat}; CPU and wall seconds)")
    head = (
        f"{'state':<6}{'nmi':>5}{'land vertices':>15}{'ring vertices':>15}{'cold CPU':>10}"
        f"{'cold wall':>11}{'warm CPU':>10}{'max error':>11}{'tolerance':>11}"
    )
    print(head)
    for state in BUFFER_STATES:
        land = ic.state_land(state)
        for nmi in BUFFER_NMI:
            distance = nmi * ic.NMI
            cold = []
            for _ in range(repeat):
                geodesy.clear_index_cache()
                fresh = shapely.from_wkb(shapely.to_wkb(land))  # no index kept with it
                cold.append(timed(lambda g=fresh, d=distance: ic.geodesic_buffer(g, d)))
            prepared = ic.prepare(land)
            warm = min(
                timed(lambda p=prepared, d=distance: ic.geodesic_buffer(p, d))[1]
                for _ in range(repeat)
            )
            buf = cold[0][2]
            xy = shapely.get_coordinates(shapely.get_rings(shapely.get_parts(buf)))
            err = np.abs(distance_to(xy[:, 0], xy[:, 1], prepared, boundary=True) - distance)
            print(
                f"{state:<6}{nmi:>5}{shapely.get_num_coordinates(land):>15,}{len(xy):>15,}"
                f"{min(c[1] for c in cold):>8.2f} s{min(c[0] for c in cold):>9.2f} s"
                f"{warm:>8.2f} s{err.max():>9.1f} m{max(0.001 * distance, 10.0):>9.1f} m"
            )
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ISLANDCHAIN_CACHE_DIR": folder}
        out = subprocess.run(
            [sys.executable, "-c", ZONES_SCRIPT],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        zones = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"maritime zones of the region, {zones['rows']} rows (every state, three widths), "
        f"new process, empty cache folder: {zones['cpu']:.1f} s CPU, {zones['wall']:.1f} s wall"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per pair measurement")
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="numbers of points, comma-separated"
    )
    parser.add_argument("--peer-cap", type=int, default=10_000, help="points given to peers")
    parser.add_argument("--brute", type=int, default=8, help="points checked by brute force")
    parser.add_argument(
        "--pruned-brute",
        type=int,
        default=200,
        help="points checked by the brute force pruned by strict chord bounds",
    )
    parser.add_argument("--no-postgis", action="store_true", help="skip PostGIS")
    parser.add_argument(
        "--tables", default="pairs,points,buffers", help="tables to run, comma-separated"
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="the points table without its peers"
    )
    args = parser.parse_args()
    tables = set(args.tables.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]
    frame = ic.features()
    kinds = ~frame.kind.isin(list(ic.data.POINT_KINDS))
    coast = None  # for PostGIS, only with the points
    if "points" in tables:
        coast = shapely.union_all(frame.loc[kinds, "geometry"].to_numpy())
    load0 = os.getloadavg()
    with contextlib.ExitStack() as stack:
        peers = tables & {"pairs", "points"} and not args.no_postgis
        peers = peers and not (args.no_peers and "pairs" not in tables)
        conn = stack.enter_context(postgis()) if peers else None
        if conn is not None:
            load_postgis(conn, frame, coast)
        if "pairs" in tables:
            bench_pairs(frame, conn, args.repeat)
        if "points" in tables:
            bench_points(
                frame, conn, sizes, args.peer_cap, args.brute, not args.no_peers, args.pruned_brute
            )
    if "buffers" in tables:
        bench_buffers(args.repeat)
    load1 = os.getloadavg()
    print(
        f"\n4. Load average (1, 5, 15 min) at the start {load0[0]:.2f} {load0[1]:.2f} "
        f"{load0[2]:.2f}, at the end {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}, "
        f"on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
