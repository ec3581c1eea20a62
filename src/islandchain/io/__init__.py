"""Reading input: bytes to text with limits, in one place (``decode``)."""

from __future__ import annotations

from .decode import CHUNK_BYTES, decode_text, read_bytes, read_text

__all__ = ["CHUNK_BYTES", "decode_text", "read_bytes", "read_text"]
