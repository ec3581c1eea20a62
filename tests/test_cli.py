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
