r"""Bytes to text, with limits applied while reading: the one decoder of every input.

Claims files, articles and GeoJSON files are read through :func:`read_text`: in
chunks of :data:`CHUNK_BYTES`, stopping as soon as the limit is passed (so
``/dev/zero`` or an endless standard input stops at the limit, and a file is never
held whole to find it too long), then decoded by :func:`decode_text`: UTF-8 (with or
without a byte-order mark), UTF-16 and UTF-32 with a byte-order mark, and UTF-16 and
UTF-32 without one when their zero bytes show them (Latin text in UTF-16 has a zero
in every other byte); anything else is refused in one line naming the encoding tried.

Examples
--------
>>> decode_text("Taiwan".encode("utf-16-le"), "a.txt")
'Taiwan'
>>> decode_text("台湾".encode("utf-32"), "a.txt"), decode_text("Yonaguni".encode("utf-32-be"), "a")
('台湾', 'Yonaguni')
>>> decode_text(b"\x00\x00\x00\x00", "a.txt")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
islandchain.errors.InputError: a.txt: binary data (zero bytes), not UTF-8 text; ...
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

__all__ = ["CHUNK_BYTES", "decode_text", "read_bytes", "read_text"]

#: Bytes read at a time.
CHUNK_BYTES = 1 << 20

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(source: str | os.PathLike[str], limit: int, where: str, fix: str) -> bytes:
    """The bytes of ``source`` (a path, or ``"-"`` for standard input), at most ``limit``.

    Read in chunks; more than ``limit`` bytes raises :class:`InputError` as soon as
    the limit is passed, naming ``where``, the limit and ``fix``.
    """
    if str(source) == "-":
        return _read_stream(sys.stdin.buffer, limit, where, fix)
    try:
        with Path(source).open("rb") as stream:
            return _read_stream(stream, limit, where, fix)
    except FileNotFoundError:
        raise InputError(f"{where}: cannot read (no such file)") from None
    except IsADirectoryError:
        raise InputError(f"{where}: cannot read (a folder, not a file)") from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read ({exc.strerror or exc})") from None


def _read_stream(stream: BinaryIO, limit: int, where: str, fix: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(CHUNK_BYTES, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > limit:
            raise InputError(f"{where}: more than the {limit:,} bytes read; {fix}")
        parts.append(chunk)


def decode_text(data: bytes, where: str) -> str:
    """Decode ``data`` as UTF-8, UTF-16 or UTF-32 (see the module); one line on failure."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data, codec, where)
    guess = _zero_pattern(data[:4096])
    if guess is not None:
        return _decode(data, guess, where)
    if b"\x00" in data:
        raise InputError(
            f"{where}: binary data (zero bytes), not UTF-8 text; save it as UTF-8 "
            "(UTF-16 or UTF-32 are read with a byte-order mark)"
        )
    return _decode(data, "utf-8", where)


def _decode(data: bytes, codec: str, where: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        name = codec.upper().removesuffix("-SIG")
        raise InputError(
            f"{where}: not {name} text (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def _zero_pattern(head: bytes) -> str | None:
    """The encoding that the zero bytes of ``head`` show: UTF-16 LE/BE text, UTF-32, or None."""
    n = len(head) - len(head) % 4
    if n < 4 or head.count(0) == n:
        return None
    quarter, half = n // 4, n // 2
    zeros = [head[k:n:4].count(0) for k in range(4)]
    if zeros[2] == zeros[3] == quarter:
        return "utf-32-le"
    if zeros[0] == zeros[1] == quarter:
        return "utf-32-be"
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    if odd >= 0.4 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def read_text(source: str | os.PathLike[str], limit: int, where: str, fix: str) -> str:
    """:func:`read_bytes` then :func:`decode_text`.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes(b"x" * 10)
    >>> read_text(path, 5, "a.txt", "split the file")
    Traceback (most recent call last):
    ...
    islandchain.errors.InputError: a.txt: more than the 5 bytes read; split the file
    """
    return decode_text(read_bytes(source, limit, where, fix), where)
