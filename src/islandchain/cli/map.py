"""``islandchain map``: draw checked claims, or announced areas, as an offline map or a figure."""

from __future__ import annotations

from pathlib import Path

import click

from ..claims import check_claims, load_claims
from ..examples import claims_file
from .options import MAP_SUFFIXES, cross_check_option, output_option, tiles_option

__all__ = ["LANG_OPTION", "map_cmd"]

#: ``--lang``: the language of place names on maps and figures.
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["en", "ja", "zh"]),
    default="en",
    show_default=True,
    help="Language of the place names: English, Japanese or Chinese.",
)


@click.command("map")
@click.argument("claims", required=False, default=None)
@output_option(
    default=Path("out/map.html"),
    suffixes=MAP_SUFFIXES,
    help="The file to write: .html (offline map) or .png, .svg, .pdf (static figure).",
)
@click.option(
    "--areas",
    default=None,
    metavar="ID",
    help="Draw published areas instead of claims: an id or group from "
    "`islandchain zones areas`, e.g. pla-2022-08, over the maritime zones.",
)
@tiles_option
@LANG_OPTION
@cross_check_option
def map_cmd(
    claims: str | None,
    output: Path,
    areas: str | None,
    tiles: str | None,
    lang: str,
    no_cross_check: bool,
) -> None:
    """Draw the claims in CLAIMS (default: the article's) as a map or a figure.

    Each distance claim shows the geodesic between the two points that
    realise the measured distance, labelled with the measured and stated
    figures and coloured by verdict, and a ring at the stated distance
    around the reference place. An .html file holds every script, style and
    shape it needs and opens with no network; .png, .svg and .pdf are
    figures for print, in a projection centred on the story.
    """
    if areas is not None:
        if claims is not None:
            raise click.UsageError("give either CLAIMS or --areas, not both")
        from ..export import to_map
        from ..mapping.stories import zones_story
        from ..published import published_area, published_areas

        found = published_area(areas)
        frame = published_areas()
        chosen = frame.loc[[a.id for a in found if a.id in frame.index]]
        if chosen.empty:
            raise click.BadParameter(
                f"{areas!r} names no published area (only lines)", param_hint="--areas"
            )
        path = to_map(zones_story(areas=chosen, lang=lang), output, tiles=tiles)
        click.echo(f"{path}: {len(chosen)} areas, {path.stat().st_size:,} bytes")
        return
    from ..export import to_map
    from ..mapping.stories import claims_story

    source, parsed = load_claims(claims or claims_file("article"))
    verdicts = check_claims(parsed, cross_check=not no_cross_check)
    story = claims_story(verdicts, lang=lang, source=str(source.get("title") or ""))
    path = to_map(story, output, tiles=tiles)
    held = sum(v.holds for v in verdicts)
    click.echo(f"{path}: {len(verdicts)} claims ({held} hold), {path.stat().st_size:,} bytes")
