"""The hostile catalogue of issue 24: each case a row, each row a reproduced failure.

Figures must be read as written or skipped with a reason, never turned into another
number; invalid areas refused, never miscounted; limits enforced while reading; every
output format safe for any text. The tables below are the catalogue: each row one
test case (``pytest tests/test_hostile.py --collect-only -q`` counts them).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import signal
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import shapely
import tomli_w

import islandchain as ic
from islandchain.errors import ClaimError, InputError, IslandchainError
from islandchain.extract import extract_claims
from islandchain.geojson import parse_geometry
from islandchain.io import decode_text
from islandchain.report import verdicts_text

# --------------------------------------------------------------------------- figures

#: (figure as written, what must happen): ("read", low, high, unit, note substring or "")
#: or ("skip", reason substring). Each is put in "Yonaguni lies FIGURE east of Taiwan."
FIGURES = [
    ("111¹ km", ("read", 111, None, "km", "")),
    ("110² km", ("read", 110, None, "km", "")),
    ("110[1] km", ("read", 110, None, "km", "")),
    ("110½ km", ("read", 110.5, None, "km", "read as 110.5")),
    ("68¾ miles", ("read", 68.75, None, "mi", "read as 68.75")),
    ("2'100 km", ("read", 2100, None, "km", "")),
    ("2\u2019100 km", ("read", 2100, None, "km", "")),
    ("1.1×10² km", ("skip", "powers of ten")),
    ("1.1x10^2 km", ("skip", "powers of ten")),
    ("between 120 and 100 km", ("read", 100, 120, "km", "read as 100-120")),
    ("120-100 km", ("skip", "high to low")),
    ("120 to 100 km", ("skip", "high to low")),
    ("2,100.5 km", ("read", 2100.5, None, "km", "")),
    ("20,037.5 km", ("read", 20037.5, None, "km", "")),
    ("110,000 m", ("read", 110, None, "km", "read as 110 km")),
    ("110,000 metres", ("read", 110, None, "km", "read as 110 km")),
    ("1\ufe0f\u20e31\ufe0f\u20e31\ufe0f\u20e3 km", ("skip", "keycap digits")),
    ("1/2 km", ("skip", "fraction written with a slash")),
    ("\u0661\u0661\u0661 km", ("read", 111, None, "km", "")),
    ("2\u202f100 km", ("read", 2100, None, "km", "")),
]


def _outcome(sentence: str):
    found = extract_claims(sentence)
    claims = [(c.distance, c.distance_max, c.unit, " ".join(c.notes)) for c in found.claims]
    skipped = [s.reason for s in found.skipped]
    assert not [t for t in skipped + [c[3] for c in claims] if "<extract>" in t]  # internal name
    return claims, skipped


@pytest.mark.parametrize(("figure", "want"), FIGURES, ids=[f for f, _ in FIGURES])
def test_a_figure_is_read_as_written_or_skipped_with_a_reason(figure, want):
    claims, skipped = _outcome(f"Yonaguni lies {figure} east of Taiwan.")
    if want[0] == "read":
        _, low, high, unit, note = want
        assert len(claims) == 1 and not skipped, (claims, skipped)
        distance, distance_max, got_unit, notes = claims[0]
        assert (distance, distance_max, got_unit) == (low, high, unit)
        assert note in notes
    else:
        assert not claims, claims
        assert len(skipped) == 1 and want[1] in skipped[0], skipped


#: Chinese and Japanese sentences: formal numerals are read by cn2an.
CJK_FIGURES = [
    ("钓鱼岛距离台湾基隆约壹佰玖拾公里。", 190.0),
    ("钓鱼岛距离台湾基隆约一百九十公里。", 190.0),
]


@pytest.mark.parametrize(("sentence", "km"), CJK_FIGURES)
def test_chinese_numerals_formal_or_not_are_read(sentence, km):
    claims, skipped = _outcome(sentence)
    assert [c[0] for c in claims] == [km] and not skipped


# --------------------------------------------------------------------------- areas

SHELL = [[122, 24], [123, 24], [123, 25], [122, 25], [122, 24]]
#: (what, GeoJSON geometry, substring of the one-line refusal)
BAD_AREAS = [
    (
        "hole outside its shell",
        {
            "type": "Polygon",
            "coordinates": [SHELL, [[124, 24], [124.5, 24], [124.5, 24.5], [124, 24.5], [124, 24]]],
        },
        "polygon 0 is not a valid area (Hole lies outside shell",
    ),
    (
        "hole equal to its shell",
        {"type": "Polygon", "coordinates": [SHELL, SHELL]},
        "polygon 0 is not a valid area",
    ),
    (
        "bow-tie",
        {
            "type": "Polygon",
            "coordinates": [[[122, 24], [123, 25], [123, 24], [122, 25], [122, 24]]],
        },
        "polygon 0 is not a valid area (Self-intersection at 122.5, 24.5)",
    ),
    (
        "second polygon of a MultiPolygon is a bow-tie",
        {
            "type": "MultiPolygon",
            "coordinates": [[SHELL], [[[130, 24], [131, 25], [131, 24], [130, 25], [130, 24]]]],
        },
        "polygon 1 is not a valid area",
    ),
    (
        "overlapping polygons of a MultiPolygon",
        {"type": "MultiPolygon", "coordinates": [[SHELL], [SHELL]]},
        "not a valid area",
    ),
    (
        "longitude as a string",
        {"type": "Point", "coordinates": ["122.0", 24.0]},
        'coordinate "122.0", a JSON string',
    ),
    (
        "longitude as a boolean",
        {"type": "LineString", "coordinates": [[True, 24.0], [123, 24]]},
        "coordinate true, a JSON boolean",
    ),
    (
        "latitude as null",
        {"type": "Point", "coordinates": [122.0, None]},
        "coordinate null, a JSON null",
    ),
]


@pytest.mark.parametrize(("what", "geometry", "needle"), BAD_AREAS, ids=[w for w, *_ in BAD_AREAS])
def test_an_invalid_area_is_refused_in_one_line_naming_the_part(what, geometry, needle):
    with pytest.raises(InputError) as caught:
        parse_geometry(json.dumps({"type": "Feature", "properties": {}, "geometry": geometry}))
    message = str(caught.value)
    assert needle in message and "\n" not in message
    assert "feature" not in message or "the geometry of the document" in message or "(" in message


def test_a_valid_polygon_with_a_hole_is_still_read_with_the_hole():
    hole = [[122.2, 24.2], [122.4, 24.2], [122.4, 24.4], [122.2, 24.4], [122.2, 24.2]]
    geom = parse_geometry(json.dumps({"type": "Polygon", "coordinates": [SHELL, hole]}))
    assert geom.area == pytest.approx(1 - 0.04)


# ---------------------------------------------------------------- check_intrusion

#: The API must give the command line's answer: across the date line, no zone.
DATE_LINE = [
    ("a 20° track across the date line", shapely.LineString([(170, 24), (-170, 24)])),
    (
        "a mid-Pacific box across the date line",
        shapely.Polygon([(170, 0), (-170, 0), (-170, 10), (170, 10), (170, 0)]),
    ),
]


@pytest.mark.parametrize(("what", "geometry"), DATE_LINE, ids=[w for w, _ in DATE_LINE])
def test_check_intrusion_unwraps_across_the_date_line_as_the_cli_does(
    what, geometry, tmp_path, invoke
):
    assert ic.check_intrusion(geometry).intrusions == ()
    path = tmp_path / "track.geojson"
    path.write_text(json.dumps(shapely.geometry.mapping(geometry)))
    code, out, err = invoke("zones", "check", str(path))
    assert code == 0, err
    assert "no zone" in out.lower() or "enters no" in out.lower(), out


def test_check_intrusion_refuses_a_bow_tie_with_the_librarys_error():
    bow = shapely.Polygon([(121, 24), (122, 25), (122, 24), (121, 25), (121, 24)])
    with pytest.raises(IslandchainError, match=r"check_intrusion: polygon 0 is not a valid area"):
        ic.check_intrusion(bow)


# --------------------------------------------------------------------------- reading

_ARTICLE = "Taiwan lies 111 km west of Yonaguni Island."
#: (encoding, Python codec): an article and a claims file in each are read right.
ENCODINGS = [
    ("UTF-16 LE without a BOM", "utf-16-le"),
    ("UTF-16 BE without a BOM", "utf-16-be"),
    ("UTF-16 with a BOM", "utf-16"),
    ("UTF-32 with a BOM", "utf-32"),
    ("UTF-32 LE without a BOM", "utf-32-le"),
    ("UTF-8 with a BOM", "utf-8-sig"),
]


@pytest.mark.parametrize(("what", "codec"), ENCODINGS, ids=[w for w, _ in ENCODINGS])
def test_articles_and_claims_files_in_utf16_and_utf32_are_read(what, codec, tmp_path, invoke):
    article = tmp_path / "a.txt"
    article.write_bytes(_ARTICLE.encode(codec))
    code, _, err = invoke("extract", str(article))
    assert code == 0, err
    assert "1 claims found" in err
    claims = tmp_path / "c.toml"
    claims.write_bytes(tomli_w.dumps(_doc("ok")).encode(codec))
    _, parsed = ic.load_claims(claims)
    assert [c.id for c in parsed] == ["ok"] and not parsed[0].problems


def test_utf16_cjk_without_a_bom_is_refused_naming_the_encodings():
    with pytest.raises(
        InputError, match=r"not UTF-8 text.*UTF-16 or UTF-32 are read with a byte-order mark"
    ):
        decode_text("与那国島は台湾の東約110キロ".encode("utf-16-le"), "a.txt")


class _Endless(io.RawIOBase):
    """Standard input that never ends."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"Taiwan lies 111 km west of Yonaguni. "[: len(buffer)].ljust(len(buffer), b" ")
        return len(buffer)


