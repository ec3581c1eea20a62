"""Statements beyond "N km": directions alone, comparisons, extremes and "halfway between".

Read from a sentence and the places found in it (:mod:`~islandchain.extract.mentions`),
in English, Japanese and Chinese, by the patterns in :data:`PATTERNS` (data, like
:mod:`~islandchain.extract.patterns`). The words come from :mod:`islandchain.vocabulary`
(directions, extremes, comparatives, kinds of place, states, hedges), so that every
statement found is a claim ``islandchain verify`` reads:

- **direction**: "Pengjia Islet lies north-east of Keelung"; several for one subject
  ("east of mainland China, north-east of Taiwan and west of Okinawa"); 基隆の北東に
  位置する; 位于台湾东北方. A direction joined to a figure ("56 km north-east of") is a
  distance claim and is not repeated here.
- **comparison**: "X is closer to A than to B", "A is nearer X than B is", "nearer
  Taiwan than any Japanese city", 石垣よりも台湾が近い, 离A比离B更近.
- **extreme**: "Japan's westernmost island", "the westernmost inhabited island of
  Japan", "the southernmost point of Taiwan", 日本最西端の島, 台湾最南端, "the closest
  Japanese island to Taiwan", 台湾に一番近い島.
- **between**: "about halfway between A and B", "midway between", "in the middle of the
  strait", AとBの中間, 位于A与B中间.

The subject is the place the clause is about: the first place before the statement
that no preposition introduces, else the place the sentence before was about (for
"it", "the group of islands", 同島, or a clause with no place of its own).

>>> from islandchain.extract.mentions import find_mentions
>>> s = "Pengjia Islet lies north-east of Keelung."
>>> [(x.kind, x.subject.fid, x.reference.fid, x.word) for x in find_statements(s,
...     find_mentions(s))]
[('direction', 'pengjia', 'keelung_city', 'north-east')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from .. import vocabulary as voc
from . import patterns
from .mentions import Mention
from .quantities import Quantity
from .text import Normalised, Sentence

__all__ = ["PATTERNS", "KindClaim", "Statement", "find_statements", "kind_claims"]


@dataclass(frozen=True)
class Statement:
    """One statement beyond a distance, with its places and words.

    ``span`` is its character span in the sentence; ``fields`` the claim's other fields
    (``among``, ``state``, ``within``, ``inhabited``, ``than_kind``, ``than_state``,
    ``comparative``, ``qualifier``, ``extreme``).
    """

    kind: str
    subject: Mention
    reference: Mention | None
    word: str
    span: tuple[int, int]
    other: Mention | None = None
    fields: dict[str, object] = field(default_factory=dict, hash=False)


# ------------------------------------------------------------------ the words


def _alternation(words: Sequence[str]) -> str:
    spellings = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(r"[\s-]+".join(re.escape(p) for p in re.split(r"[\s-]+", w)) for w in spellings)


@cache
def _words() -> dict[str, str]:
    """Regular-expression alternations of the vocabulary's words, by kind and script."""
    directions = voc.direction_words()
    latin_dir = [
        w for w in directions if w.isascii() and not re.fullmatch(r"[NSEW]{1,3}", w)
        and not w.startswith(("due ", "to the"))
    ]  # fmt: skip
    cjk_dir = [w for w in directions if not w.isascii() and not w.startswith(("真", "正"))]
    latin = {k: [w for w in voc.words(k) if w.isascii()] for k in ("extreme", "state")}
    cjk = {k: [w for w in voc.words(k) if not w.isascii()] for k in ("extreme", "state")}
    kinds = voc.words("feature kind")
    return {
        "dir": rf"(?<![A-Za-z])(?:{_alternation(latin_dir)})(?![a-z])",
        "cdir": _alternation(cjk_dir),
        "ext": rf"(?<![A-Za-z])(?:{_alternation(latin['extreme'])})(?![a-z])",
        "cext": _alternation(cjk["extreme"]),
        "state": rf"(?:(?<![A-Za-z])(?:{_alternation(latin['state'])})(?![a-z])|{_PLACE})",
        "cstate": rf"(?:{_alternation(cjk['state'])}|{_PLACE})",
        "kind": rf"(?:{_alternation([w for w in kinds if w.isascii()])})(?![a-z])",
        "ckind": _alternation([w for w in kinds if not w.isascii()]),
        "hedge": _alternation([w for w in voc.HEDGES if w.isascii() and len(w) > 2]),
        "part": rf"(?P<PT>{patterns.PART_OF})",
    }


