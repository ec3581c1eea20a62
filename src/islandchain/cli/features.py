"""``islandchain features``: list the named features of the gazetteer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from ..data import KINDS, POINT_KINDS, features
from ..geodesy import geodesic_area
from ._common import table

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = ["features_cmd", "features_table"]

#: Kinds listed by default; the derived ones (cities, airports) are many and
#: listed with --kind or --all.
_DERIVED = ("cities.csv", "airports.csv")


@click.command("features")
@click.option(
    "--kind",
    type=click.Choice(sorted(KINDS)),
    help="Only features of this kind (cities are listed largest first, with population).",
)
@click.option("--admin", help="Only features administered by this state (ISO3, e.g. JPN).")
@click.option("--all", "show_all", is_flag=True, help="Also list every city and airport (long).")
@click.option(
    "--min-population",
    type=click.IntRange(min=0),
    default=None,
    help="Only cities of at least this population (implies --kind city).",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N rows.")
def features_cmd(
    kind: str | None,
    admin: str | None,
    show_all: bool,
    min_population: int | None,
    limit: int | None,
) -> None:
    """List the named features: names, kind, administering state, claimants, anchor, area.

    Without --kind or --all, lists the hand-edited gazetteer (islands, groups,
    states, provinces, straits, ports, capes, bases) and counts the cities
    (GeoNames) and airports (airportsdata). Areas are geodesic (WGS84) areas
    of the OpenStreetMap land polygons.
    """
    if min_population is not None:
        kind = kind or "city"
    click.echo(
        features_table(
            kind=kind,
            admin=admin,
            show_all=show_all,
            min_population=min_population,
            limit=limit,
        )
    )


def features_table(
    kind: str | None = None,
    admin: str | None = None,
    ids: Iterable[str] | None = None,
    *,
    show_all: bool = False,
    min_population: int | None = None,
    limit: int | None = None,
) -> str:
    """Return the features table as text (optionally filtered)."""
    frame = features()
    if ids is not None:
        frame = frame.loc[list(ids)]
    if kind:
        frame = frame[frame.kind == kind]
    if admin:
        frame = frame[frame.admin.map(lambda a: admin.upper() in a)]
    hidden = None
    if ids is None and not kind and not show_all:
        derived = frame.origin.isin(_DERIVED)
        hidden = frame[derived].kind.value_counts()
        frame = frame[~derived]
    if kind == "city":
        if min_population is not None:
            frame = frame[frame.population.fillna(0) >= min_population]
        frame = frame.sort_values("population", ascending=False, kind="stable")
    total = len(frame)
    if limit is not None:
        frame = frame.iloc[:limit]
    if kind == "city":
        text = _cities(frame)
    elif kind == "strait":
        text = _straits(frame)
    else:
        text = _general(frame)
    notes = []
    if limit is not None and total > len(frame):
        notes.append(f"{len(frame)} of {total} shown (--limit)")
    if hidden is not None and len(hidden):
        counts = ", ".join(f"{n} {k}" for k, n in hidden.items())
        notes.append(f"not listed: {counts} (use --kind city, --kind airport or --all)")
    return "\n".join([text, *notes])


def _anchor(r: pd.Series) -> str:
    return f"{r.lat:.4f}N {r.lon:.4f}E"


def _general(frame: gpd.GeoDataFrame) -> str:
    rows = [
        (
            fid,
            r["name"],
            r.name_ja,
            r.name_zh,
            r.kind,
            r.admin,
            r.claimants,
            _anchor(r),
            "-" if r.kind in POINT_KINDS else f"{geodesic_area(r.geometry) / 1e6:,.2f}",
        )
        for fid, r in frame.iterrows()
    ]
    headers = ("id", "name", "ja", "zh", "kind", "admin", "claimed by", "anchor", "km²")
    return table(headers, rows)


def _cities(frame: gpd.GeoDataFrame) -> str:
    rows = [
        (
            fid,
            r["name"],
            r.name_ja or r.name_zh,
            r.admin,
            "-" if r.population is None or r.population != r.population else f"{r.population:,}",
            _anchor(r),
        )
        for fid, r in frame.iterrows()
    ]
    return table(("id", "name", "ja/zh", "admin", "population", "anchor"), rows)


def _straits(frame: gpd.GeoDataFrame) -> str:
    from ..straits import straits

    known = {s.id: s for s in straits()}
    names = features()["name"]
    rows = []
    for fid, r in frame.iterrows():
        s = known[fid]
        shores = [", ".join(names[i] for i in side) for side in s.shores]
        rows.append(
            (
                fid,
                r["name"],
                r.name_ja,
                r.name_zh,
                shores[0],
                shores[1],
                "yes" if s.ends else "no",
            )
        )
    headers = ("id", "name", "ja", "zh", "shore A", "shore B", "ends defined")
    return table(headers, rows)
