"""Text for people: plain-text and Markdown tables, cleaned of control characters.

>>> print(table(("a", "b"), [(1, "x")]))
a  b
-  -
1  x
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

__all__ = ["clean_text", "csv_cell", "markdown_cell", "markdown_table", "table"]

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional
# overrides and isolates that can make a terminal line read differently.
# Lone surrogates and U+FFFE/U+FFFF go too: they are not characters, nor valid XML (SVG).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean_text(text: str) -> str:
    r"""Remove control characters (escape sequences, C1, bidi overrides) from text.

    Tabs and newlines stay. Used for everything the command line prints, so
    that nothing read from an article or a file reaches the terminal raw.

    Examples
    --------
    >>> clean_text("Yonaguni\x1b[2J\u202e ok\n")
    'Yonaguni[2J ok\n'
    """
    return _UNSAFE.sub("", text)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Format rows as a plain-text table with aligned columns."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "-"
    if isinstance(value, float):
        return f"{value:.4f}"
    return "-" if value in ("", None) else str(value)


def csv_cell(value: object) -> object:
    r"""A CSV cell no spreadsheet runs as a formula (OWASP: CSV injection).

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading single quote; numbers and other text are left as they are.

    >>> csv_cell("=HYPERLINK(1)"), csv_cell("@SUM(A1)"), csv_cell(-3.5), csv_cell("Taiwan")
    ("'=HYPERLINK(1)", "'@SUM(A1)", -3.5, 'Taiwan')
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def markdown_cell(value: object) -> str:
    r"""Text for one Markdown table cell or list item: HTML escaped, pipes escaped, one line.

    >>> markdown_cell("<img src=x onerror=alert(1)> a|b\nc")
    '&lt;img src=x onerror=alert(1)&gt; a\\|b c'
    """
    text = html.escape(clean_text(str(value)), quote=False)
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Format rows as a Markdown table: every cell escaped with :func:`markdown_cell`."""

    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"

    return "\n".join([line(headers), "|" + "---|" * len(headers), *map(line, rows)])
