"""Write the notebooks under notebooks/ from the cell sources below, without outputs.

Run: .venv/bin/python tools/make_notebooks.py
Editing the .ipynb files in JupyterLab is fine too; the tests only require that
they are committed without outputs and run top to bottom.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for i, (kind, source) in enumerate(cells):
        cell = (new_markdown_cell if kind == "md" else new_code_cell)(source.strip())
        cell["id"] = f"cell-{i:02d}"  # stable ids: regenerating changes nothing
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


SETUP = """
from pathlib import Path

import pandas as pd

import islandchain as ic

OUT = Path("output")  # exported maps go here, next to the notebook
OUT.mkdir(exist_ok=True)
pd.set_option("display.width", 140)
"""

DISTANCES = [
    (
        "md",
        """
# 1. How far is Taiwan from Yonaguni and the Senkakus?

The article says: *"Taiwan lies 111km west of Japan-administered Yonaguni Island and 170km
southwest of the Senkaku islands, Japanese ownership of which is disputed by China."*

This notebook measures both figures exactly (geodesics on the WGS84 ellipsoid between the
full-resolution OpenStreetMap coastlines), checks them as claims, and shows where a number
like 111 km comes from.

**Try it:** change `SUBJECT` and `REFERENCE` in the next cell (for example to `"Okinawa"` and
`"Shanghai"`) and run all cells again; nothing else needs to change.
""",
    ),
    (
        "code",
        """
SUBJECT = "Taiwan"
REFERENCE = "Yonaguni"
STATED_KM = 111          # the figure to check; set to None to only measure
STATED_DIRECTION = "west"
""",
    ),
    ("code", SETUP),
    (
        "md",
        """
## The two places

Names resolve through the gazetteer in English, Japanese or Chinese. Each feature records
who administers it, who else claims it, and where its coordinate comes from.
""",
    ),
    (
        "code",
        """
places = ic.features().loc[[ic.resolve(SUBJECT), ic.resolve(REFERENCE)]].copy()
for column in ("admin", "claimants"):  # tuples of state codes, shown as plain text
    places[column] = places[column].map(lambda codes: ", ".join(codes) or "-")
places[["name", "name_ja", "name_zh", "kind", "admin", "claimants", "coord_source"]]
""",
    ),
    (
        "md",
        """
## The shortest distance, and where it is realised

`shortest_line` returns the exact geodesic distance between the two coastlines and the two
points that realise it. The bearing is the azimuth at the reference towards the subject: "X
lies west of Y" is read from Y.
""",
    ),
    (
        "code",
        """
sep = ic.shortest_line(ic.feature(REFERENCE).geometry, ic.feature(SUBJECT).geometry)
print(f"{SUBJECT} lies {sep.distance_km:.1f} km {ic.compass(sep.azimuth_deg, 16)} "
      f"({sep.azimuth_deg:.0f}°) of {REFERENCE}, coast to coast")
print(f"from {sep.point_a[1]:.4f}°N {sep.point_a[0]:.4f}°E to "
      f"{sep.point_b[1]:.4f}°N {sep.point_b[0]:.4f}°E")
""",
    ),
    (
        "md",
        """
## As a claim

A claim gets a verdict with its tolerance rule, the other common readings of the figure
(centroids, named ports and capes, all the territory the ROC administers) and the same
distance on the GSHHG coastline as a cross-check.
""",
    ),
    (
        "code",
        """
verdict = ic.check(SUBJECT, REFERENCE, STATED_KM or round(sep.distance_km),
                   direction=STATED_DIRECTION or "")
print(verdict.status.upper(), "-", verdict.reason)
print("rule:", verdict.rule)
readings = pd.DataFrame(ic.as_record(verdict)["readings"]).sort_values("km")
readings.round(1)
""",
    ),
    (
        "md",
        """
## The article's claims

The same, for every statement in `claims/article.toml`; `ic.check_text` does it for any
text you paste, through the extractor.
""",
    ),
    (
        "code",
        """
from islandchain.examples import claims_file

_, claims = ic.load_claims(claims_file("article"))
verdicts = ic.check_claims(claims)
for v in ic.check_text("Yonaguni lies about 110 km east of Taiwan."):
    print("from text:", v.claim.quote, "->", v.status, f"({v.measured_km:.1f} km)")
