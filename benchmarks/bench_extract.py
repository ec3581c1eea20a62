"""Benchmark of text extraction: how its time grows with the text, on ordinary and hostile input.

Run it with ``python benchmarks/bench_extract.py [--size 1000000]``. It prints, for texts
built from the test corpus and for hostile texts (long runs of capitalised words, tens of
thousands of figures, one enormous word), the time taken, the characters per second and the
limits the extraction reported. Doubling the size should about double the time: the work
is linear in the text, and bounded by :data:`islandchain.extract.LIMITS`.
"""

from __future__ import annotations

import argparse
import time
import tomllib
from pathlib import Path

from islandchain.extract import LIMITS, extract_claims

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "distances.toml"


def corpus_text(size: int) -> str:
    """The corpus's sentences repeated to ``size`` characters (each once if ``size`` is 0)."""
    cases = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
    text = "\n\n".join(c["text"] for c in cases)
    if size <= 0:  # every sentence once
        return text
    return ((text + "\n\n") * (size // len(text) + 1))[:size]


def texts(size: int) -> dict[str, str]:
    caps = "Great Northern Capital Phrase Words Of The Eastern Sea "
    return {
        "corpus sentences": corpus_text(size),
        "capitalised words": (caps * (size // len(caps) + 1))[:size],
        "figures": ("123 km " * (size // 7 + 1))[:size],
        "one word": "a" * size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000, help="largest text, characters")
    args = parser.parse_args()
    # The first call, over every sentence of the corpus once (all three languages),
    # loads the gazetteer, the features' geometries (for the other readings of a
    # figure), the number readers and each language's patterns; it is timed apart.
    once = corpus_text(0)
    start = time.perf_counter()
    extract_claims(once)
    took = time.perf_counter() - start
    print(f"first call (the corpus once, {len(once):,} characters, loads the data): {took:.2f} s")
    print(f"limits: {LIMITS}")
    print(f"{'text':<20} {'chars':>10} {'seconds':>8} {'chars/s':>9} claims skipped  limits")
    for size in (args.size // 4, args.size // 2, args.size):
        for name, text in texts(size).items():
            start = time.perf_counter()
            found = extract_claims(text)
            took = time.perf_counter() - start
            print(
                f"{name:<20} {len(text):>10,} {took:>8.2f} {len(text) / took:>9,.0f} "
                f"{len(found.claims):>6} {len(found.skipped):>7}  {len(found.limits)}"
            )


if __name__ == "__main__":
    main()
