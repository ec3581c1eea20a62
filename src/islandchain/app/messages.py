"""The page's words in English, Japanese and Chinese: a table of messages, not templates.

Users never supply a template: their text reaches the page only as a variable
that Jinja2 escapes. A message missing in one language falls back to English.

>>> message("ja", "check")
'確認する'
>>> message("xx", "check")
'Check'
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["MESSAGES", "PageLanguage", "message", "messages", "page_language"]


class PageLanguage(StrEnum):
    """The languages of the page's interface."""

    EN = "en"
    JA = "ja"
    ZH = "zh"


#: key -> (English, Japanese, Chinese).
_TABLE: dict[str, tuple[str, str, str]] = {
    "title": ("Check geographic claims", "地理的な主張を確かめる", "核查地理说法"),
    "intro": (
        "Paste an article, upload a file or type a claim. Distances are measured on the "
        "WGS84 ellipsoid between full-resolution coastlines.",
        "記事を貼り付けるか、ファイルを読み込むか、主張を入力してください。距離はWGS84楕円体上で"
        "海岸線から海岸線まで測ります。",
        "粘贴文章、上传文件或输入一条说法。距离在WGS84椭球面上按海岸线之间测量。",
    ),
    "paste": ("Article text", "記事の本文", "文章正文"),
    "upload": (
        "Or upload a file (.txt, .toml, .geojson, .kml, .kmz, .gpx, .csv)",
        "またはファイルを読み込む（.txt, .toml, .geojson, .kml, .kmz, .gpx, .csv）",
        "或上传文件（.txt、.toml、.geojson、.kml、.kmz、.gpx、.csv）",
    ),
    "typed": ("Or type one claim", "または主張を一つ入力", "或输入一条说法"),
    "subject": ("Place", "場所", "地点"),
    "reference": ("lies from", "基準の場所", "参照地点"),
    "distance": ("Distance", "距離", "距离"),
    "unit": ("Unit", "単位", "单位"),
    "direction": ("Direction", "方角", "方向"),
    "qualifier": ("Qualifier", "修飾語", "限定词"),
    "check": ("Check", "確認する", "核查"),
    "recheck": ("Re-check with my corrections", "修正して再確認", "按修改重新核查"),
    "text_heading": ("The text, with each statement marked", "本文と各主張", "正文与各条说法"),
    "verdicts": ("Verdicts", "判定", "结论"),
    "claim": ("Claim", "主張", "说法"),
    "verdict": ("Verdict", "判定", "结论"),
    "stated": ("Stated", "記載", "所述"),
    "measured": ("Measured", "測定", "实测"),
    "bearing": ("Bearing", "方位", "方位"),
    "reason": ("Why", "理由", "理由"),
    "correct": (
        "Correct a misread place or figure",
        "読み違えた場所や数値を直す",
        "更正读错的地点或数字",
    ),
    "places": ("Check the places", "場所を確かめてください", "请核对地点"),
    "read_as": ("read as", "と解釈", "理解为"),
    "map": ("Map", "地図", "地图"),
    "downloads": ("Downloads", "ダウンロード", "下载"),
    "dl_claims": ("Claims file (TOML)", "主張ファイル（TOML）", "说法文件（TOML）"),
    "dl_csv": ("Verdicts (CSV)", "判定（CSV）", "结论（CSV）"),
    "dl_json": ("Verdicts (JSON)", "判定（JSON）", "结论（JSON）"),
    "dl_html": ("Map (HTML)", "地図（HTML）", "地图（HTML）"),
    "dl_png": ("Map (PNG)", "地図（PNG）", "地图（PNG）"),
    "no_claims": (
        "No distance statement was found in the text.",
        "本文に距離の記述は見つかりませんでした。",
        "文中未找到关于距离的说法。",
    ),
    "nothing": (
        "Give some text, a file or a claim to check.",
        "確認する本文、ファイル、または主張を入力してください。",
        "请提供要核查的正文、文件或说法。",
    ),
    "too_large": (
        "The upload is {size} bytes; the page reads at most {limit} bytes. "
        "Split the file or check it with the islandchain command.",
        "アップロードは{size}バイトです。このページが読むのは最大{limit}バイトです。"
        "ファイルを分けるか、islandchainコマンドで確認してください。",
        "上传内容为{size}字节；本页最多读取{limit}字节。请拆分文件或用islandchain命令核查。",
    ),
    "bad_input": ("Cannot read the input", "入力を読めません", "无法读取输入"),
    "zones": ("Zones entered", "入った海域", "进入的海域"),
    "state": ("State", "国・地域", "国家或地区"),
    "zone": ("Zone", "海域", "海域"),
    "area_inside": ("Area inside km²", "内側の面積 km²", "区内面积 km²"),
    "length_inside": ("Length inside km", "内側の長さ km", "区内长度 km"),
    "no_zone": (
        "Enters no zone of the states checked.",
        "どの海域にも入りません。",
        "未进入任何海域。",
    ),
    "closest": ("Closest approach to land", "陸地への最接近", "离陆地最近距离"),
    "language": ("Language", "言語", "语言"),
    "holds": ("holds", "成り立つ", "成立"),
    "holds on another reading": (
        "holds on another reading",
        "別の読み方で成り立つ",
        "按另一种理解成立",
    ),
    "does not hold": ("does not hold", "成り立たない", "不成立"),
    "cannot be checked": ("cannot be checked", "確認できない", "无法核查"),
    "skipped": ("Figures not read as claims", "主張として読まなかった数値", "未读作说法的数字"),
}

_INDEX = {PageLanguage.EN: 0, PageLanguage.JA: 1, PageLanguage.ZH: 2}

#: lang -> key -> message.
MESSAGES: dict[str, dict[str, str]] = {
    lang.value: {key: words[i] for key, words in _TABLE.items()} for lang, i in _INDEX.items()
}


def page_language(lang: str | None) -> PageLanguage:
    """The interface language for ``lang`` (English for anything else).

    >>> page_language("zh").value, page_language("fr").value
    ('zh', 'en')
    """
    try:
        return PageLanguage(str(lang or "").lower())
    except ValueError:
        return PageLanguage.EN


def messages(lang: str | None) -> dict[str, str]:
    """Every message in ``lang``."""
    return MESSAGES[page_language(lang).value]


def message(lang: str | None, key: str) -> str:
    """One message in ``lang``; English when the language is unknown."""
    return messages(lang)[key]
