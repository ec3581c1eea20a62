"""Extraction of distance statements from English, Japanese and Chinese text."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from islandchain.claims import check_claim, parse_claims
from islandchain.cli import cli
from islandchain.data import resolve
from islandchain.errors import UnknownPlaceError
from islandchain.extract import LIMITS, extract_claims, skipped_report, to_json, to_toml
from islandchain.extract.quantities import find_quantities
from islandchain.extract.text import normalise, sentences

CORPUS = Path(__file__).parent / "corpus" / "distances.toml"
HELDOUT = Path(__file__).parent / "corpus" / "heldout.toml"

ARTICLE_SENTENCE = (
    "Taiwan lies 111km west of Japan-administered Yonaguni Island and 170km southwest "
    "of the Senkaku islands, Japanese ownership of which is disputed by China."
)


def _unknown(name: str) -> str:
    """A place not in the gazetteer, compared by its name without a generic word."""
    return "?" + re.sub(r"\s+(?:islands?|islet)$|[島岛嶼屿]$", "", name.casefold())


def _id(name: str) -> str:
    try:
        return resolve(name)
    except UnknownPlaceError:
        return _unknown(name)


def _claim_id(name: str, fid: str) -> str:
    return fid or _unknown(name)


def _readable(toml: str) -> list:
    """The claims of an extraction's TOML as the claims reader reads them."""
    if "[[claim]]" not in toml:
        return []
    claims = parse_claims(toml, "<test>")[1]
    problems = [str(p) for c in claims for p in getattr(c, "problems", ())]
    assert not problems, problems
    return claims


# ------------------------------------------------------------------------- corpus


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    places: int = 0
    figures: int = 0
    directions: int = 0
    directions_expected: int = 0
    comparators: int = 0
    extra: int = 0
    skipped_expected: int = 0
    skipped_right: int = 0
    failures: list[str] = field(default_factory=list)


def _score_case(case: dict, score: Score) -> None:
    found = extract_claims(case["text"])
    # Whatever the case, the output is valid input for verify.
    _readable(to_toml(found))
    got = list(found.claims)
    score.found += len(got)
    for exp in case.get("claims", []):
        score.expected += 1
        if exp.get("kind") == "width":
            exp = {**exp, "subject": exp["place"], "reference": ""}
        exp_ids = (_id(exp["subject"]), _id(exp["reference"]) if exp["reference"] else "")
        exp_max = exp.get("distance_max")

        def figure_ok(c, exp=exp, exp_max=exp_max):
            return (c.distance, c.distance_max, c.unit) == (
                float(exp["distance"]),
                None if exp_max is None else float(exp_max),
                exp["unit"],
            )

        match = next((c for c in got if figure_ok(c)), None)
        if match is None and got:
            match = got[0]
        if match is None:
            score.failures.append(f"missed {exp}: {case['text']}")
            continue
        got.remove(match)
        score.matched += 1
        ids = (
            _claim_id(match.subject, match.subject_id),
            _claim_id(match.reference, match.reference_id) if match.reference else "",
        )
        direction = exp.get("direction", "")
        places_ok = ids == exp_ids or (not direction and ids == exp_ids[::-1])
        places_ok = places_ok and match.kind == exp.get("kind", "distance")
        places_ok = places_ok and match.at == exp.get("at", "")
        score.places += places_ok
        score.figures += figure_ok(match)
        if direction:
            score.directions_expected += 1
            score.directions += match.direction.replace("-", "") == direction.replace("-", "")
        score.comparators += match.comparator == exp.get("comparator", "plain")
        if not (places_ok and figure_ok(match)):
            score.failures.append(
                f"wrong {match.subject}|{match.reference} {match.distance} {match.unit} "
                f"for {exp}: {case['text']}"
            )
    score.extra += len(got)
    for c in got:
        score.failures.append(f"extra {c.subject}|{c.reference} {c.distance}: {case['text']}")
    reasons = " / ".join(s.reason for s in found.skipped)
    for want in case.get("skipped", []):
        score.skipped_expected += 1
        score.skipped_right += want in reasons
        if want not in reasons:
            score.failures.append(f"skip reason {want!r} not in [{reasons}]: {case['text']}")


def corpus_cases(path: Path = CORPUS) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["case"]


