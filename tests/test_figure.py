"""Static figures: rendered for print, their size and their text checked."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from geographiclib.geodesic import Geodesic

from islandchain.claims import check_claims, load_claims
from islandchain.errors import OutputError
from islandchain.export import figure_bytes, to_figure
from islandchain.mapping.figure import CJK_FONT, font_family, story_figure
from islandchain.mapping.stories import claims_story, zones_story
from islandchain.published import published_areas

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(data: bytes) -> list[str]:
    """Every text element of an SVG, as the reader would select it."""
    root = ET.fromstring(data)
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def verdicts(repo):
    _, claims = load_claims(repo / "claims" / "article.toml")
    return check_claims(claims, cross_check=False)


@pytest.fixture(scope="module")
def article_svg(verdicts) -> bytes:
    return figure_bytes(story_figure(claims_story(verdicts)), "svg")


def test_article_figure_has_its_words_as_text(article_svg, verdicts):
    texts = svg_texts(article_svg)
    assert "How far is Taiwan from Yonaguni Island and the Senkaku Islands?" in texts
    # The figures on the lines: GeographicLib's inverse between each verdict's two points.
    measured = {
        v.claim.distance: Geodesic.WGS84.Inverse(
            v.reference_point[1], v.reference_point[0], v.subject_point[1], v.subject_point[0]
        )["s12"]
        / 1000
        for v in verdicts
        if v.measurement is not None
    }
    assert sorted(measured) == [111, 170]
    for words in (
        *(f"{km:.1f} km · stated {stated:g} km ✓" for stated, km in measured.items()),
        "Yonaguni Island",
        "Taiwan",
        "N",  # the north arrow
        "✓ measured shortest distance: holds",
        "ring: every point at the stated distance",
    ):
        assert words in texts, words
    assert any("© OpenStreetMap contributors" in t for t in texts)
    assert any(t.endswith(" km") and t.split()[0].isdigit() for t in texts)  # the scale bar
    root = ET.fromstring(article_svg)
    assert (root.get("width"), root.get("height")) == ("576pt", "475.2pt")


def test_same_story_gives_the_same_figure(verdicts, article_svg):
    assert figure_bytes(story_figure(claims_story(verdicts)), "svg") == article_svg


def test_article_figure_png_and_pdf(verdicts, tmp_path):
    from PIL import Image

    story = claims_story(verdicts)
    png = to_figure(story, tmp_path / "article.png")
    with Image.open(png) as image:
        assert image.size == (800, 660)
    assert 30_000 < png.stat().st_size < 400_000
    pdf = to_figure(story, tmp_path / "article.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(OutputError, match=r"\.png, \.svg or \.pdf"):
        to_figure(story, tmp_path / "article.jpg")


@pytest.mark.parametrize(("lang", "name"), [("ja", "与那国島"), ("zh", "與那國島")])
def test_figure_names_places_in_japanese_or_chinese(verdicts, lang, name):
    assert CJK_FONT in font_family(), "install fonts-noto-cjk (./run test does)"
    texts = svg_texts(figure_bytes(story_figure(claims_story(verdicts, lang=lang)), "svg"))
    assert name in texts


def test_exercise_area_figure_numbers_the_areas_and_states_the_finding():
    story = zones_story(areas=published_areas("exercise", group="pla-2022-08"))
    texts = svg_texts(figure_bytes(story_figure(story), "svg"))
    assert {"1", "2", "3", "4", "5", "6"} <= set(texts)
    joined = " ".join(texts)
    assert "Japan's EEZ" in joined and "4 (88%)" in joined
    assert "announced exercise area (numbered as announced)" in texts
    assert any("© OpenStreetMap contributors" in t for t in texts)
