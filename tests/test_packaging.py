"""The package installs from its wheel and works outside the checkout."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import islandchain


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, repo) -> Path:
    """islandchain's wheel, built from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(out), str(repo)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("islandchain-*.whl")
    return found


def test_wheel_carries_data_and_typing(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "islandchain/py.typed",
        "islandchain/geo/gazetteer.csv",
        "islandchain/geo/land_osm.parquet",
        "islandchain/geo/land_gshhg.parquet",
        "islandchain/geo/published_areas.toml",
        "islandchain/claim_files/article.toml",
    ):
        assert name in names, name
    assert wheel.name.startswith(f"islandchain-{islandchain.__version__}-")


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment outside the checkout with the wheel installed.

    Its dependencies come from the test environment's site-packages through a
    ``.pth`` line (no network); islandchain itself only from the wheel.
    """
    root = tmp_path_factory.mktemp("venv")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Plain path lines: the test environment's editable hook (a .pth in its
    # site-packages) is not processed from here, so only the wheel's copy counts.
    deps = [sysconfig.get_paths()["purelib"], *site.getsitepackages()]
    (purelib / "zz_test_deps.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(purelib)]
        + [str(wheel)],
        check=True,
        capture_output=True,
    )
    return py


def _run(py: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ISLANDCHAIN_DATA")}
    code = "from islandchain.cli import main; main()"
    return subprocess.run(
        [str(py), "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_installed_wheel_runs_outside_the_checkout(installed, tmp_path, repo):
    where = subprocess.run(
        [str(installed), "-c", "import islandchain; print(islandchain.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert not Path(where).resolve().is_relative_to(repo.resolve()), where

    verify = _run(installed, tmp_path, "verify", "--no-cross-check")
    assert verify.returncode == 0, verify.stderr
    assert "taiwan-yonaguni-111km-west" in verify.stdout

    out = tmp_path / "m.html"
    drawn = _run(installed, tmp_path, "map", "-o", str(out), "--no-cross-check")
    assert drawn.returncode == 0, drawn.stderr
    assert out.stat().st_size > 100_000
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
