"""The page's own script and style sheet, written once per map.

A few dozen lines on top of Leaflet, no plugin: drawing panes (so lines and
points always lie above, and are clicked before, filled areas), land that
switches its level of detail with the zoom, permanent labels placed without
collisions (each label tries its positions in turn and hides only if none is
free of higher-priority labels and controls), fitting the story's extent to
the screen with room for the controls, and responsive controls.

Examples
--------
>>> "placeLabels" in RUNTIME_JS and ".ic-label" in PAGE_CSS
True
"""

from __future__ import annotations

from folium.template import Template

from .escape import SafeMacroElement
from .story import Pane

__all__ = ["PAGE_CSS", "PANE_NAMES", "RUNTIME_JS", "Runtime"]

#: Leaflet pane of each drawing order, and its z-index (tiles are 200,
#: Leaflet's overlays 400, tooltips 650, popups 700).
PANE_NAMES: dict[Pane, tuple[str, int]] = {
    Pane.ZONES: ("icZones", 405),
    Pane.LAND: ("icLand", 410),
    Pane.AREAS: ("icAreas", 420),
    Pane.HIGHLIGHTS: ("icHighlights", 430),
    Pane.LINES: ("icLines", 440),
    Pane.POINTS: ("icPoints", 450),
}

PAGE_CSS = """
.leaflet-container{font:12px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
  "Noto Sans CJK JP",sans-serif;}
.leaflet-container .leaflet-interactive:focus,.leaflet-container path:focus{outline:none;}
.ic-control{background:rgba(255,255,255,.92);padding:4px 8px;border-radius:4px;
  box-shadow:0 1px 4px rgba(0,0,0,.3);}
.ic-title{max-width:min(44vw,560px);padding:6px 10px;}
.ic-title h1{font-size:17px;line-height:1.25;margin:0;font-weight:650;}
.ic-title p{font-size:11.5px;margin:2px 0 0;color:#444;}
.ic-legend{max-height:42vh;overflow-y:auto;max-width:min(60vw,300px);}
.ic-legend summary{font-weight:600;cursor:pointer;list-style-position:inside;padding:2px 0;
  min-height:24px;line-height:24px;}
.ic-legend-row{display:flex;align-items:center;gap:6px;white-space:normal;margin:1px 0;}
.ic-swatch{flex:0 0 20px;height:12px;box-sizing:border-box;}
.ic-mouse-coords{font-family:ui-monospace,monospace;min-width:15em;}
.ic-scale-note{font-size:10px;color:#444;background:rgba(255,255,255,.7);padding:0 3px;}
.leaflet-control-layers-expanded .leaflet-control-layers-list{max-height:40vh;overflow-y:auto;}
.leaflet-control-layers-expanded{max-width:min(40vw,320px);}
.leaflet-control-layers label{margin:2px 0;}
.ic-popup table{border-collapse:collapse;margin-top:4px;}
.ic-popup b{display:block;font-size:13px;line-height:1.3;}
.ic-popup th{text-align:left;padding:1px 8px 1px 0;font-weight:500;color:#555;vertical-align:top;}
.ic-popup td{padding:1px 0;}
.ic-popup .ic-note{margin:4px 0 0;color:#555;font-size:11px;}
.leaflet-tooltip.ic-label{background:none;border:0;box-shadow:none;padding:0 2px;
  color:#222;font-weight:600;font-size:12px;white-space:nowrap;
  text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff;}
.leaflet-tooltip.ic-label:before{display:none;}
.ic-label-region{font-style:italic;font-weight:500;color:#444;letter-spacing:.04em;}
.ic-label-measure{font-size:13px;font-weight:700;color:#111;}
.ic-label-area{font-size:15px;font-weight:800;color:#7a0d3a;}
.ic-label-line{font-size:11px;font-weight:600;color:#333;}
.ic-label-hidden{visibility:hidden;}
@media (max-width:700px),(max-height:560px){
  .ic-title{max-width:calc(100vw - 96px);padding:4px 8px;}
  .ic-title h1{font-size:14px;}
  .ic-title p{font-size:10.5px;display:-webkit-box;-webkit-line-clamp:3;line-clamp:3;
    -webkit-box-orient:vertical;overflow:hidden;}
  .ic-scale-note{display:none;}
  .leaflet-control-attribution{max-width:calc(100vw - 150px);white-space:normal;}
}
@media (max-width:700px),(hover:none){ .ic-mouse-coords{display:none;} }
"""

