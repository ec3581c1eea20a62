"""Commands load only what they use, and the lean paths give the same results as the full ones.

The times themselves are measured by benchmarks/bench_commands.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import shapely

import islandchain as ic
from islandchain import zones as zones_module

# Modules a bare import, and a zones check of a point on a warm cache, must not load.
HEAVY = ("geopandas", "pandas", "scipy.spatial", "folium", "matplotlib")
_REPORT = "import json, sys\nprint(json.dumps([m for m in HEAVY if m in sys.modules]))"


def _loaded(code: str) -> list[str]:
    """The HEAVY modules loaded by ``code`` in a fresh interpreter."""
    probe = f"{code}\nHEAVY = {HEAVY!r}\n{_REPORT}"
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_every_public_name_resolves():
    for name in ic.__all__:
        assert getattr(ic, name) is not None, name
    # The function, not the module of the same name.
    assert callable(ic.straits) and ic.straits.__module__ == "islandchain.straits"
    assert set(ic.__all__) <= set(dir(ic))
    namespace: dict = {}
    exec("from islandchain import *", namespace)
    assert {"check_intrusion", "shortest_line", "maritime_zones"} <= set(namespace)


def test_bare_import_loads_no_heavy_library():
    assert _loaded("import islandchain") == []


def test_zones_check_of_a_point_on_a_warm_cache_loads_no_frames(tmp_path):
    point = tmp_path / "point.geojson"
    point.write_text('{"type": "Point", "coordinates": [123.0, 24.5]}')
    run = (
        "import sys\nfrom islandchain.cli import main\n"
        f"sys.argv = ['islandchain', 'zones', 'check', {str(point)!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
    )
    _loaded(run)  # fills the cache when it is cold
    # Whether the closest approach uses scipy's k-d tree is geodesy's choice.
    assert set(_loaded(run)) - {"scipy.spatial"} == set()


def test_default_zones_read_lean_equal_the_frames():
    frames = pd.concat([ic.maritime_zones(), ic.adiz_zones()], ignore_index=True)
    lean = zones_module._default_zones()
    assert lean["state"].tolist() == frames.state.tolist()
    assert lean["zone"].tolist() == frames.zone.tolist()
    assert np.array_equal(lean["nmi"], frames.nmi.to_numpy(), equal_nan=True)
    assert lean["note"].tolist() == frames.note.tolist()
    assert shapely.equals_exact(lean["geometry"], frames.geometry.to_numpy(), 0).all()
    for target in (shapely.Point(123.0, 24.5), ic.blockade_cordon("Taiwan", 30)):
        lean_check, frame_check = ic.check_intrusion(target), ic.check_intrusion(target, frames)
        assert lean_check.intrusions  # the ADIZ rows carry nmi NaN: compare the reprs
        assert repr(lean_check.intrusions) == repr(frame_check.intrusions)
        assert lean_check.closest_km == frame_check.closest_km
