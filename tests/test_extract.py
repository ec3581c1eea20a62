"""Extraction of distance statements from plain text."""

from __future__ import annotations

import pytest

from islandchain.claims import check_claim, parse_claims
from islandchain.extract import extract_claims, to_toml

ARTICLE_SENTENCE = (
    "Taiwan lies 111km west of Japan-administered Yonaguni Island and 170km southwest "
    "of the Senkaku islands, Japanese ownership of which is disputed by China."
)


def test_finds_both_article_statements_in_the_article(article_text):
    found = extract_claims(article_text)
    got = {(c.subject, c.reference, c.distance, c.unit, c.direction) for c in found.claims}
    assert ("Taiwan", "Yonaguni Island", 111.0, "km", "west") in got
    assert ("Taiwan", "the Senkaku islands", 170.0, "km", "southwest") in got
    assert not found.unresolved


@pytest.mark.parametrize(
    ("text", "subject", "reference", "distance", "unit", "qualifier", "direction"),
    [
        (
            "Okinawa is some 170 kilometres southwest of Amami Oshima.",
            "Okinawa",
            "Amami Oshima",
            170,
            "km",
            "some",
            "southwest",
        ),
        ("Kinmen sits just 10 km from Xiamen.", "Kinmen", "Xiamen", 10, "km", "just", ""),
        ("Ishigaki lies 60 nautical miles from Miyako.", "Ishigaki", "Miyako", 60, "nmi", "", ""),
        (
            "Orchid Island lies 110 km off the coast of Luzon.",
            "Orchid Island",
            "Luzon",
            110,
            "km",
            "",
            "",
        ),
        ("Hualien is 120 miles from Yonaguni.", "Hualien", "Yonaguni", 120, "mi", "", ""),
        (
            "The Penghu islands lie about 50km west of Taiwan.",
            "Penghu",
            "Taiwan",
            50,
            "km",
            "about",
            "west",
        ),
        (
            "Itbayat is roughly 1,200 km north-east of Palawan.",
            "Itbayat",
            "Palawan",
            1200,
            "km",
            "roughly",
            "northeast",
        ),
        (
            "Yonaguni lies 111 km (69 miles) east of Taiwan.",
            "Yonaguni",
            "Taiwan",
            111,
            "km",
            "",
            "east",
        ),
    ],
)
def test_varied_phrasings(text, subject, reference, distance, unit, qualifier, direction):
    [c] = extract_claims(text).claims
    assert (c.distance, c.unit, c.qualifier, c.direction) == (distance, unit, qualifier, direction)
    assert subject in c.subject and reference in c.reference
    assert not c.unresolved


def test_unknown_places_are_listed_not_dropped():
    found = extract_claims("Atlantis lies 300 km east of Yonaguni.")
    [c] = found.claims
    assert c.unresolved == ("Atlantis",)
    assert [m.text for m in found.unresolved] == ["Atlantis"]
    verdict = check_claim(parse_claims(to_toml(found), "x")[1][0])
    assert verdict.status == "cannot be checked" and "Atlantis" in verdict.reason


def test_suggestions_for_a_misspelt_place():
    found = extract_claims("Taiwan lies 111 km west of Yonaguny.")
    [mention] = found.unresolved
    assert any("Yonaguni" in s for s in mention.suggestions)


def test_written_claims_file_round_trips_and_verifies():
    found = extract_claims(ARTICLE_SENTENCE)
    source, claims = parse_claims(to_toml(found, {"title": 'A "quoted" <title>'}), "x")
    assert source["title"] == 'A "quoted" <title>'
    assert [check_claim(c).status for c in claims] == ["holds", "holds"]


def test_text_without_statements_finds_nothing():
    assert extract_claims("Tensions rose in 2024 as 40 aircraft crossed the line.").claims == ()
