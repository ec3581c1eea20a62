"""Claims beyond "N km" (direction, comparison, extreme, between): read, judged, reported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from islandchain.claimfile import make_claim
from islandchain.claims import check_claim, parse_claims
from islandchain.measured import Comparison, ExtremeFound, Halfway, Sector
from islandchain.report import verdicts_text
from islandchain.verdicts import as_record
from islandchain.vocabulary import Status

H, A, N = Status.HOLDS, Status.HOLDS_ON_ANOTHER_READING, Status.DOES_NOT_HOLD

# (claim fields, expected status, a check on what was measured)
CASES = [
    # direction: the distance claim's sectors and "due" rule
    ({"kind": "direction", "subject": "Pengjia", "reference": "Keelung",
      "direction": "north-east"}, H, lambda f: isinstance(f, Sector) and f.holds),
    ({"kind": "direction", "subject": "Pengjia", "reference": "Keelung",
      "direction": "south-west"}, N, lambda f: 20 < (f.azimuth_deg or 0) < 40),
    ({"kind": "direction", "subject": "Pengjia", "reference": "Keelung",
      "direction": "north-northeast"}, H, lambda f: f.half_width_deg == 11.25),
    ({"kind": "direction", "subject": "Pengjia", "reference": "Keelung",
      "direction": "due north"}, N, lambda f: f.half_width_deg == 11.25 and f.centre_deg == 0),
    ({"kind": "direction", "subject": "Yonaguni", "reference": "Taiwan", "direction": "東"}, H,
     lambda f: f.holds),
    # comparison: a reading that flips (coast 107.5 km vs 104.0 km; towns the other way)
    ({"kind": "comparison", "subject": "Yonaguni", "reference": "Taiwan", "than": "Ishigaki"}, A,
     lambda f: isinstance(f, Comparison) and f.flips
     and f.readings[0].near.distance_km > f.readings[0].far.distance_km),
    ({"kind": "comparison", "subject": "Yonaguni", "reference": "Ishigaki", "than": "Taiwan"}, H,
     lambda f: f.readings[0].holds and f.flips),
    ({"subject": "Okinawa", "reference": "Taiwan", "than": "Ishigaki",
      "comparative": "farther"}, H, lambda f: not f.flips),
    ({"kind": "comparison", "subject": "Yonaguni", "reference": "Taiwan", "than_kind": "city",
      "than_state": "Japan"}, H, lambda f: f.readings[0].far.distance_km > 107.5),
    # extreme: the winner, the margin, inhabited, a disputed place, a point
    ({"kind": "extreme", "subject": "Yonaguni", "extreme": "westernmost", "state": "Japan"}, H,
     lambda f: isinstance(f, ExtremeFound) and f.winner_id == "yonaguni" and f.margin_km == 0),
    ({"kind": "extreme", "subject": "Hateruma", "extreme": "southernmost", "state": "JPN"}, N,
     lambda f: f.winner_id == "okinotorishima" and 390 < f.margin_km < 410),
    ({"kind": "extreme", "subject": "Hateruma", "extreme": "最南端", "state": "日本",
      "inhabited": True}, H, lambda f: f.winner_id == "hateruma"),
    ({"kind": "extreme", "subject": "Itbayat", "extreme": "northernmost", "state": "Philippines"},
     N, lambda f: f.winner_id == "yami" and f.margin_km > 10),
    ({"kind": "extreme", "subject": "Pengjia", "extreme": "northernmost", "state": "Taiwan"}, H,
     lambda f: f.claimants == ("CHN",)),
    ({"kind": "extreme", "subject": "Taisho", "extreme": "easternmost", "state": "China"}, A,
     lambda f: f.claimed_id == "taisho" and f.winner_id != "taisho"),
    ({"kind": "extreme", "subject": "Yonaguni", "extreme": "closest", "state": "Japan",
      "reference": "Taiwan"}, H, lambda f: abs(f.winner_value - 107.5) < 0.1),
    ({"kind": "extreme", "subject": "Eluanbi", "extreme": "southernmost", "among": "point",
      "within": "Taiwan"}, H, lambda f: f.margin_km < 5),
    ({"kind": "extreme", "subject": "Cape Fugui", "extreme": "southernmost", "among": "point",
      "within": "Taiwan"}, N, lambda f: f.margin_km > 200),
    # between: the halfway rule on both readings
    ({"kind": "between", "subject": "Yonaguni", "between": ["Taiwan", "Ishigaki"],
      "qualifier": "about"}, H, lambda f: isinstance(f, Halfway) and 0.45 < f.share < 0.55),
    ({"kind": "between", "subject": "Penghu", "place": "Taiwan Strait"}, N,
     lambda f: f.share > 0.6),
    ({"kind": "between", "subject": "Senkaku", "between": ["Taiwan", "Okinawa"]}, A,
     lambda f: not f.holds and abs(f.share - 0.5) > 0.1),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "status", "measured"), CASES)
def test_each_kind_holds_or_fails_on_what_it_measured(fields, status, measured):
    claim = make_claim(fields, "t.toml")
    assert claim.problems == ()
    verdict = check_claim(claim, cross_check=False)
    assert verdict.status == status, verdict.reason
    assert measured(verdict.found), verdict.found
    record = as_record(verdict)
    assert record["found"]["summary"] == verdict.found.summary
    json.dumps(record)  # plain values only


def test_a_flipping_comparison_names_both_readings():
    v = check_claim(
        make_claim(
            {"kind": "comparison", "subject": "Yonaguni", "reference": "Taiwan", "than": "Ishigaki"}
        ),
        cross_check=False,
    )
    assert "flips between readings" in v.reason
    assert "nearest coast to nearest coast" in v.reason and "town to town" in v.reason
    assert "107.5 km from Taiwan and 104.0 km from Ishigaki Island" in v.reason


def test_a_disputed_extreme_names_its_claimants():
    v = check_claim(
        make_claim(
            {"kind": "extreme", "subject": "Taisho", "extreme": "easternmost", "state": "China"}
        ),
        cross_check=False,
    )
    assert "counting the land China claims but does not administer" in v.reason
    assert "Taishō Island" in v.reason


BAD = [
    ({"kind": "extreme", "subject": "Yonaguni", "extreme": "westermost", "state": "Japan"},
     "extreme", "did you mean 'westernmost'"),
    ({"kind": "extreme", "subject": "Yonaguni", "extreme": "westernmost"}, "state", "missing"),
    ({"kind": "extreme", "subject": "Yonaguni", "extreme": "westernmost", "state": "Japn"},
     "state", "did you mean"),
    ({"kind": "extreme", "subject": "Yonaguni", "extreme": "westernmost", "state": "Japan",
      "inhabited": "yes"}, "inhabited", "true or false"),
    ({"kind": "comparison", "subject": "Yonaguni", "reference": "Taiwan"}, "than", "missing"),
    ({"kind": "comparison", "subject": "Yonaguni", "reference": "Taiwan", "than": "Ishigaky"},
     "than", "unknown place"),
    ({"kind": "comparison", "subject": "Yonaguni", "reference": "Taiwan", "than": "Ishigaki",
      "comparative": "closerr"}, "comparative", "did you mean"),
    ({"kind": "between", "subject": "Yonaguni", "between": ["Taiwan"]}, "between", "two place"),
    ({"kind": "between", "subject": "Yonaguni", "between": ["Taiwan", "Ishigaki"],
      "qualifier": "more than"}, "qualifier", "halfway"),
    ({"kind": "direction", "subject": "Pengjia", "reference": "Keelung"}, "direction", "missing"),
    ({"kind": "direction", "subject": "Pengjia", "reference": "Keelung", "direction": "up",
      "distance": 5}, "distance", "not used"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "field", "words"), BAD)
def test_a_bad_field_names_the_field_and_the_fix(fields, field, words):
    claim = make_claim(fields, "t.toml")
    problems = [p for p in claim.problems if p.field == field]
    assert problems, claim.problems
    assert words in str(problems[0]) and "t.toml" in str(problems[0])
    assert check_claim(claim).status == Status.CANNOT_BE_CHECKED


KINDS_FILE = """
[[claim]]
id = "dir"
kind = "direction"
subject = "Pengjia"
reference = "Keelung"
direction = "north-east"
[[claim]]
id = "ext"
kind = "extreme"
subject = "Hateruma"
extreme = "southernmost"
state = "Japan"
[[claim]]
id = "bad"
kind = "between"
subject = "Yonaguni"
between = "Taiwan"
"""


def _verify(text: str, *args: str) -> subprocess.CompletedProcess:
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    return subprocess.run([*exe, "verify", "-", "--no-cross-check", *args], input=text,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def test_verify_prints_what_each_kind_measured_and_exits_as_for_distances():
    res = _verify(KINDS_FILE)
    assert res.returncode == 2, res.stderr  # a malformed claim, after every verdict
    assert "claim 'bad', field 'between'" in res.stderr
    assert "bearing 32° (NNE) in 45°±22.5°" in res.stdout
    assert "southernmost: Okinotorishima (by 401." in res.stdout
    ok = _verify(KINDS_FILE.split('[[claim]]\nid = "ext"')[0])
    assert ok.returncode == 0, ok.stdout
    fails = _verify(KINDS_FILE.split('[[claim]]\nid = "bad"')[0])
    assert fails.returncode == 1


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "table"])
def test_every_format_carries_what_was_measured(fmt):
    _, claims = parse_claims(KINDS_FILE.split('[[claim]]\nid = "bad"')[0])
    text = verdicts_text([check_claim(c, cross_check=False) for c in claims], fmt)
    assert "Okinotorishima" in text and "45°±22.5°" in text
    if fmt == "json":
        rows = json.loads(text)
        assert rows[1]["found"]["winner"] == "okinotorishima"
        assert rows[0]["found"]["sector_deg"] == [45.0, 22.5]
