"""Benchmark of the zone-event pass over tracks (``./run bench tracks``).

A seeded simulator makes realistic traffic round Taiwan and the Senkakus:

* China Coast Guard-like **patrols** circling the Senkakus 8-30 nmi out (in and
  out of Japan's territorial sea and contiguous zone), 12 kn, a fix every 10 s;
* **cross-strait ferries** between the Fujian coast and Taiwan or Kinmen, 20 kn;
* **fishing fleets** wandering slowly near Yonaguni and the Senkakus, with AIS
  gaps (some longer than the 6-hour split, some shorter).

Every vessel sails geodesic legs between waypoints at constant speed, and the
fixes lie on those legs. It prints:

1. **throughput**: positions/s and peak memory of :func:`islandchain.tracks.track_events`
   on 10⁶ and 10⁷ positions (``--sizes``; ``--huge`` adds 10⁸, generated and
   scanned chunk by chunk), on one process (one core) and on a 2-worker local
   Dask cluster, zones warm, with the territorial seas and contiguous zones of
   every state (8 zones). "pass" is the membership and crossing pass (closest
   approach off); "full" adds the closest approach per event;
2. **crossing times** against the simulator's ground truth: each leg sampled
   every second along its geodesic, the zone tested with ``contains_xy`` and
   each change refined by bisection on the leg to 1 mm; the error is
   islandchain's crossing time minus the truth;
3. **peers** on the same tracks at a size they can do (``--peer-size``):
   movingpandas (``Trajectory.clip`` per track) and MEOS (``pymeos``
   ``TGeogPointSeq.at``/``TGeomPointSeq.at`` on the zone), throughput and their
   crossing-time errors against the same truth, and islandchain's ratio to them.

Peak memory is the process's resident set (``ru_maxrss``) for one-machine runs,
each in a fresh process; for Dask, the largest resident set of a worker.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator

import numpy as np
from pyproj import Geod

GEOD = Geod(ellps="WGS84")
KN = 1852.0 / 3600.0
SENKAKU = (123.47, 25.74)
YONAGUNI = (123.00, 24.45)
PORTS = [
    ((118.07, 24.45), (120.50, 24.26)),
    ((119.79, 25.50), (121.40, 25.17)),
    ((118.12, 24.49), (118.40, 24.44)),
]
ZONES = {"kinds": ["territorial sea", "contiguous zone"]}


def _legs(rng: np.random.Generator, kind: str) -> tuple[np.ndarray, float, float]:
    """Waypoints (k, 2), speed m/s and fix interval s of one vessel."""
    if kind == "patrol":
        radius = rng.uniform(8, 30) * 1852.0
        az = np.sort(rng.uniform(0, 360, rng.integers(5, 10)))
        lon, lat, _ = GEOD.fwd(
            np.full(len(az), SENKAKU[0]),
            np.full(len(az), SENKAKU[1]),
            az,
            radius * rng.uniform(0.6, 1.4, len(az)),
        )
        pts = np.column_stack([lon, lat])
        return np.vstack([pts] * 3 + [pts[:1]]), 12 * KN, 10.0
    if kind == "ferry":
        a, b = PORTS[rng.integers(len(PORTS))]
        mid = ((a[0] + b[0]) / 2 + rng.normal(0, 0.05), (a[1] + b[1]) / 2 + rng.normal(0, 0.05))
        return np.array([a, mid, b, mid, a]), 20 * KN, 10.0
    centre = YONAGUNI if rng.random() < 0.5 else SENKAKU
    k = rng.integers(6, 14)
    lon, lat, _ = GEOD.fwd(
        np.full(k, centre[0]),
        np.full(k, centre[1]),
        rng.uniform(0, 360, k),
        rng.uniform(5, 40, k) * 1852.0,
    )
    return np.column_stack([lon, lat]), rng.uniform(3, 6) * KN, 30.0


def simulate(n: int, seed: int = 26, chunk: int = 1_000_000) -> Iterator[dict]:
    """Chunks of about ``chunk`` positions, sorted by track then time, with their legs."""
    rng = np.random.default_rng(seed)
    made, vessel = 0, 0
    t0 = np.datetime64("2024-05-01T00:00:00", "ns").astype(np.int64)
    while made < n:
        cols: dict[str, list] = {"track": [], "time": [], "lon": [], "lat": []}
        legs: list = []
        size = 0
        while size < min(chunk, n - made):
            kind = ("patrol", "ferry", "fishing")[rng.choice(3, p=(0.3, 0.3, 0.4))]
            way, speed, every = _legs(rng, kind)
            az, _, length = GEOD.inv(way[:-1, 0], way[:-1, 1], way[1:, 0], way[1:, 1])
            dur = np.asarray(length) / speed
            start = np.concatenate([[0.0], np.cumsum(dur)])
            times = np.arange(0, start[-1], every) + rng.uniform(0, every)
            times = times[times < start[-1]]
            if kind == "fishing":  # AIS gaps: some longer than the split, some shorter
                for _ in range(rng.integers(1, 4)):
                    g0, glen = rng.uniform(0, start[-1]), rng.choice([2, 7, 9]) * 3600.0
                    times = times[(times < g0) | (times > g0 + glen)]
            times = times[: n - made - size]
            if len(times) < 2:
                continue
            leg = np.clip(np.searchsorted(start, times, side="right") - 1, 0, len(dur) - 1)
            lon, lat, _ = GEOD.fwd(
                way[leg, 0], way[leg, 1], np.asarray(az)[leg], (times - start[leg]) * speed
            )
            name = f"{kind}-{vessel:07d}"
            cols["track"].append(np.full(len(times), name, dtype=object))
            cols["time"].append(t0 + (times * 1e9).astype(np.int64))
            cols["lon"].append(np.asarray(lon))
            cols["lat"].append(np.asarray(lat))
            legs.append((name, way, np.asarray(az), np.asarray(length), start, speed))
            size += len(times)
            vessel += 1
        made += size
        yield {k: np.concatenate(v) for k, v in cols.items()} | {"legs": legs}


def _fixes(chunk: dict, first_row: int = 1):
    from islandchain.tracks import Fixes

    return Fixes(chunk["track"], chunk["time"], chunk["lon"], chunk["lat"], first_row, "sim")


def _stream(n: int, seed: int) -> Iterator:
    row = 1
    for c in simulate(n, seed):
        yield _fixes(c, row)
        row += len(c["time"])


def run_single(n: int, seed: int, closest: bool) -> dict:
    """One-machine run in this process: generation untimed (pregenerated up to 10⁷)."""
    from islandchain.tracks import scan as scan_module
    from islandchain.tracks import track_events, zone_set

    zone_set(**{k: tuple(v) for k, v in ZONES.items()})
    track_events(_fixes(next(simulate(20_000, seed + 1))), ZONES)  # warm: zones, edge trees
    if not closest:
        scan_module.fold_closest = lambda *a, **k: None
    if n <= 10_000_000:
        chunks = [_fixes(c) for c in simulate(n, seed)]
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        out = track_events(iter(chunks), ZONES)
        wall = time.perf_counter() - t
    else:  # generated as it is scanned; generation time is measured and taken off
        gen = [0.0]

        def timed() -> Iterator:
            it = _stream(n, seed)
            while True:
                g = time.perf_counter()
                try:
                    f = next(it)
                except StopIteration:
                    return
                gen[0] += time.perf_counter() - g
                yield f

        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        out = track_events(timed(), ZONES)
        wall = time.perf_counter() - t - gen[0]
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "n": out.positions,
        "events": len(out.events),
        "gaps": len(out.gaps),
        "wall": wall,
        "rss_mb": cpu.ru_maxrss / 1024,
        "rss0_mb": rss0 / 1024,
    }


def run_dask(n: int, seed: int, workers: int) -> dict:
    from distributed import Client, LocalCluster

    from islandchain.tracks import track_events

    chunks = [_fixes(c) for c in simulate(n, seed)]
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        warm = [_fixes(next(simulate(20_000, seed + 1)))]
        client.run(
            lambda: __import__("islandchain.tracks").tracks.zone_set(
                ("territorial sea", "contiguous zone")
            )
        )
        for _ in range(workers):
            track_events(iter(warm), ZONES, client=client)
        t = time.perf_counter()
        out = track_events(iter(chunks), ZONES, client=client)
        wall = time.perf_counter() - t
        rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return {
        "n": out.positions,
        "events": len(out.events),
        "wall": wall,
        "rss_mb": max(rss.values()) / 1024,
    }


def _child(kind: str, n: int, seed: int, extra: str = "") -> dict:
    """Run one measurement in a fresh process (peak memory of that run alone)."""
    code = (
        f"import sys; sys.path.insert(0, {os.path.dirname(__file__)!r}); import json, "
        f"bench_tracks as b; print(json.dumps(b.{kind}({n}, {seed}{extra})))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if res.returncode:
        return {"error": res.stderr.strip().splitlines()[-1] if res.stderr else "failed"}
    return json.loads(res.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ ground truth


#: Fix times of each simulated track, s from 2024-05-01 (filled by :func:`_fix_times`).
FIX_TIMES: dict[str, np.ndarray] = {}
#: True crossings that fall in a gap (no fix within 1.5 intervals on either side): the
#: fixes cannot show them, so they are counted apart.
SKIPPED = {"in gaps": 0}


def _fix_times(chunk: dict) -> None:
    base = np.datetime64("2024-05-01T00:00:00", "ns").astype(np.int64)
    names = chunk["track"]
    cut = np.flatnonzero(names[1:] != names[:-1]) + 1
    for lo, hi in zip(np.r_[0, cut], np.r_[cut, len(names)], strict=True):
        FIX_TIMES[names[lo]] = (chunk["time"][lo:hi] - base) / 1e9


def _covered(name: str, t: float) -> bool:
    times = FIX_TIMES[name]
    i = int(np.searchsorted(times, t))
    if i == 0 or i == len(times):
        return False
    every = float(np.median(np.diff(times)))
    return times[i] - times[i - 1] <= 1.5 * every


def truth(legs: list, zs) -> dict[str, list[tuple[int, float]]]:
    """Crossing times (s from 2024-05-01) of each zone, per track, from the legs, for the
    crossings the fixes cover."""
    out: dict[str, list] = {}
    for name, way, az, length, start, speed in legs:
        found = []
        for i in range(len(length)):
            m = int(math.ceil(length[i] / speed)) + 1
            s = np.linspace(0, length[i], m)
            lon, lat, _ = GEOD.fwd(
                np.full(m, way[i, 0]), np.full(m, way[i, 1]), np.full(m, az[i]), s
            )
            for k in range(len(zs)):
                inside = zs.contains(k, np.asarray(lon), np.asarray(lat))
                for c in np.flatnonzero(inside[1:] != inside[:-1]):
                    lo, hi = s[c], s[c + 1]
                    side = inside[c]
                    while hi - lo > 1e-3:
                        mid = (lo + hi) / 2
                        x, y, _ = GEOD.fwd(way[i, 0], way[i, 1], az[i], mid)
                        if bool(zs.contains(k, np.array([x]), np.array([y]))[0]) == side:
                            lo = mid
                        else:
                            hi = mid
                    when = start[i] + (lo + hi) / 2 / speed
                    if _covered(name, when):
                        found.append((k, when))
                    else:
                        SKIPPED["in gaps"] += 1
        out[name] = found
    return out


def errors(events, legs: list, zs, t0_by_track: dict) -> np.ndarray:
    """Crossing-time errors, s: each true crossing against the nearest reported one."""
    tr = truth(legs, zs)
    errs = []
    for name, found in tr.items():
        ev = events[events.track == name]
        for k, t_true in found:
            z = zs.zones[k]
            sel = ev[(ev.state == z.state) & (ev.zone == z.zone)]
            times = []
            for col, how in (("enter_time", "enter_how"), ("exit_time", "exit_how")):
                got = sel[sel[how] == "crossing"][col]
                times += [(t - t0_by_track[name]).total_seconds() for t in got]
            if times:
                errs.append(min((t - t_true for t in times), key=abs))
            else:
                errs.append(float("inf"))
    return np.asarray(errs)


# ------------------------------------------------------------------ peers


def _peer_frame(chunk: dict):
    import pandas as pd

    return pd.DataFrame(
        {
            "track": chunk["track"],
            "t": pd.to_datetime(chunk["time"], utc=True),
            "lon": chunk["lon"],
            "lat": chunk["lat"],
        }
    )


def peer_movingpandas(chunk: dict, zs, k: int) -> tuple[float, dict]:
    """Trajectory.clip per track on zone k; crossing times are the clipped pieces' ends."""
    import geopandas as gpd
    import movingpandas as mpd

    frame = _peer_frame(chunk)
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame.lon, frame.lat), crs=4326)
    poly = zs.zones[k].geometry
    t = time.perf_counter()
    tc = mpd.TrajectoryCollection(gdf, "track", t="t")
    clipped = tc.clip(poly)
    wall = time.perf_counter() - t
    times: dict = {}
    for traj in clipped.trajectories:
        name = traj.df["track"].iloc[0] if "track" in traj.df else traj.parent.id
        times.setdefault(str(name).rsplit("_", 1)[0], []).extend(
            [traj.get_start_time(), traj.get_end_time()]
        )
    return wall, times