def _report(cases: list[dict], capsys, name: str) -> tuple[Score, callable]:
    score = Score()
    for case in cases:
        _score_case(case, score)
    pct = lambda a, b: 100.0 * a / b if b else 100.0  # noqa: E731
    lines = [
        f"{name}: {len(cases)} sentences, {score.expected} expected claims, {score.found} found",
        f"recall {pct(score.matched, score.expected):.1f} %",
        f"precision {pct(score.found - score.extra, score.found):.1f} %",
        f"subject and reference right {pct(score.places, score.matched):.1f} %",
        f"distance and unit right {pct(score.figures, score.matched):.1f} %",
        f"direction right {pct(score.directions, score.directions_expected):.1f} % "
        f"of {score.directions_expected}",
        f"qualifier meaning right {pct(score.comparators, score.matched):.1f} %",
        f"skip reasons right {pct(score.skipped_right, score.skipped_expected):.1f} % "
        f"of {score.skipped_expected}",
    ]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
        for failure in score.failures:
            print("  ", failure)
    return score, pct


def test_corpus(capsys):
    """Recall and per-field accuracy on the project's corpus (printed)."""
    cases = corpus_cases()
    assert len(cases) >= 120
    score, pct = _report(cases, capsys, "corpus")
    assert pct(score.matched, score.expected) >= 95
    assert pct(score.places, score.matched) >= 95
    assert pct(score.figures, score.matched) >= 98
    # Measured 100 % each (README, "Measured on the project's corpus"); a few points of slack.
    assert score.directions_expected >= 60
    assert pct(score.directions, score.directions_expected) >= 97
    assert pct(score.comparators, score.matched) >= 97
    assert score.skipped_expected >= 20
    assert pct(score.skipped_right, score.skipped_expected) >= 95


def test_heldout(capsys):
    """Sentences written after tuning: the figures are printed, bounds kept loose."""
    score, pct = _report(corpus_cases(HELDOUT), capsys, "held-out")
    assert pct(score.matched, score.expected) >= 80
    assert pct(score.figures, score.matched) >= 95
    assert pct(score.directions, score.directions_expected) >= 90
    assert pct(score.comparators, score.matched) >= 90
    assert pct(score.skipped_right, score.skipped_expected) >= 90


@pytest.mark.parametrize(
    "case", corpus_cases() + corpus_cases(HELDOUT), ids=lambda c: c["text"][:40]
)
def test_corpus_case_writes_a_readable_claims_file(case):
    found = extract_claims(case["text"])
    claims = _readable(to_toml(found))
    assert len(claims) == len(found.claims) + len(found.statements)
    json.loads(to_json(found))