#: The patterns, as data: (kind, language, regular expression). ``{P}``, ``{Q}``, ``{R}``
#: stand for places (found among the sentence's mentions); the other names for the
#: vocabulary's words (see :func:`_words`).
PATTERNS: tuple[tuple[str, str, str], ...] = (
    # --- directions alone -----------------------------------------------------------
    ("direction", "en", r"(?:due\s+)?(?:to\s+the\s+)?(?P<W>{dir})\s+(?:of|from)\s+{part}?{R}"),
    ("direction", "ja", r"{R}の(?P<W>{cdir})(?:方向|方|側)?(?:に|へ|、|，|,|で|の海)"),
    ("direction", "zh", r"{R}(?:的)?(?:以)?(?P<W>{cdir})(?:方向|方|边|邊|面|部|侧|側)?"),
    # --- comparisons ------------------------------------------------------------------
    ("comparison", "en",
     r"(?P<W>closer|nearer|farther|further)\s+(?:to\s+|from\s+)?{R}\s+than\s+(?:to\s+|from\s+|"
     r"is\s+)?(?:(?:any|every)\s+(?P<TS>{state})\s+(?P<TK>{kind})|{Q}(?:\s+is)?)"),
    ("comparison", "ja",
     r"{Q}(?:から)?よりも?{R}(?:の方|のほう)?(?:が|に|へ|は)(?:ずっと|はるかに)?(?P<W>近い|遠い)"),
    ("comparison", "zh",
     r"(?:离|離|距离|距離|距)\s*{R}比(?:离|離|距离|距離|距)?\s*{Q}(?:还|還|更|要)?(?P<W>近|远|遠)"),
    # --- extremes ----------------------------------------------------------------------
    ("extreme", "en",
     r"(?P<ST>{state})(?:'s|’s)\s+(?P<W>{ext})\s+(?P<INH>inhabited\s+)?(?P<K>{kind})"),
    ("extreme", "en",
     r"the\s+(?P<W>{ext})\s+(?P<INH>inhabited\s+)?(?P<K>{kind})\s+(?:of|in)\s+(?:the\s+)?"
     r"(?:(?P<ST2>{state})(?![\w'])|{R})"),
    ("extreme", "en",
     r"the\s+(?P<W>closest|nearest|farthest|furthest)\s+(?:(?P<ST>{state})\s+)?"
     r"(?P<INH>inhabited\s+)?(?P<K>{kind})\s+to\s+{R}"),
    ("extreme", "ja",
     r"(?:(?P<ST>{cstate})|{R})の?(?P<W>{cext})(?:部)?(?:の|的|に位置する|にある)?(?P<INH>有人)?(?P<K>{ckind})?"),
    ("extreme", "ja",
     r"{R}(?:に|から)(?P<W>一番近い|最も近い|いちばん近い)(?:(?P<ST>{cstate})の)?(?P<INH>有人)?(?P<K>{ckind})"),
    ("extreme", "zh",
     r"(?:离|離|距离|距離|距)\s*{R}(?P<W>最近|最远|最遠)的(?:(?P<ST>{cstate})(?:的)?)?(?P<K>{ckind})"),
    # --- between -----------------------------------------------------------------------
    ("between", "en",
     r"(?:(?P<H>{hedge}|almost|nearly|exactly)\s+)?(?P<W>halfway|half-way|midway|mid-way)\s+"
     r"between\s+(?:the\s+)?{R}\s+and\s+(?:the\s+)?{Q}"),
    ("between", "en", r"(?P<W>in\s+the\s+middle)\s+of\s+{R}"),
    ("between", "ja", r"{R}と{Q}(?:との|の)(?:間の|間)?(?P<H>ほぼ)?(?P<W>中間|真ん中|中ほど)"),
    ("between", "zh",
     r"{R}(?:与|與|和|跟|同){Q}(?:之间|之間)?(?:的)?(?P<H>大约|大約|约|約)?(?P<W>正中|中间|中間|中点|中點)"),
)  # fmt: skip

