"""Places named in a sentence, found through the gazetteer's names in every script.

Every name and alias of every feature (English, Japanese, Chinese in simplified and
traditional forms, without macrons, without a generic "Island"/"Islands", "Port of" or
"Cape", and the plural of a group: "the Senkakus") is looked up token by token, longest
first, so the work is linear in the length of the sentence. Descriptions that name a
feature ("the Chinese mainland", "the nearest Taiwanese island") are listed in
:data:`islandchain.extract.patterns.DESCRIPTIONS`. Capitalised phrases that are not in
the gazetteer are returned as unknown mentions, and words that refer back ("it", "the
island", 同島) as anaphors.

Examples
--------
>>> [(m.text, m.fid, m.possessive) for m in find_mentions("Japan-administered Yonaguni Island")]
[('Yonaguni Island', 'yonaguni', False)]
>>> [(m.text, m.fid) for m in find_mentions("off Taiwan's east coast near the Senkakus")]
[('Taiwan', 'taiwan'), ('the Senkakus', 'senkaku')]
>>> [(m.text, m.fid) for m in find_mentions("钓鱼岛距离台湾基隆约190公里")]
[('钓鱼岛', 'uotsuri'), ('台湾基隆', 'keelung_city')]
>>> [(m.text, m.kind, m.fid) for m in find_mentions("the Taiwan Strait and Honolulu")]
[('the Taiwan Strait', 'place', 'taiwan_strait'), ('Honolulu', 'unknown', '')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import shapely

from .. import data
from ..data import gazetteer
from . import patterns

__all__ = ["Mention", "find_mentions", "name_table"]

_MAX_LATIN_TOKENS = 7
_CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_TOKEN = re.compile(rf"[{_LETTER}](?:[{_LETTER}]|'(?!s\b)(?=[{_LETTER}]))*|[{_CJK}]")
_IS_CJK = re.compile(rf"[{_CJK}]")
_GENERIC_EN = ("island", "islands", "islet", "islets", "isles", "island group", "group")
_PORT_PREFIX = re.compile(r"^(?:port of|cape|the)\s+", re.IGNORECASE)
_SUFFIX_EN = re.compile(r"\s+(?:cape|air base|base|port|harbou?r)$", re.IGNORECASE)
# The order in which a more specific place wins when two are written together
# ("台湾基隆", "Keelung, Taiwan").
_SPECIFIC = {"port": 0, "cape": 0, "base": 0, "airport": 0, "city": 0, "islet": 1, "island": 2}


@dataclass(frozen=True)
class Mention:
    """A place named in a sentence.

    ``kind`` is "place" (in the gazetteer: ``fid`` is its id), "unknown" (a capitalised
    phrase the gazetteer does not know), "anaphor" ("it", "the island") or "pair"
    ("the two islands"). ``start``/``end`` are offsets in the sentence.
    """

    start: int
    end: int
    text: str
    kind: str = "place"
    fid: str = ""
    name: str = ""
    feature_kind: str = ""
    possessive: bool = False
    part: str = ""


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", plain).casefold().replace("’", "'")


def _key(name: str) -> tuple[str, str] | None:
    """The lookup key of a name and the case of its first letter ('U', 'l' or '')."""
    name = unicodedata.normalize("NFKC", name).strip()
    if not name:
        return None
    if _IS_CJK.search(name) and not re.search(f"[{_LETTER}]", name):
        return "".join(_IS_CJK.findall(name)), ""
    tokens = [_fold(t) for t in _TOKEN.findall(name)]
    if not tokens or len(tokens) > _MAX_LATIN_TOKENS:
        return None
    first = re.search(f"[{_LETTER}]", name)
    return " ".join(tokens), ("U" if first and first.group(0).isupper() else "l")


def _variants(name: str, kind: str) -> list[str]:
    """Spellings of a name writers use."""
    out = [name]
    bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    out.append(bare)
    inner = re.search(r"\((.*?)\)", name)
    if inner:
        out += [p.strip() for p in inner.group(1).split(",")]
    for n in list(out):
        stripped = _PORT_PREFIX.sub("", n)
        stripped = _SUFFIX_EN.sub("", stripped)
        out.append(stripped)
        low = n.lower()
        for generic in _GENERIC_EN:
            if low.endswith(" " + generic):
                core = n[: -len(generic) - 1]
                out.append(core)
                if kind == "island_group":
                    out.append(core + "s")
        if _IS_CJK.search(n):
            if n.endswith("港") and len(n) > 2:
                out.append(n[:-1])
            if n[-1:] in "島岛" and len(n) > 2:  # 平潭島 -> 平潭
                out.append(n[:-1])
    return [v for v in dict.fromkeys(out) if v and len(v) > 1]


def _all_names() -> list[tuple[str, str, str]]:
    """(name, feature id, feature kind) for every name and alias in the gazetteer."""
    rows = list(data.name_table())
    columns = ["name", "name_ja", "name_zh", "aliases", "id", "kind"]
    for name, name_ja, name_zh, aliases, fid, kind in gazetteer()[columns].itertuples(
        index=False, name=None
    ):
        for n in filter(None, [name, name_ja, name_zh, *aliases]):
            rows.append((n, fid, kind))
    return rows


def _reads_as(name: str) -> str | None:
    """The feature :func:`islandchain.data.resolve` reads ``name`` as, or None."""
    return data.lookup(name)


def _skip_name(name: str, kind: str) -> bool:
    """Codes ("DNA", "RCAY", "A-306"), single letters and very short town names make false
    mentions: "A" opens sentences, and no one writes an airport's code for an island."""
    latin = name.isascii() or not _IS_CJK.search(name)
    if latin and re.fullmatch(r"[A-Z0-9.]{2,5}", name) and kind not in ("state",):
        return True
    if latin and (len(re.sub(r"[^A-Za-z]", "", name)) < 2 or re.search(r"\d", name)):
        return True
    return latin and kind in ("city", "airport") and len(name) < 4


