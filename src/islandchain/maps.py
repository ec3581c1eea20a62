"""Whole maps of claims, waters and the island chain (see :mod:`islandchain.mapping`).

Kept so that ``from islandchain.maps import zones_map`` goes on working; the
code lives in :mod:`islandchain.mapping.maps` and :mod:`islandchain.mapping.stories`.
"""

from __future__ import annotations

from .mapping.maps import ClaimDrawing, chain_map, claim_drawing, claims_map, zones_map

__all__ = ["ClaimDrawing", "chain_map", "claim_drawing", "claims_map", "zones_map"]