_PLACE = "\ue000(?:\ue100|[\ue101-\uf8ff])\ue001"
_PREP_BEFORE = re.compile(
    r"(?<![\w])(?:in|of|near|off|from|to|at|by|with|toward|towards|between|than|and|or|"
    r"beyond|around|across|within|into|onto|via|like)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"(?<![\w])(?:lies|lie|lay|is|are|was|were|sits|sit|stands|located|situated|stretches|"
    r"stretch|extends|extend|rises|rise|found)\b",
    re.IGNORECASE,
)
_REFERS_BACK = re.compile(
    r"^\s*(?:it|they|the\s+(?:island|islands|islet|islets|group|chain|archipelago|atoll|"
    r"territory)|this\s+island|these\s+islands|同島|同諸島|该岛|該島|この島)\b",
    re.IGNORECASE,
)
_CJK_TOPIC = re.compile(r"^(?:は|が|も)")


@cache
def _compiled(index: int) -> re.Pattern:
    kind, lang, source = PATTERNS[index]
    rx = source
    for name, place in (("P", "P"), ("Q", "Q"), ("R", "R")):
        rx = rx.replace("{" + name + "}", f"(?P<{place}>{_PLACE})")
    rx = rx.format(**_words())
    return re.compile(rx, re.IGNORECASE if lang == "en" else 0)


# --------------------------------------------------------------- the skeleton


def _skeleton(sentence: str, mentions: Sequence[Mention]) -> tuple[str, list[int], list[int]]:
    """The sentence with each place replaced by a 3-character token; maps of positions."""
    places = _places(mentions)
    out, pos, starts = [], 0, []
    to_text: list[int] = []
    for i, m in enumerate(places):
        if m.start < pos or i > 0x17FF:
            continue
        out.append(sentence[pos : m.start])
        to_text += range(pos, m.start)
        starts.append(i)
        out.append(f"\ue000{chr(0xE100 + i)}\ue001")
        to_text += [m.start, m.start, m.end - 1]
        pos = m.end
    out.append(sentence[pos:])
    to_text += range(pos, len(sentence))
    to_text.append(len(sentence))
    return "".join(out), to_text, starts


def _places(mentions: Sequence[Mention]) -> list[Mention]:
    """The places and anaphors read as places; one that says an extreme (日本最西端, "the
    closest Japanese island") is left as text for the extreme's pattern."""
    ext = re.compile(f"{_words()['cext']}|{_words()['ext']}", re.IGNORECASE)
    return [
        m for m in mentions
        if m.kind in ("place", "anaphor") and m.start >= 0 and not ext.search(m.text)
    ]  # fmt: skip


def _at(skel: str, pos: int, places: Sequence[Mention]) -> Mention:
    return places[ord(skel[pos + 1]) - 0xE100]


def _subject(
    skel: str,
    start: int,
    places: Sequence[Mention],
    topic: Mention | None,
    avoid: set[str],
) -> Mention | None:
    """The place a statement at ``start`` is about (see the module's documentation)."""
    clause_start = max(skel.rfind(c, 0, start) for c in ";。；\n")
    clause = skel[clause_start + 1 : start]
    offset = clause_start + 1
    for m in re.finditer(_PLACE, clause):
        place = _at(skel, offset + m.start(), places)
        before = clause[: m.start()]
        if place.kind != "place" or place.fid in avoid or place.feature_kind == "state":
            continue
        if _PREP_BEFORE.search(before) or before.rstrip().endswith(("の", "的", "离", "離", "距")):
            continue
        if re.search(r"(?:part|one|west|east|north|south)\s+of\s*$", before, re.IGNORECASE):
            continue
        return _head(skel, offset + m.end(), place, places)
    if _REFERS_BACK.search(clause) or not clause.strip() or _LOCATIVE.search(clause):
        if topic is not None and topic.fid not in avoid:
            return topic
    return None


_BETWEEN_FIGURE_EN = re.compile(r"\s*(?:\([^()]{0,60}\))?\s*(?:away\s+|to\s+the\s+)?")
_BETWEEN_FIGURE_CJK = re.compile(r"[\s约約大]{0,3}")


def _head(skel: str, end: int, place: Mention, places: Sequence[Mention]) -> Mention:
    """In Japanese and Chinese, the last place of a chain "沖縄県八重山郡の与那国町" (its head)."""
    while True:
        nxt = re.match(
            rf"(?:[^\s{_PLACE[0]}、。，,はがもに是为為在]{{0,4}}?の|的)?({_PLACE})", skel[end:]
        )
        if nxt is None or not re.search(
            r"[\u3040-\u30ff\u4e00-\u9fff]", skel[end : end + 1] or "x"
        ):
            return place
        cand = _at(skel, end + nxt.start(1), places)
        if cand.kind != "place":
            return place
        place, end = cand, end + nxt.end(1)


def _figure_near(skel: str, start: int, end: int, spans: list[tuple[int, int]], lang: str) -> bool:
    """True when a figure is written against the statement ("56 km (35 mi) north-east of")."""
    gap = _BETWEEN_FIGURE_EN if lang == "en" else _BETWEEN_FIGURE_CJK
    for s, e in spans:
        if e <= start and gap.fullmatch(skel[e:start]):
            return True
        if lang != "en" and end - 2 <= s <= end + 8:  # 台湾の東約110キロ
            return True
    return False


_ADJACENT = re.compile(
    r"\s*(?:,|:|\(|—|–|-)?\s*(?:which\s+|that\s+)?(?:is|was|remains|becomes|became|lies\s+as)?"
    r"\s*(?:also\s+|now\s+|still\s+|officially\s+)?(?:the\s+)?"
    r"|(?:は|が|も|是|为|為|乃|即|，|、|,)?(?:日本の|中国的)?",
    re.IGNORECASE,
)


def _state_or_place(m: re.Match, group: str, places: Sequence[Mention]) -> tuple[str, str]:
    """A state word, or a place token, as (ISO3 code, "") or ("", the place's id)."""
    if not m.groupdict().get(group):
        return "", ""
    text = m.group(group)
    if text.startswith("\ue000"):
        place = _at(m.string, m.start(group), places)
        code = voc.parse_state(place.name or place.text) if place.kind == "place" else None
        if place.feature_kind == "state" and code:
            return code, ""
        # The place as written ("the southernmost point of Taiwan" is read as Cape Eluanbi
        # by the mentions; the extreme is judged within Taiwan).
        return "", _lookup(" ".join(place.text.split())) or place.fid
    return voc.parse_state(text) or "", ""


def _fields(kind: str, m: re.Match, places: Sequence[Mention], skel: str) -> dict[str, object]:
    groups = m.groupdict()
    out: dict[str, object] = {}
    if kind == "extreme":
        out["extreme"] = voc.parse_extreme(re.sub(r"\s+", " ", groups["W"]))
        kind_word = groups.get("K") or ""
        out["among"] = voc.parse_feature_kind(kind_word) if kind_word else "point"
        state, within = _state_or_place(m, "ST" if groups.get("ST") else "ST2", places)
        if within and out["among"] == "island" and voc.parse_state(_names(within)):
            state, within = voc.parse_state(_names(within)) or "", ""  # "Taiwan's islands"
        out["state"], out["within"] = state, within
        out["inhabited"] = bool(groups.get("INH"))
    elif kind == "comparison":
        out["comparative"] = voc.parse_comparative(groups["W"])
        if groups.get("TS"):
            out["than_state"] = _state_or_place(m, "TS", places)[0]
            out["than_kind"] = voc.parse_feature_kind(groups["TK"]) or ""
    elif kind == "between":
        out["qualifier"] = groups.get("H") or ""
    return out


def find_statements(
    sentence: str,
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity] = (),
    topic: Mention | None = None,
) -> list[Statement]:
    """The statements beyond a distance in one sentence.

    Parameters
    ----------
    sentence : str
        One sentence (normalised text).
    mentions : sequence of Mention
        Its places.
    quantities : sequence of Quantity
        Its figures: a direction written against a figure is a distance claim, not one
        of these.
    topic : Mention, optional
        The place the sentence before was about ("it", "the group of islands").

    Returns
    -------
    list of Statement

    Examples
    --------
    >>> from islandchain.extract.mentions import find_mentions
    >>> s = "Yonaguni is closer to Taiwan than to Ishigaki."
    >>> [(x.kind, x.subject.fid, x.reference.fid, x.other.fid)
    ...  for x in find_statements(s, find_mentions(s))]
    [('comparison', 'yonaguni', 'taiwan', 'ishigaki')]
    """
    places = _places(mentions)
    skel, to_text, _ = _skeleton(sentence, mentions)
    taken: list[tuple[int, int]] = []
    out: list[Statement] = []
    spans = [(_index(to_text, q.start), _index(to_text, q.end)) for q in quantities]
    cjk = bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", sentence))
    for index, (kind, lang, _) in enumerate(PATTERNS):
        if (lang != "en") != cjk:
            continue
        for m in _compiled(index).finditer(skel):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            if kind == "direction" and _figure_near(skel, s, e, spans, lang):
                continue
            found = _statement(kind, m, skel, places, topic)
            if found is None:
                continue
            taken.append((s, e))
            a, b = to_text[min(s, found[1])], to_text[e - 1] + 1
            out.append(
                Statement(
                    kind, found[0], found[2], m.group("W"), (min(a, b), max(a, b)), found[3],
                    _fields(kind, m, places, skel),
                )
            )  # fmt: skip
    return sorted(out, key=lambda x: x.span)


