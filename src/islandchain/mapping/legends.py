"""The legend control: rows generated from what a story draws.

Examples
--------
>>> from islandchain.mapping.story import LegendEntry
>>> key = legend([LegendEntry("Japan", "#7b3294")], title="Key")
>>> "Japan" in key.html
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from folium.template import Template

from ..errors import MapError
from .escape import SafeMacroElement, plain_text, safe_json
from .story import LegendEntry
from .styles import VERDICT_STYLES, expand_hex

__all__ = ["Legend", "LegendEntry", "legend", "legend_row_html", "verdict_legend_entries"]

_POSITIONS = ("topleft", "topright", "bottomleft", "bottomright")


def check_position(position: str) -> str:
    """Return a valid Leaflet control position or raise MapError.

    Examples
    --------
    >>> check_position("bottomright")
    'bottomright'
    """
    if position not in _POSITIONS:
        raise MapError(f"invalid control position {position!r}; one of {', '.join(_POSITIONS)}")
    return position


def legend_row_html(entry: LegendEntry) -> str:
    """Return the escaped ``<div>`` of one legend row.

    Examples
    --------
    >>> legend_row_html(LegendEntry("<b>", "#000"))[-28:]
    '<span>&lt;b&gt;</span></div>'
    """
    colour = expand_hex(entry.color)
    border = "dashed" if entry.dash_array else "solid"
    alpha = f"{max(0, min(255, round(entry.fill_opacity * 255))):02x}"
    swatch = {
        "fill": f"background:{colour}{alpha};border:2px {border} {colour}",
        "point": (
            f"background:{colour};border-radius:50%;border:1.5px solid #fff;"
            f"box-shadow:0 0 0 1px {colour};flex-basis:10px;height:10px;margin:0 5px"
        ),
        "hatch": (
            f"border:2px dashed {colour};background:repeating-linear-gradient("
            f"45deg,{colour} 0 2px,transparent 2px 5px)"
        ),
        "line": (f"height:0;border-top:{max(1.0, min(entry.weight, 5.0)):g}px {border} {colour}"),
    }[entry.kind]
    return (
        f'<div class="ic-legend-row"><span class="ic-swatch" style="{swatch}"></span>'
        f"<span>{html.escape(plain_text(entry.label))}</span></div>"
    )


def verdict_legend_entries() -> list[LegendEntry]:
    """Legend rows for the three verdict statuses.

    Examples
    --------
    >>> [e.label for e in verdict_legend_entries()][0]
    '\u2713 holds'
    """
    return [
        LegendEntry(f"{s.symbol} {s.status}", s.color, "line", s.dash_array)
        for s in VERDICT_STYLES.values()
    ]


class Legend(SafeMacroElement):
    """Leaflet control with the legend rows, folded on small screens.

    Parameters
    ----------
    entries : sequence of LegendEntry
        Rows, top to bottom.
    title : str
        Heading (plain text).
    position : str
        Leaflet control position.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var legend = L.control({position: {{ this.position_js }}});
                legend.onAdd = function () {
                    var box = L.DomUtil.create("details", "ic-control ic-legend");
                    box.innerHTML = {{ this.html_js }};  // escaped in Python
                    box.open = !islandchain.narrow(map);
                    L.DomEvent.disableClickPropagation(box);
                    L.DomEvent.disableScrollPropagation(box);
                    return box;
                };
                legend.addTo(map);
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        entries: Sequence[LegendEntry],
        title: str = "Legend",
        position: str = "bottomright",
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.entries = tuple(entries)
        body = "".join(legend_row_html(entry) for entry in entries)
        self.html = f"<summary>{html.escape(plain_text(title))}</summary>{body}"
        self.html_js = safe_json(self.html)
        self.position_js = safe_json(check_position(position))


def legend(
    entries: Sequence[LegendEntry], title: str = "Legend", position: str = "bottomright"
) -> Legend:
    """Build a legend control (see :class:`Legend`).

    Examples
    --------
    >>> legend(verdict_legend_entries(), "Verdicts").get_name().startswith("legend_")
    True
    """
    return Legend(entries, title, position)
