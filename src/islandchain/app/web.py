"""The page as a small ASGI app (Starlette), served on 127.0.0.1 by ``islandchain serve``.

Plain HTML forms, no script of its own: each request carries its whole work
(the text and the claims, as JSON in a hidden field), is checked in a worker
thread and answered; nothing is kept between requests, so people using the
page at once never see each other's work. Every text from a user is a
variable that Jinja2 escapes (autoescape); the map is the project's offline
HTML map in a sandboxed ``iframe srcdoc`` (escaped as an attribute). Requests
larger than :data:`MAX_REQUEST_BYTES` get one message and status 413.

>>> from starlette.testclient import TestClient
>>> client = TestClient(create_app(cross_check=False))
>>> page = client.post("/check", data={"text": "Kinmen lies 10 km from Xiamen. <script>"})
>>> page.status_code, "&lt;script&gt;" in page.text, "<script>" in page.text
(200, True, False)
"""

from __future__ import annotations

import functools
import math
from pathlib import PurePath
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..errors import IslandchainError
from ..tables import clean_text
from .checking import (
    Checked,
    Work,
    apply_edits,
    check_work,
    segments,
    work_from_claim,
    work_from_json,
    work_from_text,
    work_from_toml,
    work_to_json,
)
from .messages import PageLanguage, messages, page_language
from .outputs import Download, download, map_html

__all__ = ["MAX_REQUEST_BYTES", "create_app"]

#: Largest request read (an upload with the form), bytes.
MAX_REQUEST_BYTES = 4 * 1024 * 1024
_TEXT_SUFFIXES = (".txt", ".text", ".md")
_GIS_SUFFIXES = (".geojson", ".json", ".kml", ".kmz", ".gpx", ".csv")
_LANGUAGE_NAMES = (("en", "English"), ("ja", "日本語"), ("zh", "中文"))
_DOWNLOAD_LABELS = {
    Download.CLAIMS: "dl_claims",
    Download.CSV: "dl_csv",
    Download.JSON: "dl_json",
    Download.HTML: "dl_html",
    Download.PNG: "dl_png",
}
#: The page runs no script of its own; the map inside its sandboxed frame does (inline).
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


@functools.cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("islandchain.app", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def create_app(*, cross_check: bool = True) -> Starlette:
    """The page's ASGI app. ``cross_check`` re-measures each distance on GSHHG (slower)."""

    async def home(request: Request) -> Response:
        return _page(page_language(request.query_params.get("lang")))

    async def check(request: Request) -> Response:
        return await _answer(request, _work_from_input, cross_check)

    async def recheck(request: Request) -> Response:
        return await _answer(request, _work_from_edits, cross_check)

    async def download_file(request: Request) -> Response:
        lang = PageLanguage.EN
        try:
            form = await _limited_form(request)
            lang = page_language(_field(form, "lang"))
            work = work_from_json(_field(form, "work"))
            kind = Download(_field(form, "kind"))
        except _TooLarge as exc:
            return _too_large(lang, exc.size)
        except (IslandchainError, ValueError) as exc:
            return _page(lang, error=clean_text(str(exc)), status=400)
        checked = await run_in_threadpool(check_work, work, cross_check=cross_check)
        name, media, body = await run_in_threadpool(download, checked, kind, lang.value)
        headers = dict(_HEADERS, **{"Content-Disposition": f'attachment; filename="{name}"'})
        return Response(body, media_type=media, headers=headers)

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/check", check, methods=["POST"]),
        Route("/recheck", recheck, methods=["POST"]),
        Route("/download", download_file, methods=["POST"]),
    ]
    return Starlette(routes=routes)


