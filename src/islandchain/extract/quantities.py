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

A figure is read as written or skipped with a reason, never turned into another number:
a footnote mark stays out of it, a vulgar fraction is read (and said), apostrophe
thousands are thousands, a reversed "between" range is put in order, metres become km.

>>> [(q.value, q.note) for q in find_quantities("111¹ km, 110[1] km and 2'100 km")]
[(111.0, ''), (110.0, ''), (2100.0, '')]
>>> q = find_quantities("110½ km")[0]
>>> q.value, q.note
(110.5, "'110½' read as 110.5")
>>> q = find_quantities("between 120 and 100 km")[0]
>>> q.value, q.value_max
(100.0, 120.0)
>>> q = find_quantities("120-100 km")[0]
>>> q.kind, q.reason
('malformed', "a range written high to low ('120-100 km'): which figure is meant is not clear")
>>> find_quantities("1.1×10² km")[0].reason
"a figure in powers of ten ('1.1×10² km') is not read"
>>> find_quantities("110,000 m")[0].value, find_quantities("壹佰玖拾公里")[0].value
(110.0, 190.0)
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from .. import vocabulary as voc
from . import patterns

__all__ = ["MAX_DIGITS", "MAX_KM", "Conversion", "Quantity", "find_quantities"]

#: Figures with more digits than this are not read (no island distance needs them).
MAX_DIGITS = 9
#: Half the Earth's circumference: no distance between two places is longer.
MAX_KM = 20_040.0

_LATIN_END = r"(?![A-Za-z])"

