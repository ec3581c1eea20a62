"""Benchmark of the limits applied while reading (issue 24): memory of big input.

Run it with ``python benchmarks/bench_limits.py [--mb 300] [--vertices 50000,100000]``.

1. Standard input of ``--mb`` megabytes piped to ``islandchain extract -``, which reads in
   chunks and stops at its 8,000,000-byte limit, against its peer in the same run: a
   process that reads the whole input first (``sys.stdin.buffer.read()``, what the reader
   did before). Peak memory (max RSS) and time of each, from the child's rusage.
2. ``check_intrusion`` of tracks of ``--vertices`` vertices, each in a fresh process: peak
   memory and time, the figures behind :data:`islandchain.geojson.MAX_VERTICES`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHUNK = b"Taiwan lies 111 km west of Yonaguni Island. " * 23_000  # about 1 MB

_TRACK = """
import json, resource, sys, time
import shapely
from islandchain import check_intrusion
geom = shapely.geometry.shape(json.load(open(sys.argv[1])))
start = time.perf_counter()
check_intrusion(geom)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _piped(args: list[str], megabytes: int) -> tuple[float, float, int]:
    """Seconds, peak MB of the child and its status, feeding it ``megabytes`` of text."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    child = subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    assert child.stdin is not None
    try:
        for _ in range(megabytes):
            child.stdin.write(_CHUNK)
        child.stdin.close()
    except BrokenPipeError:
        pass  # the reader stopped at its limit
    status = child.wait()
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, max(peak, before) / 1024, status


def _track(path: Path, n: int) -> None:
    t = [i / (n - 1) for i in range(n)]
    coords = [
        [round(121 + 3 * x, 6), round(23 + 2 * x + 0.01 * ((i % 7) - 3), 6)]
        for i, x in enumerate(t)
    ]
    path.write_text(json.dumps({"type": "LineString", "coordinates": coords}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=300, help="megabytes on standard input")
    parser.add_argument("--vertices", default="50000,100000", help="track sizes, comma-separated")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    cli = [sys.executable, "-m", "islandchain", "extract", "-"]
    whole = [sys.executable, "-c", "import sys; sys.stdin.buffer.read()"]
    print(f"{'reader':<36} {'MB in':>6} {'seconds':>8} {'peak MB':>8} status")
    for name, command in (("islandchain extract - (chunked)", cli), ("read whole (peer)", whole)):
        took, peak, status = _piped(command, args.mb)
        print(f"{name:<36} {args.mb:>6} {took:>8.1f} {peak:>8.0f} {status}")
    print(f"{'track vertices':>14} {'seconds':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for n in (int(v) for v in args.vertices.split(",")):
            path = Path(folder) / f"track-{n}.geojson"
            _track(path, n)
            out = subprocess.run(
                [sys.executable, "-c", _TRACK, str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            print(f"{n:>14,} {float(out[0]):>8.1f} {int(out[1]) / 1024:>8.0f}")


if __name__ == "__main__":
    main()