async def _limited_form(request: Request) -> FormData:
    """The request's form, read only if the body stays within :data:`MAX_REQUEST_BYTES`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
        raise _TooLarge(int(declared))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_REQUEST_BYTES:
            raise _TooLarge(len(body))
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": bytes(body), "more_body": False}

    return await Request(request.scope, replay).form(max_part_size=MAX_REQUEST_BYTES)


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def _answer(request: Request, read: Any, cross_check: bool) -> Response:
    lang = PageLanguage.EN
    try:
        form = await _limited_form(request)
        lang = page_language(_field(form, "lang"))
        upload = form.get("file")
        data = await upload.read() if isinstance(upload, UploadFile) and upload.filename else None
        name = PurePath(upload.filename or "").name if isinstance(upload, UploadFile) else ""
        if data is not None and name.lower().endswith(_GIS_SUFFIXES):
            return await run_in_threadpool(_zones_page, lang, data, name)
        work = await run_in_threadpool(read, form, data, name)
    except _TooLarge as exc:
        return _too_large(lang, exc.size)
    except IslandchainError as exc:
        return _page(lang, error=clean_text(str(exc)), status=400)
    if work is None:
        return _page(lang, error=messages(lang)["nothing"], status=400)
    checked = await run_in_threadpool(check_work, work, cross_check=cross_check)
    html = await run_in_threadpool(map_html, checked, lang.value) if checked.verdicts else ""
    return _page(lang, checked=checked, map_html=html)


def _work_from_input(form: FormData, data: bytes | None, name: str) -> Work | None:
    """What the input form gives: an uploaded file, else the pasted text, else a typed claim."""
    if data is not None:
        from ..claimfile import decode_claims

        text = clean_text(decode_claims(data, clean_text(name)[:120] or "the upload"))
        if name.lower().endswith(".toml"):
            return work_from_toml(text, clean_text(name)[:120])
        if not name.lower().endswith(_TEXT_SUFFIXES):
            raise _unknown_upload(name)
        return work_from_text(text)
    text = clean_text(_field(form, "text"))
    if text.strip():
        return work_from_text(text)
    fields = {k: clean_text(_field(form, k)) for k in ("subject", "reference", "distance")}
    if all(v.strip() for v in fields.values()):
        more = {k: clean_text(_field(form, k)) for k in ("unit", "direction", "qualifier")}
        return work_from_claim(fields | more)
    return None


def _unknown_upload(name: str) -> IslandchainError:
    from ..errors import InputError

    return InputError(
        f"{clean_text(name)[:120]!r}: give a .txt article, a .toml claims file, or an area or "
        "track as .geojson, .kml, .kmz, .gpx or .csv"
    )


def _work_from_edits(form: FormData, data: bytes | None, name: str) -> Work:
    """The work the page sent back, with the fields the user corrected."""
    work = work_from_json(_field(form, "work"))
    edits: dict[int, dict[str, str]] = {}
    for key in form.keys():
        head, _, fld = key.partition("-")
        if head.startswith("c") and head[1:].isdigit() and fld:
            edits.setdefault(int(head[1:]), {})[fld] = clean_text(_field(form, key))
    return apply_edits(work, edits)


def _zones_page(lang: PageLanguage, data: bytes, name: str) -> Response:
    """An uploaded area or track: which zones it enters, and the zones map."""
    from ..export import render_html
    from ..gisread import parse_track
    from ..mapping.render import story_map
    from ..mapping.stories import zones_story
    from ..zones import check_intrusion

    shown = clean_text(name)[:120]
    geometry = parse_track(data, shown)
    found = check_intrusion(geometry)
    rows = [
        (i.state, i.zone, f"{i.area_km2:,.1f}" if i.area_km2 else "-",
         f"{i.length_km:,.1f}" if i.length_km else "-")
        for i in found.intrusions
    ]  # fmt: skip
    closest = [
        (s, f"{km:,.1f}") for s, km in sorted(found.closest_km.items(), key=lambda kv: kv[1])
    ]
    story = zones_story(tracks=[(shown, geometry)])
    html = render_html(story_map(story, None), title=story.title)
    zones = {"name": shown, "rows": rows, "closest": closest}
    return _page(lang, zones=zones, map_html=html)


def _rows(checked: Checked, m: dict[str, str]) -> list[dict[str, str]]:
    rows = []
    for v in checked.verdicts:
        measured = "" if v.measured_km is None else f"{v.measured_km:,.1f} km"
        bearing = ""
        if v.azimuth_deg is not None and math.isfinite(v.azimuth_deg):
            bearing = f"{v.azimuth_deg:.0f}° ({v.compass16})"
        rows.append(
            {
                "id": v.claim.id,
                "status": str(v.status),
                "shown": m.get(str(v.status), str(v.status)),
                "stated": v.claim.stated,
                "measured": measured,
                "bearing": bearing,
                "reason": v.reason,
            }
        )
    return rows


def _edits(work: Work, m: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for i, entry in enumerate(work.entries):
        places = ("place",) if entry.get("kind") == "width" else ("subject", "reference")
        names = (*places, "distance", "unit", "direction", "qualifier")
        fields = [(n, m[n] if n in m else n, _shown(entry.get(n, ""))) for n in names]
        out.append({"index": i, "id": str(entry.get("id", f"claim-{i + 1}")), "fields": fields})
    return out


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _page(
    lang: PageLanguage,
    *,
    checked: Checked | None = None,
    zones: dict[str, Any] | None = None,
    map_html: str = "",
    error: str = "",
    status: int = 200,
) -> HTMLResponse:
    m = dict(messages(lang), place=messages(lang)["subject"])
    work = checked.work if checked is not None else Work()
    statuses = [str(v.status) for v in checked.verdicts] if checked is not None else []
    html = (
        _templates()
        .get_template("page.html")
        .render(
            lang=lang.value,
            m=m,
            languages=_LANGUAGE_NAMES,
            error=error,
            text=work.text,
            checked=checked,
            zones=zones,
            work=work,
            work_json=work_to_json(work),
            segments=segments(work, statuses) if work.text else [],
            rows=_rows(checked, m) if checked is not None else [],
            edits=_edits(work, m),
            downloads=[(d.value, m[label]) for d, label in _DOWNLOAD_LABELS.items()],
            map_html=map_html,
        )
    )
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def _too_large(lang: PageLanguage, size: int) -> HTMLResponse:
    text = messages(lang)["too_large"].format(size=f"{size:,}", limit=f"{MAX_REQUEST_BYTES:,}")
    return _page(lang, error=text, status=413)
