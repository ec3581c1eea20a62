"""The escaping boundary: how text from users and articles reaches a page as data.

Every name, quote, label and file name that a map shows comes from a file a
user can edit or an article we did not write. This module is the only place
where such text becomes HTML or JavaScript, and it holds three rules:

* **Text is escaped.** :func:`text_to_html` and :func:`popup_table` escape
  with :func:`html.escape`; :class:`markupsafe.Markup` marks the HTML that
  islandchain itself built, everything else is untrusted text.
* **Data reaches scripts as JSON** (:func:`safe_json`) with ``<``, ``>``,
  ``&`` and Jinja2's openers written as ``\\u`` escapes, so no string can
  close a ``<script>`` or open a template tag.
* **Rendered output is never template source.** branca re-parses the output
  of every ``MacroElement`` as Jinja2 source; :class:`SafeMacroElement` keeps
  it as :class:`RawText` instead, so ``{{ 7*7 }}`` in a quote stays
  ``{{ 7*7 }}``.

Examples
--------
>>> safe_json({"quote": "</script>{{ 7*7 }}"})
'{"quote":"\\\\u003c/script\\\\u003e\\\\u007b{ 7*7 }}"}'
>>> RawText("{% raw %}").render()
'{% raw %}'
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Sequence
from typing import Any

from branca.element import Element, Figure, MacroElement
from markupsafe import Markup

from ..errors import MapError

__all__ = [
    "RawText",
    "SafeMacroElement",
    "html_fragment",
    "inert_text",
    "layer_name",
    "plain_text",
    "popup_table",
    "safe_json",
    "text_to_html",
]

_TEMPLATE_OPENERS = re.compile(r"\{(?=[{%#])")
# C0/C1 control characters other than tab and newline: never shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain_text(value: object) -> str:
    """Return ``value`` as display text: stripped, control characters removed.

    Missing values (None, NaN, pandas' NA) become ``''``.

    Parameters
    ----------
    value : object
        Anything a table cell may hold.

    Returns
    -------
    str
        The text to show.

    Examples
    --------
    >>> plain_text(" Yonaguni\\x1b[31m "), plain_text(float("nan")), plain_text(None)
    ('Yonaguni[31m', '', '')
    """
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover - pandas comes with geopandas
        pass
    return _CONTROL.sub("", str(value)).strip()


def text_to_html(text: str) -> Markup:
    """Escape plain text for HTML, keeping its line breaks.

    Parameters
    ----------
    text : str
        Untrusted text.

    Returns
    -------
    markupsafe.Markup
        Escaped text with newlines as ``<br>``.

    Examples
    --------
    >>> str(text_to_html("a <b>\\nc"))
    'a &lt;b&gt;<br>c'
    """
    lines = _CONTROL.sub("", str(text)).splitlines() or [""]
    return Markup("<br>".join(html.escape(line) for line in lines))


def html_fragment(content: str | Markup | None) -> str | None:
    """Escape plain text; pass :class:`markupsafe.Markup` through unchanged.

    Parameters
    ----------
    content : str, Markup or None
        ``Markup`` is HTML islandchain built (see :func:`popup_table`);
        anything else is untrusted text.

    Returns
    -------
    str or None
        HTML, or None for no content.

    Examples
    --------
    >>> html_fragment("<b>"), html_fragment(Markup("<b>x</b>"))
    ('&lt;b&gt;', '<b>x</b>')
    """
    if content is None:
        return None
    if isinstance(content, Markup):
        return str(content)
    return str(text_to_html(content)) or None


def popup_table(title: str, rows: Sequence[tuple[str, str]], *, note: str = "") -> Markup:
    """Build a popup: a heading over a two-column table, all escaped.

    Parameters
    ----------
    title : str
        Heading text, e.g. the statement checked.
    rows : sequence of (str, str)
        Label and value of each row; rows with an empty value are left out.
    note : str
        Optional small print under the table.

    Returns
    -------
    markupsafe.Markup
        HTML safe to hand to any ``popup`` argument.

    Examples
    --------
    >>> str(popup_table("<x>", [("a", "1"), ("b", "")]))
    '<div class="ic-popup"><b>&lt;x&gt;</b><table><tr><th>a</th><td>1</td></tr></table></div>'
    """
    cells = "".join(
        f"<tr><th>{text_to_html(label)}</th><td>{text_to_html(value)}</td></tr>"
        for label, value in rows
        if plain_text(value)
    )
    small = f'<p class="ic-note">{text_to_html(note)}</p>' if plain_text(note) else ""
    return Markup(
        f'<div class="ic-popup"><b>{text_to_html(title)}</b><table>{cells}</table>{small}</div>'
    )


def inert_text(text: str) -> str:
    """Return HTML text with every ``{`` before ``{``, ``%`` or ``#`` as ``&#123;``.

    For text that a third-party template re-renders: it can never open a
    Jinja2 tag and reads the same in a browser.

    Examples
    --------
    >>> inert_text("Q {{ 7*7 }} {% raw %}")
    'Q &#123;{ 7*7 }} &#123;% raw %}'
    """
    return _TEMPLATE_OPENERS.sub("&#123;", text)


def layer_name(label: str) -> str:
    """Return the escaped, inert name of a layer in the layer list.

    Leaflet's layer control inserts names with ``innerHTML``, so the name
    must already be escaped.

    Raises
    ------
    MapError
        If the label is empty.

    Examples
    --------
    >>> layer_name("Taiwan <TWN>")
    'Taiwan &lt;TWN&gt;'
    """
    text = plain_text(label)
    if not text:
        raise MapError("every layer needs a non-empty label (it is shown in the layer list)")
    return inert_text(html.escape(text))


def safe_json(value: object) -> str:
    """Serialise ``value`` for a ``<script>`` block.

    ``<``, ``>``, ``&`` and template openers are written as unicode escapes
    so that no string can close the script element, open a comment or a
    Jinja2 tag; keys are kept in insertion order (deterministic output).

    Examples
    --------
    >>> safe_json(["a&b"])
    '["a\\\\u0026b"]'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _TEMPLATE_OPENERS.sub(r"\\u007b", text)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class RawText(Element):
    """Text that is rendered exactly as given, never parsed as a template.

    branca turns the output of every ``MacroElement`` macro into a new
    ``Element(text)``, whose text is then parsed as Jinja2 template source:
    text that reached a macro as data (a quote, a title, a file name) would
    be evaluated. :class:`SafeMacroElement` adds ``RawText`` instead.

    Examples
    --------
    >>> RawText("{{ 7*7 }}").render()
    '{{ 7*7 }}'
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawText"
        self.text = str(text)

    def render(self, **kwargs: Any) -> str:
        return self.text


class SafeMacroElement(MacroElement):
    """A ``MacroElement`` whose rendered macros are kept as data, not template source.

    Mixed in after folium's classes (``class L(Layer, SafeMacroElement)``) it
    replaces only branca's ``MacroElement.render``.

    Examples
    --------
    >>> from folium.template import Template
    >>> class Note(SafeMacroElement):
    ...     _template = Template("{% macro html(this, kwargs) %}{{ this.t }}{% endmacro %}")
    ...     def __init__(self, t):
    ...         super().__init__()
    ...         self.t = t
    >>> import folium
    >>> m = folium.Map(tiles=None)
    >>> _ = m.add_child(Note("{{ 7*7 }}"))
    >>> "{{ 7*7 }}" in m.get_root().render()
    True
    """

    # branca annotates Element.render as returning str, but MacroElement.render
    # (which this replaces) returns None, and so does this: a gap in branca's hints.
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise MapError(f"{type(self).__name__} can only be rendered inside a map (a Figure)")
        module = self._template.module.__dict__
        targets = (("header", figure.header), ("html", figure.html), ("script", figure.script))
        for part, target in targets:
            macro = module.get(part)
            if macro is not None:
                target.add_child(RawText(macro(self, kwargs)), name=self.get_name())
        for element in list(self._children.values()):
            element.render(**kwargs)