def peer_pymeos(chunk: dict, zs, k: int) -> tuple[float, dict]:
    """TGeogPointSeq per track, ``at`` the zone; crossing times are the pieces' ends."""
    import pymeos

    pymeos.pymeos_initialize()
    frame = _peer_frame(chunk)
    poly = zs.zones[k].geometry
    seqs = []
    for name, g in frame.groupby("track", sort=False):
        inst = ", ".join(
            f"POINT({x} {y})@{t.isoformat()}" for x, y, t in zip(g.lon, g.lat, g.t, strict=True)
        )
        seqs.append((name, pymeos.TGeomPointSeq(f"[{inst}]")))
    t = time.perf_counter()
    times: dict = {}
    for name, seq in seqs:
        part = seq.at(poly)
        if part is None:
            continue
        for s in part.sequences() if hasattr(part, "sequences") else [part]:
            times.setdefault(name, []).extend([s.start_timestamp(), s.end_timestamp()])
    wall = time.perf_counter() - t
    return wall, times


def peer_errors(times: dict, legs: list, zs, k: int, t0: dict) -> np.ndarray:
    import pandas as pd

    tr = truth(legs, type(zs).from_zones([zs.zones[k]]))
    errs = []
    for name, found in tr.items():
        got = [
            (
                pd.Timestamp(x).tz_convert("UTC")
                if pd.Timestamp(x).tzinfo
                else pd.Timestamp(x).tz_localize("UTC")
            )
            for x in times.get(name, [])
        ]
        secs = [(g - t0[name]).total_seconds() for g in got]
        for _, t_true in found:
            errs.append(min((s - t_true for s in secs), key=abs) if secs else float("inf"))
    return np.asarray(errs)


