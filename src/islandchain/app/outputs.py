"""What the page offers to download, made from one request's verdicts (nothing kept between).

>>> from islandchain.app.checking import check_work, work_from_claim
>>> checked = check_work(work_from_claim({"subject": "Kinmen", "reference": "Xiamen",
...                                       "distance": "10"}), cross_check=False)
>>> name, media, body = download(checked, "verdicts.csv")
>>> name, media, body.splitlines()[0].startswith(b"id,")
('verdicts.csv', 'text/csv; charset=utf-8', True)
"""

from __future__ import annotations

from enum import StrEnum

from .checking import Checked, claims_toml

__all__ = ["Download", "download", "map_html"]


class Download(StrEnum):
    """The files the page offers."""

    CLAIMS = "claims.toml"
    CSV = "verdicts.csv"
    JSON = "verdicts.json"
    HTML = "map.html"
    PNG = "map.png"


_MEDIA = {
    Download.CLAIMS: "application/toml; charset=utf-8",
    Download.CSV: "text/csv; charset=utf-8",
    Download.JSON: "application/json; charset=utf-8",
    Download.HTML: "text/html; charset=utf-8",
    Download.PNG: "image/png",
}


def map_html(checked: Checked, lang: str = "en") -> str:
    """The claims map as one self-contained HTML page (Leaflet inlined, no network)."""
    from ..export import render_html
    from ..mapping import claims_map

    return render_html(claims_map(list(checked.verdicts), lang=lang), title="islandchain map")


def download(checked: Checked, kind: str, lang: str = "en") -> tuple[str, str, bytes]:
    """The file ``kind`` (a :class:`Download` value): its name, media type and bytes."""
    what = Download(kind)
    if what is Download.CLAIMS:
        body: bytes = claims_toml(checked.work).encode()
    elif what in (Download.CSV, Download.JSON):
        from ..report import verdicts_text

        text = verdicts_text(list(checked.verdicts), "csv" if what is Download.CSV else "json")
        body = text.encode()
    elif what is Download.HTML:
        body = map_html(checked, lang).encode()
    else:
        from ..export import figure_bytes
        from ..mapping.figure import story_figure
        from ..mapping.stories import claims_story

        body = figure_bytes(story_figure(claims_story(list(checked.verdicts), lang=lang)), "png")
    return what.value, _MEDIA[what], body