RUNTIME_JS = r"""
window.islandchain = window.islandchain || (function () {
  var PANES = %(panes)s;
  function panes(map) {
    Object.keys(PANES).forEach(function (name) {
      if (!map.getPane(name)) { map.createPane(name).style.zIndex = PANES[name]; }
    });
    map.getPane("icLand").style.pointerEvents = "none";
  }
  function narrow(map) {
    var s = map.getSize();
    return s.x < 700 || s.y < 560;
  }
  // Popups pan clear of the controls: fit() keeps these two points up to date.
  var PAD_TL = L.point(16, 16), PAD_BR = L.point(16, 16);
  function bindText(f, layer) {
    var p = f.properties;
    if (p.popup) {
      layer.bindPopup(p.popup, {maxWidth: 320, autoPanPaddingTopLeft: PAD_TL,
                                autoPanPaddingBottomRight: PAD_BR});
      layer.on("popupopen", function () { layer.closeTooltip(); });
    }
    if (p.tooltip) {
      layer.bindTooltip(p.tooltip, {direction: "top", className: "ic-hover", opacity: 0.95});
      layer.on("tooltipopen", function () {
        if (layer.isPopupOpen && layer.isPopupOpen()) { layer.closeTooltip(); }
      });
    }
  }
  function geo(features, pane, interactive) {
    return L.geoJSON(features, {
      pane: pane, interactive: interactive,
      style: function (f) { return f.properties.style; },
      pointToLayer: function (f, ll) {
        return L.circleMarker(ll, L.extend({pane: pane, interactive: interactive},
                                           f.properties.style));
      },
      onEachFeature: interactive ? bindText : undefined
    });
  }
  var LABELS = [];
  var pending = {};
  function schedule(map) {
    var id = L.stamp(map);
    if (pending[id]) { return; }
    pending[id] = true;
    L.Util.requestAnimFrame(function () { pending[id] = false; placeLabels(map); });
  }
  var TRIES = {
    place: ["right", "left", "top", "bottom"],
    region: ["center", "top", "bottom"],
    measure: ["top", "bottom", "right", "left", "center"],
    area: ["center", "top", "bottom"],
    line: ["top", "bottom", "right", "left"]
  };
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function placeLabels(map) {
    var box = map.getContainer().getBoundingClientRect();
    var taken = [];
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width && r.height) { taken.push(r); }
    });
    var mine = LABELS.filter(function (r) { return r.map === map && r.on; });
    mine.sort(function (a, b) { return b.priority - a.priority; });
    // A place's name never sits over another place's dot, where it would name the wrong one.
    var dots = [];
    map.eachLayer(function (l) {
      if (l instanceof L.CircleMarker && l.getLatLng) {
        var p = map.latLngToContainerPoint(l.getLatLng()), r = l.getRadius() + 2;
        var x = p.x + box.left, y = p.y + box.top;
        dots.push({left: x - r, right: x + r, top: y - r, bottom: y + r, x: x, y: y});
      }
    });
    mine.forEach(function (rec) {
      var el = rec.tip.getElement();
      if (!el) { return; }
      var tries = TRIES[rec.kind] || TRIES.place, placed = false;
      var at = map.latLngToContainerPoint(rec.tip.getLatLng());
      var others = rec.kind !== "place" ? [] : dots.filter(function (d) {
        return Math.abs(d.x - at.x - box.left) > 1 || Math.abs(d.y - at.y - box.top) > 1;
      });
      for (var i = 0; i < tries.length && !placed; i++) {
        rec.tip.options.direction = tries[i];
        rec.tip.update();
        var r = el.getBoundingClientRect();
        var inside = r.left >= box.left + 2 && r.right <= box.right - 2 &&
                     r.top >= box.top + 2 && r.bottom <= box.bottom - 2;
        var clear = !others.some(function (d) { return overlaps(r, d); });
        if (inside && clear && !taken.some(function (t) { return overlaps(r, t); })) {
          taken.push(r);
          placed = true;
        }
      }
      L.DomUtil[placed ? "removeClass" : "addClass"](el, "ic-label-hidden");
      el.setAttribute("aria-hidden", placed ? "false" : "true");
    });
  }
  function labels(map, outer, specs) {
    var recs = specs.map(function (s) {
      var span = document.createElement("span");
      span.textContent = s.text;
      var tip = L.tooltip({permanent: true, interactive: false, opacity: 1,
                           direction: (TRIES[s.kind] || TRIES.place)[0],
                           className: "ic-label ic-label-" + s.kind})
        .setLatLng([s.lat, s.lon]).setContent(span);
      var rec = {tip: tip, priority: s.priority, kind: s.kind, map: map, on: false};
      LABELS.push(rec);
      return rec;
    });
    outer.on("add", function () {
      recs.forEach(function (r) { r.tip.addTo(map); r.on = true; });
      schedule(map);
    });
    outer.on("remove", function () {
      recs.forEach(function (r) { map.removeLayer(r.tip); r.on = false; });
      schedule(map);
    });
  }
  function layer(map, spec) {
    panes(map);
    var outer = L.layerGroup([], {attribution: spec.attribution || undefined});
    spec.groups.forEach(function (g) { outer.addLayer(geo(g.features, g.pane, g.interactive)); });
    var levels = spec.levels.map(function (lv) {
      return {min: lv.min, max: lv.max, layer: geo(lv.features, "icLand", false)};
    });
    function sync() {
      var z = map.getZoom();
      levels.forEach(function (lv) {
        var on = (lv.min === null || z >= lv.min) && (lv.max === null || z < lv.max + 1);
        if (on && !outer.hasLayer(lv.layer)) { outer.addLayer(lv.layer); }
        if (!on && outer.hasLayer(lv.layer)) { outer.removeLayer(lv.layer); }
      });
    }
    if (levels.length) { sync(); map.on("zoomend", sync); }
    if (spec.labels.length) { labels(map, outer, spec.labels); }
    return outer;
  }
  function layerList(map, overlays) {
    var control = L.control.layers(null, overlays, {collapsed: narrow(map), position: "topright"});
    control.addTo(map);
    return control;
  }
  function place(map, control, position, first) {
    control.addTo(map);
    if (first) {
      var corner = map._controlCorners[position], el = control.getContainer();
      corner.insertBefore(el, corner.firstChild);
    }
  }
  function padding(map) {
    // Each corner's controls cost either their height (pad the top or bottom)
    // or their width (pad the side): take whichever leaves more of the map.
    var size = map.getSize(), pad = {top: 8, bottom: 8, left: 8, right: 8};
    var m = map.getContainer().getBoundingClientRect();
    ["topleft", "topright", "bottomleft", "bottomright"].forEach(function (pos) {
      var r = map._controlCorners[pos].getBoundingClientRect();
      if (!r.height || !r.width) { return; }
      var top = pos.indexOf("top") === 0, left = pos.indexOf("left") > 0;
      var h = (top ? r.bottom - m.top : m.bottom - r.top) + 6;
      var w = (left ? r.right - m.left : m.right - r.left) + 6;
      var side = h / size.y <= w / size.x ? (top ? "top" : "bottom") : (left ? "left" : "right");
      pad[side] = Math.max(pad[side], side === "top" || side === "bottom" ? h : w);
    });
    pad.top = Math.min(pad.top, size.y * 0.4);
    pad.bottom = Math.min(pad.bottom, size.y * 0.3);
    pad.left = Math.min(pad.left, size.x * 0.4);
    pad.right = Math.min(pad.right, size.x * 0.4);
    return pad;
  }
  function fit(map, bounds, maxZoom) {
    var moved = false;
    function doFit() {
      var p = padding(map);
      PAD_TL.x = p.left + 8; PAD_TL.y = p.top + 8;
      PAD_BR.x = p.right + 8; PAD_BR.y = p.bottom + 8;
      map.fitBounds(bounds, {paddingTopLeft: [p.left, p.top],
                             paddingBottomRight: [p.right, p.bottom], maxZoom: maxZoom,
                             animate: false});
    }
    doFit();
    map.on("dragstart", function () { moved = true; });
    map.getContainer().addEventListener("wheel", function () { moved = true; }, {passive: true});
    map.getContainer().querySelectorAll(".leaflet-control-zoom a").forEach(function (a) {
      a.addEventListener("click", function () { moved = true; });
    });
    map.on("resize", function () { if (!moved) { doFit(); } schedule(map); });
    map.on("zoomend moveend", function () { schedule(map); });
    schedule(map);
  }
  return {panes: panes, layer: layer, layerList: layerList, place: place, fit: fit,
          narrow: narrow, placeLabels: placeLabels, labels: LABELS};
})();
"""


def _panes_js() -> str:
    import json

    return json.dumps({name: z for name, z in PANE_NAMES.values()})


class Runtime(SafeMacroElement):
    """The shared script and style sheet; :func:`~islandchain.mapping.render.make_map` adds it."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>
        <script>{{ this.js }}</script>{% endmacro %}
        {% macro script(this, kwargs) %}
            islandchain.panes({{ this._parent.get_name() }});
            {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Runtime"
        self.css = PAGE_CSS
        self.js = RUNTIME_JS % {"panes": _panes_js()}