def _fmt(errs: np.ndarray) -> str:
    finite = np.abs(errs[np.isfinite(errs)])
    missed = int(np.count_nonzero(~np.isfinite(errs)))
    if len(finite) == 0:
        return f"no crossings matched ({missed} missed)"
    return (
        f"{len(errs)} crossings: median {np.median(finite):.3f} s, "
        f"max {finite.max():.3f} s, missed {missed}"
    )


def accuracy_and_peers(size: int, seed: int) -> None:
    import pandas as pd

    from islandchain.tracks import track_events, zone_set

    chunk = next(simulate(size, seed, chunk=size))
    _fix_times(chunk)
    zs = zone_set(**{k: tuple(v) for k, v in ZONES.items()})
    t0 = {}
    for name, tt in zip(chunk["track"], chunk["time"], strict=True):
        t0.setdefault(name, pd.Timestamp(int(tt), tz="UTC"))
    # The simulator's t=0 is 2024-05-01 00:00 plus the first fix's offset; take the track start.
    base = pd.Timestamp("2024-05-01T00:00:00Z")
    t0 = {name: base for name in t0}
    t = time.perf_counter()
    ev = track_events(_fixes(chunk), ZONES).events
    ours = time.perf_counter() - t
    print(f"\n## Crossing times against the simulator's ground truth ({size:,} positions)\n")
    print(
        f"islandchain, {len(zs)} zones: {_fmt(errors(ev, chunk['legs'], zs, t0))}; "
        f"{SKIPPED['in gaps']} true crossings fell in AIS gaps and are not counted"
    )
    k = next(i for i, z in enumerate(zs.zones) if z.state == "JPN" and z.zone == "territorial sea")
    ours_k = track_events(_fixes(chunk), zs.__class__.from_zones([zs.zones[k]]))
    t = time.perf_counter()
    ours_k = track_events(_fixes(chunk), zs.__class__.from_zones([zs.zones[k]]))
    ours_one = time.perf_counter() - t
    print(f"\n## Peers on the same {size:,} positions, Japan's territorial sea only\n")
    print("| tool | time s | positions/s | ratio (islandchain faster when > 1) | crossing error |")
    print("|---|---|---|---|---|")
    one = type(zs).from_zones([zs.zones[k]])
    print(
        f"| islandchain | {ours_one:.2f} | {size / ours_one:,.0f} | 1 | "
        f"{_fmt(errors(ours_k.events, chunk['legs'], one, t0))} |"
    )
    for name, fn in (("movingpandas clip", peer_movingpandas), ("pymeos at", peer_pymeos)):
        try:
            wall, times = fn(chunk, zs, k)
        except Exception as exc:  # noqa: BLE001 - a peer that is missing or fails is reported
            print(f"| {name} | - | - | - | {type(exc).__name__}: {str(exc)[:120]} |")
            continue
        print(
            f"| {name} | {wall:.2f} | {size / wall:,.0f} | {wall / ours_one:.1f} | "
            f"{_fmt(peer_errors(times, chunk['legs'], zs, k, t0))} |"
        )
    del ours