def _demonym(word: str) -> bool:
    """True for a word formed from a known place's name as an adjective or demonym
    ("Okinawan", "Taiwanese", "Chinese", "Philippine"): it names people or things of the
    place, never a place itself.

    >>> _demonym("Okinawan"), _demonym("Taiwanese"), _demonym("Philippine"), _demonym("Luzon")
    (True, True, True, False)
    """
    table = name_table()
    low = _fold(word)
    if " " in low or low in table:
        return False
    for suffix in patterns.DEMONYM_SUFFIXES:
        stem = low.removesuffix(suffix)
        if (
            stem != low
            and len(stem) >= 3
            and any(stem + end in table for end in ("", "a", "e", "o"))
        ):
            return True
    return low + "s" in table


@cache
def name_table() -> dict[str, tuple[str, str, str, str]]:
    """Lookup key -> (feature id, name to write, feature kind, case of first letter).

    Every spelling is read as :func:`islandchain.data.resolve` reads it (so that what
    extraction writes, ``verify`` reads as the same feature); the name written is the
    spelling found when it resolves so, else the feature's own name.
    """
    gaz = gazetteer()
    own = dict(zip(gaz.id, gaz.name, strict=True))
    kinds = dict(zip(gaz.id, gaz.kind, strict=True))
    table: dict[str, tuple[str, str, str, str]] = {}
    derived: dict[str, tuple[str, str, str, str]] = {}
    for name, fid, kind in _all_names():
        if _skip_name(name, kind):
            continue
        for i, variant in enumerate(_variants(name, kind)):
            key = _key(variant)
            if key is None or key[0] in table:
                continue
            read = _reads_as(variant)
            if read is not None:
                entry = (read, variant, kinds.get(read, kind), key[1])
                (table if i == 0 else derived).setdefault(key[0], entry)
            else:
                derived.setdefault(key[0], (fid, own.get(fid, name), kind, key[1]))
    for fid, phrases in patterns.DESCRIPTIONS.items():
        if fid in own:
            for phrase in phrases:
                key = _key(phrase)
                if key:
                    derived.setdefault(key[0], (fid, own[fid], kinds[fid], key[1]))
    for k, entry in derived.items():
        table.setdefault(k, entry)
    return table


