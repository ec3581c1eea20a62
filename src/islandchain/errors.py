"""Exceptions raised by islandchain.

Every error a user can cause derives from :class:`IslandchainError`, so the
command line can turn it into one clear message and exit status 2.
"""

from __future__ import annotations

__all__ = ["IslandchainError", "UnknownPlaceError", "DataError"]


class IslandchainError(ValueError):
    """Base class of errors caused by bad input or bad data."""


class UnknownPlaceError(IslandchainError, LookupError):
    """A place name that is not in the gazetteer.

    Attributes
    ----------
    name : str
        The name that was asked for.
    suggestions : tuple of str
        The closest known names, best first.
    """

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = (
            f" Did you mean: {', '.join(repr(s) for s in self.suggestions)}?"
            if self.suggestions
            else ""
        )
        super().__init__(
            f"unknown place {name!r}.{hint} Run `islandchain features` to list every known name."
        )


class DataError(IslandchainError):
    """The data under geo/ is missing, malformed or inconsistent."""
