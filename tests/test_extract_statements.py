"""Extraction of the statements beyond "N km", in English, Japanese and Chinese.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import json

import pytest

from islandchain.claims import check_text, parse_claims
from islandchain.extract import extract_claims, to_json, to_toml

# (text, [(kind, subject id, reference id, other id, a field that must be written)])
SENTENCES = [
    # direction alone
    ("Pengjia Islet lies north-east of Keelung.",
     [("direction", "pengjia", "keelung_city", "", ("direction", "northeast"))]),
    ("Kuba Island sits to the north-east of Uotsuri, west of Okinawa and east of Taiwan.",
     [("direction", "kuba", "uotsuri", "", ("direction", "northeast")),
      ("direction", "kuba", "okinawa", "", ("direction", "west")),
      ("direction", "kuba", "taiwan", "", ("direction", "east"))]),
    ("Lanyu lies some 60 km off the coast, south-east of Green Island.",
     [("direction", "orchid_island", "green_island", "", ("direction", "southeast"))]),
    # a part of the place between the direction and its name
    ("Orchid Island lies east of the southern tip of Taiwan.",
     [("direction", "orchid_island", "eluanbi", "", ("direction", "east"))]),
    ("Hateruma lies east of Taiwan and north-east of the southern tip of Taiwan.",
     [("direction", "hateruma", "taiwan", "", ("direction", "east")),
      ("direction", "hateruma", "eluanbi", "", ("direction", "northeast"))]),
    ("彭佳嶼は基隆の北東に位置する。",
     [("direction", "pengjia", "keelung_city", "", ("direction", "northeast"))]),
    ("钓鱼岛位于台湾东北方。",
     [("direction", "uotsuri", "taiwan", "", ("direction", "northeast"))]),
    # comparisons
    ("Hateruma is closer to Iriomote than to Taiwan.",
     [("comparison", "hateruma", "iriomote", "taiwan", ("than", "Taiwan"))]),
    ("Taiwan is nearer Yonaguni than Ishigaki is.",
     [("comparison", "taiwan", "yonaguni", "ishigaki", ("comparative", "nearer"))]),
    ("The island is nearer Taiwan than any Japanese city.",
     [("comparison", "yonaguni", "taiwan", "", ("than_state", "JPN"))]),
    ("与那国島からは石垣よりも台湾が近い。",
     [("comparison", "yonaguni", "taiwan", "ishigaki", ("than", "石垣"))]),
    ("与那国岛离台湾比离石垣岛更近。",
     [("comparison", "yonaguni", "taiwan", "ishigaki", ("comparative", "nearer"))]),
    # extremes
    ("Hateruma, Japan's southernmost inhabited island, has a small airport.",
     [("extreme", "hateruma", "", "", ("inhabited", True))]),
    ("Y'Ami is the northernmost island of the Philippines.",
     [("extreme", "yami", "", "", ("state", "PHL"))]),
    ("Cape Eluanbi is the southernmost point of Taiwan.",
     [("extreme", "eluanbi", "", "", ("within", "Taiwan"))]),
    ("Yonaguni is the closest Japanese island to Taiwan.",
     [("extreme", "yonaguni", "taiwan", "", ("extreme", "closest"))]),
    ("与那国島は日本最西端の島である。",
     [("extreme", "yonaguni", "", "", ("state", "JPN"))]),
    ("鹅銮鼻是台湾最南端。",
     [("extreme", "eluanbi", "", "", ("among", "point"))]),
    ("与那国島は台湾に一番近い島だ。",
     [("extreme", "yonaguni", "taiwan", "", ("state", "JPN"))]),
    # between
    ("Miyako lies roughly midway between Okinawa and Ishigaki.",
     [("between", "miyako", "okinawa", "ishigaki", ("qualifier", "about"))]),
    ("Penghu lies in the middle of the Taiwan Strait.",
     [("between", "penghu", "taiwan_strait", "", ("place", "Taiwan Strait"))]),
    ("宮古島は沖縄本島と石垣島の中間にある。",
     [("between", "miyako", "okinawa", "ishigaki", ("between", None))]),
    ("宫古岛位于冲绳岛与石垣岛中间。",
     [("between", "miyako", "okinawa", "ishigaki", ("between", None))]),
]  # fmt: skip

# Sentences that must not give such a statement.
NOT_STATEMENTS = [
    "Yonaguni lies 111 km east of Taiwan.",  # a distance claim, with its direction
    "与那国島は台湾の東約110キロに位置する。",
    "Ships sailed north-east of Keelung.",  # no place is the subject
    "Itbayat lies about 190 km south of the southernmost point of Taiwan.",
    # a part of a place that is not a cape of it: not a statement about the whole place
    "Orchid Island lies south of the eastern coast of Taiwan.",
    "Yonaguni lies east of the western end of Taiwan.",
]


def _context(text: str) -> str:
    # "The island" refers back: give it a sentence to refer to.
    return ("Yonaguni has a small port. " + text) if text.startswith("The island") else text


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_statements_are_found_in_each_language(text, expected):
    found = extract_claims(_context(text))
    got = [(s.kind, s.subject_id, s.reference_id, s.other_id) for s in found.statements]
    assert got == [e[:4] for e in expected], got
    for st, (*_, (field, value)) in zip(found.statements, expected, strict=True):
        if value is None:
            assert field in st.entry
        else:
            assert st.entry[field] == value, st.entry
        assert _context(text)[st.span[0] : st.span[1]]  # a span in the text given


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_no_statement_where_there_is_none(text):
    assert extract_claims(text).statements == ()


def test_directions_keep_their_json_list_with_place_ids():
    text = "Kuba Island sits north-east of Uotsuri. It lies 35 km from Taisho, north of Taiwan."
    doc = json.loads(to_json(extract_claims(text)))
    pairs = [(d["subject_id"], d["reference_id"], d["direction"]) for d in doc["directions"]]
    assert pairs == [("kuba", "uotsuri", "northeast"), ("kuba", "taiwan", "north")]
    kinds = [c["kind"] for c in doc["claims"]]
    assert kinds.count("direction") == 2 and "distance" in kinds


def test_extracted_statements_are_claims_verify_reads_and_checks():
    text = (
        "Pengjia Islet lies north-east of Keelung. Yonaguni is closer to Taiwan than to "
        "Ishigaki. Hateruma is Japan's southernmost island."
    )
    _, claims = parse_claims(to_toml(extract_claims(text)))
    assert [c.kind for c in claims] == ["direction", "comparison", "extreme"]
    assert all(not c.problems for c in claims)
    statuses = [str(v.status) for v in check_text(text, cross_check=False)]
    assert statuses == ["holds", "holds on another reading", "does not hold"]