def test_corpus_through_verify(tmp_path):
    """The corpus as one article, through `extract | verify -`: verify never stops.

    Every sixth sentence by default (verify measures every reading of every claim:
    the whole corpus takes minutes); ISLANDCHAIN_FULL_CORPUS=1 runs them all.
    """
    cases = corpus_cases()
    if not os.environ.get("ISLANDCHAIN_FULL_CORPUS"):
        cases = cases[::6]
    text = "\n\n".join(c["text"] for c in cases)
    article = tmp_path / "corpus.txt"
    article.write_text(text, encoding="utf-8")
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    extracted = subprocess.run(
        [*exe, "extract", str(article)], capture_output=True, text=True, timeout=600
    )
    assert extracted.returncode == 0, extracted.stderr
    verified = subprocess.run(
        [*exe, "verify", "-", "--no-cross-check", "--format", "json"],
        input=extracted.stdout,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert verified.returncode in (0, 1), verified.stderr
    assert "Traceback" not in verified.stderr
    records = json.loads(verified.stdout)
    assert len(records) == extracted.stdout.count("[[claim]]")


# -------------------------------------------------------------- the article


def test_finds_both_article_statements_in_the_article(article_text):
    found = extract_claims(article_text)
    got = {(c.subject_id, c.reference_id, c.distance, c.unit, c.direction) for c in found.claims}
    assert got == {
        ("taiwan", "yonaguni", 111.0, "km", "west"),
        ("taiwan", "senkaku", 170.0, "km", "southwest"),
    }
    assert not found.unresolved


def test_written_claims_file_round_trips_and_verifies():
    found = extract_claims(ARTICLE_SENTENCE)
    source, claims = parse_claims(to_toml(found, {"title": 'A "quoted" <title>'}), "x")
    assert source["title"] == 'A "quoted" <title>'
    assert [check_claim(c, cross_check=False).status for c in claims] == ["holds", "holds"]


# ----------------------------------------------------------------- figures

FIGURES = [
    # text, value, value_max, unit, kind, comparator
    ("5.3 nautical miles", 5.3, None, "nmi", "distance", "plain"),
    ("1,200 km", 1200.0, None, "km", "distance", "plain"),
    ("40–60 km", 40.0, 60.0, "km", "distance", "plain"),
    ("c. 25 to 30 mi", 25.0, 30.0, "mi", "distance", "approximately"),
    ("between 40 and 60 kilometres", 40.0, 60.0, "km", "distance", "plain"),
    ("111 kms", 111.0, None, "km", "distance", "plain"),
    ("two kilometres", 2.0, None, "km", "distance", "plain"),
    ("a hundred and ten kilometres", 110.0, None, "km", "distance", "plain"),
    ("more than 100 km", 100.0, None, "km", "distance", "at least"),
    ("within 12 nmi", 12.0, None, "nmi", "distance", "at most"),
    ("100-odd km", 100.0, None, "km", "distance", "at least"),
    ("8 sq mi", 8.0, None, "mi", "area", "plain"),
    ("36 square kilometres", 36.0, None, "km", "area", "plain"),
    ("289 km²", 289.0, None, "km", "area", "plain"),
    ("約289平方キロ", 289.0, None, "km", "area", "approximately"),
    ("30 km/h", 30.0, None, "km", "speed", "plain"),
    ("the 180-km-wide strait", 180.0, None, "km", "width", "plain"),
    ("a channel some 95 km across", 95.0, None, "km", "width", "approximately"),
    ("27 km long", 27.0, None, "km", "length", "plain"),
    ("約110キロ", 110.0, None, "km", "distance", "approximately"),
    ("約百十キロ", 110.0, None, "km", "distance", "approximately"),
    ("约190公里", 190.0, None, "km", "distance", "approximately"),
    ("三百八十キロ", 380.0, None, "km", "distance", "plain"),
    ("100余公里", 100.0, None, "km", "distance", "slightly above"),
    ("110キロ以上", 110.0, None, "km", "distance", "at least"),
    ("40〜60キロ", 40.0, 60.0, "km", "distance", "plain"),
    ("約35海里", 35.0, None, "nmi", "distance", "approximately"),
    ("56浬", 56.0, None, "nmi", "distance", "plain"),
    ("１１１ｋｍ", 111.0, None, "km", "distance", "plain"),
    ("1\u200b11 km", 111.0, None, "km", "distance", "plain"),
]


@pytest.mark.parametrize(("text", "value", "high", "unit", "kind", "comparator"), FIGURES)
def test_figures(text, value, high, unit, kind, comparator):
    [q] = find_quantities(normalise(text).text)
    assert (q.value, q.value_max, q.unit, q.kind, q.comparator) == (
        value,
        high,
        unit,
        kind,
        comparator,
    )


@pytest.mark.parametrize(
    ("text", "agrees"),
    [("110 kilometres (68 miles)", True), ("110 kilometres (90 miles)", False)],
)
def test_conversion_is_one_figure_and_flagged_when_it_disagrees(text, agrees):
    found = extract_claims(f"Taiwan lies {text} east of the Chinese mainland.")
    [claim] = found.claims
    assert claim.distance == 110 and claim.conversion.agrees is agrees
    assert bool(claim.notes) is not agrees


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Yonaguni lies 0 km from Taiwan.", "zero"),
        ("Yonaguni lies 111.5.5 km from Taiwan.", "not a number"),
        ("Yonaguni lies 1e308 km from Taiwan.", "not a number"),
        ("Yonaguni lies " + "1" * 100_000 + " km from Taiwan.", "not a number"),
        ("Yonaguni lies 99,000 km from Taiwan.", "half the Earth"),
        ("Yonaguni covers 28.9 sq. km near Taiwan.", "area"),
        ("It lies about 110 km east of Taiwan.", "no second place"),
    ],
)
def test_figures_verify_would_refuse_are_skipped_with_a_reason(text, reason):
    found = extract_claims(text)
    assert found.claims == ()
    [skipped] = found.skipped
    assert reason in skipped.reason
    assert len(skipped.figure) <= 120