def _adjacent(skel: str, subject: Mention, m: re.Match, places: Sequence[Mention]) -> bool:
    """True when an extreme is said of the subject ("X, Japan's westernmost island", "X is the")."""
    for t in re.finditer(_PLACE, skel[: m.start()]):
        if _at(skel, t.start(), places) is subject:
            return bool(_ADJACENT.fullmatch(skel[t.end() : m.start()]))
    return bool(_REFERS_BACK.search(skel[: m.start()]))  # "It is the westernmost ..."


def _lookup(name: str) -> str | None:
    from ..data import lookup  # the gazetteer's names

    try:
        return lookup(name)
    except LookupError:
        return None


def _names(fid: str) -> str:
    from ..measuring import names  # the gazetteer's English names

    return names().get(fid, fid)


def _index(to_text: list[int], pos: int) -> int:
    """A sentence offset's position in the skeleton (the first skeleton index at or after).

    ``to_text`` never decreases, so this is a binary search.
    """
    return bisect.bisect_left(to_text, pos)


def _statement(
    kind: str, m: re.Match, skel: str, places: Sequence[Mention], topic: Mention | None
) -> tuple[Mention, int, Mention | None, Mention | None] | None:
    """(subject, skeleton start of the subject, reference, other) of a match, or None."""
    groups = m.groupdict()
    ref = _at(skel, m.start("R"), places) if groups.get("R") else None
    other = _at(skel, m.start("Q"), places) if groups.get("Q") else None
    for x in (ref, other):
        if x is not None and x.kind != "place":
            return None
    if groups.get("PT") and (ref is None or not ref.part):
        return None  # "east of the western end of X" where X has no cape there: not X
    if kind == "extreme" and ref is not None and not (groups.get("ST") or groups.get("ST2")):
        if ref.feature_kind == "state" and m.group("W").lower() not in ("closest", "nearest"):
            return None
    avoid = {x.fid for x in (ref, other) if x is not None}
    subject = _subject(skel, m.start(), places, topic, avoid)
    if subject is not None and kind == "extreme" and not _adjacent(skel, subject, m, places):
        subject = None  # "south of the southernmost point of Taiwan": not about the subject
    if subject is None and kind == "extreme":  # "Japan's westernmost island, Yonaguni"
        after = re.match(rf"[\s,、，]*(?:は|の|,|:)?\s*({_PLACE})", skel[m.end() :])
        if after:
            cand = _at(skel, m.end() + after.start(1), places)
            cand = _head(skel, m.end() + after.end(1), cand, places)
            subject = cand if cand.kind == "place" and cand.fid not in avoid else None
    if subject is None or (ref is not None and subject.fid == ref.fid):
        return None
    if kind == "between" and other is None and ref is not None and ref.feature_kind != "strait":
        return None
    start = m.start()
    return subject, start, ref, other


