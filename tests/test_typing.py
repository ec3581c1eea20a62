"""The package type-checks: mypy, with the configuration in pyproject.toml, finds no error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: The checkout's root, found from this file (tests/ is one level below it).
ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error():
    config = ROOT / "pyproject.toml"
    assert "[tool.mypy]" in config.read_text(encoding="utf-8"), "mypy is configured in pyproject"
    # The files to check come from the configuration (src/islandchain), relative to the root.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"mypy exited with status {result.returncode}:\n{result.stdout}{result.stderr}"
    )
    assert "Success: no issues found" in result.stdout, result.stdout