def test_no_claim_ever_has_an_empty_place():
    for text in ("It lies about 110 km east of Taiwan.", "About 110 km east of Taiwan."):
        assert all(c.subject and c.reference for c in extract_claims(text).claims)


# ----------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    "text",
    [
        "Yonaguni covers 28.9 sq. km and has a pop. of c. 1,700 people.",
        "The U.S. Navy sailed approx. 40 km west of No. 2 buoy near Penghu.",
        "Penghu (pop. 105,000) lies some 50 km west of Taiwan.",
    ],
)
def test_sentences_survive_abbreviations(text):
    assert len(sentences(normalise(text))) == 1


def test_sentences_end_after_quotes_and_cjk_stops():
    parts = sentences(normalise("He said 'Tokyo.' Then he left. 与那国島だ。台湾だ。"))
    assert [s.text for s in parts] == [
        "He said 'Tokyo.'",
        "Then he left.",
        "与那国島だ。",
        "台湾だ。",
    ]


# ------------------------------------------------------------------ places


@pytest.mark.parametrize(
    ("text", "subject", "reference"),
    [
        ("Kinmen sits 10 km east of the city of Xiamen.", "Kinmen", "Xiamen"),
        ("Green Island lies 33 km from the east coast of Taiwan.", "Green Island", "Taiwan"),
        ("Itbayat is 150 km from the southern tip of Taiwan.", "Itbayat", "Taiwan"),
        ("Penghu lies 50 km off Taiwan's west coast.", "Penghu", "Taiwan"),
        ("Kinmen is 180 km west of the Chinese mainland's coast... no.", "Kinmen", "?"),
        ("Yonaguni Island in Okinawa Prefecture lies 110 km east of Taiwan.", "Yonaguni", "Taiwan"),
        ("Japan's Yonaguni island is 110 km from Taiwan.", "Yonaguni", "Taiwan"),
        ("Taiwan's Pengjia Islet is 56 km northeast of Keelung.", "Pengjia", "Keelung"),
        ("Located 600 km from Taiwan, Kadena Air Base is vital.", "Kadena", "Taiwan"),
        ("Pingtan is 130 km from mainland China's rival, Taiwan.", "Pingtan", "?"),
    ],
)
def test_place_phrasings(text, subject, reference):
    claims = extract_claims(text).claims
    if reference == "?":  # a sentence whose pairing is not asserted, only that it reads
        _readable(to_toml(extract_claims(text)))
        return
    [c] = claims
    assert (c.subject_id, c.reference_id) == (_id(subject), _id(reference))


def test_the_islands_and_pronouns_refer_to_the_sentence_before():
    text = "The Senkakus are uninhabited. The islands are some 330 km from Okinawa."
    [c] = extract_claims(text).claims
    assert (c.subject_id, c.reference_id) == ("senkaku", _id("Okinawa"))
    assert text[c.span[0] : c.span[1]].startswith("The islands")


def test_direction_only_statements_are_listed_and_become_direction_claims():
    found = extract_claims("Pengjia lies north-east of Keelung.")
    [d] = found.directions
    assert (d.subject_id, d.direction) == ("pengjia", "northeast")
    [st] = found.statements
    assert st.kind == "direction" and st.entry["direction"] == "northeast"
    assert "direction only" not in skipped_report(found)  # checked now, not skipped


def test_places_outside_the_region_are_skipped_with_the_reason():
    found = extract_claims("Honolulu is 8,100 km from Taipei.")
    assert found.claims == ()
    assert "outside the region" in found.skipped[0].reason


def test_unknown_places_are_kept_as_unresolved_with_suggestions():
    found = extract_claims("Taiwan lies 111 km west of Yonaguny.")
    [c] = found.claims
    assert c.unresolved == ("Yonaguny",)
    [mention] = found.unresolved
    assert any("Yonaguni" in s for s in mention.suggestions)
    verdict = check_claim(_readable(to_toml(found))[0])
    assert verdict.status == "cannot be checked"


def test_spans_point_into_the_original_text():
    text = "Ｔａｉｗａｎ lies １１１\u200bkm west of Yonaguni."
    [c] = extract_claims(text).claims
    assert text[c.figure_span[0] : c.figure_span[1]] == "１１１\u200bkm"
    assert c.distance == 111 and c.subject_id == "taiwan"


