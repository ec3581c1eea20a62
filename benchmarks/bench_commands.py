"""Benchmark of the commands a user runs: wall time of each, in fresh processes.

Run it with ``python benchmarks/bench_commands.py`` (from the repository's
folder, with islandchain importable; ``--repeats N`` for more runs). Each
command runs in its own Python process, as a user's shell runs it, and the
wall time of the whole process is measured (start-up, imports, data,
output):

- ``import``: ``python -c "import islandchain"``;
- ``zones check`` of a point (a GeoJSON file) with a warm cache, and once with
  an empty cache folder (``--cold N`` runs; ``--cold 0`` skips it: it builds
  every zone, tens of seconds);
- ``map`` of the article's claims (the default command, GSHHG cross-check on)
  to an HTML file, and with ``--no-cross-check``;
- ``verify`` of the article's claims.

Every command runs once first to fill the cache (``ISLANDCHAIN_CACHE_DIR``, or
a temporary folder with ``--fresh-cache``) and the operating system's file
cache; the best and median of the timed runs are printed, with the load
average before and after. Issue 17's targets: ``zones check`` under 1 s warm,
``map`` under 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Run the command line of the islandchain importable by this interpreter.
CLI = [sys.executable, "-m", "islandchain"]
#: Issue 17's targets, seconds (best of the runs).
TARGETS = {"zones check (warm)": 1.0, "map": 5.0}


def _run(argv: list[str], env: dict[str, str]) -> float:
    """The wall time of one process, seconds; an error stops the benchmark."""
    start = time.perf_counter()
    res = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if res.returncode not in (0, 1):  # verify exits 1 when a claim does not hold
        sys.exit(f"bench_commands: {' '.join(argv[2:])} failed ({res.returncode}): {res.stderr}")
    return elapsed


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    """Time each command and print a table of best and median times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each command")
    parser.add_argument("--cold", type=int, default=1, help="runs of zones check, empty cache")
    parser.add_argument(
        "--fresh-cache", action="store_true", help="a temporary cache folder, not the user's"
    )
    parser.add_argument("--only", default=None, help="run only the commands containing this")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-commands-"))
    point = work / "point.geojson"
    point.write_text('{"type": "Point", "coordinates": [123.0, 24.5]}')
    env = dict(os.environ)
    if args.fresh_cache:
        env["ISLANDCHAIN_CACHE_DIR"] = str(work / "cache")
    commands = {
        "import": [sys.executable, "-c", "import islandchain"],
        "zones check (warm)": [*CLI, "zones", "check", str(point)],
        "map": [*CLI, "map", "-o", str(work / "article.html")],
        "map --no-cross-check": [*CLI, "map", "-o", str(work / "nx.html"), "--no-cross-check"],
        "verify": [*CLI, "verify"],
    }
    if args.only:
        commands = {k: v for k, v in commands.items() if args.only in k}

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {_load()}")
    rows: list[tuple[str, int, float, float]] = []
    for name, cmd in commands.items():
        _run(cmd, env)  # fills the cache and the file cache
        times = [_run(cmd, env) for _ in range(args.repeats)]
        rows.append((name, len(times), min(times), statistics.median(times)))
        print(f"  {name}: {' '.join(f'{t:.2f}' for t in times)} s", flush=True)
    if args.cold > 0 and (not args.only or args.only in "zones check (cold)"):
        times = []
        for i in range(args.cold):
            cold = dict(env, ISLANDCHAIN_CACHE_DIR=str(work / f"cold-{i}"))
            times.append(_run(CLI[:] + ["zones", "check", str(point)], cold))
        rows.append(("zones check (cold)", len(times), min(times), statistics.median(times)))
        print(f"  zones check (cold): {' '.join(f'{t:.2f}' for t in times)} s", flush=True)

    print(f"\nload after: {_load()}\n")
    print(f"{'command':<22} {'runs':>4} {'best s':>7} {'median s':>9}  target")
    for name, n, best, median in rows:
        target = TARGETS.get(name)
        verdict = "" if target is None else f"< {target:g} s: {'yes' if best < target else 'NO'}"
        print(f"{name:<22} {n:>4} {best:>7.2f} {median:>9.2f}  {verdict}")


if __name__ == "__main__":
    main()
