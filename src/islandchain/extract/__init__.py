"""Find distance statements in English, Japanese and Chinese text.

Turns sentences such as "Taiwan lies 111km west of Japan-administered Yonaguni
Island and 170km southwest of the Senkaku islands" or 「与那国島は台湾の東約110キロに
位置する」 into claims that :mod:`islandchain.claims` checks, and lists every other
distance figure with the reason it was not read as a claim.

The steps, one module each:

- :mod:`~islandchain.extract.text`: normalisation that keeps offsets, sentences;
- :mod:`~islandchain.extract.mentions`: places, through the gazetteer's names;
- :mod:`~islandchain.extract.quantities`: figures, units, ranges, qualifiers;
- :mod:`~islandchain.extract.relations`: which figure joins which places;
- :mod:`~islandchain.extract.patterns`: the patterns, as data;
- :mod:`~islandchain.extract.report`: claims file, JSON, skipped-figures report.

>>> found = extract_claims("彭佳嶼位於基隆東北方約56公里。")
>>> c = found.claims[0]
>>> c.subject_id, c.reference_id, c.distance, c.unit, c.direction, c.qualifier
('pengjia', 'keelung_city', 56.0, 'km', 'northeast', '約')
"""

from __future__ import annotations

from .core import (
    LIMITS,
    DirectionStatement,
    ExtractedClaim,
    Extraction,
    Skipped,
    Unresolved,
    extract_claims,
)
from .report import skipped_report, to_json, to_toml

__all__ = [
    "LIMITS",
    "DirectionStatement",
    "ExtractedClaim",
    "Extraction",
    "Skipped",
    "Unresolved",
    "extract_claims",
    "skipped_report",
    "to_json",
    "to_toml",
]