# ------------------------------------------------------- hostile text and limits


HOSTILE = st.lists(
    st.sampled_from(
        list("0123456789.,-–~() kmKMmiles nautical")
        + ["Taiwan", "Yonaguni", " of ", " from ", " and ", " apart", " wide", "約", "キロ", "公里"]
        + ["\x1b[31m", "\x00", "\u200b", "\ufeff", "\u202e", "{{7*7}}", '"', "'", "\\", "\n"]
        + [
            "台湾",
            "与那国島",
            "は",
            "の",
            "东北",
            "距离",
            "sq",
            "It",
            " is ",
            " lies ",
            "１",
            "ｋｍ",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_any_text_gives_readable_output(text):
    found = extract_claims(text)
    claims = _readable(to_toml(found, {"file": text}))
    assert len(claims) == len(found.claims) + len(found.statements)
    doc = json.loads(to_json(found, {"file": text}))
    assert len(doc["claims"]) == len(found.claims) + len(found.statements)
    assert "\x1b" not in skipped_report(found)
    for c in found.claims:
        assert c.subject and c.reference and c.distance > 0
        assert 0 <= c.span[0] <= c.span[1] <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_random_unicode_gives_readable_output(text):
    found = extract_claims(text)
    assert len(_readable(to_toml(found))) == len(found.claims)


def test_limits_are_reported(monkeypatch):
    monkeypatch.setitem(LIMITS, "characters", 50)
    monkeypatch.setitem(LIMITS, "sentence", 40)
    text = (
        "Taiwan lies 111 km west of Yonaguni "
        + "and so on " * 10
        + ". Kinmen is 10 km from Xiamen."
    )
    found = extract_claims(text)
    assert any("first 50 characters" in x for x in found.limits)
    assert any("in pieces" in x for x in found.limits)
    assert "limit reached" in skipped_report(found)


def test_long_capitalised_phrases_are_read_once():
    text = " ".join(["Great Northern Capital Phrase Words"] * 400) + " lies 10 km from Taiwan."
    found = extract_claims(text)  # linear: finishes, and finds no claim from the phrase
    assert all(c.reference_id == "taiwan" for c in found.claims)


# ----------------------------------------------------------------- command line


def _run(args, stdin=None):
    return CliRunner().invoke(cli, ["extract", *args], input=stdin)


def test_cli_lists_skipped_figures_on_stderr_and_writes_json(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Kinmen lies 10 km from Xiamen. The county covers 150 sq km.\x1b[2J", encoding="utf-8"
    )
    res = CliRunner().invoke(cli, ["extract", str(article), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["claims"][0]["span"] == [0, 29]
    assert doc["skipped"][0]["reason"] == "an area, not a distance"
    assert "an area, not a distance" in res.stderr
    assert "\x1b" not in res.stdout + res.stderr


def test_cli_writes_atomically_and_exits_1_when_nothing_is_found(tmp_path):
    article = tmp_path / "a.txt"
    out = tmp_path / "out" / "found.toml"
    article.write_text("Taiwan lies 111 km west of Yonaguni.", encoding="utf-8")
    assert _run([str(article), "-o", str(out)]).exit_code == 0
    assert _readable(out.read_text(encoding="utf-8"))
    article.write_text("Nothing here but 40 aircraft.", encoding="utf-8")
    res = _run([str(article)])
    assert res.exit_code == 1 and "0 claims found" in res.stderr


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfeT\x00a\x00", None),  # UTF-16 with a BOM is read
        (b"\xef\xbb\xbfTaiwan lies 111 km west of Yonaguni.", None),  # UTF-8 BOM
        (b"Taiwan \xe9\xff lies", "not UTF-8 text"),
    ],
)
def test_cli_reads_encodings_or_names_the_problem(tmp_path, data, message):
    article = tmp_path / "a.txt"
    article.write_bytes(data)
    exe = [sys.executable, "-c", "from islandchain.cli import main; main()"]
    res = subprocess.run([*exe, "extract", str(article)], capture_output=True, text=True)
    assert "Traceback" not in res.stderr
    if message is None:
        assert res.returncode in (0, 1), res.stderr
    else:
        assert res.returncode == 2 and message in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
