"""Options shared by the subcommands, declared once and validated before any work starts.

Like rasterio's ``rio`` options module: each option is a decorator, and its
callback turns a bad value into one line naming the option and the fix
(exit status 2) before a command loads any data.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ._common import FORMATS

#: A command function or command that an option decorates.
FC = TypeVar("FC", bound=Callable[..., Any] | click.Command)

__all__ = [
    "MAP_SUFFIXES",
    "check_output_path",
    "cross_check_option",
    "duration_seconds",
    "format_option",
    "gis_output_option",
    "output_option",
    "positive_float",
    "tiles_option",
]


#: Extensions of the files ``map``, ``chain --map`` and ``zones ... --map`` write.
MAP_SUFFIXES = (".html", ".htm", ".png", ".svg", ".pdf")
#: Extensions of the GIS files ``-o`` writes (see :data:`islandchain.gisout.GIS_SUFFIXES`).
GIS_SUFFIXES = (".geojson", ".gpkg", ".parquet", ".kml")


def check_output_path(
    path: Path, param_hint: str = "-o", suffixes: tuple[str, ...] | None = None
) -> Path:
    """Return ``path`` if a file can be written there, else raise ``click.BadParameter``.

    The path must name a file (not a folder, not empty) whose nearest existing
    folder is writable; missing folders are created when the file is written.

    Examples
    --------
    >>> import tempfile
    >>> check_output_path(Path(tempfile.mkdtemp()) / "new" / "map.html").name
    'map.html'
    """
    text = str(path)
    if not text.strip() or path.name in ("", ".", ".."):
        raise click.BadParameter("give a file name, e.g. out/map.html", param_hint=param_hint)
    if suffixes is not None and path.suffix.lower() not in suffixes and not path.is_dir():
        hint = (
            "use .html for a map, or .png, .svg or .pdf for a figure"
            if suffixes == MAP_SUFFIXES
            else f"the format follows the extension: use {', '.join(suffixes)}"
        )
        raise click.BadParameter(f"{text!r}: {hint}", param_hint=param_hint)
    if path.is_dir():
        raise click.BadParameter(
            f"{text!r} is a folder; give a file name inside it", param_hint=param_hint
        )
    if path.exists() and path.is_file() and not os.access(path, os.W_OK):
        raise click.BadParameter(f"{text!r} is not writable", param_hint=param_hint)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise click.BadParameter(
            f"{str(folder)!r} is not a folder, so {text!r} cannot be made", param_hint=param_hint
        )
    if not os.access(folder, os.W_OK | os.X_OK) or not _can_create_in(folder):
        raise click.BadParameter(
            f"cannot write in the folder {str(folder)!r}; choose another place",
            param_hint=param_hint,
        )
    return path


def _can_create_in(folder: Path) -> bool:
    """Whether a file can really be made in ``folder`` (as the atomic write will).

    Permission bits are not enough: root passes ``os.access`` everywhere, and
    /proc, /sys or a read-only mount refuse files anyway. A short-lived
    temporary file settles it.
    """
    try:
        with tempfile.NamedTemporaryFile(prefix=".islandchain-probe.", dir=folder):
            return True
    except OSError:
        return False


def output_option(
    *decls: str,
    default: Path | None = None,
    help: str = "The file to write.",
    suffixes: tuple[str, ...] | None = None,
    **kw: Any,
) -> Callable[[FC], FC]:
    """``-o/--output FILE``: a file to write, checked before the command works.

    Writes are atomic (see :func:`islandchain.export.write_atomic`): a failed
    run leaves the previous file as it was. ``suffixes`` limits the extensions
    (the format follows the extension).
    """

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None or str(value) == "-":
            return value
        return check_output_path(Path(value), f"'{param.opts[0]}'", suffixes)

    return click.option(
        *(decls or ("-o", "--output")),
        type=click.Path(dir_okay=True, path_type=Path),
        default=default,
        show_default=default is not None,
        callback=callback,
        help=help,
        **kw,
    )


def gis_output_option(f: FC) -> FC:
    """``-o/--output FILE``: the results as GIS features; the extension picks the format.

    GeoJSON (.geojson), GeoPackage (.gpkg), GeoParquet (.parquet) or KML (.kml),
    written with geopandas/pyogrio by :func:`islandchain.gisout.write_features`.
    """
    return output_option(
        "-o",
        "--output",
        suffixes=GIS_SUFFIXES,
        help="Also write the results as GIS features: .geojson, .gpkg (GeoPackage), "
        ".parquet (GeoParquet) or .kml (Google Earth); the extension picks the format.",
    )(f)


def format_option(default: str = "table", formats: tuple[str, ...] = FORMATS) -> Callable[[FC], FC]:
    """``--format``: how a table is printed."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default=default,
        show_default=True,
        help="Output format.",
    )


