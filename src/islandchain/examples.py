"""Claims files shipped with islandchain: the article's claims and its other readings.

>>> from islandchain.examples import claims_file
>>> claims_file("article").name
'article.toml'
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError

__all__ = ["claims_file", "claims_files"]

_FOLDER = Path(__file__).resolve().parent / "claim_files"


def claims_files() -> dict[str, Path]:
    """Return the shipped claims files by name (the file name without ``.toml``).

    Examples
    --------
    >>> sorted(claims_files())
    ['article', 'taiwan-readings']
    """
    return {p.stem: p for p in sorted(_FOLDER.glob("*.toml"))}


def claims_file(name: str = "article") -> Path:
    """Return the path of a shipped claims file.

    Parameters
    ----------
    name : str
        ``"article"`` (the article's statements) or another name from
        :func:`claims_files`.

    Returns
    -------
    pathlib.Path
        The file, inside the installed package.

    Raises
    ------
    InputError
        If there is no such file.

    Examples
    --------
    >>> claims_file("taiwan-readings").exists()
    True
    """
    files = claims_files()
    if name not in files:
        raise InputError(f"no shipped claims file {name!r}; choose one of {', '.join(files)}")
    return files[name]
