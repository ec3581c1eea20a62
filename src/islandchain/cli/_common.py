"""Helpers shared by the subcommands: exit statuses, safe terminal text, tables.

Exit statuses (documented in the README):

===  ==========================================================================
0    success; for ``verify``, every claim holds
1    ``verify``: some claim does not hold or cannot be checked
2    bad input: an unreadable file, a malformed claim, an unknown place, a bad
     option or an output that cannot be written (one line on standard error)
3    internal error: a bug in islandchain (one line; ``ISLANDCHAIN_DEBUG=1``
     shows the traceback)
130  interrupted (Ctrl-C)
===  ==========================================================================
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import traceback
from collections.abc import Sequence
from enum import IntEnum
from typing import TextIO

import click

from ..errors import IslandchainError

__all__ = [
    "FORMATS",
    "ExitStatus",
    "SafeText",
    "clean_text",
    "markdown_table",
    "run_safely",
    "table",
]

#: Output formats of the commands that print tables.
FORMATS = ("table", "json", "markdown", "csv")


class ExitStatus(IntEnum):
    """The exit statuses of every ``islandchain`` command."""

    OK = 0
    FAILED = 1
    BAD_INPUT = 2
    INTERNAL = 3
    INTERRUPTED = 130


# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional
# overrides and isolates that can make a terminal line read differently.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    r"""Remove control characters (escape sequences, C1, bidi overrides) from text.

    Tabs and newlines stay. Used for everything the command line prints, so
    that nothing read from an article or a file reaches the terminal raw.

    Examples
    --------
    >>> clean_text("Yonaguni\x1b[2J\u202e ok\n")
    'Yonaguni[2J ok\n'
    """
    return _UNSAFE.sub("", text)


class SafeText(io.TextIOBase):
    """A text stream that removes control characters before writing to another.

    Parameters
    ----------
    stream : text stream
        Where the cleaned text goes (``sys.stdout`` or ``sys.stderr``).
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "errors", None) or "strict"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._stream.write(clean_text(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


def _fail(message: str, status: ExitStatus) -> None:
    click.echo(f"islandchain: {message}", err=True)
    sys.exit(int(status))


def run_safely(command: click.Command) -> None:
    """Run a click command with the documented exit statuses and one-line errors.

    Standard output and error are cleaned of control characters; a user error
    becomes one message and status 2; anything unexpected becomes one line and
    status 3 (``ISLANDCHAIN_DEBUG=1`` prints the traceback).
    """
    if not isinstance(sys.stdout, SafeText):
        sys.stdout = SafeText(sys.stdout)
    if not isinstance(sys.stderr, SafeText):
        sys.stderr = SafeText(sys.stderr)
    try:
        # Without standalone mode click returns an Exit's status instead of raising it.
        status = command.main(standalone_mode=False)
        sys.stdout.flush()
        sys.exit(status if isinstance(status, int) else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        _fail("interrupted", ExitStatus.INTERRUPTED)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "islandchain"
        _fail(
            f"error: {_one_line(exc.format_message())} (see `{where} --help`)",
            ExitStatus.BAD_INPUT,
        )
    except click.ClickException as exc:
        _fail(f"error: {_one_line(exc.format_message())}", ExitStatus.BAD_INPUT)
    except IslandchainError as exc:
        _fail(f"error: {_one_line(str(exc))}", ExitStatus.BAD_INPUT)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error. Python's documented recipe:
        # point stdout at devnull so that the flush at exit does not fail again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())  # type: ignore[union-attr]
        sys.exit(int(ExitStatus.OK))
    except MemoryError:
        _fail("error: out of memory; try a smaller input", ExitStatus.BAD_INPUT)
    except RecursionError:
        _fail("error: the input is nested too deeply to read", ExitStatus.BAD_INPUT)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("ISLANDCHAIN_DEBUG"):
            traceback.print_exc()
        _fail(
            f"internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(a bug in islandchain; ISLANDCHAIN_DEBUG=1 shows the traceback)",
            ExitStatus.INTERNAL,
        )


def _one_line(message: str, limit: int = 2000) -> str:
    """Join a message's lines and cut it to ``limit`` characters."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
