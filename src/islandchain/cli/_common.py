"""Helpers shared by the subcommands: exit statuses, safe terminal text, tables.

Exit statuses (documented in the README):

===  ==========================================================================
0    success; for ``verify``, every claim holds
1    ``verify``: some claim does not hold or cannot be checked
2    bad input: an unreadable file, a malformed claim, an unknown place, a bad
     option or an output that cannot be written (one line on standard error);
     a group run without its subcommand (its help, on standard error)
3    internal error: a bug in islandchain (one line; ``ISLANDCHAIN_DEBUG=1``
     shows the traceback)
130  interrupted (Ctrl-C)
143  terminated (SIGTERM): one line; a file being written is not left behind
===  ==========================================================================
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator
from enum import IntEnum
from typing import TYPE_CHECKING, TextIO

import click

from ..errors import IslandchainError, IslandchainWarning
from ..tables import clean_text, markdown_table, table

if TYPE_CHECKING:
    from ..verdicts import Verdict

__all__ = [
    "FORMATS",
    "ExitStatus",
    "SafeText",
    "clean_text",
    "exit_status",
    "markdown_table",
    "progress_line",
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
    TERMINATED = 143


class Terminated(BaseException):
    """Raised by the SIGTERM handler, so that ``finally`` blocks (temporary files) run."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


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


def _show_warning(show: Callable[..., None]) -> Callable[..., None]:
    """``warnings.showwarning`` giving islandchain's warnings as one line on stderr."""
    if getattr(show, "islandchain", False):
        return show

    def one_line(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, IslandchainWarning):
            click.echo(f"islandchain: warning: {_one_line(str(message))}", err=True)
        else:
            show(message, category, filename, lineno, file, line)

    one_line.islandchain = True  # type: ignore[attr-defined]
    return one_line


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
    warnings.showwarning = _show_warning(warnings.showwarning)
    with contextlib.suppress(ValueError):  # only the main thread can set a handler
        signal.signal(signal.SIGTERM, _terminate)
    try:
        # Without standalone mode click returns an Exit's status instead of raising it.
        status = command.main(standalone_mode=False)
        sys.stdout.flush()
        sys.exit(status if isinstance(status, int) else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        _fail("interrupted", ExitStatus.INTERRUPTED)
    except Terminated:
        _fail("terminated (SIGTERM); no partly written file was left", ExitStatus.TERMINATED)
    except click.exceptions.NoArgsIsHelpError as exc:
        # A group run without its command: click's multi-line help on standard error.
        exc.show()
        sys.exit(int(ExitStatus.BAD_INPUT))
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


def exit_status(verdicts: Iterable[Verdict]) -> ExitStatus:
    """The exit status for a set of verdicts.

    3 when a check failed unexpectedly (a bug), 2 when a claim could not be
    read, 1 when a claim does not hold or cannot be checked, 0 when every
    claim holds (on the default reading or on another named one).
    """
    status = ExitStatus.OK
    for v in verdicts:
        if v.internal_error:
            return ExitStatus.INTERNAL
        if v.malformed:
            status = ExitStatus.BAD_INPUT
        elif not v.holds and status == ExitStatus.OK:
            status = ExitStatus.FAILED
    return status


@contextlib.contextmanager
def progress_line(what: str, least: int = 0) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback showing "WHAT done/total" on a terminal.

    Like ``verify``'s count of claims: on standard error, at most 5 times a
    second, and only when it is a terminal (None otherwise, so pipes and
    files stay clean) and the run has at least ``least`` steps; the line is
    cleared at the end.
    """
    if not sys.stderr.isatty():
        yield None
        return
    last, shown = [0.0], [False]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if total >= least and (now - last[0] > 0.2 or done == total):
            sys.stderr.write(f"\r{what} {done:,}/{total:,}")
            sys.stderr.flush()
            last[0], shown[0] = now, True

    try:
        yield show
    finally:
        if shown[0]:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
