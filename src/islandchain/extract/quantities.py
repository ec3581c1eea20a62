"""Figures with units in a sentence: numbers, ranges, qualifiers, conversions, areas.

Numbers are read as written: digits with thousands separators and decimals
(full-width digits arrive as ASCII after :func:`~islandchain.extract.text.normalise`),
English number words (through ``text2num``) and Chinese and Japanese numerals (through
``cn2an``). Units, qualifiers and their meanings come from :mod:`islandchain.vocabulary`.

Examples
--------
>>> [q.value for q in find_quantities("some 5.3 nautical miles and 1,200 km")]
[5.3, 1200.0]
>>> q = find_quantities("c. 25 to 30 mi")[0]
>>> q.value, q.value_max, q.unit, q.qualifier
(25.0, 30.0, 'mi', 'c.')
>>> q = find_quantities("110 kilometres (68 miles)")[0]
>>> q.value, q.unit, q.conversion.value, q.conversion.unit, q.conversion.agrees
(110.0, 'km', 68.0, 'mi', True)
>>> find_quantities("8 sq mi")[0].kind
'area'
>>> q = find_quantities("約百十キロ")[0]
>>> q.value, q.unit, q.comparator
(110.0, 'km', 'approximately')
>>> find_quantities("111.5.5 km")[0].kind
'malformed'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from .. import vocabulary as voc
from . import patterns

__all__ = ["MAX_DIGITS", "MAX_KM", "Conversion", "Quantity", "find_quantities"]

#: Figures with more digits than this are not read (no island distance needs them).
MAX_DIGITS = 9
#: Half the Earth's circumference: no distance between two places is longer.
MAX_KM = 20_040.0

_LATIN_END = r"(?![A-Za-z])"


@dataclass(frozen=True)
class Conversion:
    """A second figure given as a conversion of the first: "110 km (68 miles)"."""

    value: float
    unit: str
    agrees: bool
    text: str


@dataclass(frozen=True)
class Quantity:
    """A figure with its unit, as found in a sentence.

    ``kind`` is "distance", "area", "speed", "width", "length", "malformed", "zero"
    or "too large"; ``start``/``end`` are offsets in the sentence searched.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str = "distance"
    value_max: float | None = None
    qualifier: str = ""
    comparator: str = "plain"
    conversion: Conversion | None = None
    figure: str = ""

    @property
    def km(self) -> float:
        """The figure in kilometres."""
        return self.value * voc.Unit(self.unit).km


def _alternation(words, latin_end: bool = True) -> str:
    parts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        body = r"[\s-]*".join(re.escape(p) for p in w.split(" "))
        if re.search(r"[a-z]$", w) and latin_end:
            body += _LATIN_END
        if re.match(r"[a-z]", w):
            body = r"(?<![A-Za-z])" + body
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


@cache
def _regex() -> re.Pattern:
    units = [w for w in voc.UNIT_WORDS] + ["n mi", "n. mi.", "naut. mi", "海浬", "哩", "kilometre"]
    unit = _alternation(units) + r"(?!グラム|ワット|カロリー)"
    hedges = [w for w in voc.COMPARATOR_WORDS if w and w not in voc.UNIT_WORDS]
    pre = [
        w for w in hedges if not re.fullmatch(r"[以未左ほ程前余多強弱近く超]+.*", w) or w in "近超"
    ]
    hedge = _alternation(pre)
    digits = (
        r"(?<![A-Za-z0-9_.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d.,])"
        r"|\d+(?:\.\d+)?)(?![\d]|[.,]\d)"
    )
    words = "|".join(w for w in patterns.NUMBER_WORDS)
    numwords = (
        rf"(?<![A-Za-z])(?:(?:a|one)\s+(?:hundred|thousand)|(?:{words}))"
        rf"(?:(?:[\s-]+(?:and[\s-]+)?)(?:{words})){{0,6}}(?![A-Za-z])"
    )
    cjk = (
        rf"(?<![数數幾几何{patterns.CJK_NUMERALS}])[{patterns.CJK_NUMERALS}]{{1,12}}"
        rf"(?:[点點][〇零一二三四五六七八九]{{1,4}})?"
    )
    number = rf"(?:{digits}|{cjk}|{numwords})"
    mid = r"(?:\s*-?\s*odd|\s*\+|\s*-?\s*plus|余り|余|多)"
    post = (
        r"(?:\s+or\s+so\b|\s+or\s+more\b|\s+or\s+less\b|以上|以内|以下|未満|左右|ほど|程度|"
        r"前後|近く|強|弱)"
    )
    conv_num = rf"(?:{digits})"
    conversion = (
        rf"(?:{patterns.CONVERSION_OPENERS}(?P<cnum>{conv_num})\s*-?\s*(?P<cunit>{unit})\s*\)"
        rf"|{patterns.CONVERSION_COMMA}(?P<cnum2>{conv_num})\s*-?\s*(?P<cunit2>{unit})"
        rf"(?:,(?=\s)|(?=\s*\)|\s*$|\s+(?:from|off|of|away|apart|east|west|north|south|wide|"
        rf"across)\b)))"
    )
    return re.compile(
        rf"(?:(?P<h1>{hedge})\s*)?(?:(?P<h2>{hedge})\s*)?(?:(?<=[仅僅约約近])(?:为|為|是|有))?"
        rf"(?:(?P<between>between)\s+(?P<blo>{number})\s+and\s+)?"
        rf"(?:(?P<lo>{number})\s*(?:-?\s*(?P<lounit>{unit})\s*)?(?P<join>{patterns.RANGE_JOINERS}))?"
        rf"(?P<num>{number})(?P<mid>{mid})?"
        rf"\s*-?\s*(?P<area>{patterns.AREA_BEFORE_UNIT}\s*-?\s*)?(?P<unit>{unit})"
        rf"(?P<area2>{patterns.AREA_AFTER_UNIT})?(?P<speed>{patterns.SPEED_AFTER_UNIT})?"
        rf"(?P<post>{post})?(?P<conv>{conversion})?",
        re.IGNORECASE,
    )