@cache
def _cjk_lengths() -> tuple[int, ...]:
    """The lengths of the CJK keys, longest first (Latin names: :func:`_latin_prefixes`)."""
    return tuple(sorted({len(k) for k in name_table() if _IS_CJK.match(k)}, reverse=True))


_STOP = frozenset(
    "the a an it its this that these those in on at but and yet so he she they we some about "
    "from by for however after before when while as if since during under over with without "
    "according meanwhile also although though both each many most one two three no not our "
    "their his her there here then today yesterday tomorrow monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august "
    "september october november december mr mrs ms dr president minister prime general "
    "admiral chinese japanese taiwanese american filipino korean beijing's located situated "
    "lying sitting only just what why how where who which located almost nearly roughly "
    "approximately barely around some less more over under".split()
)
_CJK_ISLAND = re.compile(
    r"(?:^|(?<=[，。、「」『』（）()\s,はがのとを与與和距离離从從到至在于於]))"
    r"((?![同该該此両两本全各这這其])[\u4e00-\u9fff]{1,4}(?:島|岛|嶼|屿|列島|列岛|群島|群岛|諸島|诸岛))"
)
_ANAPHOR = re.compile(
    r"(?<![\w])(?:"
    + "|".join(
        re.escape(a) for a in sorted(patterns.ANAPHORS, key=len, reverse=True) if a.isascii()
    )
    + r")(?![\w])|(?:"
    + "|".join(re.escape(a) for a in patterns.ANAPHORS if not a.isascii())
    + ")",
    re.IGNORECASE,
)
_PAIR = re.compile(
    r"(?<![\w])(?:"
    + "|".join(re.escape(a) for a in patterns.PAIR_ANAPHORS if a.isascii())
    + r")(?![\w])|(?:"
    + "|".join(re.escape(a) for a in patterns.PAIR_ANAPHORS if not a.isascii())
    + ")",
    re.IGNORECASE,
)


def find_mentions(sentence: str) -> list[Mention]:
    """Every place, unknown capitalised phrase and anaphor in ``sentence``, in order."""
    table = name_table()
    prefixes = _latin_prefixes()
    cjk_lengths = _cjk_lengths()
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence)]
    cjk = [bool(_IS_CJK.match(t[2])) for t in tokens]
    # May token i+1 continue a name that token i is part of?
    joins = [
        not cjk[k + 1] and _GAP.fullmatch(sentence, tokens[k][1], tokens[k + 1][0]) is not None
        for k in range(len(tokens) - 1)
    ]
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        start, end, tok = tokens[i]
        hit = None
        if cjk[i]:
            # Consecutive CJK characters: longest name first.
            for n in cjk_lengths:
                if i + n <= len(tokens) and tokens[i + n - 1][1] - start == n:
                    key = "".join(t[2] for t in tokens[i : i + n])
                    if key in table:
                        hit = (n, table[key])
                        break
        else:
            # The longest name starting here, grown token by token while some name
            # starts with what has been read.
            key, n = _fold(tok), 1
            while key in prefixes:
                if key in table:
                    hit = (n, table[key])
                if i + n >= len(tokens) or not joins[i + n - 1]:
                    break
                key, n = key + " " + _fold(tokens[i + n][2]), n + 1
        if hit is None:
            i += 1
            continue
        n, (fid, name, fkind, case) = hit
        s, e = start, tokens[i + n - 1][1]
        mention = _accept(sentence, s, e, fid, name, fkind, case)
        if mention is None:
            i += 1
            continue
        found.append(mention)
        i += n
    found = [_part(sentence, m) for m in _merge_adjacent(sentence, found)]
    found += _unknown(sentence, tokens, found)
    found += _anaphors(sentence, found)
    return sorted(found, key=lambda m: m.start)


