"""Text handling for extraction: normalisation with offsets, sentences, safe display.

Extraction works on a normalised copy of the text (NFKC, so full-width digits and
letters read as ASCII; zero-width and other invisible format characters removed, so
"1\\u200b11 km" reads as 111 km; control characters turned into spaces; typographic
quotes and dashes folded) and maps every match back to a span of the original text.

Examples
--------
>>> n = normalise("Ｔａｉｗａｎ is １１１\\u200bkm away")
>>> n.text
'Taiwan is 111km away'
>>> n.span(10, 15)
(10, 16)
>>> [s.text for s in sentences(normalise("It is c. 25 mi long. No. 3 is U.S. made. Ok."))]
['It is c. 25 mi long.', 'No. 3 is U.S. made.', 'Ok.']
>>> [s.text for s in sentences(normalise("It was made in the U.S. The U.S. Navy sailed."))]
['It was made in the U.S.', 'The U.S. Navy sailed.']
>>> printable("bad\\x1b[31m text")
'bad[31m text'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import patterns

__all__ = ["Normalised", "Sentence", "normalise", "printable", "sentences"]

_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2212": "-",
    "\u2014": " — ",
    "\u2015": " — ",
    "\u301c": "~",
    "\u00a0": " ",
    "\u3000": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u00ad": "",
}


#: Kept as written, not folded by NFKC: superscript digits (a footnote mark "111¹ km"
#: must not become 1111) and vulgar fractions ("110½" must not become "1101⁄2").
_KEEP = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹⁻¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞↉")


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, for each of its characters, the index of the original one."""

    text: str
    origin: tuple[int, ...]
    length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


@dataclass(frozen=True)
class Sentence:
    """One sentence of a normalised text: its text and where it starts."""

    text: str
    start: int


def normalise(text: str) -> Normalised:
    """Normalise ``text`` character by character, keeping the original offsets.

    Parameters
    ----------
    text : str

    Returns
    -------
    Normalised
    """
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in _FOLD:
            rep = _FOLD[ch]
        elif ch in "\n\t":
            rep = ch
        else:
            cat = unicodedata.category(ch)
            if cat == "Cf":
                rep = ""
            elif cat in ("Cc", "Cs", "Co", "Zl", "Zp"):
                rep = " "
            elif ch.isascii() or ch in _KEEP:
                rep = ch
            else:
                rep = unicodedata.normalize("NFKC", ch)
                rep = "".join(_FOLD.get(c, c) for c in rep)
        out.append(rep)
        origin.extend([i] * len(rep))
    return Normalised("".join(out), tuple(origin), len(text))


_ABBREV = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in patterns.ABBREVIATIONS) + r")\.$",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|[。！？]+[」』）\"]*|\n\s*\n")


def sentences(norm: Normalised) -> list[Sentence]:
    """Split a normalised text into sentences, not at abbreviations or initials.

    A full stop ends a sentence unless it closes a known abbreviation ("sq.",
    "c.", "approx.", "No.", "U.S.", ...; see :data:`patterns.ABBREVIATIONS`),
    a single capital initial, or is followed by a lower-case word or a digit.
    """
    text = norm.text
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group(0)[0] == ".":
            before = text[max(start, m.start() - 12) : m.start() + 1]
            after = text[end : end + 3].lstrip()
            if _ABBREV.search(before) and not (
                before.endswith("U.S.") and after[:1].isupper() and not _continues(text, end)
            ):
                continue
            if re.search(r"(?<![\w.])[A-Z]\.$", before):
                continue
            if after[:1].islower() or after[:1].isdigit():
                continue
        _add(out, text, start, end)
        start = end
    _add(out, text, start, len(text))
    return out


def _continues(text: str, end: int) -> bool:
    # "the U.S. Navy" continues; "made in the U.S. The ..." ends.
    word = re.match(r"\s*(\w+)", text[end : end + 40])
    return word is not None and word.group(1) not in patterns.SENTENCE_STARTERS


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(stripped, start + lead))


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, limit: int = 200) -> str:
    """``text`` made safe for a terminal: control characters removed, length bounded."""
    text = _UNPRINTABLE.sub("", text.replace("\n", " ").replace("\t", " "))
    return text if len(text) <= limit else text[: limit - 1] + "…"
