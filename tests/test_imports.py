"""Commands load only what they use, and the lean paths give the same results as the full ones.

The times themselves are measured by benchmarks/bench_commands.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
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


def _resolves(module, name: str) -> bool:
    try:
        return getattr(module, name) is not None
    except AttributeError:
        return False


def test_every_public_name_resolves():
    # Collected, not asserted one by one: getattr of a missing name raises before
    # an assert could name it.
    assert [name for name in ic.__all__ if not _resolves(ic, name)] == []
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


def test_a_missing_public_name_is_reported_not_raised():
    assert not _resolves(ic, "no_such_name")


def test_stories_load_no_folium_and_no_matplotlib():
    # The stories say what a map tells; drawing it is the folium and matplotlib side's job.
    assert _loaded("import islandchain.mapping.stories") == ["geopandas", "pandas"]


def _module_graph() -> tuple[dict[str, set[str]], dict[str, list[tuple[str, str]]]]:
    """Each module's imports of islandchain modules, and the names it takes from each."""
    import ast
    from pathlib import Path

    root = Path(ic.__file__).parent
    graph: dict[str, set[str]] = {}
    names: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(root.rglob("*.py")):
        parts = ("islandchain", *path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        package = module if is_package else ".".join(parts[:-1])
        graph[module], names[module] = set(), []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            graph[module].add(target)
            names[module] += [(target, a.name) for a in node.names]
    return graph, names


def _path_of(module: str):
    from pathlib import Path

    return Path(ic.__file__).parent.joinpath(*module.split(".")[1:])


def _is_package(module: str) -> bool:
    return (_path_of(module) / "__init__.py").exists()


def test_no_module_takes_another_packages_private_names():
    _, names = _module_graph()
    borrowed = []
    for module, taken in names.items():
        own = module if _is_package(module) else module.rsplit(".", 1)[0]
        for target, name in taken:
            home = target if _is_package(target) else target.rsplit(".", 1)[0]
            if name.startswith("_") and not name.startswith("__") and home != own:
                borrowed.append(f"{module} takes {target}.{name}")
    assert borrowed == []


def test_no_import_cycle_between_modules():
    # Packages' __init__ re-export their modules' names and are left out; every
    # import counts, at the top or inside a function.
    from graphlib import CycleError, TopologicalSorter

    graph, _ = _module_graph()
    modules = {m: {t for t in ts if t in graph and not _is_package(t)} for m, ts in graph.items()}
    sorter = TopologicalSorter({m: ts for m, ts in modules.items() if not _is_package(m)})
    try:
        sorter.prepare()
    except CycleError as err:
        raise AssertionError(f"import cycle: {' -> '.join(err.args[1])}") from None


@pytest.mark.parametrize(
    "package",
    [
        "islandchain",
        "islandchain.mapping",
        "islandchain.geodesy",
        "islandchain.extract",
        "islandchain.judging",
        "islandchain.tracks",
        "islandchain.io",
    ],
)
def test_no_submodule_hides_a_public_name(package):
    # Importing a submodule sets it as an attribute of its package: a module named like
    # one of the package's public names (mapping/legend.py and mapping.legend) would
    # replace that name for everyone, depending on what happened to be imported first.
    import importlib
    import pkgutil
    import types

    pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{package}.{info.name}")
    hidden = [n for n in pkg.__all__ if isinstance(getattr(pkg, n), types.ModuleType)]
    assert hidden == []