# ------------------------------------------------------------- as claims


@dataclass(frozen=True)
class KindClaim:
    """A statement beyond a distance, ready to be written as a ``[[claim]]``.

    ``span`` is its character span in the text given; ``entry`` the claims-file table.
    """

    id: str
    kind: str
    quote: str
    span: tuple[int, int]
    subject: str
    reference: str
    direction: str
    entry: dict[str, object] = field(hash=False)
    subject_id: str = ""
    reference_id: str = ""
    other_id: str = ""


def _entry(st: Statement) -> dict[str, object]:
    """The claims-file fields of a statement (words as the vocabulary reads them)."""
    out: dict[str, object] = {"kind": st.kind, "subject": st.subject.name}
    ref = st.reference.name if st.reference is not None else ""
    other = st.other.name if st.other is not None else ""
    f = st.fields
    if st.kind == "direction":
        parsed = voc.parse_direction(st.word)
        out.update(reference=ref, direction=str(parsed) if parsed else st.word)
    elif st.kind == "comparison":
        out["reference"] = ref
        if other:
            out["than"] = other
        else:
            out.update(than_kind=f["than_kind"], than_state=f["than_state"])
        out["comparative"] = str(f["comparative"])
    elif st.kind == "extreme":
        out.update(extreme=str(f["extreme"]), among=f["among"])
        if ref:
            out["reference"] = ref
        if f.get("within"):
            out["within"] = _names(str(f["within"]))
        state = f.get("state") or ""
        if not state and not f.get("within"):
            state = _admin(st.subject.fid)
        if state:
            out["state"] = state
        if f.get("inhabited"):
            out["inhabited"] = True
    else:  # between
        if other:
            out["between"] = [ref, other]
        else:
            out["place"] = ref
        if f.get("qualifier"):
            hedge = voc.parse_qualifier(str(f["qualifier"]))
            out["qualifier"] = "about" if hedge is voc.Comparator.APPROXIMATE else ""
    return {k: v for k, v in out.items() if v != ""}


