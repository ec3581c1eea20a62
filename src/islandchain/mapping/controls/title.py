"""The map's title and subtitle (with the source), on the map itself.

Examples
--------
>>> t = Title("Q {{ 7*7 }}", "source: <us>")
>>> "Q {{ 7*7 }}" in t.html and "&lt;us&gt;" in t.html
True
"""

from __future__ import annotations

import html

from folium.template import Template

from ..escape import SafeMacroElement, plain_text, safe_json

__all__ = ["Title"]


class Title(SafeMacroElement):
    """A heading box in the top-left corner, above the zoom buttons.

    Parameters
    ----------
    title : str
        Headline (plain text).
    subtitle : str
        Source and method (plain text).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var title = L.control({position: "topleft"});
                title.onAdd = function () {
                    var div = L.DomUtil.create("div", "ic-control ic-title");
                    div.innerHTML = {{ this.html_js }};  // escaped in Python
                    L.DomEvent.disableClickPropagation(div);
                    return div;
                };
                islandchain.place(map, title, "topleft", true);
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        self._name = "Title"
        sub = plain_text(subtitle)
        self.html = f"<h1>{html.escape(plain_text(title))}</h1>" + (
            f"<p>{html.escape(sub)}</p>" if sub else ""
        )
        self.html_js = safe_json(self.html)
