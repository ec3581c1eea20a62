"""The page: paste an article, upload a file or type a claim, and see what holds.

Started by ``islandchain serve`` (on 127.0.0.1 only, no network needed).
:mod:`~islandchain.app.checking` does the work of one request,
:mod:`~islandchain.app.outputs` makes the downloads,
:mod:`~islandchain.app.messages` holds the interface's words and
:mod:`~islandchain.app.web` is the Starlette app.
"""

from __future__ import annotations

from .checking import Checked, Work, check_work, work_from_text
from .web import MAX_REQUEST_BYTES, create_app

__all__ = ["MAX_REQUEST_BYTES", "Checked", "Work", "check_work", "create_app", "work_from_text"]
