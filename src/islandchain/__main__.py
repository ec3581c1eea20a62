"""``python -m islandchain``: the command line, as the ``islandchain`` script runs it."""

from __future__ import annotations

if __name__ == "__main__":
    from .cli import main

    main()