table = pd.DataFrame([ic.as_record(v) for v in verdicts])
distances = table[table.kind == "distance"]
others = table[table.kind != "distance"]
print("\\n".join(f"{r.id}: {r.status} ({r.reason})" for r in others.itertuples()))
distances[["id", "status", "stated_km", "measured_km", "difference_km", "tolerance_km",
           "compass", "cross_check_km", "best_reading"]].round(2)
""",
    ),
    (
        "md",
        """
## The map

Each line joins the two points that realise the measured distance and carries the measured
and stated figures; the dashed ring is everything at the *stated* distance from the reference
coast, so the reader sees where "111 km" lands. Click a line for its table. The map is one HTML
file that opens with no network; `ic.to_figure` draws the same story for print
(`LANG = "ja"` or `"zh"` names the places in Japanese or Chinese).
""",
    ),
    (
        "code",
        """
from islandchain.mapping import claims_story

LANG = "en"
m = ic.claims_map([verdict, *verdicts], lang=LANG)
ic.to_html(m, OUT / "01_distances.html", title=f"{SUBJECT} and {REFERENCE}")
ic.to_figure(claims_story([verdict, *verdicts], lang=LANG), OUT / "01_distances.png")
ic.inline(m)
""",
    ),
    (
        "md",
        """
## A table to reuse

One row per claim, with the points that define each distance; saved as CSV next to the map.
""",
    ),
    (
        "code",
        """
result = pd.DataFrame([ic.as_record(v) for v in [verdict, *verdicts]]).drop(columns="readings")
result.to_csv(OUT / "01_distances.csv", index=False)
result[result.kind == "distance"][["id", "status", "measured_km", "stated_km", "rule"]]
""",
    ),
]

CHAIN = [
    (
        "md",
        """
# 2. The first island chain and its gaps

The article: the first island chain *"stretches from Japan to Indonesia and restricts China's
access to the Pacific"*. Here the chain is data (`geo/island_chain.toml`, with its sources and
variants), each gap is measured as the shortest geodesic between the two coasts, and the
article's scenario (Taiwan under Chinese control) is tested: which exits to the Pacific then
open without passing near another state's land?
""",
    ),
    ("code", SETUP),
    (
        "code",
        """
from islandchain.chain import chain_gaps, chain_variants, nearest_foreign, passages
from islandchain.mapping import chain_map

KEEP_NMI = 12  # distance to keep from foreign land: 12 (territorial sea), 24, 200 ...
for v in chain_variants().values():
    print(f"{v.id}: {v.name}\\n  {v.source}\\n")
""",
    ),
    (
        "md",
        """
## The gaps

Width is coast to coast; a ship mid-channel keeps half of it from either side.
`land_between` counts islands of 1 km² or more near the narrowest crossing, which make the
real passage narrower.
""",
    ),
    (
        "code",
        """
cols = ["name", "a", "b", "width_km", "half_width_km", "land_between"]
gaps = pd.DataFrame([{c: getattr(g, c) for c in cols} for g in chain_gaps()])
gaps.round(1)
""",
    ),
    (
        "md",
        """
## With Taiwan under Chinese control

A ship of the controlling state can hug its own coast, so where one side of a gap is now its
own, it keeps the whole width from foreign land; elsewhere only half.
""",
    ),
    (
        "code",
        """
scenario = pd.DataFrame([
    {"gap": p.gap.name, "keep_from_foreign_km": p.keep_km, "open": p.open, "note": p.note}
    for p in passages(("CHN", "TWN"), KEEP_NMI * ic.NMI / 1000)
])
today = {p.gap.name: p.keep_km for p in passages(("CHN",), KEEP_NMI * ic.NMI / 1000)}
scenario["today_km"] = scenario.gap.map(today)
scenario.round(1)
""",
    ),
    (
        "code",
        """
ports = pd.DataFrame([
    {"place": f.place, "nearest": f.nearest, "state": f.state,
     "distance_km": f.measured.distance_km, "compass": f.compass}
    for f in nearest_foreign(["Keelung", "Su'ao", "Hualien"])
])
ports.round(1)
""",
    ),
    (
        "code",
        """
m = chain_map()
ic.to_html(m, OUT / "02_chain.html", title="The first island chain")
ic.inline(m)
""",
    ),
    ("md", "## A table to reuse"),
    (
        "code",
        """
scenario.merge(gaps, left_on="gap", right_on="name").drop(columns="name").to_csv(
    OUT / "02_chain.csv", index=False)
