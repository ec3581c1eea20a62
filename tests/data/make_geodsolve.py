"""Rebuild the GeographicLib reference tables used by tests/test_geodesy.py.

Needs GeodSolve from Debian's geographiclib-tools:

    apt-get install geographiclib-tools
    python tests/data/make_geodsolve.py

The inputs are fixed by a seeded generator: points in the region, short
coastline-scale problems, long and nearly antipodal ones.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def _inputs() -> np.ndarray:
    rng = np.random.default_rng(20261125)
    n = 200
    region = np.column_stack(
        [
            rng.uniform(-5, 46, n),
            rng.uniform(105, 150, n),
            rng.uniform(-5, 46, n),
            rng.uniform(105, 150, n),
        ]
    )
    lat, lon = rng.uniform(-80, 80, n), rng.uniform(-180, 180, n)
    short = np.column_stack([lat, lon, lat + rng.normal(0, 0.01, n), lon + rng.normal(0, 0.01, n)])
    world = np.column_stack(
        [
            rng.uniform(-90, 90, n),
            rng.uniform(-180, 180, n),
            rng.uniform(-90, 90, n),
            rng.uniform(-180, 180, n),
        ]
    )
    lat = rng.uniform(-30, 30, 50)
    antipodal = np.column_stack(
        [lat, rng.uniform(-180, 180, 50), -lat + rng.normal(0, 0.3, 50), np.zeros(50)]
    )
    antipodal[:, 3] = antipodal[:, 1] + 180 + rng.normal(0, 0.3, 50)
    antipodal[:, 3] = (antipodal[:, 3] + 180) % 360 - 180
    return np.round(np.vstack([region, short, world, antipodal]), 9)


def main() -> None:
    inputs = _inputs()
    text = "\n".join(" ".join(f"{v:.9f}" for v in row) for row in inputs) + "\n"
    out = subprocess.run(
        ["GeodSolve", "-i", "-p", "9"], input=text, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    version = subprocess.run(["GeodSolve", "--version"], capture_output=True, text=True).stdout
    lines = [
        f"# GeodSolve -i -p 9 ({version.strip()}); rebuild: python tests/data/make_geodsolve.py",
        "# lat1 lon1 lat2 lon2 azi1 azi2 s12_m",
    ]
    for row, res in zip(inputs, out, strict=False):
        lines.append(" ".join(f"{v:.9f}" for v in row) + " " + res.strip())
    (HERE / "geodsolve_inverse.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