@cache
def _bad_regex() -> re.Pattern:
    units = _alternation(list(voc.UNIT_WORDS))
    return re.compile(
        r"(?<![A-Za-z0-9_.,])(?P<fig>\d[\d.,]*[.,]\d+[.,][\d.,]*\d|\d+(?:\.\d+)?[eE][+-]?\d+"
        r"|\d{1,3},\d{1,2}(?![\d,])"
        rf"|\d{{{MAX_DIGITS + 1},}})"
        rf"\s*-?\s*(?P<unit>{units})",
        re.IGNORECASE,
    )


@cache
def _ANY_NUMBER() -> re.Pattern:  # noqa: N802 - a constant built once
    words = "|".join(patterns.NUMBER_WORDS)
    return re.compile(rf"\d|[{patterns.CJK_NUMERALS}]|\b(?:{words})\b", re.IGNORECASE)


_AREA_WORDS = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?:{patterns.AREA_UNITS})",
    re.IGNORECASE,
)


def read_number(text: str) -> float | None:
    """Read one number as written: digits, English number words or CJK numerals.

    >>> read_number("1,200"), read_number("twenty-five")
    (1200.0, 25.0)
    >>> read_number("一百一十"), read_number("百十")
    (110.0, 110.0)
    >>> read_number("a hundred"), read_number("lots") is None
    (100.0, True)
    """
    text = text.strip()
    if re.fullmatch(r"[\d, ]+(?:\.\d+)?", text):
        return float(text.replace(",", "").replace(" ", ""))
    if re.search(r"[A-Za-z]", text):
        from text_to_num import text2num  # imported when first needed

        words = re.sub(r"^(?:a|an)\s+", "one ", text.lower())
        words = re.sub(r"[\s-]+", " ", words)
        try:
            return float(text2num(words, "en"))
        except (ValueError, TypeError):
            return None
    import cn2an  # imported when first needed (it takes a tenth of a second)

    cjk = text.replace("萬", "万").replace("點", "点").replace("兩", "两")
    if cjk[:1] in "十百千万":
        cjk = "一" + cjk
    try:
        return float(cn2an.cn2an(cjk, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _unit(word: str) -> str | None:
    found = voc.parse_unit(re.sub(r"\s+", " ", word))
    if found is None:
        key = re.sub(r"[\s.]+", "", word.lower())
        found = {"nmi": voc.Unit.NMI, "nautmi": voc.Unit.NMI, "海浬": voc.Unit.NMI}.get(key)
        found = found or {"哩": voc.Unit.MI, "kilometre": voc.Unit.KM}.get(word)
    return found.value if found else None


def _comparator(*words: str) -> tuple[str, str]:
    """The most telling qualifier among those written, and its meaning."""
    best = ("", "plain")
    for word in words:
        if not word:
            continue
        word = " ".join(word.split()).lower()
        word = patterns.QUALIFIERS_AFTER.get(word.removeprefix("-").strip(), word)
        meaning = voc.parse_qualifier(word)
        if meaning is None:
            continue
        if best[1] in ("plain", "emphasis"):
            best = (word, meaning.value)
    return best


def _rounding_km(value: float, unit: str) -> float:
    text = f"{value:g}"
    if "." in text:
        step = 10.0 ** -len(text.split(".")[1])
    else:
        n, step = int(value), 1.0
        while n and n % 10 == 0:
            n //= 10
            step *= 10
    return step / 2 * voc.Unit(unit).km


def _agrees(a: float, ua: str, b: float, ub: str) -> bool:
    ka, kb = a * voc.Unit(ua).km, b * voc.Unit(ub).km
    slack = _rounding_km(a, ua) + _rounding_km(b, ub) + 0.03 * max(ka, kb)
    return abs(ka - kb) <= slack


def find_quantities(sentence: str) -> list[Quantity]:
    """Every figure with a unit of distance in ``sentence``, in order.

    Figures that are not distances are returned too, with their ``kind``: areas,
    speeds, widths and lengths; malformed figures ("111.5.5 km", "1e308 km", 100,000
    digits), zero and figures longer than half the Earth's circumference.
    """
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    if not _ANY_NUMBER().search(sentence):
        return out
    for m in _bad_regex().finditer(sentence):
        unit = _unit(m.group("unit")) or "km"
        fig = m.group("fig")
        out.append(
            Quantity(m.start(), m.end(), m.group(0)[:80], math.nan, unit, "malformed", figure=fig)
        )
        taken.append((m.start(), m.end()))
    for m in _regex().finditer(sentence):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        q = _quantity(sentence, m)
        if q is not None:
            out.append(q)
    for m in _AREA_WORDS.finditer(sentence):
        if not any(q.start <= m.start() < q.end for q in out):
            value = float(m.group("num").replace(",", ""))
            out.append(Quantity(m.start(), m.end(), m.group(0), value, "km", "area"))
    return sorted(out, key=lambda q: q.start)


def _quantity(sentence: str, m: re.Match) -> Quantity | None:
    unit = _unit(m.group("unit"))
    value = read_number(m.group("num"))
    if unit is None or value is None:
        return None
    lounit = _unit(m.group("lounit")) if m.group("lounit") else None
    if lounit and lounit != unit and m.group("lo"):
        # "111 km or 69 miles": one figure and its conversion, not a range
        first = read_number(m.group("lo"))
        if first is None:
            return None
        qualifier, comparator = _comparator(m.group("h1") or "", m.group("h2") or "")
        conversion = Conversion(value, unit, _agrees(first, lounit, value, unit), m.group("num"))
        kind = "zero" if first == 0 else "distance"
        return Quantity(
            m.start(), m.end(), m.group(0), first, lounit, kind, None, qualifier, comparator,
            conversion, m.group("lo"),
        )  # fmt: skip
    low = None
    if m.group("lo") and m.group("join").strip() == "-" and m.group("lo").isalpha():
        # "thirty-three" is one number, not a range
        joined = read_number(f"{m.group('lo')}-{m.group('num')}")
        if joined is not None:
            value = joined
            m_lo_is_part = True
        else:
            m_lo_is_part = False
    else:
        m_lo_is_part = False
    if m.group("blo"):
        low = read_number(m.group("blo"))
    elif m.group("lo") and not m_lo_is_part:
        join = m.group("join").strip()
        low = read_number(m.group("lo"))
        if join == "or" and low is not None and low >= value:
            low = None
    # A range written as "40-60" must go up; "1-2" as a list of items is not a range.
    if low is not None and low >= value:
        low = None
    start = m.start()
    if m.group("lo") and low is None and not m_lo_is_part:
        start = m.start("num")
        if m.group("h1") or m.group("h2"):
            start = m.start()
    qualifier, comparator = _comparator(
        m.group("h1") or "", m.group("h2") or "", m.group("mid") or "", m.group("post") or ""
    )
    kind = "distance"
    after = sentence[m.end() : m.end() + 20]
    before = sentence[max(0, start - 30) : start]
    if m.group("area") or m.group("area2"):
        kind = "area"
    elif m.group("speed"):
        kind = "speed"
    elif re.search(patterns.WIDTH_AFTER, after, re.IGNORECASE) or re.search(
        patterns.WIDTH_BEFORE, before, re.IGNORECASE
    ):
        kind = "width"
    elif re.search(patterns.LENGTH_AFTER, after, re.IGNORECASE) or re.search(
        patterns.LENGTH_BEFORE, before, re.IGNORECASE
    ):
        kind = "length"
    lo, hi = (low, value) if low is not None else (value, None)
    if kind == "distance" and lo == 0 and not hi:
        kind = "zero"
    elif kind == "distance" and (hi or lo) * voc.Unit(unit).km > MAX_KM:
        kind = "too large"
    written_as: Conversion | None = None
    cnum = m.group("cnum") or m.group("cnum2")
    if cnum:
        cunit = _unit(m.group("cunit") or m.group("cunit2"))
        cval = read_number(cnum)
        if cunit and cval is not None:
            written_as = Conversion(
                cval, cunit, cunit == unit or _agrees(hi or lo, unit, cval, cunit), m.group("conv")
            )
    return Quantity(
        start,
        m.end(),
        sentence[start : m.end()],
        lo,
        unit,
        kind,
        hi,
        qualifier,
        comparator,
        written_as,
        m.group("num"),
    )