scenario[["gap", "keep_from_foreign_km", "open"]]
""",
    ),
]

WATERS = [
    (
        "md",
        """
# 3. The waters around Taiwan, and what a blockade would touch

The article: a Chinese attack or blockade *"would very likely intrude into Japan's airspace
and waters"*. Maritime zones here are geodesic buffers of each state's coast (territorial sea
12 nmi, contiguous zone 24 nmi, EEZ 200 nmi), split between neighbours at the equidistance
line. They are measured from the coast, not declared baselines, and the real boundaries
here are largely undelimited: read them as the geometry of the claims, not as law.
""",
    ),
    ("code", SETUP),
    (
        "code",
        """
from islandchain.mapping import zones_map
from islandchain.zones import (blockade_cordon, check_intrusion, equidistance_error,
                               maritime_zones)

CORDONS_NMI = [12, 24, 50]
zones = maritime_zones()
print(f"equidistance lines within {equidistance_error() / 1000:.2f} km of true equidistance")
zones[["state", "zone", "nmi", "note"]]
""",
    ),
    (
        "md",
        """
## A blockade cordon at typical distances

Each cordon is the line at a geodesic distance from Taiwan's coast where blockading ships
would sail. For each: which zones of which states it crosses, how long the stretch inside
is, and how close it comes to each state's land.
""",
    ),
    (
        "code",
        """
rows, closest = [], []
for nmi in CORDONS_NMI:
    check = check_intrusion(blockade_cordon("Taiwan", nmi))
    rows += [{"cordon_nmi": nmi, "state": i.state, "zone": i.zone,
              "length_inside_km": i.length_km} for i in check.intrusions]
    closest.append({"cordon_nmi": nmi, **{s: km for s, km in check.closest_km.items()}})
intrusions = pd.DataFrame(rows)
intrusions[intrusions.state == "JPN"].round(1)
""",
    ),
    (
        "code",
        """
pd.DataFrame(closest).set_index("cordon_nmi").round(1)
""",
    ),
    (
        "md",
        """
Japan's waters around Yonaguni begin at the median line, about 29 nmi off Taiwan: a cordon
held 12 or 24 nmi off Taiwan stays out of them, one held 50 nmi off crosses Yonaguni's
territorial sea. The checks include the published air defence identification zones
(`geo/published_areas.toml`): since 2010 Japan's ADIZ reaches 14 nmi west of Yonaguni, so
the 50 nmi cordon crosses it too; north of Taiwan the cordon runs into China's East China
Sea ADIZ.

## Announced exercise areas

China announces exercise areas as lists of corners. The six areas of August 2022, read
from the notice as printed, checked the same way:
""",
    ),
    (
        "code",
        """
from islandchain.published import published_areas

EXERCISE = "pla-2022-08"
areas = published_areas("exercise", group=EXERCISE)
rows = []
for area in areas.itertuples():
    check = check_intrusion(area.geometry)
    rows += [{"area": area.id, "state": i.state, "zone": i.zone, "area_inside_km2": i.area_km2,
              "share": i.area_km2 / check.area_km2} for i in check.intrusions]
exercise = pd.DataFrame(rows)
exercise[exercise.state.isin(["JPN", "TWN"]) & (exercise.zone != "EEZ")
         | (exercise.state == "JPN")].round(2)
""",
    ),
    (
        "code",
        """
m = zones_map(zones, tracks=[(f"cordon {n} nmi", blockade_cordon("Taiwan", n))
                             for n in CORDONS_NMI], areas=areas)
ic.to_html(m, OUT / "03_waters.html", title="Waters round Taiwan")
ic.inline(m)
""",
    ),
    ("md", "## A table to reuse"),
    (
        "code",
        """
intrusions.to_csv(OUT / "03_waters.csv", index=False)
intrusions.pivot_table(index=["state", "zone"], columns="cordon_nmi",
                       values="length_inside_km", fill_value=0).round(1)
""",
    ),
]


def main(out: Path = NOTEBOOKS) -> None:
    out.mkdir(exist_ok=True)
    for name, cells in (
        ("01_distances.ipynb", DISTANCES),
        ("02_island_chain.ipynb", CHAIN),
        ("03_waters_and_blockade.ipynb", WATERS),
    ):
        nbformat.write(notebook(cells), out / name)
        print(out / name)


if __name__ == "__main__":
    main()
