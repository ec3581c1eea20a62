"""Where the geodata is: the one path every data and cache module starts from.

Kept apart from :mod:`islandchain.data` so that :mod:`islandchain.cache`,
which keys its files on the data's version, and the data, which is read
through the cache, do not import each other.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir"]


def data_dir() -> Path:
    """Return the folder holding the geodata.

    ``ISLANDCHAIN_DATA`` overrides it; otherwise the data installed with the
    package (``islandchain/geo``, a link to the checkout's ``geo/`` folder in
    a source tree, copied into the wheel) is used, as pyproj finds its data.

    Returns
    -------
    Path
        The data folder.

    Examples
    --------
    >>> (data_dir() / "gazetteer.csv").exists()
    True
    """
    env = os.environ.get("ISLANDCHAIN_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent / "geo"
