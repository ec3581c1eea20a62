"""Benchmark of name resolution, the hot path of text extraction.

Run it with ``python benchmarks/bench_names.py``. It prints the time to build
the name index once (every name of every feature, normalised: case, macrons,
quotes, simplified/traditional script), then the cost per call of
``resolve`` for names that are found (Latin and CJK), for phrases that are
not (what extraction tries most often), and of ``name_table``.

Target: a found name well under 50 µs and a phrase that is not a place under
100 µs per call once the index is built, so that trying every candidate phrase
of an article costs milliseconds.
"""

from __future__ import annotations

import argparse
import time

from islandchain import data
from islandchain.errors import UnknownPlaceError

FOUND = ["Taipei", "Yonaguni Island", "Senkaku/Diaoyu/Tiaoyutai Islands", "Y’Ami", "Kaohsiung city"]
FOUND_CJK = ["与那国島", "釣魚臺列嶼", "钓鱼台列屿", "臺北市"]
NOT_FOUND = ["the coast guard said", "roughly 350 km", "its narrowest point", "exercise"]


def per_call(names: list[str], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for name in names:
            try:
                data.lookup(name)
            except UnknownPlaceError:
                pass
    return (time.perf_counter() - start) / (repeat * len(names)) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    start = time.perf_counter()
    data.gazetteer()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    index = data._name_index()
    built = time.perf_counter() - start
    print(f"gazetteer read: {len(data.gazetteer())} features in {loaded:.2f} s")
    print(f"name index built once: {len(index.keys)} keys in {built:.2f} s")
    print(f"found, Latin:   {per_call(FOUND, args.repeat):6.1f} µs per name")
    print(f"found, CJK:     {per_call(FOUND_CJK, args.repeat):6.1f} µs per name")
    print(f"not a place:    {per_call(NOT_FOUND, args.repeat):6.1f} µs per phrase (lookup only)")
    start = time.perf_counter()
    errors = []
    for phrase in NOT_FOUND:
        try:
            data.resolve(phrase)
        except UnknownPlaceError as err:
            errors.append(err)
    missed = (time.perf_counter() - start) / len(NOT_FOUND) * 1e6
    print(f"resolve, not a place: {missed:6.1f} µs per phrase (suggestions found only when read)")
    start = time.perf_counter()
    for err in errors:
        str(err)
    print(
        f"its message with suggestions: "
        f"{(time.perf_counter() - start) / len(errors) * 1e3:.1f} ms per phrase"
    )
    start = time.perf_counter()
    data.name_table.cache_clear()
    rows = data.name_table()
    print(f"name_table: {len(rows)} rows in {time.perf_counter() - start:.2f} s (then cached)")


if __name__ == "__main__":
    main()
