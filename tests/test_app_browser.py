"""The page in headless Debian Chromium on a laptop and a phone: paste, check, correct, download,
hostile input. The server is started with the command the README names."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from browser import ARTIFACTS, SCREENS

ROOT = Path(__file__).resolve().parents[1]

# An article of the kind the page is for (written for this test).
ARTICLE = (
    "Tokyo has reinforced its outposts in the far south-west. Taiwan lies 111km west of "
    "Japan-administered Yonaguni Island, officials said on Tuesday, and Kinmen lies about "
    "10 km from Xiamen. Analysts note that Yonaguny is only 40 km from Hateruma."
)
HOSTILE = (
    "Kinmen lies 10 km from Xiamen. </textarea></script><script>window.__pwned=1</script>"
    '<img src=x onerror="window.__pwned=1"> {{ 7*7 }} \x07\x1b[31m\u202e end'
)


def readme_command() -> list[str]:
    """The command the README gives for the page (a line starting 'islandchain serve')."""
    for line in (ROOT / "README.md").read_text().splitlines():
        words = shlex.split(line.split("#", 1)[0]) if line.startswith("islandchain serve") else []
        if words:
            return words
    raise AssertionError("README.md names no 'islandchain serve' command")


@pytest.fixture(scope="module")
def server(zones_built):
    words = readme_command()
    cmd = [sys.executable, "-c", "from islandchain.cli import main; main()", *words[1:]]
    proc = subprocess.Popen(
        [*cmd, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, f"no address printed: {line!r} {proc.stderr.read() if proc.poll() else ''}"
        yield match.group(0)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            pytest.fail("the server did not stop within 20 s of SIGTERM")


def check_text(page, text: str) -> None:
    page.fill("#text", text)
    submit(page, "#check")


def submit(page, selector: str) -> None:
    """Click a button that sends a form, and wait for the answer page."""
    with page.expect_navigation(wait_until="load"):
        page.click(selector)


@pytest.mark.parametrize("screen", SCREENS)
def test_paste_check_correct_download(chromium, server, screen, tmp_path):
    size = SCREENS[screen]
    with chromium.served(server, size=size) as (page, run):
        check_text(page, ARTICLE)
        rows = page.locator("#verdicts tbody tr").all_inner_texts()
        assert len(rows) == 3, rows
        assert "holds" in rows[0] and "111" in rows[0]
        # Each statement's figure is marked in the text with its verdict.
        marks = page.locator("#article mark").all()
        assert [m.inner_text() for m in marks] == ["111km", "about 10 km", "only 40 km"]
        assert marks[0].get_attribute("class") == "s-holds"
        # The misread place is among the places to check, with the close names.
        places = page.locator("#places").inner_text()
        assert "Yonaguny" in places and "Yonaguni" in places
        assert "cannot be checked" in rows[2]
        # The page fits the screen: nothing wider than the window.
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
        page.screenshot(path=str(ARTIFACTS / f"page-{screen}.png"), full_page=True)
        # The map is the offline claims map, inside the page.
        frame = page.frame_locator("#map")
        frame.locator(".leaflet-container").wait_for()
        box = page.locator("#map").bounding_box()
        assert box["width"] <= size[0] and box["height"] >= 400
        # Correct the place and check again.
        last = page.locator("fieldset.edit").nth(2)
        last.locator("input[name$='-subject']").fill("Yonaguni")
        submit(page, "#recheck")
        rows = page.locator("#verdicts tbody tr").all_inner_texts()
        assert "cannot be checked" not in rows[2] and "km" in rows[2].split("\t")[3], rows[2]
        assert page.locator("#article mark").nth(2).get_attribute("class") != "s-cannot-be-checked"
        # Downloads: the claims file has the correction; CSV, JSON, HTML and PNG come whole.
        got = {}
        for kind in ("claims.toml", "verdicts.csv", "verdicts.json", "map.html", "map.png"):
            with page.expect_download() as info:
                page.click(f"#downloads button[value='{kind}']")
            path = tmp_path / kind
            info.value.save_as(path)
            got[kind] = path.read_bytes()
        assert b'subject = "Yonaguni"' in got["claims.toml"]
        assert got["verdicts.csv"].startswith(b"id,")
        assert len(json.loads(got["verdicts.json"])) == 3
        assert got["map.png"].startswith(b"\x89PNG")
        assert b"leaflet" in got["map.html"].lower()
    assert not run.blocked, run.blocked
    assert not run.page_errors, run.page_errors


@pytest.mark.parametrize("screen", SCREENS)
def test_hostile_text_stays_text(chromium, server, screen):
    with chromium.served(server, size=SCREENS[screen]) as (page, run):
        check_text(page, HOSTILE)
        assert page.evaluate("window.__pwned") is None
        shown = page.locator("#article").inner_text()
        assert "<script>window.__pwned=1</script>" in shown and "{{ 7*7 }}" in shown
        assert not re.search("[\x00-\x08\x1b\u202e]", shown)
        assert page.locator("#text").input_value().endswith("end")
        assert page.locator("#article img").count() == 0
    assert not run.page_errors, run.page_errors


def test_huge_upload_gets_one_message(chromium, server, tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"Kinmen lies 10 km from Xiamen. " * 200_000)  # 6.2 MB
    with chromium.served(server, size=SCREENS["phone"]) as (page, run):
        page.set_input_files("#file", str(big))
        submit(page, "#check")
        error = page.locator("#error").inner_text()
        assert "at most 4,194,304 bytes" in error and re.search(r"is 6,2\d\d,\d{3} bytes", error)
        assert page.locator("#verdicts").count() == 0


def test_uploaded_track_shows_zones(chromium, server, tmp_path):
    track = tmp_path / "track.kml"
    track.write_text(
        '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark>'
        "<LineString><coordinates>122.2,24.0 123.6,24.6</coordinates></LineString>"
        "</Placemark></kml>"
    )
    with chromium.served(server, size=SCREENS["laptop"]) as (page, run):
        page.set_input_files("#file", str(track))
        submit(page, "#check")
        text = page.locator("#zones").inner_text()
        assert "JPN" in text and "territorial sea" in text
        page.frame_locator("#map").locator(".leaflet-container").wait_for()
    assert not run.page_errors, run.page_errors


def test_interface_in_japanese_and_chinese(chromium, server):
    with chromium.served(server, "?lang=ja", size=SCREENS["phone"]) as (page, _):
        assert page.locator("#check").inner_text() == "確認する"
        check_text(page, "与那国島は台湾の東約110キロに位置する。")
        assert "成り立つ" in page.locator("#verdicts").inner_text()
    with chromium.served(server, "?lang=zh", size=SCREENS["phone"]) as (page, _):
        assert page.locator("#check").inner_text() == "核查"
