"""Tests of the command line, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from islandchain.cli import cli


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed console script in a fresh process."""
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    return subprocess.run([*exe, *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_help_lists_every_subcommand():
    out = CliRunner().invoke(cli, ["--help"]).output
    for sub in ("article", "features", "data", "verify", "extract"):
        assert sub in out


def test_article_prints_features_and_places():
    res = run("article")
    assert res.returncode in (0, 1), res.stderr
    assert "Yonaguni Island" in res.stdout and "Senkaku" in res.stdout


def test_verify_article_holds_and_exits_zero():
    res = run("verify")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "taiwan-yonaguni-111km-west" in res.stdout and "holds" in res.stdout


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv", "table"])
def test_verify_formats(fmt, repo, tmp_path):
    claims = tmp_path / "c.toml"
    claims.write_text(
        '[[claim]]\nid = "ty"\nsubject = "Taiwan"\nreference = "Yonaguni"\n'
        'distance = 111\ndirection = "west"\n'
    )
    res = run("verify", str(claims), "--format", fmt, "--no-cross-check")
    assert res.returncode == 0, res.stderr
    if fmt == "json":
        [record] = json.loads(res.stdout)
        assert record["status"] == "holds" and 100 < record["measured_km"] < 120
    elif fmt == "csv":
        assert res.stdout.splitlines()[0].startswith("id,kind,status")
    elif fmt == "markdown":
        assert res.stdout.startswith("| claim |")


def test_verify_false_claim_exits_one(tmp_path):
    claims = tmp_path / "c.toml"
    claims.write_text(
        '[[claim]]\nid = "far"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 300\n'
    )
    res = run("verify", str(claims), "--no-cross-check")
    assert res.returncode == 1 and "does not hold" in res.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[[claim]\n", "not valid TOML"),
        (
            '[[claim]]\nid = "x"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = -1\n',
            "field 'distance'",
        ),
        (
            '[[claim]]\nid = "x"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 1\n'
            'unit = "parsec"\n',
            "field 'unit'",
        ),
    ],
)
def test_bad_input_exits_two_without_traceback(tmp_path, content, needle):
    claims = tmp_path / "bad.toml"
    claims.write_text(content)
    res = run("verify", str(claims))
    assert res.returncode == 2
    assert needle in res.stderr and str(claims) in res.stderr
    assert "Traceback" not in res.stderr


def test_missing_file_exits_two():
    res = run("verify", "/nonexistent/claims.toml")
    assert res.returncode == 2 and "cannot read" in res.stderr


def test_verify_reads_stdin():
    res = run(
        "verify",
        "-",
        "--no-cross-check",
        stdin='[[claim]]\nsubject = "Taiwan"\n'
        'reference = "Senkaku"\ndistance = 170\ndirection = "southwest"\n',
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_extract_pipes_into_verify(tmp_path, article_text):
    article = tmp_path / "article.txt"
    article.write_text(article_text, encoding="utf-8")
    extracted = run("extract", str(article))
    assert extracted.returncode == 0, extracted.stderr
    assert "2 claims found" in extracted.stderr
    res = run("verify", "-", "--format", "json", "--no-cross-check", stdin=extracted.stdout)
    assert res.returncode == 0, res.stdout + res.stderr
    records = json.loads(res.stdout)
    assert {(r["stated_km"], r["status"]) for r in records} == {(111.0, "holds"), (170.0, "holds")}


def test_extract_lists_unresolved_places(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Atlantis lies 300 km east of Yonaguny.", encoding="utf-8")
    res = run("extract", str(article))
    assert res.returncode == 0
    assert "unresolved place: 'Atlantis'" in res.stderr and "Yonaguni" in res.stderr
    verdict = run("verify", "-", stdin=res.stdout)
    assert verdict.returncode == 1 and "cannot be checked" in verdict.stdout


def test_unknown_place_in_claims_file_suggests(tmp_path):
    claims = tmp_path / "c.toml"
    claims.write_text(
        '[[claim]]\nid = "x"\nsubject = "Taiwan"\nreference = "Senkakku"\ndistance = 170\n'
    )
    res = run("verify", str(claims), "--no-cross-check")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "field 'reference'" in res.stderr and "'Senkaku" in res.stderr


MIXED = (
    '[[claim]]\nid = "good"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 111\n'
    'direction = "WNW"\nqualifier = "barely"\n'
    '[[claim]]\nid = "bad"\nsubject = "Taiwan"\nreference = "Yonaguni"\ndistance = 111\n'
    'unit = "parsec"\n'
    '[[claim]]\nid = "far"\nsubject = "Kyushu"\nreference = "Taiwan"\ndistance = 500\n'
    'qualifier = "more than"\n'
    "[[claim]]\nid = 'inside'\nsubject = 'Iriomote'\nreference = 'Yaeyama Islands'\n"
    "distance = 0\ndirection = 'west-southwest'\n"
)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_verify_mixed_file_prints_every_verdict_and_exits_two(tmp_path, fmt):
    claims = tmp_path / "mixed.toml"
    claims.write_text(MIXED, encoding="utf-8")
    res = run("verify", str(claims), "--no-cross-check", "--format", fmt)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    [line] = res.stderr.splitlines()
    assert str(claims) in line and "claim 'bad', field 'unit'" in line and "km, mi or nmi" in line
    for cid in ("good", "bad", "far", "inside"):
        assert cid in res.stdout
    if fmt == "json":
        statuses = {r["id"]: r["status"] for r in json.loads(res.stdout)}
        assert statuses == {
            "good": "does not hold",  # 279° is not WNW (292.5° ± 11.25°)
            "bad": "cannot be checked",
            "far": "holds",
            "inside": "holds",
        }


def test_verify_exit_statuses(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(MIXED.split('[[claim]]\nid = "bad"')[0].replace('"WNW"', '"W"'))
    assert run("verify", str(good), "--no-cross-check").returncode == 0
    holds_elsewhere = tmp_path / "group.toml"
    holds_elsewhere.write_text(
        '[[claim]]\nsubject = "Senkaku Islands"\nreference = "Okinawa Island"\n'
        'distance = 410\nqualifier = "approximately"\ndirection = "west"\n'
    )
    res = run("verify", str(holds_elsewhere), "--no-cross-check")
    assert res.returncode == 0 and "HOLDS ON ANOTHER READING" in res.stdout
    assert "Uotsuri Island" in res.stdout


def test_verify_internal_error_has_its_own_status(tmp_path, monkeypatch):
    import islandchain.claims as claims_module

    def broken(claim, cross_check):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(claims_module, "_check_distance", broken)
    claims = tmp_path / "c.toml"
    claims.write_text(MIXED)
    res = CliRunner().invoke(cli, ["verify", str(claims), "--no-cross-check"])
    assert res.exit_code == 3
    assert "internal error" in res.output and "simulated bug" in res.output


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"\x00\x01binary\xff\xfe", "binary"),
        ("[[claim]]\nsubject = 'Taiwan' # caf\xe9".encode("latin-1"), "not UTF-8"),
        (b"claim = [1, 2, 3]\n", "must be a table"),
    ],
)
def test_verify_unreadable_files_exit_two_in_one_line(tmp_path, data, needle):
    claims = tmp_path / "bad.toml"
    claims.write_bytes(data)
    res = run("verify", str(claims), "--no-cross-check")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert needle in res.stderr and str(claims) in res.stderr


def test_verify_reads_a_bom_and_utf16(tmp_path):
    text = '[[claim]]\nsubject = "Taiwan"\nreference = "与那国島"\ndistance = 111\n'
    for name, data in (
        ("bom.toml", b"\xef\xbb\xbf" + text.encode()),
        ("u16.toml", text.encode("utf-16")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        res = run("verify", str(path), "--no-cross-check")
        assert res.returncode == 0, res.stderr


def test_verify_removes_control_characters(tmp_path):
    claims = tmp_path / "c.toml"
    claims.write_text(
        '[[claim]]\nquote = "Taiwan \\u001b[2J\\u001b]0;owned\\u0007lies 111 km west"\n'
        'subject = "Taiwan"\nreference = "Yonaguni"\ndistance = 111\n'
    )
    for fmt in ("table", "json", "csv", "markdown"):
        res = run("verify", str(claims), "--no-cross-check", "--format", fmt)
        assert res.returncode == 0
        assert "\x1b" not in res.stdout and "\x07" not in res.stdout
        assert "lies 111 km west" in res.stdout


def test_progress_line_on_a_terminal_only(monkeypatch):
    import io

    from islandchain.cli._common import progress_line

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    with progress_line("measured positions", least=10) as show:
        assert show is not None
        show(5, 5)  # too short a run to show
        show(4, 20)
        show(20, 20)
    text = term.getvalue()
    assert "5/5" not in text
    assert "\rmeasured positions 4/20" in text and "\rmeasured positions 20/20" in text
    assert text.endswith("\r\x1b[K")  # cleared at the end
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal
    with progress_line("measured positions") as show:
        assert show is None