def cross_check_option(f: FC) -> FC:
    """``--no-cross-check``: skip re-measuring each distance on the GSHHG coastline."""
    return click.option(
        "--no-cross-check",
        is_flag=True,
        help="Skip re-measuring each distance on the GSHHG coastline.",
    )(f)


def _tiles_callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is None:
        return None
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(value)
    except ValueError:
        import difflib

        names = list(xyzservices.providers.flatten())
        close = difflib.get_close_matches(value, names, n=3, cutoff=0.5)
        hint = f"; close matches: {', '.join(close)}" if close else ""
        raise click.BadParameter(
            f"unknown tile provider {value!r}{hint} (xyzservices names such as "
            "OpenStreetMap.Mapnik)",
            param_hint="'--tiles'",
        ) from None
    if provider.requires_token():
        raise click.BadParameter(
            f"tiles {value!r} need an API key; pick another provider", param_hint="'--tiles'"
        )
    return value


def tiles_option(f: FC) -> FC:
    """``--tiles NAME``: web tiles from an xyzservices provider (needs the network)."""
    return click.option(
        "--tiles",
        default=None,
        metavar="NAME",
        callback=_tiles_callback,
        help="Web tiles from an xyzservices provider (e.g. OpenStreetMap.Mapnik); "
        "the map then needs the network for them. Default: the offline basemap.",
    )(f)


def positive_float(
    ctx: click.Context | None, param: click.Parameter | None, value: Any
) -> float | None:
    """Callback: a finite number greater than zero (NaN and infinity are refused).

    Examples
    --------
    >>> positive_float(None, None, 12.0)
    12.0
    """
    if value is None:
        return None
    hint = f"'{param.opts[0]}'" if param is not None else None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise click.BadParameter(f"{value!r} is not a number", param_hint=hint) from None
    if not math.isfinite(number) or number <= 0:
        raise click.BadParameter(
            f"{value!r}: give a finite number greater than zero", param_hint=hint
        )
    return number


#: Seconds in each unit a duration may be given in.
_UNITS = {"s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def duration_seconds(
    ctx: click.Context | None, param: click.Parameter | None, value: Any
) -> float | None:
    """Callback: a positive duration such as ``6h``, ``30m``, ``90s`` or ``3600`` (seconds).

    Examples
    --------
    >>> duration_seconds(None, None, "6h"), duration_seconds(None, None, "90")
    (21600.0, 90.0)
    """
    if value is None:
        return None
    hint = f"'{param.opts[0]}'" if param is not None else None
    text = str(value).strip().lower()
    unit = next((u for u in sorted(_UNITS, key=len, reverse=True) if text.endswith(u)), "")
    number = text[: len(text) - len(unit)] if unit else text
    try:
        seconds = float(number) * _UNITS.get(unit, 1.0)
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: give a duration such as 6h, 30m or 90s", param_hint=hint
        ) from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise click.BadParameter(f"{value!r}: give a duration greater than zero", param_hint=hint)
    return seconds
