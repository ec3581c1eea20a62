"""The ``islandchain`` command line: one command group, one module per subcommand."""

from __future__ import annotations

import click

from .._version import __version__
from ._common import run_safely

__all__ = ["cli", "main"]

#: Each subcommand: the module of this package that defines it, and its name there.
_COMMANDS = {
    "article": ("article", "article"),
    "chain": ("chain", "chain"),
    "data": ("data", "data"),
    "extract": ("extract", "extract"),
    "features": ("features", "features_cmd"),
    "map": ("map", "map_cmd"),
    "tracks": ("tracks", "tracks"),
    "serve": ("serve", "serve"),
    "verify": ("verify", "verify"),
    "zones": ("zones", "zones"),
}


class _LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs.

    Click's documented pattern for lazy subcommands: ``islandchain zones check``
    loads the zones command alone, not the map-making or extraction code of
    the others (``--help`` still lists them all).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _COMMANDS and cmd_name not in self.commands:
            import importlib

            module, attr = _COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f".{module}", __name__), attr)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # Click suggests close names among the commands already loaded; offer all of them.
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="islandchain")
def cli() -> None:
    """Check claims about the geography of the first island chain.

    Distances and bearings are geodesics on the WGS84 ellipsoid, measured
    between full-resolution coastlines (OpenStreetMap land polygons, with
    GSHHG as a cross-check). Run `islandchain COMMAND --help` for each
    command.
    """


def main() -> None:
    """Entry point of the console script."""
    run_safely(cli)
