"""The notebooks: committed without outputs, run top to bottom with no network."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from browser import layer_labels, stable_path_count
from nbclient import NotebookClient

from islandchain.export import find_remote_resources

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ["01_distances.ipynb", "02_island_chain.ipynb", "03_waters_and_blockade.ipynb"]
MAPS = {
    "01_distances.ipynb": "01_distances.html",
    "02_island_chain.ipynb": "02_chain.html",
    "03_waters_and_blockade.ipynb": "03_waters.html",
}

# Run first in the kernel: any connection that is not to this machine fails,
# so a notebook that reaches for the network errors instead of passing.
NO_NETWORK = """
import socket as _socket
_connect = _socket.socket.connect
def _local_only(self, address, *args):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")
                                      or host.startswith("/")):
        raise OSError(f"network blocked in tests: {address!r}")
    return _connect(self, address, *args)
_socket.socket.connect = _local_only
"""


def execute(name: str, first_cell: str | None = None) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    if first_cell is not None:
        code = [c for c in nb.cells if c.cell_type == "code"]
        code[0].source = first_cell
    nb.cells.insert(0, nbformat.v4.new_code_cell(NO_NETWORK))
    NotebookClient(
        nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    ).execute()
    return nb


@pytest.fixture(scope="module")
def executed() -> dict[str, nbformat.NotebookNode]:
    return {name: execute(name) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, name


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_clean_and_shows_its_map_offline(executed, name):
    nb = executed[name]
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    frames = [
        o.data["text/html"]
        for o in outputs
        if o.output_type in ("display_data", "execute_result")
        and "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")
    ]
    assert frames, f"{name} shows no map"
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', frames[0]).group(1))
    assert find_remote_resources(page) == []
    # Tables show plain values: no Python tuples, no rows of nothing but NaN.
    tables = [
        o.data["text/html"] for o in outputs if "<table" in o.get("data", {}).get("text/html", "")
    ]
    for table in tables:
        assert not re.search(r"\(&#x27;|\('[A-Z]{3}'", table), table[:300]
        for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
            cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
            assert not cells or any(c.strip() not in ("NaN", "None", "") for c in cells), row
    # Every notebook ends with a table.
    last = [c for c in nb.cells if c.cell_type == "code"][-1]
    assert any(
        "text/html" in o.get("data", {}) and "<table" in o.data["text/html"] for o in last.outputs
    ), f"{name} does not end with a table"


@pytest.mark.parametrize("name", NAMES)
def test_exported_map_opens_offline(executed, chromium, name):
    path = NOTEBOOKS / "output" / MAPS[name]
    with chromium.open(path) as (page, run):
        paths = stable_path_count(page, "path")
        labels = layer_labels(page)
    assert run.blocked == [] and run.console_errors == [] and run.page_errors == []
    assert paths > 5 and any("Land" in t for t in labels)


def test_editing_the_places_is_all_it_takes():
    nb = execute(
        "01_distances.ipynb",
        'SUBJECT = "Okinawa"\nREFERENCE = "Shanghai"\nSTATED_KM = None\nSTATED_DIRECTION = ""\n',
    )
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Okinawa lies" in text and "of Shanghai" in text
    assert "HOLDS" in text


def test_committed_notebooks_match_their_generator(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_notebooks", NOTEBOOKS.parent / "tools" / "make_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in NAMES:
        assert (tmp_path / name).read_text() == (NOTEBOOKS / name).read_text(), name