_PART_BEFORE = re.compile(patterns.PART_BEFORE, re.IGNORECASE)
_PART_AFTER = re.compile(patterns.PART_AFTER, re.IGNORECASE)


def _part(sentence: str, m: Mention) -> Mention:
    """ "the southern tip of Taiwan", "Taiwan's northernmost point": the cape of the island
    at that end, when the gazetteer has one (else the island itself, as written).

    >>> [(m.fid, m.part) for m in find_mentions("120 km from the southern tip of Taiwan")]
    [('eluanbi', 'the southern tip of')]
    """
    if m.feature_kind not in ("island", "island_group"):
        return m
    found = _PART_BEFORE.search(sentence[max(0, m.start - 60) : m.start])
    found = found or _PART_AFTER.match(sentence[m.end : m.end + 60])
    if not found:
        return m
    cape = _cape_at(m.fid, found.group("dir").lower()[0])
    if cape is None:
        return m
    fid, name = cape
    return replace(m, fid=fid, name=name, feature_kind="cape", part=found.group(0).strip())


@cache
def _cape_at(fid: str, end: str) -> tuple[str, str] | None:
    """The cape at the ``end`` ("n", "s", "e" or "w") of feature ``fid``, or None."""
    feats = data.features()
    if fid not in feats.index:
        return None
    shape = feats.loc[fid, "geometry"]
    x0, y0, x1, y1 = shape.bounds
    axis, lo, hi = (1, y0, y1) if end in "ns" else (0, x0, x1)
    best = None
    for cid, row in feats[feats["kind"] == "cape"].iterrows():
        point = (row["lon"], row["lat"])
        if shape.distance(shapely.Point(point)) > 0.02:  # about 2 km: on the island
            continue
        score = point[axis] - lo if end in "sw" else hi - point[axis]
        if score <= 0.2 * (hi - lo) + 0.02 and (best is None or score < best[0]):
            best = (score, cid, str(row["name"]))
    return (best[1], best[2]) if best else None


#: What may stand between two words of one name.
_GAP = re.compile(r"\s{1,3}|-|'s\s+")


@cache
def _latin_prefixes() -> frozenset[str]:
    """Every run of a Latin key's first words ("east", "east china", "east china sea")."""
    out: set[str] = set()
    for key in name_table():
        if not _IS_CJK.match(key):
            words = key.split(" ")
            out.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
    return frozenset(out)


def _accept(
    sentence: str, s: int, e: int, fid: str, name: str, fkind: str, case: str
) -> Mention | None:
    text = sentence[s:e]
    after = sentence[e : e + 40]
    if case:  # Latin
        if case == "U" and not any(c.isupper() for c in text):
            return None
        if re.match(patterns.ADJECTIVAL_SUFFIX, after):
            return None
        nxt = re.match(r" ([A-Z][\w'-]*)", after)
        if nxt and nxt.group(1).lower() not in patterns.NAME_CONTINUATIONS:
            return None
        nxt = re.match(r"\s+([a-z]+)", after)
        if nxt and nxt.group(1) in patterns.NAME_BLOCKING_NEXT:
            return None
        before = sentence[max(0, s - 30) : s]
        t = re.search(r"\bthe\s+$", before, re.IGNORECASE)
        if t is not None and not text.lower().startswith("the"):
            s -= len(before) - t.start()
            text = sentence[s:e]
        possessive = bool(re.match(r"'s?(?![\w])", after))
    else:
        if any(after.startswith(x) for x in patterns.CJK_BLOCKING_SUFFIXES):
            return None
        if (
            after[:1] in "島岛市町村" and text[-1:] not in "島岛嶼屿市町村"
        ):  # 台湾岛, 臺東市, 与那国町
            e += 1
            text = sentence[s:e]
            after = sentence[e : e + 40]
        possessive = after[:1] in ("の", "的")
    return Mention(s, e, text, "place", fid, name, fkind, possessive)


