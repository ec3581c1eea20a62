"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository's root folder."""
    return REPO


@pytest.fixture(scope="session")
def article_text() -> str:
    """The article the project started from (../shared/article.txt beside the checkout)."""
    path = REPO.parent / "shared" / "article.txt"
    if not path.exists():
        path = Path("/work/shared/article.txt")
    return path.read_text(encoding="utf-8")
