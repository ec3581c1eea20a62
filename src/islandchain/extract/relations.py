"""Pair each figure of a sentence with the place it is about and the place it is measured from.

The sentence is reduced to a *skeleton*: every mention and every figure replaced by a
token. The relation patterns of :mod:`islandchain.extract.patterns` are matched on the
skeleton; the subject, when a pattern does not name it, is the first place of the
figure's clause that is not introduced by a preposition (a possessive yields to the
place it qualifies: "Japan's Yonaguni"), else the subject of the figure before it in
the sentence ("... and 170 km southwest of ..."), else the subject after a fronted
phrase ("Located 600 km from Taiwan, the base ..."), and "it", "the island", 同島
refer to the place the previous sentence was about.

Examples
--------
>>> from islandchain.extract.mentions import find_mentions
>>> from islandchain.extract.quantities import find_quantities
>>> s = "Yonaguni, Japan's westernmost island, is 110 km from Taiwan."
>>> [link] = relate(s, find_mentions(s), find_quantities(s), Context())
>>> link.subject.fid, link.reference.fid, link.quantity.value
('yonaguni', 'taiwan', 110.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

import shapely

from .. import data
from .. import vocabulary as voc
from . import patterns
from .mentions import Mention
from .quantities import Quantity

__all__ = ["Context", "Link", "relate"]

_M0, _M1, _Q0, _Q1 = "\ue000", "\ue001", "\ue002", "\ue003"
_BASE = 0xE100
_MAX_TOKENS = 0xE0FF - 0x0000  # indices stay in the private-use area
_MENTION = f"{_M0}[\ue100-\uf8ff]{_M1}"
_GAP = rf"(?:(?![{_M0}{_Q0}])[^.;!?。；\n]){{0,60}}?"
#: A longer gap that may hold places ("… varies with the place, but it is about …").
_GAPL = rf"(?:(?!{_Q0})[^.;!?。；\n]){{0,120}}?"
_GAPJ = rf"(?:(?![{_M0}{_Q0}])[^。；;，,、\n]){{0,12}}?"
_HERE = "\ue004"  # the figure being linked, in the window searched
_WINDOW = 300
_GAPC = rf"(?:(?![{_M0}{_Q0}])[^。；;\n]){{0,16}}?"


@dataclass
class Context:
    """What earlier sentences leave for later ones: the place they were about."""

    topic: Mention | None = None
    places: list[Mention] = field(default_factory=list)
    strait: Mention | None = None


@dataclass(frozen=True)
class Link:
    """A figure with its subject and reference, or the reason it has none."""

    quantity: Quantity
    subject: Mention | None = None
    reference: Mention | None = None
    direction: str = ""
    pattern: str = ""
    reason: str = ""
    others: tuple[Mention, ...] = ()
    kind: str = "distance"
    at: str = ""


@cache
def _direction_regex() -> str:
    names, abbrs, cjk = set(), set(), set()
    for w in voc.direction_words():
        if w.startswith("due ") or w.startswith("to the"):
            continue
        if re.fullmatch(r"[NSEW]{1,3}", w):
            abbrs.add(w)
        elif w.isascii():
            names.add(w.lower())
        else:
            cjk.add(w)
    for n in list(names):
        if "-" in n:
            names.add(n.replace("-", " "))
    name_alt = "|".join(
        r"[\s-]?".join(re.escape(p) for p in re.split(r"[\s-]", n))
        for n in sorted(names, key=len, reverse=True)
    )
    abbr_alt = "|".join(r"\.?".join(a) + r"\.?" for a in sorted(abbrs, key=len, reverse=True))
    cjk_alt = "|".join(sorted(cjk, key=len, reverse=True))
    full_names = rf"(?<![A-Za-z])(?:{name_alt})(?![a-z])"
    abbreviations = rf"(?-i:(?<![A-Za-z])(?:{abbr_alt})(?![A-Za-z]))"
    return rf"(?:{full_names}|{abbreviations}|{cjk_alt})"


@cache
def _compiled(index: int) -> re.Pattern:
    lang, source = patterns.RELATIONS[index]
    rx = (
        source.replace("{A}", f"(?P<A>{_MENTION})")
        .replace("{B}", f"(?P<B>{_MENTION})")
        .replace("{N}", f"(?P<N>{_HERE})")
        .replace("{DIR}", f"(?P<DIR>{_direction_regex()})")
        .replace("{GAPJ}", _GAPJ)
        .replace("{GAPC}", _GAPC)
        .replace("{TAIL}", patterns.TAIL)
        .replace("{M}", _MENTION)
        .replace("{GAPL}", _GAPL)
        .replace("{GAP}", _GAP)
        .replace("{FILLB}", patterns.FILL_B)
    )
    return re.compile(rx, re.IGNORECASE if lang == "en" else 0)


@cache
def _direction_only() -> tuple[re.Pattern, ...]:
    d = _direction_regex()
    m = _MENTION
    return (
        re.compile(
            rf"(?P<A>{m})[^{_M0}{_Q0}.;]{{0,40}}?\s(?:lies|lie|is|are|sits|sit|stands|was|located|"
            rf"situated)\s+(?:(?:almost|roughly|directly|about|just|some|slightly)\s+)?(?:due\s+)?"
            rf"(?:to\s+the\s+)?(?P<DIR>{d})\s+of{patterns.FILL_B}(?P<B>{m})",
            re.IGNORECASE,
        ),
        re.compile(rf"(?P<A>{m})(?:は|が){_GAPJ}(?P<B>{m})の(?P<DIR>{d})(?:方|側)?(?:に|へ|、)"),
        re.compile(
            rf"(?P<A>{m})(?:位于|位於|在)(?P<B>{m})(?:的)?(?:以)?(?P<DIR>{d})(?:方|边|邊|面|部)?"
            rf"(?![^。，,]{{0,6}}{_Q0})"
        ),
    )


def _skeleton(mentions: list[Mention], quantities: list[Quantity], sentence: str):
    items: list[tuple[int, int, str, int]] = []
    for i, q in enumerate(quantities):
        items.append((q.start, q.end, "q", i))
    for i, m in enumerate(mentions):
        if not any(q.start < m.end and m.start < q.end for q in quantities):
            items.append((m.start, m.end, "m", i))
    items.sort()
    parts, pos, where = [], 0, {}
    length = 0
    for start, end, kind, i in items:
        if start < pos:
            continue
        parts.append(sentence[pos:start])
        length += start - pos
        token = f"{_Q0}{chr(_BASE + i)}{_Q1}" if kind == "q" else f"{_M0}{chr(_BASE + i)}{_M1}"
        where[(kind, i)] = length
        parts.append(token)
        length += 3
        pos = end
    parts.append(sentence[pos:])
    return "".join(parts), where


def _mention_at(skel: str, pos: int, mentions: list[Mention]) -> Mention:
    return mentions[ord(skel[pos + 1]) - _BASE]


def relate(
    sentence: str, mentions: list[Mention], quantities: list[Quantity], context: Context
) -> list[Link]:
    """Link every figure of ``sentence`` to its places; see the module docstring.

    ``context`` carries the topic from sentence to sentence and is updated.
    """
    if len(mentions) >= 0x1700 or len(quantities) >= 0x1700:
        mentions, quantities = mentions[:0x1700], quantities[:0x1700]
    skel, where = _skeleton(mentions, quantities, sentence)
    links: list[Link] = []
    used_refs: set[int] = set()
    last_subject: Mention | None = None
    subjects_here: list[Mention] = []
    for qi, q in enumerate(quantities):
        if q.kind in ("malformed", "zero", "too large", "area", "speed"):
            links.append(Link(q, reason=q.reason or _KIND_REASONS[q.kind].format(q=q)))
            continue
        qpos = where.get(("q", qi))
        if qpos is None:
            links.append(Link(q, reason="overlaps another figure"))
            continue
        link = _match(skel, qpos, chr(_BASE + qi), mentions, q)
        subject, reference, direction = link.subject, link.reference, link.direction
        if reference is not None:
            used_refs.add(id(reference))
        if subject is None and reference is not None:
            # 距台湾仅110公里的与那国岛: the place the figure qualifies
            subject = _after_figure(skel, qpos, mentions, reference, first_only=True)
        if subject is None:
            subject = _subject(skel, qpos, mentions, reference, used_refs)
            if subject is None and last_subject is not None and reference is not None:
                subject = last_subject
            if subject is None and reference is not None:
                subject = _fronted(skel, qpos, mentions, reference)
            if subject is None and reference is not None:
                subject = _inverted(skel, mentions, reference)
            if subject is None and reference is not None:
                subject = _after_figure(skel, qpos, mentions, reference)
            if subject is None and reference is not None:
                subject = _unsaid(sentence, context, reference, skel[qpos + 3 : qpos + 12])
        away = None
        if reference is None:
            away = _AWAY.match(skel, qpos + 3) or _TOWARD().match(skel, qpos + 3)
        aside = away and not (away.groupdict().get("DIR") or away.groupdict().get("DIR2"))
        if away and (subject is None or aside):  # "... to Iriomote, 30 km away"
            lead = re.search(rf"({_MENTION})\s*,\s*$", skel[:qpos])
            if (
                lead
                and subject is not None
                and not re.search(
                    r"\b(?:for|to|and|or)\s+(?:the\s+)?$", skel[: lead.start(1)], re.I
                )
            ):
                lead = None  # "On Kinmen, mainland China is 2 km away": the subject stays
            if lead:
                found = _mention_at(skel, lead.start(1), mentions)
                if re.search(
                    r"\b(?:closer|nearer|close|near)\s+to\s+$", skel[: lead.start(1)], re.I
                ):
                    # "they lie closer to Taiwan, about 170 km away": Taiwan is the other end
                    reference = found
                    subject = _pick(_candidates(skel, 0, qpos, mentions, {id(found)}))
                else:
                    subject = found
            elif subject is None:
                subject = _inverted_away(skel, away.end(), mentions)
        if away and subject is not None and reference is None:
            # "Taiwan is 111 km away (to the west)": measured from another place named.
            reference = _other_place(
                skel, mentions, subject, context, qpos, {x.fid for x in subjects_here}
            )
            word = away.groupdict().get("DIR") or away.groupdict().get("DIR2")
            if word and voc.parse_direction(word):
                direction = word
        if not direction and reference is not None and not away:
            after = _TOWARD().match(skel, qpos + 3)  # 約500キロ南西にある, "N to the west"
            word = after and (after.group("DIR") or after.group("DIR2"))
            if word and voc.parse_direction(word):
                direction = word
        subject = _resolve_anaphor(subject, context, mentions)
        reference = _resolve_anaphor(reference, context, mentions, avoid=subject)
        link = Link(q, subject, reference, direction, link.pattern)
        reason = ""
        if subject is not None and subject.kind == "pair":
            subject, reference, reason = _pair(subject, context, mentions)
        if q.kind == "width":
            strait = _strait(skel, qpos, mentions, context)
            if strait is not None:
                links.append(
                    Link(q, strait, None, "", link.pattern, kind="width", at=_width_at(skel, qpos))
                )
                continue
            if not link.pattern.startswith("pair"):
                links.append(Link(q, reason="width of a strait that is not named"))
                continue
        if q.kind == "length" and not link.pattern.startswith("pair"):
            reason = "a length, not a distance between two places"
        elif reference is None and not reason:
            reason = _why_no_pair(mentions, subject, context)
        # Past the two tests above, without a reason, both ends are places.
        elif subject is None and reference is not None and not reason:
            reason = f"no second place (only {_label(reference)} is named with the figure)"
        elif (
            not reason
            and subject is not None
            and reference is not None
            and subject.fid
            and subject.fid == reference.fid
        ):
            reason = f"both ends are the same place ({subject.text!r})"
        if reason:
            links.append(Link(q, subject, reference, direction, link.pattern, reason))
            continue
        links.append(Link(q, subject, reference, direction, link.pattern))
        last_subject = subject
        subjects_here.append(subject)
    links = _distribute(skel, where, mentions, quantities, links, context)
    _update(context, skel, mentions, links)
    return links


_AWAY = re.compile(
    r"\s*(?:away|distant)(?:\s+(?:to\s+the\s+)?(?P<DIR>north|south|east|west|north-?east|"
    r"north-?west|south-?east|south-?west))?\b",
    re.IGNORECASE,
)


@cache
def _TOWARD() -> re.Pattern:  # noqa: N802 - built once
    """ "210 km to the northwest" with no "of": measured from a place named before."""
    return re.compile(
        rf"\s*,?\s*(?:(?:farther|further)\s+)?(?:to\s+the\s+|due\s+)(?P<DIR>{_direction_regex()})"
        rf"(?!\s+(?:of|from)\b)"
        rf"|(?P<DIR2>{_direction_regex()})(?:方向|方|側)?(?:に|へ)",
        re.IGNORECASE,
    )


_KIND_REASONS = {
    "malformed": "not a number that can be read ({q.text!r})",
    "zero": "a distance of zero",
    "too large": "longer than half the Earth's circumference",
    "area": "an area, not a distance",
    "speed": "a speed, not a distance",
}


def _match(skel: str, qpos: int, qchar: str, mentions: list[Mention], q: Quantity) -> Link:
    lo = max(0, qpos - _WINDOW)
    window = skel[lo:qpos] + _HERE + skel[qpos + 3 : qpos + 3 + _WINDOW]
    if _M0 not in window:
        return Link(q)
    latin = re.search(r"[A-Za-z]", window) is not None
    cjk = re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", window) is not None
    for index, (lang, _source) in enumerate(patterns.RELATIONS):
        if (lang == "en" and not latin) or (lang != "en" and not cjk):
            continue
        m = _compiled(index).search(window)
        if m is None:
            continue
        groups = m.groupdict()
        a = _mention_at(window, m.start("A"), mentions) if groups.get("A") else None
        b = _mention_at(window, m.start("B"), mentions) if groups.get("B") else None
        if b is None:
            continue
        if a is not None and b is not None and a is b:
            continue
        b = _named_after(skel, b, mentions)
        if b.possessive:  # "Taiwan's capital, Taipei"
            i = mentions.index(b)
            rest = skel[skel.find(f"{_M0}{chr(_BASE + i)}{_M1}") + 3 :]
            part = re.match(rf"'s?\s+(?:[a-z][\w-]*\s+){{0,2}}{_PARTS}\b", rest)
            app = (
                None
                if part
                else re.match(
                    rf"'s?\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*\s*,\s*({_MENTION})", rest
                )
            )
            app = app or re.match(rf"'s?\s+({_MENTION})", rest)
            app = app or re.match(rf"'s?\s+(?:[a-z][\w-]*\s+){{0,3}}of\s+({_MENTION})", rest)
            if app:
                b = _mention_at(rest, app.start(1), mentions)
        direction = ""
        if groups.get("DIR"):
            found = voc.parse_direction(groups["DIR"])
            if found is not None:
                direction = groups["DIR"]
        kind = "pair" if a is not None else "reference"
        return Link(q, a, b, direction, f"{kind}:{index}")
    return Link(q)


def _named_after(skel: str, b: Mention, mentions: list[Mention]) -> Mention:
    """A description followed by the name it describes: "the nearest Taiwanese island, the
    Lesser Orchid Island", "the mainland city of Xiamen": the place named."""
    rest = skel[_after_pos(skel, b, mentions) :]
    named = re.match(
        rf"\s+(?:[a-z]+\s+){{0,2}}(?:city|port|town|island|islands|county|province)\s+of\s+"
        rf"({_MENTION})",
        rest,
    )
    if named is None and b.fid in patterns.DESCRIPTIONS and b.text != b.name:
        named = re.match(rf"\s*,\s*(?:the\s+)?[\"“”']?\s*({_MENTION})", rest)
    if named is None:
        return b
    found = _mention_at(rest, named.start(1), mentions)
    return found if found.kind == "place" else b