def _merge_adjacent(sentence: str, found: list[Mention]) -> list[Mention]:
    """ "台湾基隆" and "Keelung, Taiwan" name one place: keep the more specific."""
    out: list[Mention] = []
    for m in found:
        if out:
            prev = out[-1]
            gap = sentence[prev.end : m.start]
            if (
                re.fullmatch(r"\s*\(\s*", gap)
                and prev.fid == m.fid
                and re.match(r"\s*\)", sentence[m.end : m.end + 3])
            ):  # "Lanyu (Orchid Island)"
                close = sentence.index(")", m.end) + 1
                out[-1] = replace(prev, end=close, text=sentence[prev.start : close])
                continue
            cjk = gap == "" and not prev.text.isascii()
            comma = (
                re.fullmatch(r",\s*", gap)
                and _SPECIFIC.get(prev.feature_kind, 9) == 0
                and m.feature_kind in ("region", "state", "province", "prefecture", "county")
                and bool(set(_admin(prev.fid)) & set(_admin(m.fid)))
            )
            if cjk or comma:
                keep = min((prev, m), key=lambda x: _SPECIFIC.get(x.feature_kind, 9))
                out[-1] = replace(
                    keep, start=prev.start, end=m.end, text=sentence[prev.start : m.end]
                )
                continue
        out.append(m)
    return out


@cache
def _admins() -> dict[str, tuple[str, ...]]:
    gaz = gazetteer()
    return dict(zip(gaz.id, gaz.admin, strict=True))


def _admin(fid: str) -> tuple[str, ...]:
    return _admins().get(fid, ())


def _unknown(sentence: str, tokens, found: list[Mention]) -> list[Mention]:
    """Capitalised phrases that the gazetteer does not know (at most five words)."""
    covered = [(m.start, m.end) for m in found]
    out: list[Mention] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        while run and run[0][2].lower() in _STOP:
            run.pop(0)
        if run:
            s, e = run[0][0], run[-1][1]
            out.append(Mention(s, e, sentence[s:e], "unknown"))
        run.clear()

    for s, e, tok in tokens:
        inside = any(a <= s < b for a, b in covered)
        if inside or _IS_CJK.match(tok) or not tok[0].isupper():
            if run and not inside and tok.lower() in ("of", "de", "la") and len(run) < 5:
                run.append((s, e, tok))
                continue
            while run and run[-1][2].lower() in ("of", "de", "la"):
                run.pop()
            flush()
            continue
        if run and (not re.fullmatch(r"\s|-", sentence[run[-1][1] : s]) or len(run) >= 5):
            flush()
        run.append((s, e, tok))
    flush()
    for m in _CJK_ISLAND.finditer(sentence):
        if not any(a < m.end() and m.start() < b for a, b in covered):
            out.append(Mention(m.start(1), m.end(1), m.group(1), "unknown"))
    result = []
    for mention in out:
        text = mention.text
        if text.lower() in _STOP or len(text) < 2 or text.isupper() and len(text) <= 3:
            continue
        after = sentence[mention.end : mention.end + 3]
        if re.match(patterns.ADJECTIVAL_SUFFIX, after) or _demonym(text):
            continue
        result.append(replace(mention, possessive=bool(re.match(r"'s?(?![\w])", after))))
    return result


_REFERRING = re.compile(patterns.REFERRING_PHRASE, re.IGNORECASE)


def _anaphors(sentence: str, found: list[Mention]) -> list[Mention]:
    covered = [(m.start, m.end) for m in found]
    out = []
    for regex, kind in ((_PAIR, "pair"), (_REFERRING, "anaphor"), (_ANAPHOR, "anaphor")):
        for m in regex.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in covered):
                continue
            if re.match(r"\s+of\b|'s\b", sentence[m.end() : m.end() + 5]):
                continue
            covered.append((m.start(), m.end()))
            out.append(Mention(m.start(), m.end(), m.group(0), kind))
    return out