def _admin(fid: str) -> str:
    from ..data import features  # the gazetteer

    admin = tuple(features().loc[fid, "admin"])
    return str(admin[0]) if admin else ""


def kind_claims(
    norm: Normalised,
    sentence: Sentence,
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    topic: Mention | None,
    ids: set[str],
    quote: str,
) -> list[KindClaim]:
    """The statements of one sentence as claims the claims reader accepts.

    ``norm`` maps offsets of the normalised text back to the text given; ``sentence`` has
    ``text`` and ``start``; ``ids`` holds the claim ids already used (updated).
    """
    import tomli_w

    from ..claimfile import parse_claims  # the reader the claims must satisfy
    from ..errors import ClaimError

    out = []
    for st in find_statements(sentence.text, mentions, quantities, topic):
        if st.subject.kind != "place":
            continue
        entry = _entry(st)
        base = re.sub(r"[^a-z0-9]+", "-", f"{st.subject.fid}-{st.kind}-{st.word}".lower())
        base = base.strip("-")[:80] or st.kind
        cid, n = base, 2
        while cid in ids:
            cid, n = f"{base}-{n}", n + 1
        table = {"id": cid, "quote": quote, **entry}
        try:
            parse_claims(tomli_w.dumps({"claim": [table]}), "<extract>", strict=True)
        except (ClaimError, LookupError):
            continue
        ids.add(cid)
        span = norm.span(sentence.start + st.span[0], sentence.start + st.span[1])
        out.append(
            KindClaim(
                cid, st.kind, quote, span, str(entry["subject"]), str(entry.get("reference", "")),
                str(entry.get("direction", "")), table, st.subject.fid,
                st.reference.fid if st.reference is not None else "",
                st.other.fid if st.other is not None else "",
            )
        )  # fmt: skip
    return out