def write_example(path: str, seed: int = 7) -> None:
    """A small example file for the README: a patrol, a ferry and a fishing boat, a fix
    every 5 minutes (the crossings between fixes are still exact)."""
    import pandas as pd

    rows = []
    rng_kinds = {"patrol": 0, "ferry": 0, "fishing": 0}
    for chunk in simulate(200_000, seed, chunk=200_000):
        frame = pd.DataFrame({k: chunk[k] for k in ("track", "time", "lon", "lat")})
        for name, g in frame.groupby("track", sort=True):
            kind = name.split("-")[0]
            if rng_kinds[kind] >= 1 or (kind == "ferry" and g.lon.min() > 119):
                continue
            rng_kinds[kind] += 1
            t = g.time.to_numpy()
            keep = np.concatenate([[True], np.diff(t // (300 * 10**9)) > 0])
            rows.append(g[keep])
    out = pd.concat(rows)
    out["time"] = pd.to_datetime(out.time, utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    out.to_csv(path, index=False, float_format="%.5f")
    print(f"{path}: {len(out):,} positions of {out.track.nunique()} vessels")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,10000000", help="positions, comma-separated")
    ap.add_argument("--huge", action="store_true", help="also 10⁸ positions (one machine)")
    ap.add_argument("--peer-size", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=26)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--write-example", metavar="CSV", help="write the README's example and stop")
    args = ap.parse_args(argv)
    if args.write_example:
        write_example(args.write_example)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.huge:
        sizes.append(100_000_000)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
    print("## Throughput (zones warm: 8 zones, territorial seas and contiguous zones)\n")
    print("| positions | run | events | wall s | positions/s | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        runs = [
            ("1 process, pass", "run_single", ", False"),
            ("1 process, full", "run_single", ", True"),
        ]
        if not args.no_dask and n <= 10_000_000:
            runs += [
                ("Dask 1 worker, full", "run_dask", ", 1"),
                ("Dask 2 workers, full", "run_dask", ", 2"),
            ]
        for label, fn, extra in runs:
            r = _child(fn, n, args.seed, extra)
            if "error" in r:
                print(f"| {n:,} | {label} | failed: {r['error'][:100]} | | | |")
                continue
            print(
                f"| {r['n']:,} | {label} | {r['events']:,} | {r['wall']:.1f} | "
                f"{r['n'] / r['wall']:,.0f} | {r['rss_mb']:,.0f} |",
                flush=True,
            )
    accuracy_and_peers(args.peer_size, args.seed)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
