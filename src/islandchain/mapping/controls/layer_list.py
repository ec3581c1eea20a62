"""The layer list: open on a large screen, folded into a button on a small one.

Examples
--------
>>> LayerList().get_name().startswith("layer_list_")
True
"""

from __future__ import annotations

from typing import Any

from folium.map import Layer
from folium.template import Template

from ...errors import MapError
from ..escape import SafeMacroElement, safe_json

__all__ = ["LayerList"]


class LayerList(SafeMacroElement):
    """Leaflet's layer control over the map's overlay layers.

    Names are already escaped by the layers and reach the page as JSON
    data, never as template source; whether the list starts folded is
    decided in the browser from the map's size.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = islandchain.layerList({{ this._parent.get_name() }}, {
            {%- for name, var in this.overlays %}
                {{ name }}: {{ var }},
            {%- endfor %}
            });
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LayerList"
        self.overlays: list[tuple[str, str]] = []

    # Returns None like MacroElement.render; branca's hint on Element.render says str.
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        if self._parent is None:
            raise MapError("the layer list can only be rendered once added to a map")
        self.overlays = [
            (safe_json(item.layer_name), item.get_name())
            for item in self._parent._children.values()
            if isinstance(item, Layer) and item.control
        ]
        super().render(**kwargs)
