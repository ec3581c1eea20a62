"""Benchmark of checking many claims: a claims file of N statements over a few pairs.

Run it with ``python benchmarks/bench_verify.py --claims 10000`` (from the
repository's folder, with islandchain importable). It writes a claims file of
``--claims`` distance statements drawn (with a fixed seed) from 30 pairs of
places, with figures, qualifiers and directions varied, reads it with
``load_claims`` and checks it with ``check_claims`` (GSHHG cross-check on, as
``islandchain verify`` does by default), and prints the time of each step and
the count of each status.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import islandchain as ic

PAIRS = [
    ("Taiwan", "Yonaguni"),
    ("Taiwan", "Senkaku Islands"),
    ("Senkaku Islands", "Okinawa Island"),
    ("Kyushu", "Taiwan"),
    ("Yonaguni", "Iriomote"),
    ("Ishigaki", "Miyako"),
    ("Okinawa Island", "Amami Oshima"),
    ("Batanes Islands", "Taiwan"),
    ("Itbayat", "Orchid Island"),
    ("Luzon", "Taiwan"),
    ("Kinmen", "Xiamen"),
    ("Matsu Islands", "Taiwan"),
    ("Pengjia Islet", "Senkaku Islands"),
    ("Penghu", "Taiwan"),
    ("Hateruma", "Taiwan"),
    ("Tanegashima", "Kyushu"),
    ("Uotsuri Island", "Ishigaki"),
    ("Green Island", "Orchid Island"),
    ("Yonaguni", "Hualien"),
    ("Miyako", "Okinawa Island"),
    ("Zhoushan", "Senkaku Islands"),
    ("Pingtan", "Taiwan"),
    ("Mindoro", "Luzon"),
    ("Palawan", "Borneo"),
    ("Balabac", "Banggi"),
    ("Shikoku", "Kyushu"),
    ("Honshu", "Shikoku"),
    ("Ishigaki", "Iriomote"),
    ("Yami", "Itbayat"),
    ("Kuba", "Taisho"),
]
DIRECTIONS = [
    "",
    "north",
    "northeast",
    "east",
    "southeast",
    "south",
    "southwest",
    "west",
    "northwest",
]
QUALIFIERS = ["", "", "about", "some", "nearly"]


def write_claims(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    lines = ['[source]\ntitle = "benchmark"\n']
    for i in range(n):
        subject, reference = rng.choice(PAIRS)
        lines.append(
            f'[[claim]]\nid = "c{i}"\nsubject = "{subject}"\nreference = "{reference}"\n'
            f"distance = {rng.randint(1, 1200)}\n"
            f'direction = "{rng.choice(DIRECTIONS)}"\nqualifier = "{rng.choice(QUALIFIERS)}"\n'
        )
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--no-cross-check", action="store_true")
    args = parser.parse_args()
    ic.features()  # load the data first: not part of the measure
    ic.features("gshhg")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.toml"
        write_claims(path, args.claims)
        t0 = time.perf_counter()
        _, claims = ic.load_claims(path)
        t1 = time.perf_counter()
        verdicts = ic.check_claims(claims, cross_check=not args.no_cross_check)
        t2 = time.perf_counter()
    print(f"{args.claims} claims over {len(PAIRS)} pairs")
    print(f"read:  {t1 - t0:8.2f} s")
    print(f"check: {t2 - t1:8.2f} s  ({1000 * (t2 - t1) / args.claims:.1f} ms a claim)")
    print("statuses:", dict(Counter(str(v.status) for v in verdicts)))


if __name__ == "__main__":
    main()