_PARTS = r"(?:coast|coastline|coasts|shore|shores|shoreline|tip|end|side|point|edge|waters)"
_PREP = re.compile(rf"(?<![\w])(?:{patterns.PREPOSITIONS}|on|about)\s+(?:the\s+)?$", re.IGNORECASE)
_CJK_PREP = re.compile(r"(?:距离?|離|离|距離|从|從|由|在|与|與|和|跟|同|到|至|から|より|まで)$")
_LOCATIVE = re.compile(rf"^\s*(?:,[^,]{{0,60}},\s*)?(?:{patterns.LOCATIVE_VERBS})\b", re.IGNORECASE)
_BREAKS = re.compile(patterns.CLAUSE_BREAKS, re.IGNORECASE)


_IN_PHRASE = re.compile(
    rf"(?<![\w])(?:{patterns.PREPOSITIONS})\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,2}}$", re.IGNORECASE
)
_SPEECH = re.compile(rf"^\s*(?:{patterns.SPEECH_VERBS})\b", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(rf"^\s+{patterns.ATTRIBUTIVE_NEXT}", re.IGNORECASE)
_POSSESSIVE_PLACE = re.compile(patterns.POSSESSIVE_PLACE, re.IGNORECASE)
_RELATIVE_OPEN = re.compile(r"(?:,\s*|\s+)(?:which|where|who|whose|that)\b", re.IGNORECASE)
_ASIDE = re.compile(r",\s*(?:which|where|who|whose)\b[^,;]*,|\([^()]*\)", re.IGNORECASE)


@cache
def _subject_before() -> re.Pattern:
    return re.compile(patterns.SUBJECT_BEFORE.replace("{M}", _MENTION), re.IGNORECASE)


def _candidates(
    skel: str, start: int, end: int, mentions: list[Mention], exclude, loose: bool = False
) -> list:
    out = []
    asides = [(a.start(), a.end()) for a in _ASIDE.finditer(skel, start, end)]
    dateline = _DATELINE.match(skel)
    if dateline and (  # "TAIPEI (Taiwan News) — …": where the story was filed
        not dateline.group(1).startswith(_M0)
        or _mention_at(skel, dateline.start(1), mentions).text.isupper()
    ):
        asides.append((0, dateline.end()))
    for m in re.finditer(_MENTION, skel[start:end]):
        pos = start + m.start()
        if any(a <= pos < b for a, b in asides):
            continue
        mention = _mention_at(skel, pos, mentions)
        if id(mention) in exclude:
            continue
        pre = skel[max(start, pos - 50) : pos]
        post = skel[pos + 3 : pos + 70]
        if mention.kind == "anaphor" and mention.text.lower() == "its":
            continue
        if re.search(patterns.VESSEL_BEFORE, pre, re.IGNORECASE):
            continue
        if _PREP.search(pre) and not re.search(patterns.HEAD_OF, pre, re.IGNORECASE):
            if not (loose and re.search(r"\b(?:on|in|at)\s+(?:the\s+)?$", pre, re.I)):
                continue
        if _CJK_PREP.search(pre):
            continue
        if mention.kind == "unknown" and mention.text.isascii() and not _LOCATIVE.match(post):
            continue
        if _SPEECH.match(post) or _ATTRIBUTIVE.match(post):
            continue
        if mention.possessive and mention.text.isascii():
            tail = re.sub(r"^'s?\s*", "", post)
            if not (_POSSESSIVE_PLACE.match(tail) or tail.startswith(_M0)):
                continue
        if not mention.text.isascii() and not mention.text[:1].isascii():
            initial = not skel[:pos].strip(" 「『\"'") and post[:1] not in "の的"
            initial = initial and not re.match(patterns.CJK_ATTRIBUTIVE_NEXT, post)
            if not initial and not re.match(patterns.CJK_SUBJECT_NEXT, post):
                continue
        out.append(mention)
    return out


def _pick(cands: list[Mention]) -> Mention | None:
    if not cands:
        return None
    plain = [c for c in cands if not c.possessive]
    return plain[0] if plain else cands[0]


def _subject(skel, qpos, mentions, reference, used_refs) -> Mention | None:
    exclude = used_refs | ({id(reference)} if reference is not None else set())
    head = skel[:qpos]
    m = _subject_before().search(head)
    participle = m and re.search(r"located|situated|lying|sitting|positioned|set|which", m[0])
    if (
        m
        and not participle
        and re.search(r"\b(?:to|from|than)\s+(?:the\s+)?$", head[: m.start("A")], re.I)
    ):
        m = None  # "closer to Taiwan, about 170 km away": Taiwan is the other end
    if m:
        pre = head[max(0, m.start("A") - 12) : m.start("A")]
        found: Mention | None = _mention_at(skel, m.start("A"), mentions)
        inner = re.search(rf"({_MENTION})\s+in\s+(?:the\s+)?$", head[: m.start("A")])
        if inner:  # "Yonaguni Island in Okinawa Prefecture, 110 km from ..."
            found = _mention_at(skel, inner.start(1), mentions)
        elif (
            re.search(r"\bof\s+(?:the\s+)?$", pre)
            or not participle
            and _IN_PHRASE.search(head[max(0, m.start("A") - 40) : m.start("A")])
        ):
            found = None  # "an island in the northern Philippine Sea, approximately …"
        if found is not None and id(found) not in exclude:
            return found
    # Inside a relative clause: "Ishigaki, which lies 270 km east of Taiwan".
    opens = list(_RELATIVE_OPEN.finditer(head))
    if opens and "," not in head[opens[-1].end() :]:
        before = head[: opens[-1].start()].rstrip()
        own = _candidates(skel, opens[-1].end(), qpos, mentions, exclude)
        if before.endswith(_M1) and not own:  # "…, where Erdan lies …" has its own
            found = _mention_at(before, len(before) - 3, mentions)
            if id(found) not in exclude:
                return found
    gapped = _GAPPED.search(head)
    if gapped:  # "Yonaguni lies 140 km to the north-east and the Senkakus 220 km …"
        found = _mention_at(skel, gapped.start(1), mentions)
        if id(found) not in exclude and found.kind != "unknown":
            return found
    start = _clause_start(skel, qpos)
    marks = [t.start() for t in _TOPIC_MARK.finditer(head, start)]
    topic = marks[-1] if marks else -1
    before_topic = re.sub(r"[(（][^()（）]{0,20}[)）]$", "", head[start:topic].rstrip("、 "))
    if topic > 0 and not before_topic.endswith(_M1):
        # 「…演習区域の一部は、波照間島の南…」: the topic before は is not a place.
        return _pick(_candidates(skel, topic + 1, qpos, mentions, exclude))
    found = _pick(_candidates(skel, start, qpos, mentions, exclude))
    if found is None and reference is not None:
        # "US bases on Okinawa are 700 km from Taiwan": the place the subject is on.
        found = _pick(_candidates(skel, start, qpos, mentions, exclude, loose=True))
    if found is None and start and reference is not None:
        # A clause with no subject of its own continues the sentence's (东沙岛…，距高雄…).
        found = _pick(_candidates(skel, 0, start, mentions, exclude))
    return found


_TOPIC_MARK = re.compile(r"(?<!から)(?<!まで)(?<!より)(?<![にでと])は")
_DATELINE = re.compile(rf"^\s*({_MENTION}|[A-Z][A-Z .,'-]{{2,}})\s*(?:\([^()]*\))?\s*[—–-]")
_GAPPED = re.compile(
    rf"(?:,|;|\band|\bwhile|\bwhereas)\s+(?:the\s+)?({_MENTION})\s+"
    r"(?:(?:about|some|roughly|around|only|just|nearly|almost|barely)\s+)?$",
    re.IGNORECASE,
)


def _clause_start(skel: str, qpos: int) -> int:
    """Where the clause of the figure at ``qpos`` starts (a break inside brackets is none)."""
    brackets = [(b.start(), b.end()) for b in re.finditer(r"\([^()]*\)", skel[:qpos])]
    start = 0
    for b in _BREAKS.finditer(skel, 0, qpos):
        if not any(a <= b.start() < e for a, e in brackets):
            start = b.end()
    return start


def _fronted(skel, qpos, mentions, reference) -> Mention | None:
    head = re.match(r"\W*(\w+(?:\s\w+)?)", skel)
    if (
        not head
        or not any(head.group(1).lower().startswith(w) for w in patterns.FRONTED)
        and not skel.lstrip().startswith(_Q0)
    ):
        return None
    comma = skel.find(",", qpos)
    if comma < 0:  # "5 nmi south-east of A the islet of B is situated"
        return _pick(_candidates(skel, _after_pos(skel, reference, mentions), len(skel),
                                 mentions, {id(reference)})[:1])  # fmt: skip
    its = re.match(rf"\s*({_MENTION})", skel[comma + 1 :])
    if its and _mention_at(skel, comma + 1 + its.start(1), mentions).text.lower() == "its":
        return _mention_at(skel, comma + 1 + its.start(1), mentions)  # the topic's
    return _pick(_candidates(skel, comma + 1, len(skel), mentions, {id(reference)})[:3])


def _after_pos(skel: str, mention: Mention, mentions: list[Mention]) -> int:
    """Where the token of ``mention`` (or of the mention it was resolved from) ends."""
    index = next(
        (i for i, x in enumerate(mentions) if (x.start, x.end) == (mention.start, mention.end)),
        None,
    )
    pos = -1 if index is None else skel.find(f"{_M0}{chr(_BASE + index)}{_M1}")
    return pos + 3 if pos >= 0 else len(skel)


_CJK_TEXT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _unsaid(sentence: str, context: Context, reference: Mention, after: str) -> Mention | None:
    """Japanese and Chinese leave out a subject the text is about (「…から約60km
    の海上にある。」, 「距高雄约50公里。」): the place the text is about, if there is one.
    A figure that places an event ("…の海域で", "…处发现") is not about it."""
    if re.match(r"(?:の海域|の海上で|で|处|處|的海域|海域)", after):
        return None
    topic = context.topic
    if topic is None or topic.kind != "place" or topic.fid == reference.fid:
        return None
    if not _CJK_TEXT.search(sentence):
        return None
    return Mention(-1, -1, topic.text, topic.kind, topic.fid, topic.name, topic.feature_kind)


def _inverted_away(skel: str, pos: int, mentions: list[Mention]) -> Mention | None:
    """ "Almost 70 miles away lies the island of Taiwan": the subject after the verb."""
    m = re.match(
        rf"\s*(?:lies|lie|sits|stands|is|are)\s+(?:the\s+)?(?:[a-z]+\s+){{0,2}}?(?:of\s+)?"
        rf"({_MENTION})",
        skel[pos:],
        re.IGNORECASE,
    )
    return _mention_at(skel, pos + m.start(1), mentions) if m else None


def _inverted(skel, mentions, reference) -> Mention | None:
    """ "Some 110 km east of Taiwan lies Yonaguni." """
    rest = _after(skel, reference, mentions)
    m = re.match(
        rf"\s*,?\s*(?:lies|lie|sits|stands|is|are)\s+(?:the\s+)?(?P<A>{_MENTION})", rest, re.I
    )
    return _mention_at(rest, m.start("A"), mentions) if m else None


@cache
def _subject_after() -> tuple[re.Pattern, ...]:
    return tuple(
        re.compile(p.replace("{M}", _MENTION).replace("{DIR}", _direction_regex()))
        for p in patterns.SUBJECT_AFTER
    )


def _after_figure(skel, qpos, mentions, reference, first_only=False) -> Mention | None:
    rest = skel[qpos + 3 :]
    for rx in _subject_after()[:1] if first_only else _subject_after():
        m = rx.search(rest)
        if m:
            found = _mention_at(rest, m.start("A"), mentions)
            if found is not reference:
                return found
    return None


def _after(skel: str, mention: Mention, mentions: list[Mention]) -> str:
    i = mentions.index(mention)
    token = f"{_M0}{chr(_BASE + i)}{_M1}"
    pos = skel.find(token)
    return skel[pos + 3 :] if pos >= 0 else ""


_TYPED = {
    "port": ("port", "city"),
    "base": ("base", "airport"),
    "cape": ("cape",),
    "city": ("city", "port"),
    "town": ("city", "port"),
}


def _resolve_anaphor(
    m: Mention | None, context: Context, mentions: list[Mention], avoid: Mention | None = None
) -> Mention | None:
    """ "the port" is the last port named before it; "it", "the island" the previous topic."""
    if m is None or m.kind != "anaphor":
        return m
    word = m.text.lower().split()[-1]
    before = [x for x in mentions if x.kind == "place" and x.end <= m.start]
    target = None
    if word == "its" and avoid is not None:
        others = [x for x in before if x.fid != avoid.fid]
        target = others[-1] if others else None
    if word in _TYPED:
        target = next((x for x in reversed(before) if x.feature_kind in _TYPED[word]), None)
    if target is None:
        target = context.topic or (before[-1] if before else None)
    if target is None:
        return None
    return Mention(
        m.start, m.end, m.text, target.kind, target.fid, target.name, target.feature_kind
    )


def _other_place(skel, mentions, subject, context, qpos: int, taken=()) -> Mention | None:
    """The other end of "N km away": a place named before the figure after "from", "on",
    "at", "in" or "to"; else the place the text is about; else a place named before it.
    A place after the figure is the subject of a clause of its own ("… and the Senkakus
    220 km to the north"), not the other end."""
    places = [m for m in mentions if m.kind in ("place", "unknown") and m.fid != subject.fid]
    places = [m for m in places if not (m.kind == "unknown" and re.search(patterns.WATERS, m.text))]
    places = [m for m in places if m is not subject and m.text != subject.text]
    before, earlier = [], []
    places = [m for m in places if m.fid not in taken and not _within(subject.fid, m.fid)]
    start = _clause_start(skel, qpos)
    for m in places:
        i = mentions.index(m)
        pos = skel.find(f"{_M0}{chr(_BASE + i)}{_M1}")
        if pos < 0 or pos > qpos:
            continue
        if pos < start:
            marked = re.search(r"(?:from|on|at|in|to)\s+$", skel[max(0, pos - 8) : pos], re.I)
            earlier.append((m.kind != "place", not marked, len(earlier), m))
        elif re.search(r"(?:from|on|at|in|to)\s+$", skel[max(0, pos - 8) : pos], re.I):
            return m
        else:
            before.append(m)
    if before:
        return before[0]
    topic = context.topic
    if topic is not None and topic.fid != subject.fid:
        return topic
    return min(earlier)[3] if earlier else None


@cache
def _within(inner: str, outer: str) -> bool:
    """True when place ``inner`` lies on or in ``outer`` (a town on its island, an island in
    its county): the two are never the ends of a stated distance."""
    if not inner or not outer or inner == outer:
        return False
    feats = data.features()
    if inner not in feats.index or outer not in feats.index:
        return False
    point = shapely.Point(feats.loc[inner, "lon"], feats.loc[inner, "lat"])
    return bool(feats.loc[outer, "geometry"].distance(point) < 0.005)


def _pair(m: Mention, context: Context, mentions: list[Mention]):
    here = [x for x in mentions if x.kind == "place" and x.end <= m.start]
    here = list({x.fid: x for x in reversed(here)}.values())[::-1]
    places = here if len(here) >= 2 else context.places
    if len(places) >= 2:
        a, b = places[0], places[1]
        return (
            Mention(m.start, m.end, m.text, a.kind, a.fid, a.name, a.feature_kind),
            Mention(m.start, m.end, m.text, b.kind, b.fid, b.name, b.feature_kind),
            "",
        )
    return None, None, f"{m.text!r} does not name two places"


_STRAIT_WORD = re.compile(
    r"^[\s-]*(?:wide|across|broad)?\s*(?:strait|channel|passage|waterway|海峡|海峽|水道)\b",
    re.IGNORECASE,
)


def _strait(skel: str, qpos: int, mentions: list[Mention], context: Context) -> Mention | None:
    """The strait a width is about: named in the sentence, else "the strait" before."""
    straits = [
        (abs(skel.find(f"{_M0}{chr(_BASE + i)}{_M1}") - qpos), m)
        for i, m in enumerate(mentions)
        if m.kind == "place" and m.feature_kind == "strait"
    ]
    if straits:
        return min(straits, key=lambda t: t[0])[1]
    here = re.search(r"\b(?:the|this|that)\s+(?:strait|channel|passage)\b", skel, re.IGNORECASE)
    it = any(m.kind == "anaphor" and m.text.lower() == "it" for m in mentions)
    it = it and context.topic is not None and context.topic.feature_kind == "strait"
    if context.strait is not None and (here or it or _STRAIT_WORD.match(skel[qpos + 3 :])):
        s = context.strait
        return Mention(s.start, s.end, s.text, s.kind, s.fid, s.name, s.feature_kind)
    return None


def _width_at(skel: str, qpos: int) -> str:
    """Where a width is taken ("at its narrowest", 最窄处), when the sentence says."""
    words = [w for w in voc.WIDTH_WORDS if w] if hasattr(voc, "WIDTH_WORDS") else []
    if not words:
        return ""
    rx = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    word = re.compile(rf"(?<![A-Za-z])(?:{rx})(?![a-z])", re.IGNORECASE)
    after = re.match(r"[^.;,]{0,40}", skel[qpos + 3 :])
    m = word.search(after.group(0)) if after else None
    m = m or word.search(skel[max(0, qpos - 60) : qpos + 80])
    found = voc.parse_width_at(m.group(0)) if m else None
    return found or ""


def _label(m: Mention) -> str:
    if m.name and m.name != m.text:
        return f"{m.text!r} ({m.name})"
    return repr(m.text)


def _why_no_pair(mentions: list[Mention], subject: Mention | None, context: Context) -> str:
    known = [m for m in mentions if m.kind == "place"]
    unknown = [m for m in mentions if m.kind == "unknown"]
    if not known and not unknown:
        return "no place named"
    if len(known) == 1 and not unknown:
        return f"no second place (only {_label(known[0])} is named)"
    return "no second place linked to the figure"


@cache
def _list_regex() -> re.Pattern:
    item = rf"(?:the\s+)?{_MENTION}(?!'s?\s)"
    return re.compile(rf"{item}(?:\s*,\s*{item})*{patterns.LIST_LAST}{item}", re.IGNORECASE)


def _listed(skel: str, mentions: list[Mention], subject: Mention) -> tuple[Mention, ...]:
    """The places listed with ``subject`` at their head ("Tokyo and Beijing are both …")."""
    pos = _after_pos(skel, subject, mentions) - 3
    for m in _list_regex().finditer(skel):
        if m.start() <= pos < m.end():
            found = _members(skel, m, mentions)
            head = (found[0].start, found[0].end) == (subject.start, subject.end)
            return found if head and len(found) >= 2 else ()
    return ()


def _members(skel: str, m: re.Match, mentions: list[Mention]) -> tuple[Mention, ...]:
    found = [
        _mention_at(skel, m.start() + x.start(), mentions) for x in re.finditer(_MENTION, m[0])
    ]
    if any(x.kind not in ("place", "anaphor", "unknown") or x.possessive for x in found):
        return ()
    return tuple(found)


def _distribute(skel, where, mentions, quantities, links: list[Link], context) -> list[Link]:
    """A list of places with one figure ("Tokyo and Beijing are both 1,900 km away") makes a
    claim for each place; with as many figures and "respectively" (それぞれ, 分别), the i-th
    figure goes with the i-th place. The other end is then one no member of the list."""
    resp = re.search(patterns.RESPECTIVELY, skel)
    out: list[Link] = []
    for link in links:
        s = link.subject
        if s is None or link.pattern.startswith("pair") or link.kind != "distance":
            out.append(link)
            continue
        listed = _listed(skel, mentions, s) or _listed_before(skel, mentions, where, link, resp)
        listed = tuple(m for m in (_resolve_anaphor(x, context, mentions) for x in listed) if m)
        if len(listed) < 2:
            out.append(link)
            continue
        fids = {x.fid for x in listed if x.fid}
        ref = link.reference
        if (ref is None or ref.fid in fids) and resp:
            named = re.search(
                rf"respectively\s+(?:of|from|to)\s+(?:the\s+)?({_MENTION})"
                rf"|(?:of|from)\s+(?:the\s+)?({_MENTION})\s*,?\s*respectively",
                skel,
                re.IGNORECASE,
            )
            ref = _mention_at(skel, named.start(named.lastindex or 1), mentions) if named else None
        if ref is None or ref.fid in fids:
            qpos = where.get(("q", quantities.index(link.quantity)), 0)
            ref = _other_place(skel, mentions, s, context, qpos, fids)
        if ref is None:
            out.append(link)
            continue
        group = [x for x in links if x.kind == "distance" and x.subject is not None]
        if resp and len(group) == len(listed):
            member = listed[group.index(link)]
            out.append(
                replace(
                    link,
                    subject=member,
                    reference=ref,
                    reason="",
                    direction=_nth_direction(skel, where, quantities, group, link),
                )
            )
        elif sum(1 for x in links if x.subject is s) == 1 and not resp:
            out += [replace(link, subject=m, reference=ref, reason="") for m in listed]
        else:
            out.append(link)
    return out


def _listed_before(skel, mentions, where, link: Link, resp) -> tuple[Mention, ...]:
    """With "respectively", the list may be anywhere before the figures."""
    if not resp:
        return ()
    subject = link.subject
    for m in _list_regex().finditer(skel):
        found = _members(skel, m, mentions)
        if subject is not None and any(
            (x.start, x.end) == (subject.start, subject.end) for x in found
        ):
            return found
    return ()


def _nth_direction(skel, where, quantities, group: list[Link], link: Link) -> str:
    """ "33 km and 70 km east and south-east respectively": the i-th direction, if listed."""
    first = where.get(("q", quantities.index(group[0].quantity)), 0)
    last = where.get(("q", quantities.index(group[-1].quantity)), 0)
    words = re.findall(_direction_regex(), skel[first : last + 80], re.IGNORECASE)
    words = [w for w in words if voc.parse_direction(w)]
    if len(words) == len(group):
        return words[group.index(link)]
    return link.direction


def _update(context: Context, skel: str, mentions: list[Mention], links: list[Link]) -> None:
    subjects = [link.subject for link in links if link.subject is not None and not link.reason]
    places = [m for m in mentions if m.kind == "place"]
    if subjects:
        context.topic = subjects[-1]
    else:
        cands = _candidates(skel, 0, len(skel), mentions, set())
        first = _pick(cands)
        named = next((c for c in cands if c.kind == "place"), None)
        if first is not None and first.kind in ("anaphor", "pair") and named is not None:
            context.topic = named  # "The northernmost island … is Y'ami Island"
        elif first is not None and first.kind in ("anaphor", "pair") and context.topic:
            pass  # "It is the southernmost island": the text is still about its topic
        elif first is not None and first.kind == "place":
            context.topic = first
        elif places:
            context.topic = places[0]
    straits = [m for m in places if m.feature_kind == "strait"]
    if straits:
        context.strait = straits[-1]
    places = [m for m in places if m.feature_kind != "strait"]
    distinct = list({m.fid: m for m in reversed(places)}.values())[::-1]
    if len(distinct) >= 2:
        context.places = distinct


def direction_statements(sentence: str, mentions: list[Mention]) -> list[tuple]:
    """(subject, reference, direction word, span) of statements with no figure.

    >>> from islandchain.extract.mentions import find_mentions
    >>> s = "Pengjia lies north-east of Keelung."
    >>> [(a.fid, b.fid, d) for a, b, d, _ in direction_statements(s, find_mentions(s))]
    [('pengjia', 'keelung_city', 'north-east')]
    """
    skel, _ = _skeleton(mentions, [], sentence)
    out = []
    for rx in _direction_only():
        for m in rx.finditer(skel):
            a = _mention_at(skel, m.start("A"), mentions)
            b = _mention_at(skel, m.start("B"), mentions)
            if a.kind == "place" and b.kind == "place" and a.fid != b.fid:
                out.append((a, b, m.group("DIR"), (a.start, b.end)))
    return out
