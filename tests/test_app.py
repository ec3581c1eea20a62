"""The page's app through Starlette's test client: inputs, corrections, downloads, limits."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.testclient import TestClient

from islandchain.app import MAX_REQUEST_BYTES, create_app
from islandchain.app.checking import work_from_json, work_from_text, work_to_json


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(cross_check=False))


def hidden_work(page: str) -> str:
    import html

    return html.unescape(re.search(r'name="work" value="([^"]*)"', page).group(1))


def test_pasted_text_is_checked_and_marked(client):
    page = client.post("/check", data={"text": "Taiwan lies 111km west of Yonaguni Island."})
    assert page.status_code == 200
    assert '<mark class="s-holds" data-claim="0" title="holds">111km</mark>' in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Kinmen lies 10 km from Xiamen. <script>alert(1)</script>", "<script>alert(1)"),
        ('Kinmen lies 10 km from Xiamen. "><img src=x onerror=alert(1)>', "<img src=x"),
        ("Kinmen lies 10 km from Xiamen. {{ 7*7 }} {% if 1 %}x{% endif %}", ">49<"),
    ],
)
def test_hostile_text_is_escaped_never_run(client, text, absent):
    page = client.post("/check", data={"text": text})
    assert page.status_code == 200 and absent not in page.text.split("<iframe")[0]
    assert "{{ 7*7 }}" in page.text or "&lt;" in page.text or "&#34;" in page.text


def test_control_characters_are_removed(client):
    page = client.post("/check", data={"text": "Kinmen\x1b[31m lies 10 km\u202e from Xiamen.\x07"})
    body = page.text.split("<iframe")[0]
    assert not re.search("[\x00-\x08\x1b\u202e]", body) and "Kinmen[31m lies" in body


def test_a_typed_claim_and_a_correction(client):
    page = client.post(
        "/check", data={"subject": "Yonaguny", "reference": "Taiwan", "distance": "111"}
    )
    assert "cannot be checked" in page.text and "Yonaguni" in page.text
    fixed = client.post("/recheck", data={"work": hidden_work(page.text), "c0-subject": "Yonaguni"})
    assert "<td>holds</td>" in fixed.text


def test_downloads(client):
    page = client.post("/check", data={"text": "Kinmen lies 10 km from Xiamen."})
    work = hidden_work(page.text)
    got = {
        kind: client.post("/download", data={"work": work, "kind": kind})
        for kind in ("claims.toml", "verdicts.csv", "verdicts.json", "map.html")
    }
    assert 'subject = "Kinmen"' in got["claims.toml"].text
    assert got["verdicts.csv"].text.startswith("id,")
    assert json.loads(got["verdicts.json"].text)[0]["subject"] == "kinmen"
    assert "attachment" in got["map.html"].headers["content-disposition"]
    bad = client.post("/download", data={"work": work, "kind": "../../etc/passwd"})
    assert bad.status_code == 400


def test_tampered_form_data_is_one_message(client):
    page = client.post("/recheck", data={"work": '{"text": 1, "entries": "x"}'})
    assert page.status_code == 400 and "start again with Check" in page.text


def test_too_large_a_request_gets_one_message(client):
    big = b"Kinmen lies 10 km from Xiamen. " * (MAX_REQUEST_BYTES // 30)
    page = client.post("/check", files={"file": ("big.txt", big, "text/plain")})
    assert page.status_code == 413
    assert f"at most {MAX_REQUEST_BYTES:,} bytes" in page.text
    assert page.text.count('role="alert"') == 1


def test_an_unreadable_upload_is_one_line(client):
    page = client.post("/check", files={"file": ("x.exe", b"MZ\x00\x01", "application/x")})
    assert page.status_code == 400 and 'role="alert"' in page.text


def test_concurrent_requests_keep_their_own_work(client):
    texts = {
        "Kinmen lies 10 km from Xiamen.": "kinmen",
        "Taiwan lies 111km west of Yonaguni Island.": "taiwan-yonaguni",
    }

    def post(text: str) -> str:
        return json.loads(hidden_work(client.post("/check", data={"text": text}).text))["text"]

    with ThreadPoolExecutor(4) as pool:
        sent = list(texts) * 3
        assert list(pool.map(post, sent)) == sent


def test_work_round_trips_through_the_form():
    work = work_from_text("Kinmen lies 10 km from Xiamen.")
    assert work_from_json(work_to_json(work)) == work