#: Superscript digits: after a figure, a footnote mark ("111¹ km"), never part of it.
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: Vulgar fractions after a whole number ("110½ km", "68¾ miles"), read and said so.
_FRACTIONS = {
    "¼": 1 / 4, "½": 1 / 2, "¾": 3 / 4, "⅐": 1 / 7, "⅑": 1 / 9, "⅒": 1 / 10, "⅓": 1 / 3,
    "⅔": 2 / 3, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6,
    "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}  # fmt: skip
_FRACTION_CHARS = "".join(_FRACTIONS)
#: Chinese formal (financial) numerals, read by cn2an: 壹佰玖拾 is 190.
_FORMAL = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"
#: Before a figure, these mean it is not one on its own: a digit, a separator, a currency.
_NOT_BEFORE = rf"(?<![A-Za-z_.,'/⁄×^·٫٬$€£¥{_SUPERSCRIPTS}{_FRACTION_CHARS}])(?<!\d)"
#: Metres, read as km ("110,000 m" is 110 km); a bare "m" only after a space.
_METRES = r"(?:(?<=\s)m(?![A-Za-z²2])|(?<![A-Za-z])met(?:re|er)s?(?![A-Za-z])|(?<!キロ)メートル)"


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
    or "too large"; ``start``/``end`` are offsets in the sentence searched. ``reason``
    says why a figure is not read (when ``kind`` is "malformed"); ``note`` how an
    unusual figure was read ("'110½' read as 110.5").
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
    reason: str = ""
    note: str = ""

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
    unit = rf"(?:{_alternation(units)}|{_METRES})(?!グラム|ワット|カロリー)"
    hedges = [w for w in voc.COMPARATOR_WORDS if w and w not in voc.UNIT_WORDS]
    pre = [
        w for w in hedges if not re.fullmatch(r"[以未左ほ程前余多強弱近く超]+.*", w) or w in "近超"
    ]
    hedge = _alternation(pre)
    whole = r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:'\d{3})+|\d{1,3}(?: \d{3})+|\d+"
    digits = (
        rf"{_NOT_BEFORE}(?:(?:{whole})(?:\.\d+|[{_FRACTION_CHARS}])?|[{_FRACTION_CHARS}])"
        rf"(?![\d{_FRACTION_CHARS}]|[.,'٫٬]\d)"
    )
    words = "|".join(w for w in patterns.NUMBER_WORDS)
    numwords = (
        rf"(?<![A-Za-z])(?:(?:a|one)\s+(?:hundred|thousand)|(?:{words}))"
        rf"(?:(?:[\s-]+(?:and[\s-]+)?)(?:{words})){{0,6}}(?![A-Za-z])"
    )
    cjk = (
        rf"(?<![数數幾几何{patterns.CJK_NUMERALS}{_FORMAL}])[{patterns.CJK_NUMERALS}{_FORMAL}]{{1,12}}"
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
        rf"(?P<num>{number})(?:[{_SUPERSCRIPTS}]{{1,3}}|\[\d{{1,3}}\])?(?P<mid>{mid})?"
        rf"\s*-?\s*(?P<area>{patterns.AREA_BEFORE_UNIT}\s*-?\s*)?(?P<unit>{unit})"
        rf"(?P<area2>{patterns.AREA_AFTER_UNIT})?(?P<speed>{patterns.SPEED_AFTER_UNIT})?"
        rf"(?P<post>{post})?(?P<conv>{conversion})?",
        re.IGNORECASE,
    )


@cache
def _bad_regex() -> re.Pattern:
    units = _alternation(list(voc.UNIT_WORDS))
    return re.compile(
        r"(?<![A-Za-z0-9_.,])(?P<fig>(?P<power>\d+(?:\.\d+)?\s*[×xX*]\s*10(?:\^[-+]?\d+|[⁻"
        rf"{_SUPERSCRIPTS}]+))|(?P<slash>\d+\s*[/⁄]\s*\d+)"
        r"|(?!\d{1,3}(?:,\d{3})+\.\d+(?![\d.,]))\d[\d.,]*[.,]\d+[.,][\d.,]*\d"
        r"|\d+(?:\.\d+)?[eE][+-]?\d+|\d{1,3},\d{1,2}(?![\d,])"
        rf"|\d{{{MAX_DIGITS + 1},}})"
        rf"\s*-?\s*(?P<unit>{units})",
        re.IGNORECASE,
    )


def _bad_reason(m: re.Match) -> str:
    text = m.group(0)[:80]
    if m.group("power"):
        return f"a figure in powers of ten ({text!r}) is not read"
    if m.group("slash"):
        return f"a fraction written with a slash ({text!r}) is not read"
    return ""


@cache
def _unit_words() -> re.Pattern:
    return re.compile(_alternation(list(voc.UNIT_WORDS)), re.IGNORECASE)


#: Characters that can be part of a figure as written (besides those with a numeric value).
_FIGURE_MARKS = frozenset(".,'/⁄×^·٫٬[]_\u20e3\ufe0f")


def _unread(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """Figures written before a unit that no pattern read: listed, never dropped.

    Keycap digits ("1️⃣1️⃣1️⃣ km"), other number forms and separators that are not
    read all end here, as "malformed" figures with the reason.
    """
    out: list[Quantity] = []
    # Overlap with a found figure, by binary search: the found figures' starts in
    # order, and the farthest end among the figures up to each.
    found = sorted(found, key=lambda q: q.start)
    starts = [q.start for q in found]
    reach = list(itertools.accumulate((q.end for q in found), max))
    for m in _unit_words().finditer(sentence):
        j = m.start()
        while j > 0 and m.start() - j < 2 and sentence[j - 1] in " -":
            j -= 1
        k = j
        while k > 0 and j - k < 40 and _figure_char(sentence[k - 1]):
            k -= 1
        run = sentence[k:j]
        if not any(unicodedata.numeric(c, None) is not None for c in run):
            continue
        before = bisect.bisect_left(starts, m.end())  # the found figures starting before
        if before and reach[before - 1] > k:
            continue
        if out and out[-1].end > k:  # ``out`` grows left to right: its last is its farthest
            continue
        text = sentence[k : m.end()]
        what = "keycap digits" if "\u20e3" in run else "not a number that can be read"
        unit = _unit(m.group(0)) or "km"
        reason = f"{what} ({text!r})"
        out.append(Quantity(k, m.end(), text, math.nan, unit, "malformed", reason=reason))
    return out


def _figure_char(ch: str) -> bool:
    return ch in _FIGURE_MARKS or unicodedata.numeric(ch, None) is not None


@cache
def _ANY_NUMBER() -> re.Pattern:  # noqa: N802 - a constant built once
    words = "|".join(patterns.NUMBER_WORDS)
    return re.compile(
        rf"\d|[{patterns.CJK_NUMERALS}{_FORMAL}{_FRACTION_CHARS}\u20e3]|\b(?:{words})\b",
        re.IGNORECASE,
    )


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
    if text[-1:] in _FRACTIONS:
        whole = read_number(text[:-1]) if text[:-1] else 0.0
        return None if whole is None else whole + _FRACTIONS[text[-1]]
    if re.fullmatch(r"[\d, ']+(?:\.\d+)?", text):
        return float(re.sub(r"[, ']", "", text))
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
    elif cjk[:1] in "拾佰仟":
        cjk = "壹" + cjk
    try:
        return float(cn2an.cn2an(cjk, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _unit(word: str) -> str | None:
    if word.lower() in ("m", "metre", "metres", "meter", "meters", "メートル"):
        return "m"
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
    if unit == "m":
        return _rounding_km(value, "km") / 1000
    text = f"{value:g}"
    if "." in text:
        step = 10.0 ** -len(text.split(".")[1])
    else:
        n, step = int(value), 1.0
        while n and n % 10 == 0:
            n //= 10
            step *= 10
    return step / 2 * voc.Unit(unit).km


def _km(value: float, unit: str) -> float:
    return value / 1000 if unit == "m" else value * voc.Unit(unit).km


def _agrees(a: float, ua: str, b: float, ub: str) -> bool:
    ka, kb = _km(a, ua), _km(b, ub)
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
        text, reason = m.group(0)[:80], _bad_reason(m)
        out.append(
            Quantity(
                m.start(), m.end(), text, math.nan, unit, "malformed", figure=fig, reason=reason
            )
        )
        taken.append((m.start(), m.end()))
    for m in _regex().finditer(sentence):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        first = m.start("blo") if m.group("blo") else m.start("lo") if m.group("lo") else None
        if _glued(sentence, m.start("num") if first is None else first):
            continue
        q = _quantity(sentence, m)
        if q is not None:
            out.append(_in_km(q) if q.unit == "m" else q)
    for m in _AREA_WORDS.finditer(sentence):
        if not any(q.start <= m.start() < q.end for q in out):
            value = float(m.group("num").replace(",", ""))
            out.append(Quantity(m.start(), m.end(), m.group(0), value, "km", "area"))
    out.extend(_unread(sentence, out))
    return sorted(out, key=lambda q: q.start)


def _glued(sentence: str, i: int) -> bool:
    """Whether the figure at ``i`` continues a number before it through a sign not read.

    "1˙100 km" (a dot above, a space and a combining mark after NFKC) or "2·100 km"
    is not 100 km: such figures are left to :func:`_unread`, which lists them.
    """
    if i == 0:
        return False
    prev = sentence[i - 1]
    category = unicodedata.category(prev)
    if category[0] == "M":
        return True
    return (
        category in ("Po", "Pc", "Sk", "Sm", "So")
        and prev not in "~(["
        and i >= 2
        and unicodedata.numeric(sentence[i - 2], None) is not None
    )


def _in_km(q: Quantity) -> Quantity:
    """A figure written in metres, in km (the unit claims are checked in)."""
    value = q.value / 1000
    value_max = None if q.value_max is None else q.value_max / 1000
    kind = "too large" if q.kind == "distance" and (value_max or value) > MAX_KM else q.kind
    note = f"{q.text.strip()!r} read as {value_max or value:g} km"
    return replace(q, value=value, value_max=value_max, unit="km", kind=kind, note=note)


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
    # A range goes up: "between 120 and 100 km" is put in order; "120-100 km" is not read.
    note = _fraction_note(m.group("num"), value)
    if low is not None and low > value and m.group("blo"):
        low, value = value, low
        note = f"{m.group(0).strip()!r} read as {low:g}-{value:g} {unit}"
    elif low is not None and low > value:
        text = m.group(0).strip()
        reason = f"a range written high to low ({text!r}): which figure is meant is not clear"
        return Quantity(m.start(), m.end(), text, math.nan, unit, "malformed", reason=reason)
    elif low is not None and low == value:
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
    elif kind == "distance" and unit != "m" and _km(hi or lo, unit) > MAX_KM:
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
        note=note,
    )


def _fraction_note(figure: str, value: float) -> str:
    if figure[-1:] in _FRACTIONS:
        return f"{figure!r} read as {round(value, 3):g}"
    return ""
