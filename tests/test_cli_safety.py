"""The command line's guarantees: exit statuses, one-line errors, clean output, atomic writes."""

from __future__ import annotations

import os
import sys

import pytest

from islandchain.errors import OutputError
from islandchain.export import write_atomic


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("chain", "--keep-nmi", "nan"), "'--keep-nmi'"),
        (("chain", "--keep-nmi", "inf"), "'--keep-nmi'"),
        (("chain", "--controller", "XXX"), "unknown state code(s) XXX"),
        (("zones", "check", ""), "'TARGET'"),
        (("zones", "check", "nothere.geojson"), "nothere.geojson: no such file"),
        (("zones", "check", "pla-2099"), "no published area 'pla-2099'"),
        (("zones", "cordon", "--nmi", "12,nan"), "'--nmi'"),
        (("zones", "cordon", "--nmi", ","), "'--nmi'"),
        (("zones", "check", "pla-2022-08-4", "--map", ""), "give a file name"),
        (("map", "--tiles", "Nope.Nope"), "Nope.Nope"),
        (("verify", "--format", "yaml"), "'--format'"),
        (("data", "check", "--limit", "nan"), "'--limit'"),
        (("map", "-o", "map.txt"), "use .html for a map"),
        (("features", "--no-such-option"), "--no-such-option"),
    ],
)
def test_bad_input_is_one_line_and_status_2(invoke, args, needle):
    code, _, err = invoke(*args)
    line = _one_line(err)
    assert code == 2, err
    assert needle in line
    assert line.startswith("islandchain: error:")


@pytest.mark.parametrize(
    ("args", "commands"), [((), ("zones", "verify")), (("zones",), ("check",))]
)
def test_group_without_command_prints_the_help(invoke, args, commands):
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("Usage: ") and "error" not in lines[0]
    assert "Commands:" in lines
    assert all(any(line.strip().startswith(c + " ") for line in lines) for c in commands)


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [(("zone",), "Did you mean 'zones'?"), (("zones", "chek"), "Did you mean 'check'?")],
)
def test_unknown_command_suggests_the_close_one(invoke, monkeypatch, args, suggestion):
    from islandchain.cli import cli

    monkeypatch.setattr(cli, "commands", {})  # as in a fresh process: no command loaded yet
    code, _, err = invoke(*args)
    assert code == 2
    line = _one_line(err)
    assert line.startswith("islandchain: error: No such command") and suggestion in line


def test_output_into_a_folder_is_refused_before_work(invoke, tmp_path):
    code, _, err = invoke("zones", "check", "pla-2022-08-4", "--map", str(tmp_path))
    assert code == 2
    assert "is a folder" in _one_line(err)


def test_folder_that_refuses_files_is_refused_before_work(invoke, monkeypatch, tmp_path):
    # Like /proc or a read-only mount seen by root: the permission bits say yes, creating
    # a file says no. The map's path is refused before the table is printed.
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    code, out, err = invoke("zones", "check", "pla-2022-08-4", "--map", str(tmp_path / "x.html"))
    assert code == 2
    assert out == ""
    line = _one_line(err)
    assert "'--map'" in line and "cannot write in the folder" in line
    assert not (tmp_path / "x.html").exists()


def test_output_check_leaves_no_file_behind(tmp_path):
    from islandchain.cli.options import check_output_path

    assert check_output_path(tmp_path / "new" / "map.html") == tmp_path / "new" / "map.html"
    assert list(tmp_path.iterdir()) == []


def test_internal_error_is_status_3_without_traceback(invoke, monkeypatch):
    zones_cli = sys.modules["islandchain.cli.zones"]  # the attribute is the click group

    def boom(*args, **kwargs):
        raise RuntimeError("simulated\nfailure")

    monkeypatch.setattr(zones_cli, "published_area", boom)
    monkeypatch.delenv("ISLANDCHAIN_DEBUG", raising=False)
    code, _, err = invoke("zones", "check", "pla-2022-08-4")
    assert code == 3
    line = _one_line(err)
    assert "internal error: RuntimeError: simulated failure" in line


def test_control_characters_never_reach_the_terminal(invoke, tmp_path):
    name = "evil\x1b]0;owned\x07\x1b[2J\u202e.geojson"
    code, out, err = invoke("zones", "check", str(tmp_path / name))
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "evil]0;owned" in err and ".geojson: no such file" in err


def test_write_atomic_keeps_the_previous_file_when_the_disk_is_full(tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("previous good map", encoding="utf-8")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, "x" * 1_000_000)
    assert target.read_text(encoding="utf-8") == "previous good map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no temporary file left


def test_write_atomic_names_the_cause(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(blocker / "map.html", "x")
    if os.path.exists("/dev/full"):
        with pytest.raises(OutputError, match="No space left"):
            write_atomic("/dev/full", "x")


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "claims.toml"
    target.write_text("a")
    target.chmod(0o640)
    write_atomic(target, "b")
    assert target.read_text() == "b"
    assert target.stat().st_mode & 0o777 == 0o640
