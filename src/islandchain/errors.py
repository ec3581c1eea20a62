"""Exceptions raised by islandchain, all under one root.

Every error a user can cause derives from :class:`IslandchainError`, so the
command line can turn it into one clear message and exit status 2.

>>> from islandchain.errors import IslandchainError, UnknownPlaceError
>>> issubclass(UnknownPlaceError, IslandchainError)
True
>>> str(UnknownPlaceError("Yonagni", ("Yonaguni",))).startswith("unknown place 'Yonagni'")
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

__all__ = [
    "CacheWarning",
    "ClaimError",
    "DataError",
    "GeodesyError",
    "InputError",
    "IslandchainError",
    "IslandchainWarning",
    "MapError",
    "OfflineExportError",
    "OutputError",
    "OutsideRegionError",
    "PositionError",
    "TrackError",
    "UncheckableWidthError",
    "UnknownPlaceError",
]


class IslandchainError(ValueError):
    """Base class of errors caused by bad input or bad data."""


class InputError(IslandchainError):
    """A file, option or value given by the user that cannot be used.

    The message names the input, the field and the fix.
    """


class UnknownPlaceError(IslandchainError, LookupError):
    """A place name that is not in the gazetteer.

    Attributes
    ----------
    name : str
        The name that was asked for.
    suggestions : tuple of str
        The closest known names, best first. May be given as a function that
        finds them: it is then called only when the suggestions or the message
        are asked for, so that code trying many phrases that are not places
        (text extraction) does not pay for the search.
    """

    def __init__(
        self, name: str, suggestions: Iterable[str] | Callable[[], Iterable[str]] = ()
    ) -> None:
        self.name = name
        self._find: Callable[[], Iterable[str]] | None = None
        self._suggestions: tuple[str, ...] | None = None
        if callable(suggestions):
            self._find = suggestions
        else:
            self._suggestions = tuple(suggestions)
        super().__init__(name)

    @property
    def suggestions(self) -> tuple[str, ...]:
        if self._suggestions is None:
            assert self._find is not None  # one of the two is always given
            self._suggestions = tuple(self._find())
        return self._suggestions

    def __str__(self) -> str:
        hint = (
            f" Did you mean: {', '.join(repr(s) for s in self.suggestions)}?"
            if self.suggestions
            else ""
        )
        return (
            f"unknown place {self.name!r}.{hint} Run `islandchain features` to list every "
            "known name."
        )


class OutsideRegionError(UnknownPlaceError):
    """A place that exists but lies outside the region the data cover.

    Attributes
    ----------
    name : str
        The name that was asked for.
    where : str
        Where the place is, e.g. ``"24.30N 153.97E"`` (empty if not known).
    region : str
        The region's bounds as text.
    """

    def __init__(self, name: str, where: str, region: str) -> None:
        super().__init__(name, ())
        self.where, self.region = where, region

    def __str__(self) -> str:
        at = f" (at {self.where})" if self.where else ""
        return (
            f"{self.name!r}{at} lies outside the region islandchain's data cover: "
            f"{self.region}. Only places inside it can be measured."
        )


class UncheckableWidthError(IslandchainError):
    """A strait width that the data cannot measure as asked.

    Raised for a width "at its widest" or "on average" of a strait whose ends
    the data do not define: such a figure cannot be checked, and must never be
    compared with the narrowest crossing instead.

    Attributes
    ----------
    strait : str
        The strait's name.
    at : str
        The crossing asked for (``"widest"``, ``"average"``).
    reason : str
        Why it cannot be measured.
    """

    def __init__(self, strait: str, at: str, reason: str) -> None:
        self.strait, self.at, self.reason = strait, at, reason
        super().__init__(f"the {at} width of the {strait} cannot be checked: {reason}")


class DataError(IslandchainError):
    """The data under geo/ is missing, malformed or inconsistent."""


class GeodesyError(IslandchainError):
    """Coordinates or geometries that cannot be measured."""


class PositionError(IslandchainError):
    """A position that cannot be read as latitude and longitude."""


class ClaimError(IslandchainError):
    """A claim that cannot be read: names the file, the claim and the field."""

    def __init__(self, where: str, claim: str, fld: str, problem: str) -> None:
        self.where, self.claim, self.field, self.problem = where, claim, fld, problem
        if claim == "-" and fld == "file":  # the file itself, not one of its claims
            super().__init__(f"{where}: {problem}")
        else:
            super().__init__(f"{where}: claim {claim!r}, field {fld!r}: {problem}")


class MapError(IslandchainError):
    """A map that cannot be drawn as asked (style, colour, layer, tiles)."""


class OfflineExportError(MapError):
    """The map cannot be written as a page that opens with no network."""


class OutputError(IslandchainError):
    """An output file that cannot be written; the previous file is left intact."""


class TrackError(InputError):
    """Positions that cannot be read as tracks: one line naming the file, the row, the field and
    the fix (unsorted rows, a missing column, a time that is not UTC, a position out of range)."""


class IslandchainWarning(UserWarning):
    """Base class of the warnings islandchain gives (the command line shows each as one line)."""


class CacheWarning(IslandchainWarning):
    """The cache folder cannot be written: every run builds its derived geometry again."""
