"""Atomic file writes: a temporary file beside the target, then a rename.

Every file islandchain writes (maps, figures, claims files, cached geometry)
goes through :func:`write_atomic`, so a failed run never leaves a truncated
file in place of a good one. :mod:`islandchain.export` re-exports it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, then a rename.

    A failed write (disk full, no permission, a folder that cannot be made)
    leaves any previous file at ``path`` as it was and raises
    :class:`~islandchain.errors.OutputError` naming the file and the cause.

    Parameters
    ----------
    path : str or path-like
        The file to write; missing parent folders are created.
    data : str or bytes
        The content; text is written as UTF-8 with no newline translation.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> write_atomic(out, "one").read_text()
    'one'
    >>> write_atomic(out, b"two").read_text()
    'two'
    """
    out = Path(path)
    if not str(path) or out.name in ("", ".", ".."):
        raise OutputError(f"output path {str(path)!r}: give a file name, e.g. out/map.html")
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if out.is_dir():
        raise OutputError(f"output {str(out)!r} is a folder: give a file name inside it")
    if out.exists() and not out.is_file():
        # /dev/full, a FIFO, a device: there is nothing to rename over, write in place.
        try:
            with open(out, "wb") as fh:
                fh.write(payload)
        except OSError as exc:
            raise OutputError(f"cannot write {str(out)!r}: {exc.strerror or exc}") from None
        return out
    tmp: str | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if out.exists():
            os.chmod(tmp, out.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise OutputError(
            f"cannot write {str(out)!r}: {why}; the previous file, if any, is unchanged"
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return out
