"""Helpers shared by the subcommands: error handling and table output."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from ..errors import IslandchainError

__all__ = ["FORMATS", "markdown_table", "run_safely", "table"]

#: Output formats of the commands that print tables.
FORMATS = ("table", "json", "markdown", "csv")


def run_safely(command: click.Command) -> None:
    """Run a click command; a user error becomes one message and exit status 2."""
    try:
        # Without standalone mode click returns an Exit's status instead of raising it.
        status = command.main(standalone_mode=False)
        sys.exit(status if isinstance(status, int) else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except IslandchainError as exc:
        click.echo(f"islandchain: error: {exc}", err=True)
        sys.exit(2)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Format rows as a plain-text table with aligned columns."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "-"
    if isinstance(value, float):
        return f"{value:.4f}"
    return "-" if value in ("", None) else str(value)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Format rows as a Markdown table, escaping the pipes inside cells."""

    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(headers), "|" + "---|" * len(headers), *map(line, rows)])