#: (arguments, standard input or None, the one line's substring)
LIMITS = [
    (("extract", "/dev/zero"), None, "/dev/zero: more than the 8,000,000 bytes read"),
    (("verify", "/dev/zero"), None, "/dev/zero: more than the 67,108,864 bytes read"),
    (("extract", "-"), "endless", "<stdin>: more than the 8,000,000 bytes read"),
    (("verify", "-"), "endless", "<stdin>: more than the 67,108,864 bytes read"),
]


@pytest.mark.parametrize(("args", "stdin", "needle"), LIMITS, ids=[" ".join(a) for a, *_ in LIMITS])
def test_limits_are_enforced_while_reading(args, stdin, needle, invoke, monkeypatch):
    if stdin == "endless":
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(_Endless())))
    code, _, err = invoke(*args)
    assert code == 2
    assert err.strip().splitlines() == [
        f"islandchain: error: {needle}" + err.split(needle, 1)[1].rstrip()
    ]


def test_sigterm_during_a_write_removes_the_temporary_file_and_says_so(tmp_path):
    script = textwrap.dedent(
        """
        import os, signal, click
        import islandchain.atomic as atomic
        from islandchain.cli._common import run_safely
        real = os.fsync
        def fsync(fd):  # SIGTERM arrives while the temporary file is being written
            os.kill(os.getpid(), signal.SIGTERM)
            real(fd)
        atomic.os.fsync = fsync
        @click.command()
        def cmd():
            atomic.write_atomic(os.path.join(os.environ["OUT"], "out.txt"), "x" * 1000)
        run_safely(cmd)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--"],
        env={**os.environ, "OUT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 128 + signal.SIGTERM == 143
    assert done.stderr.strip().splitlines() == [
        "islandchain: terminated (SIGTERM); no partly written file was left"
    ]
    assert list(tmp_path.iterdir()) == []


def test_cache_clear_removes_stray_temporary_files(tmp_path, monkeypatch):
    from islandchain import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    (tmp_path / ".zones.parquet.abc123.tmp").write_bytes(b"half")
    assert cache.clear() >= 1
    assert not list(tmp_path.glob(".*.tmp"))


# --------------------------------------------------------------------------- claims


def _doc(cid: str, **fields) -> dict:
    claim = {"id": cid, "kind": "distance", "subject": "Taiwan", "reference": "Yonaguni"}
    claim.update({"distance": 111, **fields})
    return {"source": {"title": "t"}, "claim": [claim]}


#: (fields of one claim, the problem's field, a substring of its message)
_ADMIN = {"kind": "administration", "place": "Yonaguni", "admin": "Japan"}
_DISPUTE = {"kind": "dispute", "place": "Senkaku Islands", "claimants": ["China"]}
KIND_MISMATCHES = [
    (_ADMIN, "subject", "not used by administration"),
    (_ADMIN, "distance", "not used by administration"),
    (_DISPUTE, "reference", "not used by dispute"),
    ({"place": "Senkaku Islands", "kind": "distance"}, "place", "not used by a distance claim"),
]


@pytest.mark.parametrize(("fields", "field", "needle"), KIND_MISMATCHES)
def test_fields_a_kind_does_not_use_are_an_error_naming_them(fields, field, needle):
    _, claims = ic.parse_claims(tomli_w.dumps(_doc("x", **fields)), "c.toml")
    problems = {p.field: str(p) for p in claims[0].problems}
    assert field in problems and needle in problems[field], problems


@pytest.mark.parametrize(
    "figure", [np.int64(111), np.float32(111.0), np.float64(111.0), np.int32(111)]
)
def test_check_accepts_numpy_numbers(figure):
    verdict = ic.check("Taiwan", "Yonaguni", figure, cross_check=False)
    assert verdict.claim.distance_km == pytest.approx(111.0)
    assert math.isfinite(verdict.measured_km)


@pytest.mark.parametrize("figure", [True, np.bool_(True)])
def test_check_refuses_booleans(figure):
    with pytest.raises(ClaimError, match="must be a number"):
        ic.check("Taiwan", "Yonaguni", figure, cross_check=False)


# ------------------------------------------------------------------ output formats

#: Text a claims file can carry in every field: formulas, HTML, Markdown, mathtext,
#: templates, controls. Each is put in every text field of a claim and of the source.
HOSTILE_TEXT = [
    '=HYPERLINK("http://evil.example","click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tlead tab",
    "\rlead return",
    "<img src=x onerror=alert(1)>",
    "a | b\nc",
    "US$5 billion, $6 more; $x^2$",
    "{{7*7}} {% raw %}",
    "\x1b[31mred\x07\x0b\x0c",
    "\u202eevil\u2066",
]


def _hostile_claims(text: str) -> dict:
    return {
        "source": {"title": text, "file": text, "url": text},
        "claim": [
            {
                "id": f"h{text[:30]}",
                "kind": "distance",
                "quote": text,
                "note": text,
                "subject": "Taiwan",
                "reference": "Yonaguni",
                "distance": 111,
                "direction": "west",
            },
            {"id": f"u{text[:30]}", "subject": text, "reference": "Yonaguni", "distance": 111},
        ],
    }


@pytest.fixture(scope="module")
def hostile_verdicts():
    out = {}
    for text in HOSTILE_TEXT:
        _, claims = ic.parse_claims(tomli_w.dumps(_hostile_claims(text)), text)
        out[text] = ic.check_claims(claims, cross_check=False)
    return out


_CONTROL = set(map(chr, [*range(0, 9), *range(11, 32), 127])) | {"\u202e", "\u2066"}


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_csv_cells_are_never_formulas(text, hostile_verdicts):
    rows = list(csv.reader(io.StringIO(verdicts_text(hostile_verdicts[text], "csv"))))
    assert len(rows) == 3  # the header and one row per claim: no line broken by the text
    for row in rows[1:]:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                float(cell)  # only a number may start so (-3.5)


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_markdown_escapes_html_pipes_and_newlines(text, hostile_verdicts):
    md = verdicts_text(hostile_verdicts[text], "markdown")
    assert "<img" not in md
    assert not _CONTROL & set(md)
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 4  # header, rule, two claims: a newline in a cell breaks no row
    cells = {line.replace("\\|", "").count("|") for line in table}
    assert cells == {10}


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_table_and_json_carry_the_text_without_controls(fmt, text, hostile_verdicts):
    out = verdicts_text(hostile_verdicts[text], fmt)
    assert not _CONTROL & set(out)
    if fmt == "json":
        records = json.loads(out)
        assert records[0]["quote"] == "".join(c for c in text if c not in _CONTROL).strip()


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".html"])
def test_maps_and_figures_draw_hostile_text_as_plain_text(suffix, tmp_path, invoke):
    text = "US$5 billion, $6 more; $x^2$ <b>bold</b> \x1b[31m\x07 {{7*7}}"
    claims = tmp_path / "c.toml"
    claims.write_text(tomli_w.dumps(_hostile_claims(text)), encoding="utf-8")
    out = tmp_path / f"m$x$ {suffix}"
    code, _, err = invoke("map", str(claims), "-o", str(out), "--no-cross-check")
    assert code in (0, 1), err
    data = out.read_bytes()
    assert data
    if suffix == ".svg":
        root = ET.fromstring(data)  # valid XML: no control character got in
        words = " ".join(t for t in root.itertext())
        assert "$x^2$" in words and "US$5 billion, $6 more" in words
    if suffix == ".html":
        page = data.decode("utf-8")
        assert "<b>bold</b>" not in page and "\x1b" not in page


def test_a_figure_with_dollars_in_its_title_is_drawn_not_parsed():
    from islandchain.mapping.figure import story_figure
    from islandchain.mapping.shapes import line_story_layer
    from islandchain.mapping.story import Story

    layer = line_story_layer(shapely.LineString([(123, 24.45), (122, 24.6)]), "$\\alpha$ line")
    fig = story_figure(Story("A $title$ \x07", "US$5 billion, $6 more", (layer,)))
    texts = [t for t in fig.texts if "$" in t.get_text()]
    assert [t.get_text() for t in texts][:2] == ["A $title$", "US$5 billion, $6 more"]
    assert all(t.get_parse_math() is False for t in texts)
    fig.canvas.draw()


# --------------------------------------------------------------------------- low items


def test_extract_output_dash_is_standard_output(tmp_path, invoke, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text(_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("extract", str(article), "-o", "-")
    assert code == 0, err
    assert "[[claim]]" in out
    assert not (tmp_path / "-").exists()


def test_extract_output_is_checked_before_any_work(tmp_path, invoke):
    article = tmp_path / "a.txt"
    article.write_text(_ARTICLE, encoding="utf-8")
    code, _, err = invoke("extract", str(article), "-o", "/proc/found.toml")
    assert code == 2
    assert "cannot write in the folder '/proc'" in err and "claims found" not in err


#: (claim fields, the message's substring, what must not be shown)
MESSAGES = [
    ({"distance": "DATE"}, "got the date or time 1979-05-27", "datetime.date"),
    ({"distance": -1.5}, "got -1.5", "np."),
    ({"distance": 20038}, "20,038 km is longer than any distance on Earth (at most 20,037.5", ""),
    ({"tolerance_km": 1e300}, "from 0 to 20,037.5, got 1e+300", "0" * 20),
]


@pytest.mark.parametrize(("fields", "needle", "hidden"), MESSAGES)
def test_messages_show_values_as_written_not_python_reprs(fields, needle, hidden):
    doc = tomli_w.dumps(_doc("m", **fields)).replace("'DATE'", "1979-05-27")
    doc = doc.replace('"DATE"', "1979-05-27")
    _, claims = ic.parse_claims(doc, "m.toml")
    text = " ".join(str(p) for p in claims[0].problems)
    assert needle in text, text
    assert not hidden or hidden not in text


def test_negative_zero_is_zero():
    _, claims = ic.parse_claims(tomli_w.dumps(_doc("z", distance=-0.0)), "z.toml")
    assert claims[0].distance_km == 0.0 and math.copysign(1, claims[0].distance_km) == 1


def test_nested_toml_names_the_file():
    with pytest.raises(ClaimError, match=r"^deep\.toml: tables or arrays nested too deeply"):
        ic.parse_claims("a = " + "[" * 3000 + "]" * 3000, "deep.toml")


@pytest.mark.parametrize("name", ["YONAGUNI", "TAIWAN", "ISHIGAKI"])
def test_all_capitals_names_resolve(name):
    assert ic.feature(name).name.lower().startswith(name.lower()[:5])


def test_an_unknown_strait_suggests_straits_only():
    with pytest.raises(ic.UnknownPlaceError) as caught:
        ic.strait_width("Miyaco Strait")
    assert caught.value.suggestions[0] == "Miyako Strait"
    kinds = {str(ic.features().loc[ic.resolve(s), "kind"]) for s in caught.value.suggestions}
    assert kinds == {"strait"}


@pytest.mark.parametrize("suffix", [".geojson", ".kml", ".gpkg"])
@pytest.mark.parametrize("text", HOSTILE_TEXT[7:], ids=range(7, len(HOSTILE_TEXT)))
def test_gis_outputs_carry_hostile_text_as_data(suffix, text, hostile_verdicts, tmp_path):
    from islandchain.gisout import verdict_features, write_features

    path = write_features(verdict_features(hostile_verdicts[text]), tmp_path / f"v{suffix}")
    expected = "".join(c for c in text if c not in _CONTROL).strip()
    if suffix == ".geojson":
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        assert expected in {f["properties"]["quote"] for f in features}
    elif suffix == ".kml":
        ET.fromstring(path.read_bytes())  # valid XML: no control character got in
    else:
        import geopandas as gpd

        assert expected in set(gpd.read_file(path)["quote"])
